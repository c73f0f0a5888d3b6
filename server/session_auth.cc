// Client authentication (PostgreSQL's ClientAuthentication): the hba rules
// pick a method for the connection; trust completes the startup at once,
// reject and a missing rule end it with 28000, and password, md5 and
// scram-sha-256 exchange messages first. Failures of every kind (no such
// role, no password, expired VALID UNTIL, wrong password) look the same to
// the client, in message and in work done: 28P01 `password authentication
// failed for user "x"`, the reason in the server log only.
#include <chrono>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/error.h"
#include "common/password_hash.h"
#include "protocol/error_response.h"
#include "server/session.h"

namespace basalt::server {

namespace {

// Microseconds from 2000-01-01 (PostgreSQL's epoch) to now.
int64_t NowSincePostgresEpoch() {
  constexpr int64_t kUnixToPostgresMicros = 946'684'800LL * 1'000'000;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::microseconds>(now).count() - kUnixToPostgresMicros;
}

// A verifier no password matches, checked when the role has none so that a
// missing role costs the same PBKDF2 work as a present one.
const std::string& DummyScramVerifier() {
  static const std::string verifier = MakeScramVerifier(RandomBytes(16));
  return verifier;
}

void FatalAuth(protocol::MessageWriter& out, sqlstate::Code code, std::string message) {
  protocol::WriteErrorResponse(out, Error(code, std::move(message)).AsFatal());
}

}  // namespace

void Session::Authenticate(protocol::MessageWriter& out) {
  if (hba_ == nullptr) {
    CompleteStartup(out);
    return;
  }
  const std::shared_ptr<const HbaRules> rules = hba_->Current();
  HbaRequest request;
  request.ssl = ssl_in_use_;
  request.address = &client_;
  request.database = database_;
  request.user = user_;
  const HbaLine* line = rules->Match(request);
  const std::string_view encryption = ssl_in_use_ ? "SSL encryption" : "no encryption";
  if (line == nullptr || line->method == HbaMethod::kReject) {
    spdlog::info("connection of user \"{}\" to database \"{}\" from {} {} ({})", user_, database_,
                 client_.text,
                 line == nullptr ? "matches no hba line"
                                 : fmt::format("rejected by line {}", line->line_number),
                 rules->source);
    FatalAuth(out, sqlstate::kInvalidAuthorizationSpecification,
              line == nullptr
                  ? fmt::format("no pg_hba.conf entry for host \"{}\", user \"{}\", database "
                                "\"{}\", {}",
                                client_.text, user_, database_, encryption)
                  : fmt::format("pg_hba.conf rejects connection for host \"{}\", user \"{}\", "
                                "database \"{}\", {}",
                                client_.text, user_, database_, encryption));
    state_ = State::kClosed;
    return;
  }
  if (line->client_certificate != ClientCertificateCheck::kNone && !client_certificate_) {
    spdlog::info("user \"{}\" from {}: no valid client certificate (hba line {})", user_,
                 client_.text, line->line_number);
    FatalAuth(out, sqlstate::kInvalidAuthorizationSpecification,
              "connection requires a valid client certificate");
    state_ = State::kClosed;
    return;
  }
  if (line->method == HbaMethod::kCert ||
      (line->method == HbaMethod::kTrust &&
       line->client_certificate == ClientCertificateCheck::kVerifyFull)) {
    // The certificate is the credential: its CN must be the user name.
    if (*client_certificate_ != user_ &&
        line->client_certificate == ClientCertificateCheck::kVerifyFull) {
      spdlog::info("certificate CN \"{}\" does not match user \"{}\"", *client_certificate_, user_);
      FatalAuth(out, sqlstate::kInvalidAuthorizationSpecification,
                fmt::format("certificate authentication failed for user \"{}\"", user_));
      state_ = State::kClosed;
      return;
    }
    CompleteStartup(out);
    return;
  }
  if (line->method == HbaMethod::kTrust) {
    CompleteStartup(out);
    return;
  }
  check_certificate_name_ = line->client_certificate == ClientCertificateCheck::kVerifyFull;

  // The password in use, if any: as PostgreSQL's get_role_password, an
  // expired one counts as none.
  PasswordType stored_type = PasswordType::kPlaintext;
  if (std::optional<sql::LoginRole> role = engine_.FindLoginRole(user_)) {
    if (role->password.empty()) {
      spdlog::info("user \"{}\" has no password assigned", user_);
    } else if (role->valid_until && *role->valid_until < NowSincePostgresEpoch()) {
      spdlog::info("user \"{}\" has an expired password", user_);
    } else {
      verifier_ = std::move(role->password);
      stored_type = ClassifyPassword(verifier_);
    }
  } else {
    spdlog::info("role \"{}\" does not exist", user_);
  }
  state_ = State::kAuthenticating;
  switch (line->method) {
    case HbaMethod::kPassword:
      auth_method_ = AuthMethod::kPassword;
      out.AuthenticationCleartextPassword();
      return;
    case HbaMethod::kMd5:
      // As PostgreSQL: md5 only for an md5 password; a SCRAM verifier (or
      // none: the default password_encryption) is asked for with SCRAM.
      if (stored_type == PasswordType::kMd5) {
        auth_method_ = AuthMethod::kMd5;
        md5_salt_ = RandomBytes(4);
        out.AuthenticationMd5Password(md5_salt_);
        return;
      }
      break;
    default: break;
  }
  auth_method_ = AuthMethod::kScram;
  std::optional<ScramVerifier> verifier;
  if (stored_type == PasswordType::kScramSha256) {
    verifier = ParseScramVerifier(verifier_);
  } else if (!verifier_.empty()) {
    spdlog::info("user \"{}\" does not have a valid SCRAM secret", user_);
  }
  scram_ = std::make_unique<protocol::ScramExchange>(std::move(verifier), user_,
                                                     ssl_in_use_ ? channel_binding_ : "");
  out.AuthenticationSasl(scram_->Mechanisms());
}

void Session::OnAuthenticationMessage(const protocol::PasswordMessage& message,
                                      protocol::MessageWriter& out) {
  switch (auth_method_) {
    case AuthMethod::kPassword: OnPassword(message.payload, out); return;
    case AuthMethod::kMd5: OnMd5Response(message.payload, out); return;
    case AuthMethod::kScram: OnSaslMessage(message.payload, out); return;
    case AuthMethod::kNone: break;
  }
  FatalAuth(out, sqlstate::kProtocolViolation, "unexpected password response");
  Close();
}

void Session::OnPassword(std::string_view payload, protocol::MessageWriter& out) {
  Result<std::string> password = protocol::DecodePasswordMessage(payload);
  if (!password.ok()) {
    protocol::WriteErrorResponse(out, password.status(), /*fatal=*/true);
    Close();
    return;
  }
  // The same digest work whether or not there is a verifier to check.
  const bool usable = !verifier_.empty();
  const bool match =
      CheckPlaintextPassword(usable ? verifier_ : DummyScramVerifier(), user_, *password) &&
      usable && !password->empty();
  if (!match) {
    FailPasswordAuthentication("password does not match", out);
    return;
  }
  if (PasswordStepPassed(out)) CompleteStartup(out);
}

void Session::OnMd5Response(std::string_view payload, protocol::MessageWriter& out) {
  Result<std::string> response = protocol::DecodePasswordMessage(payload);
  if (!response.ok()) {
    protocol::WriteErrorResponse(out, response.status(), /*fatal=*/true);
    Close();
    return;
  }
  // Only chosen for an md5 verifier: "md5" + md5(md5(password + user) + salt).
  const std::string expected = "md5" + Md5Hex(verifier_.substr(3) + md5_salt_);
  if (!ConstantTimeEqual(expected, *response)) {
    FailPasswordAuthentication("password does not match", out);
    return;
  }
  if (PasswordStepPassed(out)) CompleteStartup(out);
}

void Session::OnSaslMessage(std::string_view payload, protocol::MessageWriter& out) {
  auto fail_protocol = [&](const Status& status) {
    protocol::WriteErrorResponse(out, status, /*fatal=*/true);
    Close();
  };
  if (!sasl_started_) {
    sasl_started_ = true;
    Result<protocol::SaslInitialResponse> initial = protocol::DecodeSaslInitialResponse(payload);
    if (!initial.ok()) return fail_protocol(initial.status());
    if (!scram_->SelectMechanism(initial->mechanism)) {
      return fail_protocol(Status::Error(sqlstate::kProtocolViolation,
                                         "client selected an invalid SASL authentication "
                                         "mechanism"));
    }
    Result<std::string> server_first = scram_->OnClientFirst(initial->data);
    if (!server_first.ok()) return fail_protocol(server_first.status());
    out.AuthenticationSaslContinue(*server_first);
    return;
  }
  bool authenticated = false;
  Result<std::string> server_final = scram_->OnClientFinal(payload, &authenticated);
  if (!server_final.ok()) return fail_protocol(server_final.status());
  if (!authenticated) {
    FailPasswordAuthentication(verifier_.empty() ? "no usable SCRAM secret" : "wrong proof", out);
    return;
  }
  scram_.reset();
  out.AuthenticationSaslFinal(*server_final);
  if (PasswordStepPassed(out)) CompleteStartup(out);
}

bool Session::PasswordStepPassed(protocol::MessageWriter& out) {
  if (check_certificate_name_ && client_certificate_ && *client_certificate_ != user_) {
    FailPasswordAuthentication(
        fmt::format("certificate validation (clientcert=verify-full) failed: CN \"{}\" mismatch",
                    *client_certificate_),
        out);
    return false;
  }
  return true;
}

void Session::FailPasswordAuthentication(std::string_view reason, protocol::MessageWriter& out) {
  spdlog::info("password authentication failed for user \"{}\" from {}: {}", user_, client_.text,
               reason);
  FatalAuth(out, sqlstate::kInvalidPassword,
            fmt::format("password authentication failed for user \"{}\"", user_));
  verifier_.clear();
  Close();
}

}  // namespace basalt::server
