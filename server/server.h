// RunServer: the life of a `basalt` process after its configuration is
// known: key, storage, engine, listener, then an orderly shutdown.
#pragma once

#include "server/config.h"

namespace basalt::server {

// Opens the key file (creating it first when `generate_key` and it is
// missing), the store and the engine, serves until SIGTERM/SIGINT, then
// closes the engine and the store in that order. Returns the process exit
// code; failures to start are printed to stderr.
int RunServer(const ServerConfig& config, bool generate_key);

}  // namespace basalt::server
