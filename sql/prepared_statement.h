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
  ast::StatementPtr statement;                       // null for an empty query string
  std::vector<DataType> parameter_types;             // declared or inferred
  std::optional<std::vector<ResultColumn>> columns;  // nullopt: returns no rows
  // SELECT, INSERT, UPDATE, DELETE: the plan of the last execution, reused
  // by the next while it is current (SessionImpl::PlanIsCurrent).
  mutable std::shared_ptr<const StatementPlan> plan;
};

struct Portal {
  std::shared_ptr<const PreparedStatement> statement;
  std::vector<Value> parameters;
  uint64_t transaction = 0;  // SessionImpl::transaction_serial_ at Bind
  bool started = false;      // the first Execute ran
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
  std::string tag;  // an unplanned statement's command tag
};

}  // namespace basalt::sql
