// The session on the activity board (sql/backend_activity.h):
// pg_stat_activity's rows, pg_cancel_backend and pg_terminate_backend.
#include <fmt/format.h>

#include <chrono>
#include <map>

#include "catalog/system_relations.h"
#include "common/datetime.h"
#include "common/error.h"
#include "sql/execution/activity_rows.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

const char* StateName(TransactionState state) {
  switch (state) {
    case TransactionState::kIdle: return "idle";
    case TransactionState::kInBlock: return "idle in transaction";
    case TransactionState::kFailed: return "idle in transaction (aborted)";
  }
  return "idle";
}

Value TextOrNull(const std::string& text) {
  return text.empty() ? Value::Null() : Value::String(text);
}

Value TimeOrNull(const std::optional<int64_t>& time) {
  return time ? Value::Int(*time) : Value::Null();
}

}  // namespace

void SessionImpl::JoinActivityBoard(ActivityBoard* board, std::string backend_type) {
  if (board == nullptr) return;
  BackendActivity row;
  row.pid = lock_owner_->pid();
  row.database = database_oid_;
  row.database_name = database_;
  row.role = role_oid_;
  row.role_name = user_;
  row.superuser = superuser_;
  row.backend_type = std::move(backend_type);
  row.backend_start = CurrentTimestamp();
  row.state_change = row.backend_start;
  row.state = "idle";
  if (Result<std::string> application = settings_.Get("application_name"); application.ok()) {
    row.application_name = *application;
  }
  activity_board_ = board;
  activity_ = board->Register(std::move(row), interrupt_holder_);
}

void SessionImpl::SetClientAddress(std::string address, int32_t port) {
  if (activity_ == nullptr) return;
  activity_->Update([&](BackendActivity& row) {
    row.client_addr = std::move(address);
    row.client_port = port;
  });
}

void SessionImpl::SetTls(const TlsConnection& tls) {
  if (activity_ == nullptr) return;
  activity_->Update([&](BackendActivity& row) { row.tls = tls; });
}

std::vector<Row> SessionImpl::SslRows() {
  std::vector<Row> rows;
  if (activity_board_ == nullptr) return rows;
  for (const BackendActivity& a : activity_board_->Rows()) {
    if (!a.tls) {
      rows.push_back(Row{Value::Int(a.pid), Value::Bool(false), Value::Null(), Value::Null(),
                         Value::Null(), Value::Null(), Value::Null(), Value::Null()});
      continue;
    }
    const TlsConnection& tls = *a.tls;
    Result<Numeric> serial = Numeric::Parse(tls.client_serial);
    rows.push_back(Row{Value::Int(a.pid), Value::Bool(true), Value::String(tls.version),
                       Value::String(tls.cipher), Value::Int(tls.bits), TextOrNull(tls.client_dn),
                       serial.ok() ? Value::Decimal(std::move(serial).value()) : Value::Null(),
                       TextOrNull(tls.issuer_dn)});
  }
  return rows;
}

std::vector<Row> SessionImpl::GssapiRows() {
  std::vector<Row> rows;
  if (activity_board_ == nullptr) return rows;
  // Basalt has no GSSAPI: no session authenticated or encrypted by it.
  for (const BackendActivity& a : activity_board_->Rows()) {
    rows.push_back(Row{Value::Int(a.pid), Value::Bool(false), Value::Null(), Value::Bool(false)});
  }
  return rows;
}

void SessionImpl::ReportActive(std::string_view query) {
  if (activity_ == nullptr) return;
  const int64_t now = CurrentTimestamp();
  // application_name changes only by a statement: ReportIdle takes it after each.
  activity_->Update([&](BackendActivity& row) {
    row.state = "active";
    row.query.assign(query);
    row.query_start = now;
    row.state_change = now;
    if (!row.xact_start) row.xact_start = now;  // the statement opens a transaction
  });
}

void SessionImpl::ReportIdle() {
  if (activity_ == nullptr) return;
  const int64_t now = CurrentTimestamp();
  const TransactionState state = transaction_state();
  Result<std::string> application = settings_.Get("application_name");
  activity_->Update([&](BackendActivity& row) {
    row.state = StateName(state);
    row.state_change = now;
    if (state == TransactionState::kIdle) row.xact_start.reset();
    if (application.ok()) row.application_name = *application;
  });
}

std::vector<Row> SessionImpl::DatabaseActivityRows() {
  std::map<Oid, int64_t> backends;
  if (activity_board_ != nullptr) {
    for (const BackendActivity& a : activity_board_->Rows()) ++backends[a.database];
  }
  return sql::DatabaseActivityRows(*writer_.View(), backends);
}

std::vector<Row> SessionImpl::ActivityRows() {
  std::vector<Row> rows;
  if (activity_board_ == nullptr) return rows;
  // What each session waits for, and the transaction id it holds, as
  // pg_locks shows them.
  std::map<int32_t, std::string> waits;
  std::map<int32_t, int64_t> xids;
  for (const storage::LockStatusRow& lock : store_.locks().StatusRows()) {
    if (!lock.granted) waits.emplace(lock.pid, lock.locktype);
    if (lock.granted && lock.transactionid && lock.mode == "ExclusiveLock") {
      xids.emplace(lock.pid, static_cast<int64_t>(*lock.transactionid));
    }
  }
  for (BackendActivity& a : activity_board_->Rows()) {
    auto xid = xids.find(a.pid);
    Row row{Value::Int(a.database),
            Value::String(a.database_name),
            Value::Int(a.pid),
            Value::Null(),  // leader_pid: no parallel workers
            Value::Int(a.role),
            Value::String(a.role_name),
            Value::String(a.application_name),
            TextOrNull(a.client_addr),
            Value::Null(),  // client_hostname: log_hostname is off
            a.client_port >= 0 ? Value::Int(a.client_port) : Value::Null(),
            Value::Int(a.backend_start),
            TimeOrNull(a.xact_start),
            TimeOrNull(a.query_start),
            Value::Int(a.state_change),
            Value::Null(),  // wait_event_type, wait_event: below
            Value::Null(),
            Value::String(a.state),
            xid != xids.end() ? Value::Int(xid->second) : Value::Null(),
            Value::Null(),  // backend_xmin
            Value::Null(),  // query_id: compute_query_id is off
            Value::String(a.query),
            Value::String(a.backend_type)};
    auto wait = waits.find(a.pid);
    if (wait != waits.end()) {
      row[14] = Value::String("Lock");
      row[15] = Value::String(wait->second);
    } else if (a.state != "active") {
      row[14] = Value::String("Client");
      row[15] = Value::String("ClientRead");
    }
    // As PostgreSQL: other roles' sessions show only who and where to a
    // role that is not a superuser.
    if (!superuser_ && a.role != role_oid_) {
      for (size_t c : {7, 9, 10, 11, 12, 13, 14, 15, 16, 21}) row[c] = Value::Null();
      row[20] = Value::String("<insufficient privilege>");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

bool SessionImpl::SignalBackend(int32_t pid, bool terminate, int64_t timeout_ms, ResultSink* sink) {
  if (terminate && timeout_ms < 0) {
    throw Error(sqlstate::kInvalidParameterValue, "\"timeout\" must not be negative");
  }
  std::optional<BackendActivity> target =
      activity_board_ != nullptr ? activity_board_->Find(pid) : std::nullopt;
  if (!target) {
    if (sink != nullptr) {
      SendWarning(*sink, sqlstate::kWarning,
                  fmt::format("PID {} is not a PostgreSQL backend process", pid));
    }
    return false;
  }
  CheckMaySignal(*target, terminate);
  if (!terminate) return activity_board_->Cancel(pid);
  if (!activity_board_->Terminate(pid)) return false;
  if (timeout_ms == 0 || pid == lock_owner_->pid()) return true;
  // Waits until the session is gone, as pg_terminate_backend with a timeout.
  if (WaitUntil([&] { return !activity_board_->Find(pid); }, timeout_ms)) return true;
  if (sink != nullptr) {
    SendWarning(*sink, sqlstate::kWarning,
                fmt::format("backend with PID {} did not terminate within {} milliseconds", pid,
                            timeout_ms));
  }
  return false;
}

void SessionImpl::CheckMaySignal(const BackendActivity& target, bool terminate) const {
  if (!superuser_ && target.superuser) {
    throw Error(sqlstate::kInsufficientPrivilege,
                terminate ? "must be a superuser to terminate superuser process"
                          : "must be a superuser to cancel superuser query");
  }
  if (!superuser_ && target.role != role_oid_) {
    throw Error(sqlstate::kInsufficientPrivilege,
                terminate ? "must be a member of the role whose process is being terminated or "
                            "member of pg_signal_backend"
                          : "must be a member of the role whose query is being canceled or "
                            "member of pg_signal_backend");
  }
}

bool SessionImpl::WaitUntil(const std::function<bool()>& done, int64_t timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    Status slept = interrupt_.SleepFor(std::chrono::milliseconds(5));
    if (!slept.ok()) ThrowStatus(slept);
  }
  return true;
}

void SessionImpl::TerminateSessionsOn(Oid database) {
  if (activity_board_ == nullptr) return;
  std::vector<int32_t> targets;
  for (const BackendActivity& session : activity_board_->Rows()) {
    if (session.database != database || session.pid == lock_owner_->pid()) continue;
    CheckMaySignal(session, /*terminate=*/true);  // all checked before any is ended
    targets.push_back(session.pid);
  }
  for (int32_t pid : targets) activity_board_->Terminate(pid);
  // As PostgreSQL, up to 5 seconds for them to leave; CheckNoOtherSessions
  // then reports any still there.
  WaitUntil([&] { return store_.locks().SessionsOn(database) == 0; }, 5000);
}

}  // namespace basalt::sql
