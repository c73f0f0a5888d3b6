#include "sql/execution/check_constraints.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/value_text.h"
#include "sql/binder/binder.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/parser.h"

namespace basalt::sql {

std::string FailingRowText(const catalog::TableEntry& table, const Row& row) {
  std::string values;
  for (int i = 0; i < table.def.columns_size(); ++i) {
    if (i > 0) values += ", ";
    values += row[static_cast<size_t>(i)].is_null()
                  ? "null"
                  : ValueToText(row[static_cast<size_t>(i)], table.ColumnType(i));
  }
  return "(" + values + ")";
}

CheckConstraints::CheckConstraints(const catalog::TableEntry& table, const ExecContext& ctx,
                                   const std::string& only)
    : table_(table) {
  if (ctx.catalog == nullptr) return;
  std::unique_ptr<Binder> binder;
  for (const catalog::proto::Constraint& c : table.def.constraints()) {
    if (c.type() != "c" || (!only.empty() && c.name() != only)) continue;
    if (binder == nullptr) {
      binder = std::make_unique<Binder>(*ctx.catalog, ctx.database_oid, ctx.user, ctx.search_path);
    }
    ast::ExprPtr expr = ParseExpression(c.check_expr());
    checks_.push_back({c.name(), binder->BindCheckExpression(table.def, *expr)});
  }
  // PostgreSQL tests them in name order (the relcache sorts them), which
  // decides the constraint a row breaking several is reported for.
  std::sort(checks_.begin(), checks_.end(),
            [](const Bound& a, const Bound& b) { return a.name < b.name; });
}

CheckConstraints::~CheckConstraints() = default;

void CheckConstraints::Check(const Row& row, ExecContext& ctx, bool existing_rows) const {
  for (const Bound& check : checks_) {
    Value v = Evaluate(*check.expr, row, &ctx);
    if (v.is_null() || v.AsBool()) continue;
    if (existing_rows) {
      throw Error(sqlstate::kCheckViolation,
                  fmt::format("check constraint \"{}\" of relation \"{}\" is violated by some row",
                              check.name, table_.def.name()));
    }
    throw Error(sqlstate::kCheckViolation,
                fmt::format("new row for relation \"{}\" violates check constraint \"{}\"",
                            table_.def.name(), check.name))
        .WithDetail(fmt::format("Failing row contains {}.", FailingRowText(table_, row)));
  }
}

}  // namespace basalt::sql
