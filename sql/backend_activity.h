// The sessions of the server and what each is doing: pg_stat_activity's
// rows, and the targets of pg_cancel_backend / pg_terminate_backend and
// DROP DATABASE ... WITH (FORCE). One board per engine; each session owns
// a slot it updates under the slot's own mutex, so sessions never contend
// with each other, only with a reader of the board.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/data_type.h"
#include "common/interrupt.h"

namespace basalt::sql {

// An index build a session runs, as pg_stat_progress_create_index shows
// it (PostgreSQL's names for commands and phases).
struct IndexBuildProgress {
  Oid relid = 0;
  Oid index_relid = 0;
  std::string command;  // "CREATE INDEX [CONCURRENTLY]", "REINDEX [CONCURRENTLY]"
  std::string phase;    // "initializing", "building index: scanning table", ...
  int64_t lockers_total = 0;
  int64_t lockers_done = 0;
  int64_t current_locker_pid = 0;
  int64_t tuples_total = 0;
  int64_t tuples_done = 0;
};

// A connection's TLS, as pg_stat_ssl shows it.
struct TlsConnection {
  std::string version;  // "TLSv1.3"
  std::string cipher;
  int32_t bits = 0;
  // Of the client certificate the server verified; empty: none.
  std::string client_dn;      // RFC 2253 form
  std::string client_serial;  // decimal
  std::string issuer_dn;
};

// One session's row, as pg_stat_activity shows it. Times are microseconds
// since 2000-01-01 (timestamptz).
struct BackendActivity {
  int32_t pid = 0;
  Oid database = 0;
  std::string database_name;
  Oid role = 0;
  std::string role_name;
  bool superuser = false;
  std::string backend_type;  // "client backend", "background worker"
  std::string application_name;
  std::string client_addr;           // empty: none (a background session)
  std::optional<TlsConnection> tls;  // none: not encrypted
  int32_t client_port = -1;          // -1: none
  int64_t backend_start = 0;
  std::optional<int64_t> xact_start;
  std::optional<int64_t> query_start;
  int64_t state_change = 0;
  std::string state;                              // "active", "idle", "idle in transaction", ...
  std::string query;                              // the running or last statement's text
  std::optional<IndexBuildProgress> index_build;  // while it builds one
};

class ActivityBoard {
 public:
  // A session's place on the board: it leaves when the slot is destroyed.
  class Slot {
   public:
    ~Slot();
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    // Changes the row under the slot's mutex.
    void Update(const std::function<void(BackendActivity&)>& change);

   private:
    friend class ActivityBoard;
    Slot(ActivityBoard& board, BackendActivity row, std::shared_ptr<Interrupt> interrupt)
        : board_(board), row_(std::move(row)), interrupt_(std::move(interrupt)) {}
    ActivityBoard& board_;
    mutable std::mutex mutex_;
    BackendActivity row_;
    const std::shared_ptr<Interrupt> interrupt_;  // the session's running statement
  };

  // Adds a session; `interrupt` stops its running statement.
  std::unique_ptr<Slot> Register(BackendActivity row, std::shared_ptr<Interrupt> interrupt);

  // Every session's row, by pid.
  std::vector<BackendActivity> Rows() const;
  // The row of `pid`, or nullopt when no session has it.
  std::optional<BackendActivity> Find(int32_t pid) const;

  // How a connection is ended from outside (the server closes it after a
  // FATAL 57P01); set once by the server. Without it, or for a session no
  // client holds, termination stops the running statement only.
  void SetTerminateHandler(std::function<void(int32_t pid)> handler);

  // false when no session has `pid`.
  bool Cancel(int32_t pid) const;
  bool Terminate(int32_t pid) const;

 private:
  std::shared_ptr<Interrupt> InterruptOf(int32_t pid) const;
  void Remove(int32_t pid, const Slot* slot);

  mutable std::mutex mutex_;
  std::map<int32_t, Slot*> slots_;
  std::function<void(int32_t pid)> terminate_;
};

}  // namespace basalt::sql
