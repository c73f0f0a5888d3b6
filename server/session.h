// Session: one client connection's protocol state machine. It works on
// decoded messages and writes replies into a MessageWriter; it knows no bytes
// and no sockets (server/connection.cc feeds it). Its calls may block on the
// engine, so the connection runs them on the worker pool, one at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "common/interrupt.h"
#include "common/status.h"
#include "protocol/frontend_message.h"
#include "protocol/message_writer.h"
#include "server/wire_result_sink.h"
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
    kStartup,        // waiting for the startup packet (perhaps after an SSLRequest)
    kAuthenticated,  // authentication done, sending the startup reports
    kReady,          // between queries: every message is handled
    kSkipToSync,     // an extended-protocol error: discard messages until Sync
    kCopyIn,         // COPY FROM STDIN: CopyData until CopyDone or CopyFail
    kClosed,         // the connection must be closed once the output is sent
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
  std::unique_ptr<sql::Session> sql_session_;  // set once authenticated
  // Shared with sql_session_; lives as long as this object, so another
  // thread may reach it while a worker closes the SQL session.
  const std::shared_ptr<Interrupt> interrupt_ = std::make_shared<Interrupt>();
  FlushHook flush_hook_;
  bool too_many_clients_ = false;
  bool copy_from_simple_query_ = false;  // kCopyIn: started by a Query
};

}  // namespace basalt::server
