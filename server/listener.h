// Listener: accepts clients on the configured address and runs one
// Connection coroutine each, on a few I/O threads, with statements on a
// separate worker pool. Asio stays behind this plain header.
#pragma once

#include <memory>

#include "common/status.h"
#include "server/config.h"
#include "sql/engine.h"

namespace boost::asio::ssl {
class context;
}

namespace basalt::server {

class Listener {
 public:
  // Binds the listening socket (SO_REUSEADDR) and reads the hba file. A
  // port in use, a bad address or a broken hba file fails here, before
  // anything is served. `tls` (null: ssl = off) serves SSLRequests.
  static Result<std::unique_ptr<Listener>> Bind(const ServerConfig& config, sql::Engine& engine,
                                                std::shared_ptr<boost::asio::ssl::context> tls);
  ~Listener();

  // Serves until SIGTERM or SIGINT (SIGHUP re-reads the hba file), then
  // shuts down gracefully: stops
  // accepting, lets running statements finish, ends every session with
  // FATAL 57P01, and returns once all connections are closed. `engine` may
  // be destroyed after this returns.
  void ServeUntilSignal();

 private:
  struct Impl;
  explicit Listener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace basalt::server
