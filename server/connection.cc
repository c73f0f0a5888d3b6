#include "server/connection.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <chrono>
#include <exception>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "protocol/frontend_message.h"

namespace basalt::server {

namespace {
// How much to read at a time; the reader grows beyond it for large messages.
constexpr size_t kReadChunk = 16 * 1024;
// During COPY FROM STDIN, which streams: fewer, larger reads.
constexpr size_t kCopyReadChunk = 256 * 1024;
// TLS's largest record's plaintext.
constexpr size_t kTlsRecordSize = 16 * 1024;
// How long a worker that just replied waits for the same client's next
// message before handing the connection back to the I/O threads. A client
// in a request/reply loop (one connection, one statement at a time) sends
// within tens of microseconds; catching that on the worker makes a query cost
// one thread wake-up, as with a PostgreSQL backend, instead of three.
constexpr long kLingerNanoseconds = 200'000;
// Lingering holds a worker; only do it while no other connection is using
// the pool, so a loaded server never keeps a worker for an idle client.
constexpr int kMaxLingeringLoad = 1;
// PostgreSQL's authentication_timeout default: a client that connects and
// never completes its startup must not hold a connection forever.
constexpr std::chrono::seconds kStartupTimeout(60);
}  // namespace

struct Connection::Input {
  std::variant<protocol::StartupPacket, protocol::FrontendMessage, Status> value;
  // For a Status: whether the byte stream is lost (framing) or only this
  // message was bad (decoding), and that message's type.
  bool fatal = false;
  char type = 0;
};

Connection::Connection(asio::ip::tcp::socket socket, ConnectionContext& context, uint64_t id,
                       BackendKey key, bool admitted)
    : socket_(std::move(socket)),
      startup_timer_(socket_.get_executor()),
      idle_timer_(socket_.get_executor()),
      admitted_(admitted),
      context_(context),
      id_(id),
      session_(context.engine, key) {
  // Runs on the worker while the coroutine waits for it: the only user of
  // the socket at that moment, so a blocking write is safe, and it bounds
  // the memory a large result takes (as a PostgreSQL backend blocks).
  session_.set_flush_hook([this](protocol::MessageWriter& out) {
    const bool ok = WriteFromWorker(out.buffer());
    out.Clear();
    return ok;
  });
  // A CancelRequest arrives on a connection of its own and names its target
  // by BackendKey: the process id is the target's connection id.
  session_.set_cancel_hook([&context](const BackendKey& target) {
    std::shared_ptr<Connection> victim;
    {
      std::lock_guard lock(context.mutex);
      auto found = context.connections.find(static_cast<uint64_t>(target.process_id));
      if (found != context.connections.end()) victim = found->second.lock();
    }
    // A wrong secret is ignored, as PostgreSQL does.
    if (victim != nullptr && victim->key().secret_key == target.secret_key) {
      victim->CancelStatement();
    }
  });
  boost::system::error_code ec;
  const auto endpoint = socket_.remote_endpoint(ec);
  peer_ = ec ? "unknown" : fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
  if (!admitted_) session_.RejectAsTooManyClients();
  ClientAddress client;
  if (!ec) {
    asio::ip::address address = endpoint.address();
    // An IPv4 client seen through an IPv6 socket matches IPv4 rules.
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
      address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    }
    client.text = address.to_string();
    client.port = endpoint.port();
    if (address.is_v4()) {
      const auto bytes = address.to_v4().to_bytes();
      client.family = ClientAddress::Family::kIpv4;
      std::copy(bytes.begin(), bytes.end(), client.bytes.begin());
    } else {
      const auto bytes = address.to_v6().to_bytes();
      client.family = ClientAddress::Family::kIpv6;
      std::copy(bytes.begin(), bytes.end(), client.bytes.begin());
    }
  }
  session_.SetClient(std::move(client), context.tls != nullptr, &context.hba);
}

Connection::~Connection() {
  if (admitted_) context_.admitted.fetch_sub(1);
  std::lock_guard lock(context_.mutex);
  context_.connections.erase(id_);
}

void Connection::RequestTerminate() {
  terminating_.store(true);
  RequestShutdown();
}

void Connection::RequestShutdown() {
  // A running statement stops at its next check (a lock wait, pg_sleep, a
  // loop over rows) instead of holding shutdown up.
  session_.InterruptStatement(Interrupt::Reason::kShutdown);
  // The flag is set before the post, and the post runs on the strand the
  // coroutine runs on: either the coroutine sees the flag before its next
  // read, or the read is pending and this cancel ends it.
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    // A busy worker may be writing to the socket; there is no read to
    // cancel then, and the coroutine checks the flag when the worker is done.
    if (self->on_workers_) return;
    boost::system::error_code ignored;
    self->socket_.cancel(ignored);
  });
}

void Connection::StartStartupTimer() {
  startup_timer_.expires_after(kStartupTimeout);
  startup_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->startup_done_) return;
    spdlog::info("connection {} ({}): startup not completed within {} s", self->id_, self->peer_,
                 kStartupTimeout.count());
    self->timed_out_ = true;
    boost::system::error_code ignored;
    self->socket_.cancel(ignored);
  });
}

void Connection::StartIdleTimer() {
  const std::chrono::milliseconds timeout = session_.IdleInTransactionTimeout();
  if (timeout.count() <= 0) return;
  idle_timer_.expires_after(timeout);
  idle_timer_.async_wait(
      [self = shared_from_this(), wait = read_wait_](const boost::system::error_code& ec) {
        // Data may have arrived (and the read completed) just before.
        if (ec || wait != self->read_wait_) return;
        self->idle_timed_out_ = true;
        boost::system::error_code ignored;
        self->socket_.cancel(ignored);
      });
}

template <typename Fn>
asio::awaitable<void> Connection::RunSession(Fn fn) {
  if (admitted_) {
    co_await OnWorkers(std::move(fn));
  } else {
    fn();
  }
}

template <typename Fn>
asio::awaitable<void> Connection::OnWorkers(Fn fn) {
  on_workers_ = true;
  context_.connections_on_workers.fetch_add(1);
  struct Reset {
    bool& flag;
    std::atomic<int>& count;
    ~Reset() {
      flag = false;
      count.fetch_sub(1);
    }
  } reset{on_workers_, context_.connections_on_workers};
  // Exactly one hop each way: `fn` is handed to a pool thread as a plain task
  // and the coroutine resumed on its strand (co_spawn would add a coroutine
  // frame and extra posts). An exception in `fn` is rethrown here.
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(std::exception_ptr)>(
      [this, &fn](auto handler) {
        auto work = asio::make_work_guard(asio::get_associated_executor(handler));
        context_.workers.Post(
            [&fn, handler = std::move(handler), work = std::move(work)]() mutable {
              std::exception_ptr error;
              try {
                fn();
              } catch (...) {
                error = std::current_exception();
              }
              auto strand = work.get_executor();
              asio::post(strand, [handler = std::move(handler), error]() mutable {
                std::move(handler)(error);
              });
            });
      },
      asio::use_awaitable);
}

size_t Connection::ReadChunk() const {
  return session_.state() == Session::State::kCopyIn ? kCopyReadChunk : kReadChunk;
}

bool Connection::MayLinger() const {
  // Lingering reads the descriptor directly, beneath a TLS stream. COPY
  // FROM STDIN streams CopyData without waiting for replies: the worker
  // reads it in place rather than hopping threads for every chunk.
  const Session::State state = session_.state();
  return tls_ == nullptr && !session_.closed() &&
         (state == Session::State::kReady || state == Session::State::kCopyIn) && !Ending() &&
         context_.connections_on_workers.load() <= kMaxLingeringLoad;
}

bool Connection::LingerOnWorker(bool past_startup) {
  // Until the startup timer is settled on the strand it may still cancel
  // socket_, so the first batch (the startup packet) never lingers.
  if (!past_startup || !MayLinger()) return true;
  // A registered socket wakes the I/O thread's epoll on every message the
  // worker then reads itself: one wasted thread wake-up per query. While
  // lingering, the socket leaves the reactor (two epoll_ctl calls per linger,
  // not per query) and the worker uses its descriptor directly.
  boost::system::error_code ec;
  const asio::ip::tcp protocol = socket_.local_endpoint(ec).protocol();
  if (!ec) {
    const int fd = socket_.release(ec);
    if (!ec) lingering_fd_ = fd;
  }
  const int fd = lingering_fd_ >= 0 ? lingering_fd_ : socket_.native_handle();
  bool alive = true;
  while (alive && MayLinger()) {
    pollfd ready{fd, POLLIN, 0};
    const timespec linger{0, kLingerNanoseconds};
    if (::ppoll(&ready, 1, &linger, nullptr) <= 0) break;  // back to the I/O thread
    const std::span<char> room = reader_.PrepareWrite(ReadChunk());
    const ssize_t n = ::recv(fd, room.data(), room.size(), MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
    if (n <= 0) {
      if (n < 0) spdlog::debug("connection {} ({}): read failed: {}", id_, peer_, errno);
      alive = false;
      break;
    }
    reader_.CommitWrite(static_cast<size_t>(n));
    for (const Input& input : DecodeBuffered()) Dispatch(input);
    alive = SendFromWorker();
  }
  if (lingering_fd_ >= 0) {
    socket_.assign(protocol, lingering_fd_, ec);
    if (ec) {
      spdlog::warn("connection {} ({}): socket re-registration failed: {}", id_, peer_,
                   ec.message());
      ::close(lingering_fd_);
      alive = false;
    }
    lingering_fd_ = -1;
  }
  return alive;
}

bool Connection::WriteFromWorker(std::string_view data) {
  if (lingering_fd_ < 0) {
    boost::system::error_code ec;
    if (tls_ != nullptr) {
      asio::write(*tls_, asio::buffer(data.data(), data.size()), ec);
    } else {
      asio::write(socket_, asio::buffer(data.data(), data.size()), ec);
    }
    if (ec) spdlog::debug("connection {} ({}): write failed: {}", id_, peer_, ec.message());
    return !ec;
  }
  while (!data.empty()) {
    const ssize_t n = ::send(lingering_fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      data.remove_prefix(static_cast<size_t>(n));
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      pollfd writable{lingering_fd_, POLLOUT, 0};
      (void)::poll(&writable, 1, -1);
    } else if (errno != EINTR) {
      spdlog::debug("connection {} ({}): write failed: errno {}", id_, peer_, errno);
      return false;
    }
  }
  return true;
}

bool Connection::SendFromWorker() {
  if (writer_.empty()) return true;
  const bool ok = WriteFromWorker(writer_.buffer());
  writer_.Clear();
  return ok;
}

std::vector<Connection::Input> Connection::DecodeBuffered() {
  std::vector<Input> inputs;
  while (true) {
    const bool startup = reader_.in_startup_phase();
    auto frame = reader_.Next();
    if (!frame.ok()) {
      inputs.push_back(Input{frame.status(), true});
      break;
    }
    if (!frame->has_value()) break;
    const protocol::Frame& f = **frame;
    if (startup) {
      auto packet = protocol::DecodeStartupPacket(f.payload);
      // A bad startup packet leaves nothing to talk about.
      if (!packet.ok()) {
        inputs.push_back(Input{packet.status(), true});
        break;
      }
      inputs.push_back(Input{std::move(packet).value()});
      // The client waits for our answer to a startup-phase packet.
      break;
    }
    auto message = protocol::DecodeFrontendMessage(f.type, f.payload);
    if (!message.ok()) {
      inputs.push_back(Input{message.status(), false, f.type});
      continue;
    }
    const bool terminate = std::holds_alternative<protocol::Terminate>(*message);
    inputs.push_back(Input{std::move(message).value()});
    if (terminate) break;
  }
  return inputs;
}

void Connection::Dispatch(const Input& input) {
  if (session_.closed()) return;
  if (const auto* packet = std::get_if<protocol::StartupPacket>(&input.value)) {
    session_.OnStartupPacket(*packet, writer_);
  } else if (const auto* message = std::get_if<protocol::FrontendMessage>(&input.value)) {
    session_.OnMessage(*message, writer_);
  } else {
    const Status& status = std::get<Status>(input.value);
    if (input.fatal) {
      session_.OnFatalProtocolError(status, writer_);
    } else {
      session_.OnMalformedMessage(input.type, status, writer_);
    }
  }
}

asio::awaitable<bool> Connection::Flush() {
  if (writer_.empty()) co_return true;
  std::tuple<boost::system::error_code, size_t> result;
  if (tls_ != nullptr) {
    result = co_await asio::async_write(*tls_, asio::buffer(writer_.buffer()),
                                        asio::as_tuple(asio::use_awaitable));
  } else {
    result = co_await asio::async_write(socket_, asio::buffer(writer_.buffer()),
                                        asio::as_tuple(asio::use_awaitable));
  }
  auto [ec, written] = result;
  (void)written;
  writer_.Clear();
  if (ec) {
    spdlog::debug("connection {} ({}): write failed: {}", id_, peer_, ec.message());
    co_return false;
  }
  co_return true;
}

asio::awaitable<std::pair<boost::system::error_code, size_t>> Connection::ReadSome(
    std::span<char> room) {
  if (tls_ == nullptr) {
    auto [ec, n] = co_await socket_.async_read_some(asio::buffer(room.data(), room.size()),
                                                    asio::as_tuple(asio::use_awaitable));
    co_return std::pair(ec, n);
  }
  // A TLS read yields one record (at most 16 KiB); a COPY streaming 100 MB
  // would hop to a worker and back for each. While more is already here
  // (decrypted, in the TLS layer's input, or on the socket) and the room
  // takes another record, read on: one hop per chunk, as in the clear.
  size_t total = 0;
  while (true) {
    auto [ec, n] =
        co_await tls_->async_read_some(asio::buffer(room.data() + total, room.size() - total),
                                       asio::as_tuple(asio::use_awaitable));
    if (ec) co_return std::pair(total != 0 ? boost::system::error_code() : ec, total);
    total += n;
    if (room.size() - total < kTlsRecordSize || !TlsInputWaiting()) break;
  }
  co_return std::pair(boost::system::error_code(), total);
}

bool Connection::TlsInputWaiting() {
  SSL* ssl = tls_->native_handle();
  if (SSL_pending(ssl) > 0 || BIO_ctrl_pending(SSL_get_rbio(ssl)) > 0) return true;
  boost::system::error_code ec;
  return socket_.available(ec) > 0 && !ec;
}

asio::awaitable<bool> Connection::StartTls() {
  // The client must wait for our 'S' before it starts the handshake: bytes
  // sent before it would be taken as plaintext protocol data (CVE-2021-23214).
  if (reader_.buffered() != 0) {
    co_await RunSession([&] {
      session_.OnFatalProtocolError(Status::Error(sqlstate::kProtocolViolation,
                                                  "received unencrypted data after SSL request"),
                                    writer_);
    });
    co_return false;
  }
  tls_ = std::make_unique<asio::ssl::stream<asio::ip::tcp::socket&>>(socket_, *context_.tls);
  auto [ec] = co_await tls_->async_handshake(asio::ssl::stream_base::server,
                                             asio::as_tuple(asio::use_awaitable));
  if (ec) {
    spdlog::info("connection {} ({}): could not accept SSL connection: {}", id_, peer_,
                 ec.message());
    co_return false;
  }
  session_.set_channel_binding(context_.tls_server_end_point);
  // A client certificate the ssl_ca_file roots vouch for (hba's cert
  // method and clientcert option read its CN).
  SSL* ssl = tls_->native_handle();
  if (X509* peer = SSL_get0_peer_certificate(ssl);
      peer != nullptr && SSL_get_verify_result(ssl) == X509_V_OK) {
    std::array<char, 256> common_name{};
    const int length = X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName,
                                                 common_name.data(), common_name.size());
    session_.set_client_certificate(
        length > 0 ? std::string(common_name.data(), static_cast<size_t>(length)) : "");
  }
  session_.set_tls(DescribeTlsConnection(ssl));
  spdlog::debug("connection {} ({}): TLS {} with {}", id_, peer_,
                SSL_get_version(tls_->native_handle()), SSL_get_cipher_name(tls_->native_handle()));
  co_return true;
}

asio::awaitable<void> Connection::Run() {
  spdlog::debug("connection {} from {}", id_, peer_);
  StartStartupTimer();
  try {
    while (!session_.closed()) {
      std::vector<Input> inputs = DecodeBuffered();
      if (!inputs.empty()) {
        bool sent = true;
        const bool past_startup = startup_done_;
        co_await RunSession([&] {
          for (const Input& input : inputs) Dispatch(input);
          // Every buffered message is handled: reply before hopping back, so
          // the client's next request is not held up by that hop.
          sent = SendFromWorker() && LingerOnWorker(past_startup);
        });
        if (!sent) break;
        if (session_.TakeTlsRequest() && !co_await StartTls()) break;
        // Authentication is part of the startup: the timeout covers it.
        if (!startup_done_ && session_.state() != Session::State::kStartup &&
            session_.state() != Session::State::kAuthenticating) {
          startup_done_ = true;
          startup_timer_.cancel();
        }
        continue;
      }
      // Nothing left to handle: send the replies before waiting for more.
      if (!co_await Flush() || session_.closed()) break;
      if (Ending()) {
        co_await RunSession([&] { session_.OnShutdown(writer_); });
        break;
      }
      const std::span<char> room = reader_.PrepareWrite(ReadChunk());
      StartIdleTimer();
      auto [ec, n] = co_await ReadSome(room);
      ++read_wait_;
      idle_timer_.cancel();
      if (idle_timed_out_) {
        // As PostgreSQL: FATAL, and the transaction rolls back (its locks
        // go with it) while the connection closes.
        spdlog::info("connection {} ({}): idle in transaction past the timeout", id_, peer_);
        co_await RunSession([&] { session_.OnIdleInTransactionTimeout(writer_); });
        break;
      }
      if (ec == asio::error::operation_aborted && Ending()) continue;
      if (timed_out_) break;
      if (ec) {
        // A TLS client that drops TCP without close_notify: its EOF.
        if (ec != asio::error::eof && ec != asio::ssl::error::stream_truncated) {
          spdlog::debug("connection {} ({}): read failed: {}", id_, peer_, ec.message());
        }
        break;
      }
      reader_.CommitWrite(n);
    }
    (void)co_await Flush();
  } catch (const std::exception& e) {
    spdlog::warn("connection {} ({}): {}", id_, peer_, e.what());
  }
  // Dropping the SQL session rolls back its transaction: engine work, so it
  // belongs on the pool too.
  try {
    co_await RunSession([&] { session_.Close(); });
  } catch (const std::exception& e) {
    spdlog::warn("connection {} ({}): closing session: {}", id_, peer_, e.what());
  }
  startup_timer_.cancel();
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  spdlog::debug("connection {} ({}) closed", id_, peer_);
}

}  // namespace basalt::server
