// Running portals: the first Execute of a portal (its plan from the
// statement's cache, its operators), the rows of later Executes, suspended
// portals drained before a write, and the end of portals with their
// transaction. Used by Execute (session_extended.cc), EXECUTE
// (session_prepare.cc) and cursors (session_cursor.cc).
#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <utility>

#include "sql/forwarding_result_sink.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

bool IsPlanned(const ast::Statement& statement) {
  switch (statement.kind()) {
    case ast::StatementKind::kSelect:
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kUpdate:
    case ast::StatementKind::kDelete:
    case ast::StatementKind::kMerge: return true;
    default: return false;
  }
}

bool SameResultTypes(const std::optional<std::vector<ResultColumn>>& a,
                     const std::optional<std::vector<ResultColumn>>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return std::equal(a->begin(), a->end(), b->begin(), b->end(),
                    [](const ResultColumn& x, const ResultColumn& y) { return x.type == y.type; });
}

// Keeps what a statement sends, so Execute with a row limit can hand the
// rows out over several calls; notices and warnings go straight through.
class PortalBuffer final : public ForwardingResultSink {
 public:
  PortalBuffer(Portal& portal, ResultSink& client)
      : ForwardingResultSink(client), portal_(portal) {}

  void BeginResult(const std::vector<ResultColumn>&) override {}
  void Rows(std::span<const Row> rows) override {
    portal_.pending.insert(portal_.pending.end(), rows.begin(), rows.end());
  }
  void CommandComplete(std::string_view tag) override { portal_.tag = std::string(tag); }
  void EmptyQuery() override {}

 private:
  Portal& portal_;
};

}  // namespace

bool SessionImpl::RunPortal(std::string_view name, Portal& portal, int64_t max_rows,
                            ResultSink& sink) {
  const ast::Statement* statement = portal.statement->statement.get();
  if (statement == nullptr) {
    sink.EmptyQuery();
    return false;
  }
  // A failed block runs only what ends it; a suspended portal too.
  if (state_ == TransactionState::kFailed &&
      statement->kind() != ast::StatementKind::kTransaction) {
    throw Error(sqlstate::kInFailedSqlTransaction,
                "current transaction is aborted, commands ignored until end of transaction "
                "block");
  }
  if (portal.started && !portal.returns_rows) {
    // As PostgreSQL: a command without rows runs once per portal.
    throw Error(sqlstate::kObjectNotInPrerequisiteState,
                fmt::format("portal \"{}\" cannot be run", name));
  }
  if (!portal.started) {
    portal.started = true;
    portal.returns_rows = StatementColumns(*portal.statement) != nullptr;
    BeginStatement();
    query_text_ = portal.statement->text;
    ReportActive(query_text_);
    if (IsPlanned(*statement)) {
      StartPlannedPortal(portal, sink);
      if (!portal.returns_rows) {
        // INSERT, UPDATE, DELETE run to their end at once.
        std::unique_ptr<PhysicalOperator> root = std::move(portal.root);
        RunToCompletion(*portal.plan, *root, &portal.parameters, sink);
        return false;
      }
    } else if (max_rows <= 0 || !portal.returns_rows) {
      ExecuteStatement(portal.statement->statement, sink);
      portal.returns_rows = false;  // a later Execute is an error, as in PostgreSQL
      return false;
    } else {
      PortalBuffer buffer(portal, sink);
      ExecuteStatement(portal.statement->statement, buffer);
    }
  }
  return SendPortalRows(portal, max_rows, sink);
}

void SessionImpl::StartPlannedPortal(Portal& portal, ResultSink& sink) {
  const ast::Statement& statement = *portal.statement->statement;
  CheckCanRun(statement);
  MaterializeSuspendedPortals(statement, sink);
  EnsureTransaction();
  portal.plan = PlanAndLock(statement, &portal.statement->parameter_types, portal.statement->plan);
  if (portal.plan != portal.statement->plan) {
    // PostgreSQL's rule for a statement whose tables changed under it.
    if (!SameResultTypes(portal.plan->columns, portal.statement->columns)) {
      throw Error(sqlstate::kFeatureNotSupported, "cached plan must not change result type");
    }
    portal.statement->plan = portal.plan;
  }
  portal.root = OpenPlan(*portal.plan);
  ++portal.statement->executions;
}

bool SessionImpl::SendPortalRows(Portal& portal, int64_t max_rows, ResultSink& sink) {
  const size_t limit = max_rows > 0 ? static_cast<size_t>(max_rows) : SIZE_MAX;
  if (portal.cursor) {
    // A cursor (DECLAREd, or moved by MOVE / FETCH) goes on from its
    // position, as FETCH FORWARD would.
    ast::FetchDirection forward{
        .kind = ast::FetchDirection::Kind::kForward, .count = max_rows, .all = max_rows <= 0};
    std::vector<Row> rows;
    MoveCursor(portal, forward, &rows);
    sink.Rows(rows);
    if (rows.size() == limit) return true;
    sink.CommandComplete(fmt::format("SELECT {}", rows.size()));
    return false;
  }
  size_t sent = 0;
  std::optional<ExecContext> ctx;
  while (sent < limit) {
    if (portal.next == portal.pending.size()) {
      if (portal.root == nullptr) break;
      if (!ctx) ctx.emplace(NewExecContext(&portal.parameters, &sink));
      portal.pending.clear();
      portal.next = 0;
      const bool more = portal.root->Next(*ctx, &portal.pending);
      portal.rows_affected += std::exchange(ctx->rows_affected, 0);
      if (!more) {
        portal.root.reset();
        break;
      }
      continue;
    }
    const size_t count = std::min(portal.pending.size() - portal.next, limit - sent);
    sink.Rows(std::span<const Row>(portal.pending).subspan(portal.next, count));
    portal.next += count;
    sent += count;
  }
  // PostgreSQL suspends once the limit is reached, even with no row left.
  if (sent == limit) return true;
  // "SELECT 5" counts the rows this Execute sent; "INSERT 0 5" those the
  // statement wrote.
  if (portal.plan != nullptr && portal.plan->tag_prefix != "SELECT ") {
    sink.CommandComplete(fmt::format("{}{}", portal.plan->tag_prefix, portal.rows_affected));
  } else {
    sink.CommandComplete(portal.plan != nullptr || portal.tag.starts_with("SELECT ")
                             ? fmt::format("SELECT {}", sent)
                             : portal.tag);
  }
  return false;
}

void SessionImpl::MaterializeSuspendedPortals(const ast::Statement& statement, ResultSink& sink) {
  if (txn_ == nullptr || state_ == TransactionState::kFailed) return;
  // A plain SELECT neither writes nor moves the transaction's savepoints,
  // so open scans stay valid beside it; so do cursor statements.
  switch (statement.kind()) {
    case ast::StatementKind::kSelect:
      if (statement.As<ast::SelectStmt>().locking.empty()) return;
      break;
    case ast::StatementKind::kDeclareCursor:
    case ast::StatementKind::kFetch:
    case ast::StatementKind::kClose: return;
    case ast::StatementKind::kTransaction:
      // COMMIT and ROLLBACK end the portals (WITH HOLD cursors read their
      // rows then); of the rest only ROLLBACK TO touches the write batch.
      if (statement.As<ast::TransactionStmt>().type != ast::TransactionStmt::Type::kRollbackTo) {
        return;
      }
      break;
    default: break;
  }
  // Anything else may write in this transaction, which would invalidate the
  // storage iterators of suspended portals; PostgreSQL's portals would not
  // see such writes either, so they read their remaining rows first.
  MaterializeOpenPortals(&sink);
}

void SessionImpl::MaterializeOpenPortals(ResultSink* sink) {
  for (auto& [name, portal] : portals_) {
    if (portal.root == nullptr || portal.transaction != transaction_serial_) continue;
    if (portal.cursor) {
      ReadCursorRow(portal, SIZE_MAX);  // a cursor keeps its rows in CursorState
      continue;
    }
    ExecContext ctx = NewExecContext(&portal.parameters, sink);
    portal.pending.erase(portal.pending.begin(),
                         portal.pending.begin() + static_cast<ptrdiff_t>(portal.next));
    portal.next = 0;
    RowBatch batch;
    while (portal.root->Next(ctx, &batch)) {
      portal.pending.insert(portal.pending.end(), std::make_move_iterator(batch.begin()),
                            std::make_move_iterator(batch.end()));
    }
    portal.root.reset();
  }
}

void SessionImpl::CloseAllPortals() {
  // The portal running this statement (CLOSE ALL through Execute) stays,
  // as in PostgreSQL.
  std::erase_if(portals_, [&](const auto& entry) { return &entry.second != running_portal_; });
}

void SessionImpl::CloseTransactionPortals() {
  for (auto& [name, portal] : portals_) {
    if (portal.transaction == transaction_serial_) portal.root.reset();
  }
}

}  // namespace basalt::sql
