// Connection: the socket side of one client. Reads bytes into a
// MessageReader, decodes frames, hands the decoded messages to its Session on
// the worker pool, and sends what the session wrote in one write per batch
// (so one flush per simple Query). Internal to server/: only listener.cc and
// connection.cc include Asio.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>

#include "protocol/message_reader.h"
#include "protocol/message_writer.h"
#include "server/hba.h"
#include "server/session.h"
#include "server/tls.h"
#include "server/worker_pool.h"
#include "sql/engine.h"

namespace basalt::server {

namespace asio = boost::asio;

class Connection;

// What every connection shares with the listener.
struct ConnectionContext {
  ConnectionContext(sql::Engine& e, WorkerPool& w, int max,
                    std::shared_ptr<asio::ssl::context> tls_context, HbaStore& hba_store)
      : engine(e),
        workers(w),
        max_connections(max),
        tls(std::move(tls_context)),
        tls_server_end_point(tls != nullptr ? TlsServerEndPoint(*tls) : std::string()),
        hba(hba_store) {}

  sql::Engine& engine;
  // Every statement runs here, never on the I/O threads: a statement may wait
  // on a row lock whose holder's COMMIT arrives on another connection. It
  // grows while statements wait, so none waits for a free thread.
  WorkerPool& workers;
  const int max_connections;
  // The TLS context an SSLRequest is accepted with; null: `ssl = off`.
  const std::shared_ptr<asio::ssl::context> tls;
  // SCRAM-SHA-256-PLUS's channel binding data for tls's certificate.
  const std::string tls_server_end_point;
  // The client authentication rules in force (reloaded on SIGHUP).
  HbaStore& hba;
  // Connections admitted (not refused with 53300) and not yet destroyed.
  // Incremented by the accept loop only.
  std::atomic<int> admitted{0};
  std::atomic<bool> shutting_down{false};
  // Connections whose session code is running on the pool right now.
  std::atomic<int> connections_on_workers{0};

  // Live connections, so shutdown can reach them. Guarded by `mutex`.
  std::mutex mutex;
  std::unordered_map<uint64_t, std::weak_ptr<Connection>> connections;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `socket`'s executor must be a strand: RequestShutdown posts to it. A
  // connection not `admitted` answers its startup with FATAL 53300, on the
  // I/O thread (it never touches the engine or the worker pool).
  Connection(asio::ip::tcp::socket socket, ConnectionContext& context, uint64_t id, BackendKey key,
             bool admitted);
  ~Connection();

  // Serves the client until it leaves, breaks the protocol, or shutdown.
  asio::awaitable<void> Run();

  // The strand this connection runs on.
  asio::ip::tcp::socket::executor_type executor() { return socket_.get_executor(); }

  // Thread-safe. Ends the connection once its running statement (if any)
  // finished: FATAL 57P01, then close.
  void RequestShutdown();
  // Thread-safe. pg_terminate_backend: as RequestShutdown, for this
  // connection alone.
  void RequestTerminate();
  // Thread-safe. A CancelRequest with this connection's key: the running
  // statement (if any) fails with 57014.
  void CancelStatement() { session_.InterruptStatement(Interrupt::Reason::kCancel); }
  const BackendKey& key() const { return session_.key(); }

 private:
  // One decoded input for the session.
  struct Input;

  // Frames and decodes every complete message already buffered.
  std::vector<Input> DecodeBuffered();
  void Dispatch(const Input& input);
  // Sends what the session wrote; false when the client is gone.
  asio::awaitable<bool> Flush();
  // The client's SSLRequest was answered 'S': the TLS handshake, on the
  // strand. False (after logging why) when the connection must close.
  asio::awaitable<bool> StartTls();
  // One read from the socket or, once TLS is on, from the TLS stream (as
  // many records as are already here and fit).
  asio::awaitable<std::pair<boost::system::error_code, size_t>> ReadSome(std::span<char> room);
  // Whether a TLS read would find input without waiting.
  bool TlsInputWaiting();
  // On a worker, while the coroutine waits: sends what the session wrote with
  // a blocking write (the worker is the socket's only user then). False when
  // the client is gone.
  bool SendFromWorker();
  // Writes `data` whole from a worker: through socket_, or to its descriptor
  // while LingerOnWorker holds it outside the reactor. False on error.
  bool WriteFromWorker(std::string_view data);
  // On a worker, after replying: handles the client's next messages if they
  // arrive within a short linger, without going back to the I/O thread; the
  // socket leaves the I/O thread's epoll set meanwhile. Only `past_startup`
  // (once the startup timer can no longer touch the socket). False when the
  // client is gone.
  bool LingerOnWorker(bool past_startup);
  bool MayLinger() const;
  size_t ReadChunk() const;
  // Runs `fn` on the worker pool and resumes on this connection's strand.
  template <typename Fn>
  asio::awaitable<void> OnWorkers(Fn fn);
  // Session code: on the workers, or in place for a refused connection.
  template <typename Fn>
  asio::awaitable<void> RunSession(Fn fn);

  // Closes a connection that has not finished its startup in time.
  void StartStartupTimer();
  // Arms idle_timer_ for the read wait about to start, if the session is in
  // a transaction block with idle_in_transaction_session_timeout set.
  void StartIdleTimer();

  asio::ip::tcp::socket socket_;
  // Set once the TLS handshake has begun; every read and write then goes
  // through it (a TLS connection never lingers on a worker: see MayLinger).
  std::unique_ptr<asio::ssl::stream<asio::ip::tcp::socket&>> tls_;
  asio::steady_timer startup_timer_;
  // idle_in_transaction_session_timeout. Its handler, on the strand, cancels
  // the read only if the read it was armed for is still the pending one.
  asio::steady_timer idle_timer_;
  uint64_t read_wait_ = 0;  // counts read waits; strand-only
  bool idle_timed_out_ = false;
  const bool admitted_;
  // Touched only on the connection's strand (the timer handler runs there
  // too, while the session itself may be busy on a worker).
  bool startup_done_ = false;
  bool timed_out_ = false;
  std::atomic<bool> terminating_{false};  // RequestTerminate was called
  // The server shuts down or this connection was terminated.
  bool Ending() const { return terminating_.load() || context_.shutting_down.load(); }
  // Whether a worker is running session code, which may write to socket_
  // synchronously (streaming a large result). Strand-only.
  bool on_workers_ = false;
  // socket_'s descriptor while LingerOnWorker has released it from the
  // reactor (socket_ is closed then); -1 otherwise. Worker-only.
  int lingering_fd_ = -1;
  ConnectionContext& context_;
  const uint64_t id_;
  std::string peer_;
  protocol::MessageReader reader_;
  protocol::MessageWriter writer_;
  Session session_;
};

}  // namespace basalt::server
