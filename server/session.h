// Session: one client connection's protocol state machine. It works on
// decoded messages and writes replies into a MessageWriter; it knows no bytes
// and no sockets (server/connection.cc feeds it). Its calls may block on the
// engine, so the connection runs them on the worker pool, one at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "common/interrupt.h"
#include "common/status.h"
#include "protocol/frontend_message.h"
#include "protocol/message_writer.h"
#include "protocol/scram_exchange.h"
#include "server/hba.h"
#include "server/wire_result_sink.h"
#include "sql/backend_activity.h"
#include "sql/engine.h"

namespace basalt::server {

// What BackendKeyData tells the client, for a later CancelRequest.
struct BackendKey {
  int32_t process_id = 0;
  int32_t secret_key = 0;
};

class Session {
 public:
  enum class State {
    kStartup,         // waiting for the startup packet (perhaps after an SSLRequest)
    kAuthenticating,  // waiting for the client's password / SASL message
    kAuthenticated,   // authentication done, sending the startup reports
    kReady,           // between queries: every message is handled
    kSkipToSync,      // an extended-protocol error: discard messages until Sync
    kCopyIn,          // COPY FROM STDIN: CopyData until CopyDone or CopyFail
    kClosed,          // the connection must be closed once the output is sent
  };

  Session(sql::Engine& engine, BackendKey key) : engine_(engine), key_(key) {}

  // Lets large results stream to the client during a statement (see
  // WireResultSink); without it replies wait for the end of each Query.
  void set_flush_hook(FlushHook hook) { flush_hook_ = std::move(hook); }
  // Where a CancelRequest's key goes: the server finds the session it names.
  void set_cancel_hook(std::function<void(const BackendKey&)> hook) {
    cancel_hook_ = std::move(hook);
  }
  const BackendKey& key() const { return key_; }
  // Who the client is, for the hba rules: its address, whether an
  // SSLRequest may be accepted, and the rules (null: trust everyone, as
  // the unit tests' sessions).
  void SetClient(ClientAddress client, bool tls_available, const HbaStore* hba) {
    client_ = std::move(client);
    tls_available_ = tls_available;
    hba_ = hba;
  }
  // After the TLS handshake: the tls-server-end-point data SCRAM-SHA-256-PLUS
  // binds to (empty: -PLUS is not offered).
  void set_channel_binding(std::string data) { channel_binding_ = std::move(data); }
  // After the TLS handshake, if the client sent a certificate the server's
  // ssl_ca_file vouches for: its CN (empty if it has none).
  void set_client_certificate(std::string common_name) {
    client_certificate_ = std::move(common_name);
  }
  // After the TLS handshake: what pg_stat_ssl shows of the connection.
  void set_tls(sql::TlsConnection tls) { tls_ = std::move(tls); }
  // Whether the last SSLRequest was answered 'S': the connection must do
  // the TLS handshake before reading on. Clears the request.
  bool TakeTlsRequest() { return std::exchange(tls_requested_, false); }

  // A startup-phase packet. A StartupMessage ends in ReadyForQuery or, when
  // the role or database is unknown, in a FATAL error and kClosed.
  void OnStartupPacket(const protocol::StartupPacket& packet, protocol::MessageWriter& out);
  // A message after startup.
  void OnMessage(const protocol::FrontendMessage& message, protocol::MessageWriter& out);
  // The byte stream can no longer be framed (or the startup packet is bad):
  // FATAL, and the session closes.
  void OnFatalProtocolError(const Status& status, protocol::MessageWriter& out);
  // A well-framed message of `type` whose payload is malformed: ERROR; a
  // Query then gets ReadyForQuery, an extended-protocol message makes the
  // session skip to Sync, as PostgreSQL does.
  void OnMalformedMessage(char type, const Status& status, protocol::MessageWriter& out);
  // The server is shutting down: FATAL 57P01 and close, as PostgreSQL's fast
  // shutdown.
  void OnShutdown(protocol::MessageWriter& out);
  // The client went away (EOF or Terminate): drop the SQL session, which
  // rolls back an open transaction.
  void Close();

  // The server already has max_connections clients: the StartupMessage gets
  // FATAL 53300 instead of a session (after an SSLRequest's `N`, as in
  // PostgreSQL). The engine is never called, so such a session's calls may
  // run on the I/O thread.
  void RejectAsTooManyClients() { too_many_clients_ = true; }
  bool rejected() const { return too_many_clients_; }

  // How long the client may leave an open transaction block (status T or
  // E) without sending anything: idle_in_transaction_session_timeout, or 0
  // outside a block or when the setting is 0.
  std::chrono::milliseconds IdleInTransactionTimeout() const;
  // That time has passed: FATAL 25P03, and the session closes (rolling back
  // its transaction, which releases its locks).
  void OnIdleInTransactionTimeout(protocol::MessageWriter& out);

  State state() const { return state_; }
  bool closed() const { return state_ == State::kClosed; }

  // Thread-safe: stops the running statement, if any, at its next check
  // (shutdown; CancelRequest).
  void InterruptStatement(Interrupt::Reason reason) { interrupt_->Request(reason); }

 private:
  void OnStartupMessage(const protocol::StartupMessage& startup, protocol::MessageWriter& out);
  // Authentication (session_auth.cc): picks the method from the hba rules
  // and sends its request, or completes the startup at once (trust).
  void Authenticate(protocol::MessageWriter& out);
  // A 'p' message while kAuthenticating.
  void OnAuthenticationMessage(const protocol::PasswordMessage& message,
                               protocol::MessageWriter& out);
  void OnPassword(std::string_view payload, protocol::MessageWriter& out);
  void OnMd5Response(std::string_view payload, protocol::MessageWriter& out);
  void OnSaslMessage(std::string_view payload, protocol::MessageWriter& out);
  // FATAL 28P01 `password authentication failed for user "x"`; `reason`
  // goes to the server log only.
  void FailPasswordAuthentication(std::string_view reason, protocol::MessageWriter& out);
  // After a right password: clientcert=verify-full's CN check (28P01 on a
  // mismatch, as PostgreSQL reports it). False if the session closed.
  bool PasswordStepPassed(protocol::MessageWriter& out);
  // Authentication passed: the SQL session, AuthenticationOk, the
  // ParameterStatus reports, BackendKeyData and ReadyForQuery.
  void CompleteStartup(protocol::MessageWriter& out);
  void OnQuery(const protocol::Query& query, protocol::MessageWriter& out);
  void OnExtendedMessage(const protocol::FrontendMessage& message, protocol::MessageWriter& out);
  // A statement may have left the SQL session waiting for COPY data.
  void EnterCopyInIfStarted(bool from_simple_query);
  // In kCopyIn: CopyData, CopyDone and CopyFail go to the SQL session;
  // Flush and Sync are ignored (clients send them after Execute without
  // knowing the statement was a COPY); anything else is 08P01.
  void OnCopyMessage(const protocol::FrontendMessage& message, protocol::MessageWriter& out);
  // The COPY ended: a simple Query's gets ReadyForQuery (unless another COPY
  // of the same query string waits for data), Execute's waits for Sync (or
  // skips to it after an error).
  void EndCopy(bool ok, protocol::MessageWriter& out);
  // Runs `body`, turning what it throws into an ErrorResponse; a FATAL one
  // closes the session. False if it threw. `what` names it in the log.
  bool ReportErrors(std::string_view what, const std::function<void()>& body,
                    protocol::MessageWriter& out);
  // session_extended.cc: one handler per extended-protocol message; each
  // throws basalt::Error.
  void OnParse(const protocol::Parse& parse, protocol::MessageWriter& out);
  void OnBind(const protocol::Bind& bind, protocol::MessageWriter& out);
  void OnDescribe(const protocol::Describe& describe, protocol::MessageWriter& out);
  void OnExecute(const protocol::Execute& execute, protocol::MessageWriter& out);
  void OnClose(const protocol::Close& close, protocol::MessageWriter& out);
  void SendReadyForQuery(protocol::MessageWriter& out);

  sql::Engine& engine_;
  const BackendKey key_;
  std::function<void(const BackendKey&)> cancel_hook_;
  State state_ = State::kStartup;
  ClientAddress client_;
  bool tls_available_ = false;
  bool tls_requested_ = false;
  bool ssl_in_use_ = false;
  const HbaStore* hba_ = nullptr;
  std::string channel_binding_;
  std::optional<std::string> client_certificate_;
  std::optional<sql::TlsConnection> tls_;
  // clientcert=verify-full with a password method: the CN is checked once
  // the password passed, as PostgreSQL does.
  bool check_certificate_name_ = false;
  // Between the StartupMessage and the end of authentication.
  std::string user_;
  std::string database_;
  std::vector<std::pair<std::string, std::string>> settings_;
  enum class AuthMethod { kNone, kPassword, kMd5, kScram };
  AuthMethod auth_method_ = AuthMethod::kNone;
  // The role's verifier if it may be used now (role exists, has one, and
  // VALID UNTIL has not passed); empty otherwise.
  std::string verifier_;
  std::string md5_salt_;
  std::unique_ptr<protocol::ScramExchange> scram_;
  bool sasl_started_ = false;
  std::unique_ptr<sql::Session> sql_session_;  // set once authenticated
  // Shared with sql_session_; lives as long as this object, so another
  // thread may reach it while a worker closes the SQL session.
  const std::shared_ptr<Interrupt> interrupt_ = std::make_shared<Interrupt>();
  FlushHook flush_hook_;
  bool too_many_clients_ = false;
  bool copy_from_simple_query_ = false;  // kCopyIn: started by a Query
};

}  // namespace basalt::server
