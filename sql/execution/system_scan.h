// Reads a computed pg_catalog relation (catalog/system_relations.h): its
// rows are made when the scan starts, from the server's state (pg_locks:
// the lock manager), then filtered by the predicate scan pushdown gave it.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class SystemScan : public PhysicalOperator {
 public:
  SystemScan(std::shared_ptr<const catalog::TableEntry> table, const BoundExpr* predicate)
      : table_(std::move(table)), predicate_(predicate) {}
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "System Scan on " + table_->def.name(); }

 private:
  std::shared_ptr<const catalog::TableEntry> table_;
  const BoundExpr* predicate_;
  std::vector<Row> rows_;
  bool started_ = false;
  size_t next_ = 0;
};

// A computed row's integer (or timestamp) column: NULL when unset.
template <typename T>
Value IntOrNull(const std::optional<T>& v) {
  return v ? Value::Int(static_cast<int64_t>(*v)) : Value::Null();
}

// The current rows of the computed relation `table`.
std::vector<Row> ComputeSystemRows(const catalog::TableEntry& table, ExecContext& ctx);

}  // namespace basalt::sql
