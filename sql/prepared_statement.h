// A prepared statement (Parse) and a portal (Bind) of the extended query
// protocol, as SessionImpl keeps them (session_extended.cc).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/value.h"
#include "sql/binder/binder.h"
#include "sql/engine.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// Immutable once parsed, so portals share it. The plan is made at Execute
// from the AST for now; a cached plan will live here.
struct PreparedStatement {
  std::string text;
  ast::StatementPtr statement;                       // null for an empty query string
  std::vector<ParameterValue> parameters;            // declared or inferred types, no values
  std::optional<std::vector<ResultColumn>> columns;  // nullopt: returns no rows
};

struct Portal {
  std::shared_ptr<const PreparedStatement> statement;
  std::vector<ParameterValue> parameters;  // with their values
  std::vector<int16_t> result_formats;     // Bind's format code of each result column
  uint64_t transaction = 0;                // SessionImpl::transaction_serial_ at Bind
  // Execute with a row limit runs the statement once into `rows` and hands
  // them out in pieces; `started` is then set and `next` is the first row
  // the next Execute sends.
  bool started = false;
  std::vector<Row> rows;
  size_t next = 0;
  bool returns_rows = false;  // the statement has result columns
  std::string tag;            // the statement's command tag ("SELECT 12", "INSERT 0 1")
};

}  // namespace basalt::sql
