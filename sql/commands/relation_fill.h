// Fills a relation nobody else can see yet with rows a query computes: the
// new table of CREATE TABLE ... AS, a new materialized view, the new
// relation of a full REFRESH.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "common/interrupt.h"
#include "sql/execution/physical_operator.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"

namespace basalt::sql {

class RelationFill {
 public:
  // How rows reach storage. Bulk: a few thousand rows per unlocked write of
  // their own, so memory stays bounded whatever the size, with the indexes
  // built afterwards from the rows; a READ COMMITTED transaction sees them
  // at its next snapshot. Transactional: through `txn` with the indexes
  // maintained row by row, so a transaction with one snapshot (REPEATABLE
  // READ, SERIALIZABLE) reads its own rows afterwards.
  enum class Mode { kBulk, kTransactional };

  // `table` is the relation's definition as it will be published.
  // REQUIRES: in bulk mode the caller registered the relation and its
  // indexes with CatalogWriter::AddFilledRelation (a rollback removes them).
  RelationFill(storage::KvStore& store, storage::Transaction& txn, const catalog::TableEntry& table,
               Mode mode, const Interrupt& interrupt);

  void Add(const RowBatch& rows);
  // Writes what is left and, in bulk mode, refreshes `txn`'s snapshot to see
  // the rows and builds the indexes from them (23505 `could not create
  // unique index` over duplicates). Returns the number of rows.
  uint64_t Finish();

 private:
  void Flush();

  storage::KvStore& store_;
  storage::Transaction& txn_;
  const catalog::TableEntry& table_;
  Mode mode_;
  const Interrupt& interrupt_;
  std::vector<std::pair<std::string, std::string>> batch_;
  uint64_t rows_ = 0;
};

}  // namespace basalt::sql
