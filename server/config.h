// ServerConfig: everything `basalt` is told at start-up, from conf/basalt.conf
// (a postgresql.conf-like `key = value` file) and command-line flags, which
// override the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt::server {

struct ServerConfig {
  std::string listen = "127.0.0.1";
  uint16_t port = 5432;
  // Relative paths are relative to the working directory.
  std::filesystem::path data_dir = "./data";
  // Kept outside data_dir on purpose: a copy of the data directory alone
  // must not carry the key that decrypts it.
  std::filesystem::path key_file = "./basalt.key";
  std::string log_level = "info";  // trace, debug, info, warn, error, critical, off
  int io_threads = 2;
  // Statement threads kept ready while idle; more start while statements
  // wait (up to about max_connections) and exit when idle. 0: max(4, 2 * cores).
  int worker_threads = 0;
  // Clients beyond it get FATAL 53300 at startup. An idle connection holds
  // no thread and a few kilobytes, hence the high default.
  int max_connections = 10'000;

  // Automatic refresh of materialized views (WITH (auto_refresh = on)):
  // at most this many refreshes at once (0: none); none starts while
  // RocksDB has at least this many level-0 files or this many bytes of
  // compaction pending (0: no limit). The defaults are RocksDB's own
  // thresholds for slowing writes down.
  int max_refresh_workers = 2;
  uint64_t refresh_backoff_level0_files = 20;
  uint64_t refresh_backoff_pending_compaction_bytes = uint64_t{64} << 30;
  // Automatic ANALYZE (PostgreSQL's names and defaults).
  bool autovacuum = true;
  int64_t autovacuum_naptime_ms = 60'000;
  int64_t autovacuum_analyze_threshold = 50;
  double autovacuum_analyze_scale_factor = 0.1;
  // TLS (server/tls.h). With ssl on and no ssl_cert_file, a self-signed
  // development pair is made in data_dir on first start.
  bool ssl = true;
  std::filesystem::path ssl_cert_file;
  std::filesystem::path ssl_key_file;
  // Client certificates sent are checked against these roots.
  std::filesystem::path ssl_ca_file;
  // Client authentication rules in pg_hba.conf's format (server/hba.h);
  // reloaded on SIGHUP. Empty: loopback connections are trusted and every
  // other one needs a SCRAM password.
  std::filesystem::path hba_file;
  // Session defaults of memory settings (sql::SetServerDefaultSetting);
  // empty: PostgreSQL's work_mem of 4MB, basalt.max_query_memory 1GB.
  std::string work_mem;
  std::string max_query_memory;
};

// Sets one setting by its name in the file (`port`, `data_dir`, ...).
// Unknown names and bad values fail with a message naming the key.
Status ApplySetting(ServerConfig& config, std::string_view key, std::string_view value);

// Reads a config file into `config`: one `key = value` per line, `#`
// comments, values optionally in single or double quotes. Errors name the
// file and line.
Status LoadConfigFile(const std::filesystem::path& file, ServerConfig& config);

}  // namespace basalt::server
