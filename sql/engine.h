// The SQL engine's facade: what server/ uses. Parsing, binding, planning and
// execution stay behind it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/data_type.h"
#include "common/error.h"
#include "common/interrupt.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt::storage {
class KvStore;
}

namespace basalt::sql {

struct TlsConnection;  // sql/backend_activity.h

// One column of a result, as RowDescription describes it.
struct ResultColumn {
  std::string name;
  DataType type;
  Oid table_oid = 0;          // source table, 0 for an expression
  int16_t column_number = 0;  // attnum in the source table, 0 for an expression
  // The format code the client asked for in Bind: 0 text, 1 binary (any
  // other code is reported when the portal runs, as PostgreSQL).
  int16_t format = 0;
};

// One Bind parameter as the client sent it: its bytes in text format, or in
// binary format (the type's receive function, common/value_binary.h).
struct BindParameter {
  std::optional<std::string> value;  // nullopt: NULL
  bool binary = false;
};

// Where a statement's results go. server/ implements it with the protocol
// encoder; tests collect into vectors. Calls for one statement come in the
// order BeginResult? Rows* CommandComplete.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  // A statement that returns rows (SELECT, SHOW, ... RETURNING) announces
  // its columns once before any rows.
  virtual void BeginResult(const std::vector<ResultColumn>& columns) = 0;
  virtual void Rows(std::span<const Row> rows) = 0;
  // PostgreSQL's command tag: "SELECT 2", "INSERT 0 3", "CREATE TABLE".
  virtual void CommandComplete(std::string_view tag) = 0;
  // The query string held no statement.
  virtual void EmptyQuery() = 0;
  // A reported setting changed (SET application_name, TimeZone, ...).
  virtual void ParameterStatus(std::string_view name, std::string_view value) = 0;
  // A NOTICE, e.g. `table "t" does not exist, skipping` (code 00000).
  virtual void Notice(sqlstate::Code code, std::string_view message) = 0;
  // A NOTICE with a DETAIL line (`drop cascades to 2 other objects`);
  // sinks that show no details keep the message.
  virtual void NoticeWithDetail(sqlstate::Code code, std::string_view message,
                                std::string_view /*detail*/) {
    Notice(code, message);
  }
  // A WARNING, e.g. `there is no transaction in progress` (25P01).
  virtual void Warning(sqlstate::Code code, std::string_view message) = 0;

  // COPY. FROM STDIN: CopyInResponse, then the statement waits for the
  // client's data (Session::CopyData / CopyDone / CopyFail). TO STDOUT:
  // CopyOutResponse, CopyData*, CopyDone, then CommandComplete. `binary`:
  // the binary format (else text or CSV); `columns`: how many. Sinks that
  // cannot carry COPY (tests) refuse it.
  virtual void CopyInResponse(bool /*binary*/, size_t /*columns*/) { RefuseCopy(); }
  virtual void CopyOutResponse(bool /*binary*/, size_t /*columns*/) { RefuseCopy(); }
  virtual void CopyData(std::string_view /*bytes*/) { RefuseCopy(); }
  virtual void CopyDone() { RefuseCopy(); }

 private:
  [[noreturn]] static void RefuseCopy() {
    throw Error(sqlstate::kFeatureNotSupported, "COPY to or from the client is not possible here");
  }
};

// PostgreSQL's ReadyForQuery transaction status.
enum class TransactionState : char { kIdle = 'I', kInBlock = 'T', kFailed = 'E' };

class Engine;

// What Describe of a prepared statement reports: the parameter types (after
// inference; text where nothing typed one) and the result columns, if the
// statement returns rows.
struct StatementDescription {
  std::vector<Oid> parameter_types;
  std::optional<std::vector<ResultColumn>> columns;  // nullopt: NoData
};

// One client connection's SQL state: database, role, settings, the open
// transaction. Not thread-safe: the server runs one statement of a session
// at a time.
class Session {
 public:
  virtual ~Session() = default;  // rolls back an open transaction

  // Runs a simple-protocol Query message: every statement in order, as one
  // implicit transaction unless the text itself uses BEGIN/COMMIT. Results
  // of the statements before a failing one have already reached the sink;
  // the failure is thrown as basalt::Error (with position for SQL text).
  virtual void ExecuteSimpleQuery(std::string_view query_text, ResultSink& sink) = 0;

  // --- the extended query protocol -----------------------------------------
  // Statements and portals named "" are the unnamed ones. Every call may
  // throw basalt::Error; a failure aborts the transaction as a failing
  // statement does (implicit: rolled back; block: failed). The implicit
  // transaction of Execute spans every message up to Sync.

  // Parse: `text` (one statement or none) becomes statement `name`, with
  // `parameter_types` declared for $1.. (0 = infer from the context).
  // 42P05 if a named statement `name` exists; the unnamed one is replaced.
  virtual void Prepare(std::string_view name, std::string_view text,
                       const std::vector<Oid>& parameter_types) = 0;
  // 26000 `prepared statement "x" does not exist`.
  virtual StatementDescription DescribeStatement(std::string_view name) = 0;
  // Bind: portal `portal` runs statement `statement` with `parameters`,
  // each read by its parameter type (text: the input function, 22P02 and
  // the like; binary: the receive function, 22P03 `incorrect binary data
  // format in bind parameter N`). `result_formats` are Bind's result format
  // codes: none for all text, one for every column, or one per column
  // (else 08P01 `bind message has 3 result formats but query has 2
  // columns`). 26000 for an unknown statement, 08P01 for a wrong number of
  // parameters, 42P03 if named portal `portal` exists.
  virtual void Bind(std::string_view portal, std::string_view statement,
                    std::vector<BindParameter> parameters,
                    const std::vector<int16_t>& result_formats) = 0;
  // The portal's result columns, each with its format code from Bind;
  // nullopt if it returns no rows. 34000 `portal "x" does not exist`.
  virtual std::optional<std::vector<ResultColumn>> DescribePortal(std::string_view portal) = 0;
  // Execute: runs the portal into `sink` (no BeginResult: the client learns
  // the columns from Describe). `max_rows` 0 sends every row; otherwise at
  // most that many, and the return value is true when the portal is
  // suspended with rows left for the next Execute.
  virtual bool Execute(std::string_view portal, int64_t max_rows, ResultSink& sink) = 0;
  // Close of an unknown name is no error.
  virtual void CloseStatement(std::string_view name) = 0;
  virtual void ClosePortal(std::string_view name) = 0;
  // Sync: commits the implicit transaction; portals end with their
  // transaction.
  virtual void Sync() = 0;
  // A message failed before reaching the engine (bad format codes): the
  // transaction aborts as after a failing statement.
  virtual void AbortAfterProtocolError() = 0;

  // --- COPY FROM STDIN --------------------------------------------------------
  // After a COPY FROM STDIN sent CopyInResponse (from ExecuteSimpleQuery or
  // Execute), the session waits for the client's data: true until CopyDone
  // or CopyFail ends it, or a call fails.
  virtual bool copy_in_progress() const = 0;
  // A CopyData message's bytes: the complete records in them are loaded.
  virtual void CopyData(std::string_view bytes) = 0;
  // CopyDone: the last records; CommandComplete `COPY n`. In a simple Query,
  // the statements after the COPY run then, and the implicit transaction
  // ends as ExecuteSimpleQuery's would.
  virtual void CopyDone(ResultSink& sink) = 0;
  // CopyFail: 57014 `COPY from stdin failed: <message>`.
  virtual void CopyFail(std::string_view message) = 0;
  // Any failure of the three aborts the transaction as a failing statement
  // does; nothing the COPY loaded is kept.

  virtual TransactionState transaction_state() const = 0;
  // A setting's current value as SHOW prints it (42704 for unknown names):
  // for the server's own timers (idle_in_transaction_session_timeout).
  virtual Result<std::string> setting(std::string_view name) const = 0;
  // The settings PostgreSQL reports in ParameterStatus at startup, in its order.
  virtual std::vector<std::pair<std::string, std::string>> ReportedParameters() const = 0;
  virtual bool is_superuser() const = 0;

  // pg_stat_activity: where the client connects from, and the session
  // waiting for the client's next message (the server calls it as it sends
  // ReadyForQuery).
  virtual void SetClientAddress(std::string /*address*/, int32_t /*port*/) {}
  // pg_stat_ssl: the connection is encrypted so.
  virtual void SetTls(const TlsConnection& /*tls*/) {}
  virtual void ReportIdle() {}
};

// What authentication needs of a role (server/session_auth.cc).
struct LoginRole {
  std::string password;                // the stored verifier; empty: none
  std::optional<int64_t> valid_until;  // timestamptz microseconds; nullopt: no limit
};

// The background refresher of materialized views WITH (auto_refresh = on)
// (sql/commands/matview/auto_refresh.h).
struct AutoRefreshSettings {
  int max_workers = 2;  // refreshes at once; 0: none
  // No refresh starts while RocksDB is this far behind (0: no limit).
  uint64_t backoff_level0_files = 20;
  uint64_t backoff_pending_compaction_bytes = uint64_t{64} << 30;
};

// Automatic ANALYZE (sql/commands/auto_analyze.h): PostgreSQL's
// autovacuum, autovacuum_naptime, autovacuum_analyze_threshold and
// autovacuum_analyze_scale_factor.
struct AutoAnalyzeSettings {
  bool enabled = true;
  int64_t naptime_ms = 60'000;
  int64_t threshold = 50;
  double scale_factor = 0.1;
};

class Engine {
 public:
  // Opens the catalog in `store` (bootstrapping it on first start: the
  // superuser role `basalt`, databases `basalt` and `postgres`, schemas
  // `public` and `pg_catalog`). `store` must outlive the engine.
  static Result<std::unique_ptr<Engine>> Open(storage::KvStore& store);
  // Stops the background refresher first: a refresh it is running is
  // aborted (rolled back), none starts after.
  virtual ~Engine() = default;

  // Starts the background refresher (the server does; tests of the engine
  // alone run without it).
  virtual void StartAutoRefresh(const AutoRefreshSettings& settings) = 0;
  // Starts automatic ANALYZE (the server does).
  virtual void StartAutoAnalyze(const AutoAnalyzeSettings& settings) = 0;

  // Starts a session for `user` on `database` with the client's startup
  // parameters (application_name, client_encoding, DateStyle, ...).
  // Unknown role: 28000 `role "x" does not exist`; unknown database: 3D000
  // `database "x" does not exist`. `interrupt` stops the session's running
  // statement when another thread calls Request() on it (shutdown,
  // CancelRequest); null: the session has one of its own. `process_id` is
  // the pid BackendKeyData reported (pg_backend_pid, pg_locks, deadlock
  // messages); 0 makes one up.
  // The role `name` as authentication needs it, or nullopt if there is no
  // such role (in the latest committed catalog).
  virtual std::optional<LoginRole> FindLoginRole(std::string_view name) = 0;

  // How pg_terminate_backend and DROP DATABASE ... WITH (FORCE) end a
  // client's connection: FATAL 57P01, then close (the server's). Set once,
  // before sessions start.
  virtual void SetTerminateHandler(std::function<void(int32_t pid)> handler) = 0;

  // The session also gets the role's own settings (ALTER ROLE ... SET),
  // which startup parameters override. Past the role's CONNECTION LIMIT
  // (non-superusers only): 53300 `too many connections for role "x"`.
  virtual Result<std::unique_ptr<Session>> Connect(
      std::string_view user, std::string_view database,
      const std::vector<std::pair<std::string, std::string>>& startup_parameters,
      std::shared_ptr<Interrupt> interrupt = nullptr, int32_t process_id = 0) = 0;
};

// The default of a setting for every session connected afterwards, from the
// server's configuration file (basalt.max_query_memory, work_mem); 22023
// for a bad value, 42704 for an unknown name. Call before sessions exist.
Status SetServerDefaultSetting(std::string_view name, std::string_view value);

}  // namespace basalt::sql
