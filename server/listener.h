// Listener: accepts clients on the configured address and runs one
// Connection coroutine each, on a few I/O threads, with statements on a
// separate worker pool. Asio stays behind this plain header.
#pragma once

#include <memory>

#include "common/status.h"
#include "server/config.h"
#include "sql/engine.h"

namespace basalt::server {

class Listener {
 public:
  // Binds the listening socket (SO_REUSEADDR). A port in use or a bad
  // address fails here, before anything is served.
  static Result<std::unique_ptr<Listener>> Bind(const ServerConfig& config, sql::Engine& engine);
  ~Listener();

  // Serves until SIGTERM or SIGINT, then shuts down gracefully: stops
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
