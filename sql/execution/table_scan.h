// Full scan of a table in key order (storage::TableStore::Scan).
#pragma once

#include <memory>

#include "catalog/catalog.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class TableScan : public PhysicalOperator {
 public:
  // With `emit_key`, each row carries its storage key as a trailing string
  // value (UPDATE and DELETE need it).
  TableScan(std::shared_ptr<const catalog::TableEntry> table, bool emit_key)
      : table_(std::move(table)), emit_key_(emit_key) {}
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override;

 private:
  std::shared_ptr<const catalog::TableEntry> table_;
  bool emit_key_;
  std::unique_ptr<storage::TableStore> store_;
  std::unique_ptr<storage::RowIterator> it_;
  bool done_ = false;
};

}  // namespace basalt::sql
