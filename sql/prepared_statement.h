// A prepared statement (Parse) and a portal (Bind) of the extended query
// protocol, as SessionImpl keeps them (session_extended.cc).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/data_type.h"
#include "common/value.h"
#include "sql/engine.h"
#include "sql/execution/physical_operator.h"
#include "sql/parser/ast.h"
#include "sql/statement_plan.h"

namespace basalt::sql {

// Immutable once parsed, so portals share it; only its plan cache changes.
struct PreparedStatement {
  std::string text;
  // Null for an empty query string. Shared: PREPARE's statement lives in
  // the AST of the query string that prepared it.
  std::shared_ptr<const ast::Statement> statement;
  std::vector<DataType> parameter_types;             // declared or inferred
  std::optional<std::vector<ResultColumn>> columns;  // nullopt: returns no rows
  bool from_sql = false;                             // PREPARE rather than Parse
  int64_t prepare_time = 0;                          // a timestamptz
  // Executions (all with the generic plan: Basalt makes no custom plans).
  mutable int64_t executions = 0;
  // SELECT, INSERT, UPDATE, DELETE: the plan of the last execution, reused
  // by the next while it is current (SessionImpl::PlanIsCurrent).
  mutable std::shared_ptr<const StatementPlan> plan;
};

// A SQL cursor's rows and position (DECLARE, FETCH, MOVE). Rows read from
// the plan are kept so FETCH can go back, except those a NO SCROLL cursor
// has passed.
struct CursorState {
  bool scroll = true;
  bool hold = false;
  bool binary = false;
  std::string text;           // the query string that declared it (pg_cursors)
  int64_t creation_time = 0;  // when, as a timestamptz
  std::vector<Row> rows;      // rows dropped+1 .. of the result
  size_t dropped = 0;         // rows passed and dropped (NO SCROLL)
  // PostgreSQL's portal position: 0 before the first row, k on row k,
  // (row count + 1) after the last.
  size_t position = 0;
};

// Portal::transaction of a WITH HOLD cursor after its transaction committed.
inline constexpr uint64_t kHeldPortal = UINT64_MAX;

struct Portal {
  std::shared_ptr<const PreparedStatement> statement;
  std::vector<Value> parameters;
  std::vector<int16_t> result_formats;  // Bind's format code of each result column
  uint64_t transaction = 0;             // SessionImpl::transaction_serial_ at Bind
  bool started = false;                 // the first Execute ran
  bool returns_rows = false;
  // A planned statement's execution, from the first Execute: the operators
  // stay open while the portal is suspended (closed at the end of the rows
  // and of the transaction).
  std::shared_ptr<const StatementPlan> plan;
  PhysicalOperatorPtr root;
  // Rows read but not sent yet (those of `next` on). Other statements that
  // return rows (SHOW) put all their rows here at the first Execute.
  std::vector<Row> pending;
  size_t next = 0;
  std::string tag;                    // an unplanned statement's command tag
  uint64_t rows_affected = 0;         // INSERT / UPDATE / DELETE ... RETURNING: rows written
  std::optional<CursorState> cursor;  // DECLARE, or a portal FETCH has read from
};

}  // namespace basalt::sql
