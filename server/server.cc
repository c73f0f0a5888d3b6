#include "server/server.h"

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "server/listener.h"
#include "server/tls.h"
#include "sql/engine.h"
#include "storage/encryption/master_key.h"
#include "storage/kv_store.h"

namespace basalt::server {

namespace {

// Start-up failures go to stderr whatever the log level: they are the one
// thing an operator must see.
int FailStart(const std::string& message) {
  spdlog::default_logger()->flush();
  std::fprintf(stderr, "basalt: %s\n", message.c_str());
  return 1;
}

}  // namespace

int RunServer(const ServerConfig& config, bool generate_key) {
  std::error_code exists_error;
  if (generate_key && !std::filesystem::exists(config.key_file, exists_error)) {
    Status generated = storage::GenerateMasterKeyFile(config.key_file);
    if (!generated.ok()) {
      return FailStart(fmt::format("could not create key file \"{}\": {}", config.key_file.string(),
                                   generated.message()));
    }
    spdlog::warn(
        "created a new master key in \"{}\": keep it safe, the data cannot be read "
        "without it",
        config.key_file.string());
  }
  auto key = storage::LoadMasterKey(config.key_file);
  if (!key.ok()) {
    return FailStart(fmt::format("could not load master key from \"{}\": {}",
                                 config.key_file.string(), key.status().message()));
  }

  storage::StoreOptions options;
  options.data_dir = config.data_dir;
  options.master_key = *key;
  auto store = storage::KvStore::Open(options);
  if (!store.ok()) {
    return FailStart(fmt::format("could not open data directory \"{}\": {}",
                                 config.data_dir.string(), store.status().message()));
  }
  // Before any session: they take these as their defaults.
  const std::string max_connections = std::to_string(config.max_connections);
  for (const auto& [name, value] :
       {std::pair<std::string_view, const std::string&>{"work_mem", config.work_mem},
        {"basalt.max_query_memory", config.max_query_memory},
        {"max_connections", max_connections}}) {
    if (value.empty()) continue;
    if (Status st = sql::SetServerDefaultSetting(name, value); !st.ok()) {
      return FailStart(fmt::format("invalid configuration: {}", st.message()));
    }
  }
  auto engine = sql::Engine::Open(**store);
  if (!engine.ok()) {
    return FailStart(fmt::format("could not open the catalog in \"{}\": {}",
                                 config.data_dir.string(), engine.status().message()));
  }

  (*engine)->StartAutoRefresh(
      {.max_workers = config.max_refresh_workers,
       .backoff_level0_files = config.refresh_backoff_level0_files,
       .backoff_pending_compaction_bytes = config.refresh_backoff_pending_compaction_bytes});
  (*engine)->StartAutoAnalyze({.enabled = config.autovacuum,
                               .naptime_ms = config.autovacuum_naptime_ms,
                               .threshold = config.autovacuum_analyze_threshold,
                               .scale_factor = config.autovacuum_analyze_scale_factor});

  auto tls = MakeTlsContext(config, *key);
  if (!tls.ok()) return FailStart(fmt::format("could not set up TLS: {}", tls.status().message()));
  {
    auto listener = Listener::Bind(config, **engine, *tls);
    if (!listener.ok()) return FailStart(listener.status().message());
    (*listener)->ServeUntilSignal();
  }
  // Shutdown is under way: a repeated SIGTERM/SIGINT (the listener's signal
  // set is gone, which restored the default action) must not kill the
  // process while the store closes, as it would not kill a PostgreSQL
  // postmaster in its shutdown.
  std::signal(SIGTERM, SIG_IGN);
  std::signal(SIGINT, SIG_IGN);
  // The engine holds transactions on the store: it goes first, then the
  // store closes RocksDB cleanly.
  engine->reset();
  store->reset();
  spdlog::info("shutdown complete");
  return 0;
}

}  // namespace basalt::server
