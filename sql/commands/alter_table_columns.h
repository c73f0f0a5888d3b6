// Helpers shared by ALTER TABLE's column actions (sql/commands/
// alter_table_columns.cc, alter_table_drop_column.cc,
// alter_table_rewrite.cc).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// The position of the column `name`; 42703 `column "c" of relation "t"
// does not exist` when there is none.
int FindColumnOrThrow(const catalog::TableEntry& table, const std::string& name);
// 23502 `column "c" of relation "t" contains null values`.
[[noreturn]] void ThrowContainsNulls(const catalog::TableEntry& table, const std::string& column);

// 42809 `ALTER action ADD COLUMN cannot be performed on relation "v"`,
// DETAIL `This operation is not supported for views.` (or materialized
// views), as PostgreSQL refuses a column action on a view.
[[noreturn]] void ThrowColumnActionOnView(const catalog::TableEntry& view,
                                          const ast::AlterTableCommand& command);

// The views and materialized views whose query reads column `column` of
// `table` (a `*` reads them all), found by printing each query with the
// column renamed: a query that prints the same does not read it.
std::vector<std::shared_ptr<const catalog::TableEntry>> ViewsReadingColumn(
    const std::shared_ptr<const catalog::CatalogSnapshot>& snapshot, Oid database,
    const std::string& user, const std::vector<std::string>& search_path,
    const catalog::TableEntry& table, int column);

}  // namespace basalt::sql
