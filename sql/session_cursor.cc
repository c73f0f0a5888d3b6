// SQL cursors: DECLARE, FETCH, MOVE. A cursor is a portal (protocol portals
// and cursors share one namespace, as in PostgreSQL) with a CursorState:
// FETCH reads the plan's rows as far as it needs and keeps them, so it can
// move backward; WITH HOLD cursors read all their rows at COMMIT and live
// on until CLOSE.
#include <fmt/format.h>

#include <algorithm>

#include "common/datetime.h"
#include "sql/planner/logical_operator.h"
#include "sql/planner/logical_values.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

// PostgreSQL's default for a cursor declared without SCROLL: it may go
// back when its plan can (ExecSupportsBackwardScan): scans, VALUES lists,
// and what passes their rows through; not an aggregate, nor the
// one-row Result of a SELECT without FROM. Basalt could scroll any cursor
// (it keeps the rows read) but follows the rule, so backward FETCH fails
// where PostgreSQL's does.
bool ScrollsByDefault(const LogicalOperator& plan) {
  switch (plan.kind) {
    case LogicalKind::kGet: return true;
    case LogicalKind::kValues: {
      const auto& rows = plan.As<LogicalValues>().rows;
      return !(rows.size() == 1 && rows[0].empty());
    }
    // A Sort could go back; PostgreSQL's plans of ORDER BY over a GROUP BY
    // often sort below the aggregate instead, so follow the input.
    case LogicalKind::kSort:
    case LogicalKind::kFilter:
    case LogicalKind::kProject:
    case LogicalKind::kLimit: return ScrollsByDefault(*plan.children[0]);
    default: return false;
  }
}

[[noreturn]] void ThrowBackward() {
  throw Error(sqlstate::kObjectNotInPrerequisiteState, "cursor can only scan forward")
      .WithHint("Declare it with SCROLL option to enable backward scan.");
}

}  // namespace

void SessionImpl::ExecuteDeclareCursor(const ast::DeclareCursorStmt& stmt, ResultSink& sink) {
  if (stmt.scroll && stmt.no_scroll) {
    throw Error(sqlstate::kInvalidCursorDefinition, "cannot specify both SCROLL and NO SCROLL");
  }
  if (stmt.asensitive && stmt.insensitive) {
    throw Error(sqlstate::kInvalidCursorDefinition,
                "cannot specify both ASENSITIVE and INSENSITIVE");
  }
  if (!stmt.hold && state_ != TransactionState::kInBlock) {
    throw Error(sqlstate::kNoActiveSqlTransaction,
                "DECLARE CURSOR can only be used in transaction blocks");
  }
  if (FindPortal(stmt.name) != nullptr) {
    throw Error(sqlstate::kDuplicateCursor, fmt::format("cursor \"{}\" already exists", stmt.name));
  }
  EnsureTransaction();
  Portal portal;
  // Through the extended protocol the query may use the portal's $n.
  const std::vector<DataType>* parameter_types = nullptr;
  if (running_portal_ != nullptr) {
    parameter_types = &running_portal_->statement->parameter_types;
    portal.parameters = running_portal_->parameters;
  }
  portal.plan = PlanAndLock(*stmt.query, parameter_types);
  if (stmt.hold && portal.plan->row_lock) {
    throw Error(sqlstate::kFeatureNotSupported,
                "DECLARE CURSOR WITH HOLD ... FOR UPDATE is not supported")
        .WithDetail("Holdable cursors must be READ ONLY.");
  }
  if (portal.plan->row_lock && stmt.scroll) {
    throw Error(sqlstate::kFeatureNotSupported,
                "DECLARE SCROLL CURSOR ... FOR UPDATE is not supported")
        .WithDetail("Scrollable cursors must be READ ONLY.");
  }
  auto statement = std::make_shared<PreparedStatement>();
  statement->columns = portal.plan->columns;
  portal.statement = std::move(statement);
  portal.root = OpenPlan(*portal.plan);
  portal.transaction = transaction_serial_;
  portal.started = true;
  portal.returns_rows = true;
  portal.cursor.emplace();
  // FOR UPDATE cursors cannot go back in PostgreSQL either.
  portal.cursor->scroll =
      !portal.plan->row_lock &&
      (stmt.scroll || (!stmt.no_scroll && ScrollsByDefault(*portal.plan->root)));
  portal.cursor->hold = stmt.hold;
  portal.cursor->binary = stmt.binary;
  portal.cursor->text = std::string(query_text_);
  portal.cursor->creation_time = CurrentTimestamp();
  portals_[stmt.name] = std::move(portal);
  sink.CommandComplete("DECLARE CURSOR");
}

bool SessionImpl::ReadCursorRow(Portal& portal, size_t row) {
  CursorState& cursor = *portal.cursor;
  while (cursor.dropped + cursor.rows.size() < row) {
    if (portal.root == nullptr) return false;
    RowBatch batch;
    ExecContext ctx = NewExecContext(&portal.parameters, nullptr);
    if (!portal.root->Next(ctx, &batch)) {
      portal.root.reset();
      return false;
    }
    cursor.rows.insert(cursor.rows.end(), std::make_move_iterator(batch.begin()),
                       std::make_move_iterator(batch.end()));
  }
  return true;
}

size_t SessionImpl::MoveCursor(Portal& portal, const ast::FetchDirection& direction,
                               std::vector<Row>* out) {
  using Kind = ast::FetchDirection::Kind;
  CursorState& cursor = *portal.cursor;
  size_t returned = 0;
  auto take = [&](size_t row) {
    ++returned;
    if (out != nullptr) out->push_back(cursor.rows[row - 1 - cursor.dropped]);
  };
  auto rows_read = [&] { return cursor.dropped + cursor.rows.size(); };
  // ABSOLUTE and RELATIVE end on one row (returned) or before the first or
  // after the last (nothing).
  auto go_to = [&](int64_t target) {
    if (target < static_cast<int64_t>(cursor.position) && !cursor.scroll) ThrowBackward();
    if (target <= 0) {
      cursor.position = 0;
    } else if (ReadCursorRow(portal, static_cast<size_t>(target))) {
      cursor.position = static_cast<size_t>(target);
      take(cursor.position);
    } else {
      cursor.position = rows_read() + 1;
    }
  };
  const size_t count = direction.all ? SIZE_MAX : static_cast<size_t>(direction.count);
  switch (direction.kind) {
    case Kind::kForward:
      while (returned < count && ReadCursorRow(portal, cursor.position + 1)) {
        take(++cursor.position);
      }
      if (returned < count) cursor.position = rows_read() + 1;
      break;
    case Kind::kBackward:
      if (!cursor.scroll) ThrowBackward();
      // From after the end, the last row comes first.
      if (cursor.position > rows_read()) {
        ReadCursorRow(portal, SIZE_MAX);
        cursor.position = rows_read() + 1;
      }
      while (returned < count && cursor.position > 1) take(--cursor.position);
      if (returned < count) cursor.position = 0;
      break;
    case Kind::kAbsolute:
      if (direction.count >= 0) {
        go_to(direction.count);
      } else {
        ReadCursorRow(portal, SIZE_MAX);  // counted from the end
        go_to(static_cast<int64_t>(rows_read()) + direction.count + 1);
      }
      break;
    case Kind::kRelative:
      if (direction.count != 0) {
        go_to(static_cast<int64_t>(cursor.position) + direction.count);
      } else if (cursor.position >= 1 && ReadCursorRow(portal, cursor.position)) {
        take(cursor.position);  // the current row again
      }
      break;
  }
  // A NO SCROLL cursor never reads a row before its position again.
  if (!cursor.scroll && cursor.position > cursor.dropped + 1) {
    const size_t drop = std::min(cursor.position - 1 - cursor.dropped, cursor.rows.size());
    cursor.rows.erase(cursor.rows.begin(), cursor.rows.begin() + static_cast<ptrdiff_t>(drop));
    cursor.dropped += drop;
  }
  return returned;
}

void SessionImpl::ExecuteFetch(const ast::FetchStmt& stmt, ResultSink& sink) {
  Portal* portal = FindPortal(stmt.cursor);
  if (portal == nullptr) {
    throw Error(sqlstate::kInvalidCursorName,
                fmt::format("cursor \"{}\" does not exist", stmt.cursor));
  }
  if (!portal->statement->columns || portal->plan == nullptr) {
    throw Error(sqlstate::kObjectNotInPrerequisiteState,
                fmt::format("portal \"{}\" cannot be run", stmt.cursor));
  }
  if (!portal->cursor) {
    // A protocol portal read by FETCH: a NO SCROLL cursor on the rows it has
    // not sent yet.
    portal->cursor.emplace();
    portal->cursor->scroll = false;
    portal->cursor->rows.assign(
        std::make_move_iterator(portal->pending.begin() + static_cast<ptrdiff_t>(portal->next)),
        std::make_move_iterator(portal->pending.end()));
    portal->pending.clear();
    portal->next = 0;
  }
  if (portal->root != nullptr) EnsureTransaction();
  if (stmt.move) {
    sink.CommandComplete(fmt::format("MOVE {}", MoveCursor(*portal, stmt.direction, nullptr)));
    return;
  }
  std::vector<Row> rows;
  MoveCursor(*portal, stmt.direction, &rows);
  std::vector<ResultColumn> columns = *portal->statement->columns;
  // DECLARE ... BINARY CURSOR: FETCH returns every column in binary.
  if (portal->cursor->binary) {
    for (ResultColumn& column : columns) column.format = 1;
  }
  sink.BeginResult(columns);
  sink.Rows(rows);
  sink.CommandComplete(fmt::format("FETCH {}", rows.size()));
}

std::vector<Row> SessionImpl::CursorRows() {
  std::vector<Row> rows;
  for (const auto& [name, portal] : portals_) {
    if (!portal.cursor || portal.cursor->text.empty()) continue;  // FETCH of a protocol portal
    if (portal.transaction != transaction_serial_ && portal.transaction != kHeldPortal) continue;
    rows.push_back(Row{Value::String(name), Value::String(portal.cursor->text),
                       Value::Bool(portal.cursor->hold), Value::Bool(portal.cursor->binary),
                       Value::Bool(portal.cursor->scroll),
                       Value::Int(portal.cursor->creation_time)});
  }
  return rows;
}

void SessionImpl::HoldCursors() {
  for (auto& [name, portal] : portals_) {
    if (!portal.cursor || !portal.cursor->hold || portal.transaction != transaction_serial_) {
      continue;
    }
    // PostgreSQL materializes a holdable cursor's result at COMMIT.
    ReadCursorRow(portal, SIZE_MAX);
    portal.transaction = kHeldPortal;
  }
}

}  // namespace basalt::sql
