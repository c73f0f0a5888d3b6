#include "protocol/scram_exchange.h"

#include <fmt/format.h>

namespace basalt::protocol {

namespace {

constexpr size_t kServerNonceBytes = 18;  // as PostgreSQL's SCRAM_RAW_NONCE_LEN

Status Malformed(std::string detail) {
  return Status::Error(sqlstate::kProtocolViolation, "malformed SCRAM message")
      .WithDetail(std::move(detail));
}

// A secret of this process, so a missing role's mock salt is stable for the
// server's life but cannot be computed by a client.
const std::string& MockSecret() {
  static const std::string secret = RandomBytes(32);
  return secret;
}

// "x=value" at the start of `in`, up to the next ',' (consumed).
Result<std::string_view> ReadAttribute(std::string_view& in, char name) {
  if (in.size() < 2 || in[0] != name || in[1] != '=') {
    return Malformed(fmt::format("Expected attribute \"{}\" but found \"{}\".", name,
                                 in.empty() ? std::string_view("") : in.substr(0, 1)));
  }
  const size_t comma = in.find(',');
  std::string_view value =
      in.substr(2, comma == std::string_view::npos ? in.size() - 2 : comma - 2);
  in = comma == std::string_view::npos ? std::string_view() : in.substr(comma + 1);
  return value;
}

bool IsPrintableNonce(std::string_view nonce) {
  if (nonce.empty()) return false;
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  }
  return true;
}

}  // namespace

ScramExchange::ScramExchange(std::optional<ScramVerifier> verifier, std::string_view user,
                             std::string channel_binding)
    : verifier_(std::move(verifier)), channel_binding_(std::move(channel_binding)) {
  if (!verifier_) {
    std::string seed(user);
    seed += MockSecret();
    const ScramKey digest = Sha256(seed);
    mock_.salt = std::string(AsView(digest).substr(0, kScramSaltLength));
    mock_.iterations = kScramIterations;
  }
}

std::vector<std::string_view> ScramExchange::Mechanisms() const {
  if (channel_binding_.empty()) return {kScramSha256};
  return {kScramSha256Plus, kScramSha256};
}

bool ScramExchange::SelectMechanism(std::string_view mechanism) {
  if (mechanism == kScramSha256) {
    plus_ = false;
    return true;
  }
  if (mechanism == kScramSha256Plus && !channel_binding_.empty()) {
    plus_ = true;
    return true;
  }
  return false;
}

Result<std::string> ScramExchange::OnClientFirst(std::string_view message) {
  if (first_done_) return Malformed("Unexpected client-first-message.");
  std::string_view in = message;
  if (in.empty()) return Malformed("Unexpected end of input.");
  const char flag = in[0];
  if (flag == 'p') {
    if (!plus_) {
      return Malformed(
          "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message "
          "includes channel binding data.");
    }
    if (in.size() < 2 || in[1] != '=') return Malformed("Expected \"=\" after \"p\".");
    const size_t comma = in.find(',');
    if (comma == std::string_view::npos) return Malformed("Unexpected end of input.");
    const std::string_view type = in.substr(2, comma - 2);
    if (type != kTlsServerEndPoint) {
      return Status::Error(sqlstate::kProtocolViolation,
                           fmt::format("unsupported SCRAM channel-binding type \"{}\"", type));
    }
    in.remove_prefix(comma + 1);
  } else if (flag != 'n' && flag != 'y') {
    return Malformed(fmt::format("Unexpected channel-binding flag \"{}\".", in.substr(0, 1)));
  } else {
    if (plus_) {
      return Malformed(
          "The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not include "
          "channel binding data.");
    }
    // 'y': the client could bind but believes we cannot. Over TLS we can,
    // so someone removed -PLUS from our offer on the way.
    if (flag == 'y' && !channel_binding_.empty()) {
      return Status::Error(sqlstate::kProtocolViolation, "SCRAM channel binding negotiation error")
          .WithDetail(
              "The client supports SCRAM channel binding but thinks the server does not.  "
              "However, this server does support channel binding.");
    }
    if (in.size() < 2 || in[1] != ',') return Malformed("Comma expected.");
    in.remove_prefix(2);
  }
  const std::string_view header_end = in;
  if (in.starts_with("a=")) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "client uses authorization identity, but it is not supported");
  }
  if (in.empty() || in[0] != ',') return Malformed("Unexpected attribute in client-first-message.");
  in.remove_prefix(1);
  // The gs2 header as sent, up to its second comma: c= must echo it.
  gs2_header_ = std::string(message.substr(0, message.size() - header_end.size() + 1));
  client_first_bare_ = std::string(in);
  if (in.starts_with("m=")) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "client requires an unsupported SCRAM extension");
  }
  BASALT_ASSIGN_OR_RETURN(std::string_view user, ReadAttribute(in, 'n'));
  (void)user;
  BASALT_ASSIGN_OR_RETURN(std::string_view nonce, ReadAttribute(in, 'r'));
  if (!IsPrintableNonce(nonce)) return Malformed("The client nonce contains invalid characters.");
  client_nonce_ = std::string(nonce);
  if (server_nonce_.empty()) server_nonce_ = Base64Encode(RandomBytes(kServerNonceBytes));
  const ScramVerifier& v = verifier_ ? *verifier_ : mock_;
  server_first_ = fmt::format("r={}{},s={},i={}", client_nonce_, server_nonce_,
                              Base64Encode(v.salt), v.iterations);
  first_done_ = true;
  return server_first_;
}

Result<std::string> ScramExchange::OnClientFinal(std::string_view message, bool* authenticated) {
  *authenticated = false;
  if (!first_done_) return Malformed("Unexpected client-final-message.");
  std::string_view in = message;
  BASALT_ASSIGN_OR_RETURN(std::string_view channel_binding, ReadAttribute(in, 'c'));
  const std::optional<std::string> binding = Base64Decode(channel_binding);
  const std::string expected = plus_ ? gs2_header_ + channel_binding_ : gs2_header_;
  if (!binding || !ConstantTimeEqual(*binding, expected)) {
    return Status::Error(sqlstate::kProtocolViolation,
                         "unexpected SCRAM channel-binding attribute in client-final-message");
  }
  BASALT_ASSIGN_OR_RETURN(std::string_view nonce, ReadAttribute(in, 'r'));
  if (nonce != client_nonce_ + server_nonce_) {
    return Malformed("The nonce does not match.");
  }
  // Extensions before the proof are allowed and ignored.
  while (!in.empty() && !in.starts_with("p=")) {
    const size_t comma = in.find(',');
    if (comma == std::string_view::npos) return Malformed("Could not find proof.");
    in.remove_prefix(comma + 1);
  }
  const size_t proof_at = message.size() - in.size();
  BASALT_ASSIGN_OR_RETURN(std::string_view proof_text, ReadAttribute(in, 'p'));
  if (!in.empty()) return Malformed("Garbage found at the end of client-final-message.");
  const std::optional<std::string> proof = Base64Decode(proof_text);
  if (!proof || proof->size() != kScramKeyLength)
    return Malformed("Malformed proof in client-final-message.");
  // Without the ",p=..." part.
  const std::string_view final_without_proof = message.substr(0, proof_at - 1);
  const std::string auth_message =
      fmt::format("{},{},{}", client_first_bare_, server_first_, final_without_proof);
  if (!verifier_) return std::string();  // doomed: fails whatever the proof
  const ScramKey signature = HmacSha256(AsView(verifier_->stored_key), auth_message);
  std::string client_key(kScramKeyLength, '\0');
  for (size_t i = 0; i < kScramKeyLength; ++i) {
    client_key[i] = static_cast<char>((*proof)[i] ^ static_cast<char>(signature[i]));
  }
  if (!ConstantTimeEqual(AsView(Sha256(client_key)), AsView(verifier_->stored_key))) {
    return std::string();
  }
  *authenticated = true;
  const ScramKey server_signature = HmacSha256(AsView(verifier_->server_key), auth_message);
  return "v=" + Base64Encode(AsView(server_signature));
}

}  // namespace basalt::protocol
