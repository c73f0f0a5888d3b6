#include "server/listener.h"

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <random>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "server/connection.h"

namespace basalt::server {

namespace {

using asio::ip::tcp;

// Threads beyond max_connections: a refused connection never uses the pool
// and an admitted one runs one task at a time, so this is slack only.
constexpr size_t kWorkerThreadMargin = 16;

WorkerPool::Options WorkerOptions(const ServerConfig& config) {
  WorkerPool::Options options;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.warm_threads = static_cast<size_t>(config.worker_threads > 0 ? config.worker_threads
                                                                       : std::max(4, 2 * cores));
  options.max_threads = static_cast<size_t>(config.max_connections) + kWorkerThreadMargin;
  return options;
}

// Every client holds a descriptor: raise the soft limit (toward the hard
// one) so that max_connections is reachable without `ulimit -n`, as servers
// built for many connections do.
void RaiseDescriptorLimit(int max_connections) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  // RocksDB's files, the listener, logs: a margin.
  const rlim_t wanted = static_cast<rlim_t>(max_connections) + 1024;
  if (limit.rlim_cur >= wanted) return;
  rlimit raised = limit;
  raised.rlim_cur = std::min(wanted, limit.rlim_max);
  if (setrlimit(RLIMIT_NOFILE, &raised) != 0) raised.rlim_cur = limit.rlim_cur;
  if (raised.rlim_cur < wanted) {
    spdlog::warn(
        "max_connections = {} needs about {} file descriptors, but the limit is {}: raise it "
        "(ulimit -n) or lower max_connections",
        max_connections, wanted, raised.rlim_cur);
  }
}

Result<asio::ip::address> ParseListenAddress(const std::string& listen) {
  if (listen == "*") return asio::ip::address(asio::ip::address_v4::any());
  if (listen == "localhost") return asio::ip::address(asio::ip::address_v4::loopback());
  boost::system::error_code ec;
  auto address = asio::ip::make_address(listen, ec);
  if (ec) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         fmt::format("invalid listen address \"{}\"", listen));
  }
  return address;
}

}  // namespace

struct Listener::Impl {
  Impl(sql::Engine& engine, const ServerConfig& config, std::shared_ptr<asio::ssl::context> tls,
       std::unique_ptr<HbaStore> hba_store)
      : hba(std::move(hba_store)),
        workers(WorkerOptions(config)),
        context(engine, workers, config.max_connections, std::move(tls), *hba),
        strand(asio::make_strand(io)),
        acceptor(strand),
        signals(strand, SIGINT, SIGTERM),
        reload_signals(strand, SIGHUP),
        io_threads(config.io_threads) {
    // pg_terminate_backend: the connection whose id is the pid.
    engine.SetTerminateHandler([this](int32_t pid) {
      std::shared_ptr<Connection> target;
      {
        std::lock_guard lock(context.mutex);
        auto found = context.connections.find(static_cast<uint64_t>(pid));
        if (found != context.connections.end()) target = found->second.lock();
      }
      if (target != nullptr) target->RequestTerminate();
    });
  }
  ~Impl() { context.engine.SetTerminateHandler(nullptr); }

  asio::awaitable<void> AcceptLoop();
  void Shutdown();
  // SIGHUP: re-read the hba file; a broken one keeps the rules in force.
  void WaitForReload();

  std::unique_ptr<HbaStore> hba;
  // Declared in this order so that coroutine frames still queued in `io` at
  // destruction can unregister from `context`.
  WorkerPool workers;
  ConnectionContext context;
  asio::io_context io;
  // The acceptor and signal set share a strand, so the signal handler may
  // close the acceptor while an accept is pending on another I/O thread.
  asio::strand<asio::io_context::executor_type> strand;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::signal_set reload_signals;
  int io_threads;
  std::string endpoint_text;
  std::string connect_hint;  // the psql command line a user can paste
};

asio::awaitable<void> Listener::Impl::AcceptLoop() {
  std::mt19937 random(std::random_device{}());
  uint64_t next_id = 1;
  while (!context.shutting_down.load()) {
    auto [ec, socket] =
        co_await acceptor.async_accept(asio::make_strand(io), asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (ec == asio::error::operation_aborted || context.shutting_down.load()) break;
      // Out of descriptors and the like: wait instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      asio::steady_timer pause(strand, std::chrono::milliseconds(100));
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    const uint64_t id = next_id++;
    // PostgreSQL's process id doubles as the cancel key's first half; ours
    // is the connection number, and the secret is random.
    BackendKey key{static_cast<int32_t>(id & 0x7fffffff), static_cast<int32_t>(random())};
    // Only this loop admits, so the check and the increment cannot race.
    const bool admitted = context.admitted.load() < context.max_connections;
    if (admitted) {
      context.admitted.fetch_add(1);
    } else {
      spdlog::info("connection {} refused: max_connections ({}) reached", id,
                   context.max_connections);
    }
    auto connection = std::make_shared<Connection>(std::move(socket), context, id, key, admitted);
    {
      std::lock_guard lock(context.mutex);
      context.connections.emplace(id, connection);
    }
    asio::co_spawn(
        connection->executor(),
        [connection]() -> asio::awaitable<void> { co_await connection->Run(); }, asio::detached);
  }
}

void Listener::Impl::WaitForReload() {
  reload_signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (ec) return;  // cancelled at shutdown
    if (hba->file().empty()) {
      spdlog::info("received SIGHUP: no hba_file, the built-in rules stay");
    } else if (Status reloaded = hba->Reload(); reloaded.ok()) {
      spdlog::info("received SIGHUP: reloaded \"{}\" ({} rules)", hba->file().string(),
                   hba->Current()->lines.size());
    } else {
      spdlog::error("received SIGHUP: \"{}\" not reloaded, the old rules stay: {}",
                    hba->file().string(), reloaded.message());
    }
    WaitForReload();
  });
}

void Listener::Impl::Shutdown() {
  context.shutting_down.store(true);
  boost::system::error_code cancelled;
  reload_signals.cancel(cancelled);
  boost::system::error_code ignored;
  acceptor.close(ignored);
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(context.mutex);
    for (auto& [id, weak] : context.connections) {
      if (auto connection = weak.lock()) live.push_back(std::move(connection));
    }
  }
  spdlog::info("shutting down: closing {} connection(s)", live.size());
  for (auto& connection : live) connection->RequestShutdown();
}

Result<std::unique_ptr<Listener>> Listener::Bind(const ServerConfig& config, sql::Engine& engine,
                                                 std::shared_ptr<asio::ssl::context> tls) {
  BASALT_ASSIGN_OR_RETURN(asio::ip::address address, ParseListenAddress(config.listen));
  BASALT_ASSIGN_OR_RETURN(std::unique_ptr<HbaStore> hba, HbaStore::Open(config.hba_file));
  RaiseDescriptorLimit(config.max_connections);
  auto impl = std::make_unique<Impl>(engine, config, std::move(tls), std::move(hba));
  const tcp::endpoint endpoint(address, config.port);
  impl->endpoint_text = fmt::format("{}:{}", config.listen, config.port);
  const bool wildcard = address.is_unspecified();
  impl->connect_hint = fmt::format("psql -h {} -p {} -U basalt",
                                   wildcard ? "127.0.0.1" : config.listen, config.port);
  boost::system::error_code ec;
  auto fail = [&](std::string_view what) {
    return Status::Error(sqlstate::kIoError, fmt::format("could not {} {}: {}", what,
                                                         impl->endpoint_text, ec.message()));
  };
  if (impl->acceptor.open(endpoint.protocol(), ec)) return fail("open a socket for");
  if (impl->acceptor.set_option(tcp::acceptor::reuse_address(true), ec)) {
    return fail("set SO_REUSEADDR on");
  }
  if (impl->acceptor.bind(endpoint, ec)) return fail("bind to");
  if (impl->acceptor.listen(asio::socket_base::max_listen_connections, ec)) {
    return fail("listen on");
  }
  return std::unique_ptr<Listener>(new Listener(std::move(impl)));
}

Listener::Listener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Listener::~Listener() {
  if (!impl_) return;
  // Normally ServeUntilSignal already drained everything; this covers an
  // early destruction.
  impl_->io.stop();
  impl_->workers.Join();
}

void Listener::ServeUntilSignal() {
  Impl& impl = *impl_;
  impl.signals.async_wait([&impl](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;
    spdlog::info("received signal {}", signal_number);
    impl.Shutdown();
  });
  impl.WaitForReload();
  asio::co_spawn(impl.strand, impl.AcceptLoop(), asio::detached);
  spdlog::info("listening on {}; connect with: {}", impl.endpoint_text, impl.connect_hint);

  // The io_context runs out of work once the acceptor is closed, the signal
  // set has fired and every connection coroutine has ended.
  std::vector<std::thread> threads;
  for (int i = 1; i < impl.io_threads; ++i) threads.emplace_back([&impl] { impl.io.run(); });
  impl.io.run();
  for (auto& thread : threads) thread.join();
  // Statements posted by connections have all completed by now.
  impl.workers.Join();
  spdlog::info("all connections closed");
}

}  // namespace basalt::server
