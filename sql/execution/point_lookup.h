// Rows by their full primary key (storage::TableStore::Lookup): the plan of
// `WHERE pk = const`, the benchmark's hot path, and of `WHERE pk IN (...)` /
// `pk = ANY (array)`, one read per distinct value of the list.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class PointLookup : public PhysicalOperator {
 public:
  // `key` holds one expression per primary key column, in key order,
  // evaluated once when the operator runs; with a `list` (the planner's
  // LogicalGet::lookup_in: `col IN (...)` or `col = ANY (array)` over the
  // table's row), the columns before the last, whose values the list gives.
  PointLookup(std::shared_ptr<const catalog::TableEntry> table,
              const std::vector<BoundExprPtr>& key, const BoundExpr* list, bool emit_key)
      : table_(std::move(table)), key_(key), list_(list), emit_key_(emit_key) {}
  ~PointLookup() override;  // adds the read to pg_stat_all_tables and _indexes
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override;

 private:
  // The storage keys to read: sorted, each once, none for a NULL value.
  void ComputeKeys(ExecContext& ctx);

  std::shared_ptr<const catalog::TableEntry> table_;
  const std::vector<BoundExprPtr>& key_;
  const BoundExpr* list_;
  bool emit_key_;
  bool started_ = false;
  uint64_t rows_fetched_ = 0;
  std::vector<std::string> keys_;
  size_t next_key_ = 0;
};

}  // namespace basalt::sql
