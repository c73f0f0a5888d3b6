// CHECK constraints of one table, bound for one statement execution: each
// stored expression parsed and bound again over the table's row (so a
// renamed column still binds), then evaluated on every row written.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

// `(1, null, abc)`: a row as PostgreSQL's "Failing row contains" shows it.
std::string FailingRowText(const catalog::TableEntry& table, const Row& row);

class CheckConstraints {
 public:
  // Binds the table's CHECK constraints (REQUIRES: ctx.catalog is set);
  // `only`, when not empty, binds that constraint alone (VALIDATE, ADD).
  CheckConstraints(const catalog::TableEntry& table, const ExecContext& ctx,
                   const std::string& only = "");
  ~CheckConstraints();
  bool empty() const { return checks_.empty(); }
  // 23514 `new row for relation "t" violates check constraint "t_a_check"`
  // (DETAIL `Failing row contains (...).`) unless every expression is true
  // or NULL on `row`. `existing_rows`: ALTER TABLE's wording instead
  // (`check constraint "c" of relation "t" is violated by some row`).
  void Check(const Row& row, ExecContext& ctx, bool existing_rows = false) const;

 private:
  struct Bound {
    std::string name;
    BoundExprPtr expr;
  };
  const catalog::TableEntry& table_;
  std::vector<Bound> checks_;
};

}  // namespace basalt::sql
