// Functions returning record in FROM (json[b]_to_record[set]) and the column
// definition list they need (bind_record_function.cc).
#pragma once

#include <optional>
#include <string_view>
#include <utility>

#include "sql/binder/bound_statement.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// The function named `name` if it returns record, and whether it takes jsonb.
std::optional<std::pair<TableFunction, bool>> RecordTableFunction(std::string_view name);

// PostgreSQL's 42601 errors for a FROM function's column definition list:
// required for a function returning record (at the call), only allowed for
// one, and never with WITH ORDINALITY.
void CheckColumnDefinitionList(const ast::Alias& alias, bool with_ordinality, bool returns_record,
                               int call_position);

}  // namespace basalt::sql
