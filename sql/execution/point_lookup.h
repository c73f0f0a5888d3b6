// One row by its full primary key (storage::TableStore::Lookup): the plan of
// `WHERE pk = const`, the benchmark's hot path.
#pragma once

#include <memory>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class PointLookup : public PhysicalOperator {
 public:
  // `key` holds one expression per primary key column, in key order,
  // evaluated once when the operator runs.
  PointLookup(std::shared_ptr<const catalog::TableEntry> table,
              const std::vector<BoundExprPtr>& key, bool emit_key)
      : table_(std::move(table)), key_(key), emit_key_(emit_key) {}
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override;

 private:
  std::shared_ptr<const catalog::TableEntry> table_;
  const std::vector<BoundExprPtr>& key_;
  bool emit_key_;
  bool done_ = false;
};

}  // namespace basalt::sql
