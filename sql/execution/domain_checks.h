// A domain's constraints (CREATE DOMAIN ... NOT NULL CHECK (...)), and
// those of the domains it is defined over, bound for one statement: each
// CHECK's stored text parsed and bound over one column `value` of the base
// type, then evaluated on every value cast to the domain or written to a
// column of it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

class DomainChecks {
 public:
  // REQUIRES: ctx.catalog is set; `domain` is a domain of it.
  DomainChecks(Oid domain, const ExecContext& ctx);
  ~DomainChecks();
  // The checks of `domain` as `ctx` caches them (ExecContext::domain_checks).
  static const DomainChecks& Of(Oid domain, ExecContext& ctx);

  // 23502 `domain d does not allow null values`, 23514 `value for domain d
  // violates check constraint "c"`, unless `value` meets every constraint.
  void Check(const Value& value, ExecContext& ctx) const;
  // Whether `value` meets every constraint.
  bool Meets(const Value& value, ExecContext& ctx) const;

 private:
  struct Bound {
    std::string domain;  // the domain cast to, as messages name it
    std::string name;
    BoundExprPtr expr;
  };
  // The first CHECK a non-NULL `value` breaks, or null.
  const Bound* FirstBroken(const Value& value, ExecContext& ctx) const;
  std::string not_null_domain_;  // the domain cast to if it or one below is NOT NULL, or ""
  std::vector<Bound> checks_;
};

// The row a domain's CHECK expressions read: one column, `value` (VALUE),
// of the domain's base type.
catalog::proto::Table DomainValueTable(const DataType& base);

// 23502 / 23514 unless each value of `row` in a column of a domain meets
// the domain's constraints.
void CheckDomainColumns(const catalog::TableEntry& table, const Row& row, ExecContext& ctx);
// Whether any column of `table` is of a domain.
bool HasDomainColumns(const catalog::TableEntry& table);

}  // namespace basalt::sql
