// TestServer: starts the real `basalt` binary (BASALT_BINARY) on a free
// loopback port with a fresh temporary data directory and key file, and
// stops it with SIGTERM. Plus helpers to talk to it with libpq and with raw
// protocol bytes (for what libpq will not send).
#pragma once

#include <libpq-fe.h>

#include <sys/types.h>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::testing {

struct PgConnDeleter {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
using PgConn = std::unique_ptr<PGconn, PgConnDeleter>;

struct PgResultDeleter {
  void operator()(PGresult* res) const { PQclear(res); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// A query's outcome in plain values. NULL is nullopt.
struct QueryResult {
  ExecStatusType status = PGRES_FATAL_ERROR;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::string command_tag;
  std::string sqlstate;  // empty unless an error
  std::string error_message;

  bool ok() const { return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK; }
  // rows[r][c] with NULL shown as "NULL", for short assertions.
  std::string Cell(size_t row, size_t column) const;
};

QueryResult ToQueryResult(const PGresult* res);
// PQexec: the result of the last statement in `sql`.
QueryResult Query(PGconn* conn, std::string_view sql);
// PQsendQuery + PQgetResult: one result per statement.
std::vector<QueryResult> QueryAll(PGconn* conn, std::string_view sql);

class TestServer {
 public:
  // Creates the directory and key file and starts the server. A non-empty
  // `config` is written to a config file the server reads (`key = value`
  // lines, e.g. "max_connections = 5"); the test's flags override it.
  explicit TestServer(std::string config = "");
  // SIGTERMs the server (if running) and removes the temporary directory.
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // Starts the binary and waits until it accepts connections. Throws (with
  // the server's log) if it exits or does not come up within 30 s.
  void Start();
  // Sends `signal` and waits for the exit; returns the exit code (or 128 +
  // signal number if it was killed). SIGKILLs it after 30 s. Fails the
  // running test if the server's log holds a sanitizer report (the ASan
  // build's server aborts or exits non-zero, which few tests look at).
  int Stop(int signal = 15);
  // kill -9: a process crash, no shutdown work at all (what was written to
  // the OS survives; nothing buffered in the process does).
  int Kill() { return Stop(9); }
  // Stop + Start on the same data directory and port.
  void Restart();
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // libpq connection string, e.g. "host=127.0.0.1 port=5433 user=basalt
  // dbname=basalt sslmode=disable" followed by `extra`.
  std::string ConnInfo(std::string_view extra = "") const;
  // Connects and REQUIREs success.
  PgConn Connect(std::string_view extra = "") const;
  // Connects without checking (for tests of refused connections).
  PgConn TryConnect(std::string_view extra = "") const;

  uint16_t port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path data_dir() const { return dir_ / "data"; }
  std::filesystem::path key_file() const { return dir_ / "basalt.key"; }
  std::filesystem::path log_file() const { return dir_ / "server.log"; }
  std::string ReadLog() const;

 private:
  std::filesystem::path dir_;
  std::string config_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  size_t log_checked_ = 0;  // bytes of the log already searched for sanitizer reports
  void CheckLogForSanitizerReports();
};

// The server a test talks to: a fresh Basalt, or the reference server named
// by BASALT_REFERENCE_CONNINFO (to check the test itself against PostgreSQL).
class TestTarget {
 public:
  TestTarget();
  // Connects without checking (usable off the test's thread); notices are
  // dropped (DROP TABLE IF EXISTS sends them).
  PgConn TryConnect() const;
  // Connects and REQUIREs success.
  PgConn Connect() const;
  // nullptr when testing the reference server.
  TestServer* server() { return server_ ? &*server_ : nullptr; }

 private:
  std::optional<TestServer> server_;
  std::string reference_;
};

// Runs BASALT_BINARY with `args` to completion (killed after `timeout`);
// returns its exit code and what it wrote to stdout and stderr.
struct ProcessResult {
  int exit_code = -1;
  std::string output;
};
ProcessResult RunBasalt(const std::vector<std::string>& args,
                        std::chrono::seconds timeout = std::chrono::seconds(30));

// Writes a fresh random 256-bit key as 64 hex digits with `mode`.
void WriteKeyFile(const std::filesystem::path& path, std::filesystem::perms mode);

// A free TCP port on 127.0.0.1 (bound, read back and released).
uint16_t FreePort();

// A plain TCP connection speaking raw protocol bytes.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void Send(std::string_view bytes);
  // Sends a StartupMessage (protocol 3.0) with user/database.
  void SendStartup(std::string_view user, std::string_view database);
  // Sends a CancelRequest naming `process_id` and `secret_key`.
  void SendCancel(int32_t process_id, int32_t secret_key);

  struct Message {
    char type = 0;
    std::string payload;
    // ErrorResponse/NoticeResponse field, e.g. Field('C') for the SQLSTATE.
    std::string Field(char code) const;
  };
  // The next backend message; nullopt once the server closed the socket
  // (or after `timeout` without a complete message).
  std::optional<Message> Read(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Reads one raw byte (the answer to SSLRequest); nullopt on close.
  std::optional<char> ReadByte(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Reads messages up to and including the first of `type` (or close).
  std::vector<Message> ReadUntil(char type);
  // Whether the server closed the connection (EOF within `timeout`),
  // discarding anything it sent first.
  bool ClosedByServer(std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  bool Fill(size_t bytes, std::chrono::milliseconds timeout);
  int fd_ = -1;
  std::string buffer_;
};

// Protocol byte builders for RawConnection.
std::string Int32Bytes(int32_t v);
// A regular message: type, length, payload.
std::string MessageBytes(char type, std::string_view payload);

}  // namespace basalt::testing
