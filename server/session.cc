#include "server/session.h"

#include <exception>
#include <new>
#include <string>
#include <type_traits>
#include <variant>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/error.h"
#include "common/time_units.h"
#include "protocol/error_response.h"
#include "server/wire_result_sink.h"

namespace basalt::server {

namespace {

// The newest minor version of protocol 3 we speak.
constexpr int32_t kNewestMinorVersion = 0;

void Fatal(protocol::MessageWriter& out, sqlstate::Code code, std::string message) {
  protocol::WriteErrorResponse(out, Error(code, std::move(message)).AsFatal());
}

}  // namespace

void Session::OnStartupPacket(const protocol::StartupPacket& packet, protocol::MessageWriter& out) {
  if (state_ != State::kStartup) return;
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, protocol::SslRequest>) {
          // 'S': the connection does the TLS handshake next. Without TLS
          // (ssl = off, or already on) 'N' lets the client go on in the
          // clear (sslmode=prefer) or give up (sslmode=require).
          const bool accept = tls_available_ && !ssl_in_use_;
          out.EncryptionResponse(accept);
          if (accept) {
            tls_requested_ = true;
            ssl_in_use_ = true;
          }
        } else if constexpr (std::is_same_v<T, protocol::GssEncRequest>) {
          out.EncryptionResponse(false);  // no GSSAPI encryption
        } else if constexpr (std::is_same_v<T, protocol::CancelRequest>) {
          // PostgreSQL never answers a CancelRequest; it just closes.
          if (cancel_hook_) cancel_hook_(BackendKey{p.process_id, p.secret_key});
          state_ = State::kClosed;
        } else {
          OnStartupMessage(p, out);
        }
      },
      packet);
}

void Session::OnStartupMessage(const protocol::StartupMessage& startup,
                               protocol::MessageWriter& out) {
  if (too_many_clients_) {
    Fatal(out, sqlstate::kTooManyConnections, "sorry, too many clients already");
    state_ = State::kClosed;
    return;
  }
  const auto user = startup.Get("user");
  if (!user || user->empty()) {
    Fatal(out, sqlstate::kInvalidAuthorizationSpecification,
          "no PostgreSQL user name specified in startup packet");
    state_ = State::kClosed;
    return;
  }
  const auto database = startup.Get("database");
  user_ = std::string(*user);
  database_ = std::string(database && !database->empty() ? *database : *user);

  // Everything but user/database is a setting for the SQL session; `_pq_.`
  // names are protocol extensions we do not know.
  std::vector<std::string> unrecognized_options;
  for (const auto& [name, value] : startup.parameters) {
    if (name == "user" || name == "database") continue;
    if (name.starts_with("_pq_.")) {
      unrecognized_options.push_back(name);
      continue;
    }
    settings_.emplace_back(name, value);
  }
  // As PostgreSQL: before any authentication request.
  const int32_t minor = startup.protocol_version & 0xffff;
  if (minor > kNewestMinorVersion || !unrecognized_options.empty()) {
    out.NegotiateProtocolVersion(kNewestMinorVersion, unrecognized_options);
  }
  Authenticate(out);
}

void Session::CompleteStartup(protocol::MessageWriter& out) {
  auto session = engine_.Connect(user_, database_, settings_, interrupt_, key_.process_id);
  if (!session.ok()) {
    spdlog::info("connection refused for user \"{}\" database \"{}\": {}", user_, database_,
                 session.status().message());
    protocol::WriteErrorResponse(out, session.status(), /*fatal=*/true);
    state_ = State::kClosed;
    return;
  }
  sql_session_ = std::move(session).value();
  sql_session_->SetClientAddress(client_.text, client_.port);
  if (tls_) sql_session_->SetTls(*tls_);
  // Nothing of the startup and authentication stays with an idle session.
  settings_ = {};
  verifier_ = {};
  md5_salt_ = {};
  scram_.reset();
  out.AuthenticationOk();
  state_ = State::kAuthenticated;
  for (const auto& [name, value] : sql_session_->ReportedParameters()) {
    out.ParameterStatus(name, value);
  }
  out.BackendKeyData(key_.process_id, key_.secret_key);
  SendReadyForQuery(out);
}

void Session::OnMessage(const protocol::FrontendMessage& message, protocol::MessageWriter& out) {
  if (state_ == State::kAuthenticating) {
    if (const auto* password = std::get_if<protocol::PasswordMessage>(&message)) {
      OnAuthenticationMessage(*password, out);
    } else if (std::holds_alternative<protocol::Terminate>(message)) {
      Close();
    } else {
      Fatal(out, sqlstate::kProtocolViolation, "expected password response");
      Close();
    }
    return;
  }
  if (state_ == State::kClosed || sql_session_ == nullptr) return;
  if (std::holds_alternative<protocol::PasswordMessage>(message)) {
    // As PostgreSQL's backend: 'p' outside authentication is no command.
    Fatal(out, sqlstate::kProtocolViolation, "invalid frontend message type 112");
    Close();
    return;
  }
  if (std::holds_alternative<protocol::Terminate>(message)) {
    Close();
    return;
  }
  if (state_ == State::kCopyIn) {
    OnCopyMessage(message, out);
    return;
  }
  if (const auto* query = std::get_if<protocol::Query>(&message)) {
    // A simple Query also ends an extended-protocol error, as in PostgreSQL.
    state_ = State::kReady;
    OnQuery(*query, out);
    return;
  }
  // Outside COPY, as PostgreSQL: a client may still be streaming after its
  // COPY failed.
  if (std::holds_alternative<protocol::CopyData>(message) ||
      std::holds_alternative<protocol::CopyDone>(message) ||
      std::holds_alternative<protocol::CopyFail>(message)) {
    return;
  }
  OnExtendedMessage(message, out);
}

void Session::EnterCopyInIfStarted(bool from_simple_query) {
  if (closed() || !sql_session_->copy_in_progress()) return;
  state_ = State::kCopyIn;
  copy_from_simple_query_ = from_simple_query;
}

void Session::OnCopyMessage(const protocol::FrontendMessage& message,
                            protocol::MessageWriter& out) {
  if (std::holds_alternative<protocol::Flush>(message) ||
      std::holds_alternative<protocol::Sync>(message)) {
    return;
  }
  if (const auto* data = std::get_if<protocol::CopyData>(&message)) {
    if (!ReportErrors(
            "CopyData", [&] { sql_session_->CopyData(data->data); }, out)) {
      EndCopy(false, out);
    }
    return;
  }
  if (std::holds_alternative<protocol::CopyDone>(message)) {
    WireResultSink sink(out, flush_hook_);
    const bool ok = ReportErrors(
        "CopyDone", [&] { sql_session_->CopyDone(sink); }, out);
    EndCopy(ok, out);
    return;
  }
  if (const auto* fail = std::get_if<protocol::CopyFail>(&message)) {
    ReportErrors(
        "CopyFail", [&] { sql_session_->CopyFail(fail->message); }, out);
    EndCopy(false, out);
    return;
  }
  // Any other message ends the COPY with an error; the message is dropped.
  static constexpr char kTypes[] = {'Q', 'X', 'P', 'B', 'D', 'E', 'S', 'H', 'C', 'd', 'c', 'f'};
  const char type = kTypes[message.index()];
  try {
    sql_session_->CopyFail("");  // aborts the COPY; the error reported is 08P01
  } catch (const Error&) {
  }
  protocol::WriteErrorResponse(
      out, Error(sqlstate::kProtocolViolation,
                 fmt::format("unexpected message type 0x{:02X} during COPY from stdin",
                             static_cast<unsigned char>(type))));
  EndCopy(false, out);
}

void Session::EndCopy(bool ok, protocol::MessageWriter& out) {
  if (closed()) return;
  if (copy_from_simple_query_) {
    if (ok && sql_session_->copy_in_progress()) return;  // the next COPY of the query string
    SendReadyForQuery(out);
    return;
  }
  state_ = ok ? State::kReady : State::kSkipToSync;
}

bool Session::ReportErrors(std::string_view what, const std::function<void()>& body,
                           protocol::MessageWriter& out) {
  try {
    body();
    return true;
  } catch (const Error& error) {
    // A statement stopped by shutdown ends the session: FATAL 57P01.
    Error reported = error;
    if (error.code() == sqlstate::kAdminShutdown) reported.AsFatal();
    protocol::WriteErrorResponse(out, reported);
    if (reported.fatal()) state_ = State::kClosed;
  } catch (const std::bad_alloc&) {
    protocol::WriteErrorResponse(out, Status::Error(sqlstate::kOutOfMemory, "out of memory"));
  } catch (const std::exception& e) {
    // A bug must cost one statement, never the server.
    spdlog::warn("internal error in {}: {}", what, e.what());
    protocol::WriteErrorResponse(out, Status::Internal(e.what()));
  }
  return false;
}

void Session::OnQuery(const protocol::Query& query, protocol::MessageWriter& out) {
  WireResultSink sink(out, flush_hook_);
  ReportErrors(
      "query \"" + query.text + "\"", [&] { sql_session_->ExecuteSimpleQuery(query.text, sink); },
      out);
  EnterCopyInIfStarted(/*from_simple_query=*/true);
  if (!closed() && state_ != State::kCopyIn) SendReadyForQuery(out);
}

void Session::OnExtendedMessage(const protocol::FrontendMessage& message,
                                protocol::MessageWriter& out) {
  if (std::holds_alternative<protocol::Sync>(message)) {
    // Commits the implicit transaction; a failed commit is reported before
    // ReadyForQuery.
    ReportErrors(
        "Sync", [&] { sql_session_->Sync(); }, out);
    if (!closed()) SendReadyForQuery(out);  // leaves kSkipToSync
    return;
  }
  if (std::holds_alternative<protocol::Flush>(message)) return;  // the connection flushes
  if (state_ == State::kSkipToSync) return;
  const bool ok = ReportErrors(
      "extended query message",
      [&] {
        std::visit(
            [&]([[maybe_unused]] const auto& m) {
              using T = std::decay_t<decltype(m)>;
              if constexpr (std::is_same_v<T, protocol::Parse>) {
                OnParse(m, out);
              } else if constexpr (std::is_same_v<T, protocol::Bind>) {
                OnBind(m, out);
              } else if constexpr (std::is_same_v<T, protocol::Describe>) {
                OnDescribe(m, out);
              } else if constexpr (std::is_same_v<T, protocol::Execute>) {
                OnExecute(m, out);
              } else if constexpr (std::is_same_v<T, protocol::Close>) {
                OnClose(m, out);
              }
            },
            message);
      },
      out);
  if (!ok && !closed()) state_ = State::kSkipToSync;
}

void Session::OnFatalProtocolError(const Status& status, protocol::MessageWriter& out) {
  spdlog::info("protocol error, closing connection: {}", status.message());
  protocol::WriteErrorResponse(out, status, /*fatal=*/true);
  Close();
}

void Session::OnMalformedMessage(char type, const Status& status, protocol::MessageWriter& out) {
  if (state_ == State::kClosed || sql_session_ == nullptr) return;
  spdlog::info("malformed message of type '{}': {}", type, status.message());
  if (type == 'S') {
    // Sync cannot really be malformed beyond its length; still resynchronise.
    SendReadyForQuery(out);
    return;
  }
  if (state_ == State::kSkipToSync) return;
  protocol::WriteErrorResponse(out, status);
  if (type == 'Q') {
    SendReadyForQuery(out);
  } else {
    state_ = State::kSkipToSync;
  }
}

void Session::OnShutdown(protocol::MessageWriter& out) {
  if (state_ == State::kClosed) return;
  Fatal(out, sqlstate::kAdminShutdown, "terminating connection due to administrator command");
  Close();
}

std::chrono::milliseconds Session::IdleInTransactionTimeout() const {
  // A COPY waiting for its data is a running statement, not an idle session.
  if (state_ == State::kClosed || state_ == State::kCopyIn || sql_session_ == nullptr ||
      sql_session_->transaction_state() == sql::TransactionState::kIdle) {
    return std::chrono::milliseconds(0);
  }
  constexpr std::string_view kName = "idle_in_transaction_session_timeout";
  auto value = sql_session_->setting(kName);
  if (!value.ok()) return std::chrono::milliseconds(0);
  // SET checked and normalized it; should it still not parse, no timeout.
  auto milliseconds = ParseMilliseconds(kName, *value);
  return std::chrono::milliseconds(milliseconds.ok() ? *milliseconds : 0);
}

void Session::OnIdleInTransactionTimeout(protocol::MessageWriter& out) {
  if (state_ == State::kClosed) return;
  Fatal(out, sqlstate::kIdleInTransactionSessionTimeout,
        "terminating connection due to idle-in-transaction timeout");
  Close();
}

void Session::Close() {
  state_ = State::kClosed;
  sql_session_.reset();
}

void Session::SendReadyForQuery(protocol::MessageWriter& out) {
  state_ = State::kReady;
  sql_session_->ReportIdle();
  out.ReadyForQuery(static_cast<char>(sql_session_->transaction_state()));
}

}  // namespace basalt::server
