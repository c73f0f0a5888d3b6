// COPY FROM's bulk load: records from CopyInput become table rows (each
// field read by its column type's input or receive function, unlisted
// columns from their defaults, NOT NULL checked), written in batches with
// no per-row statement work.
//
// Two write paths:
//  - transactional: rows go through storage::TableStore::Insert in the
//    statement's transaction, so indexes and unique checks (23505) are the
//    ones every INSERT gets, and a failure leaves nothing;
//  - direct: the table's relation was created or truncated by this very
//    transaction (what COPY FREEZE asks for), so nobody else can see it: rows
//    are written as sorted files the store takes in whole (KvStore::
//    BeginSortedLoad: no WAL, no memtable) and index entries in unlocked
//    batches (as an index build writes them), and the relation is one the
//    transaction drops if it does not commit (CatalogWriter::
//    AddFilledRelation). Only for tables with no primary key and no unique
//    index, so no check is skipped.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/copy/copy_input.h"
#include "sql/execution/exec_context.h"
#include "sql/execution/table_constraints.h"

namespace basalt::sql {

class CopyFromLoader {
 public:
  // `columns`: the table positions the records' fields fill, in order.
  // `defaults`: per table column, the default of an unlisted column (null:
  // NULL). `direct`: the direct write path (see above).
  CopyFromLoader(std::shared_ptr<const catalog::TableEntry> table, std::vector<int> columns,
                 std::vector<BoundExprPtr> defaults, const CopyOptions& options, bool direct);

  // A CopyData message's bytes: every complete record is loaded (a batch is
  // written whenever it fills). Throws basalt::Error with COPY's CONTEXT.
  void Feed(std::string_view data, ExecContext& ctx);
  // CopyDone: the last record, the last batch. Returns the rows loaded.
  uint64_t Finish(ExecContext& ctx);

  const catalog::TableEntry& table() const { return *table_; }

 private:
  void LoadRecords(bool at_end, ExecContext& ctx);
  // The table row of the current record.
  void MakeRow(const CopyRecord& record, ExecContext& ctx, Row* row);
  void FlushBatch(ExecContext& ctx);

  std::shared_ptr<const catalog::TableEntry> table_;
  std::vector<int> columns_;
  std::vector<bool> listed_;            // per table column: among columns_
  std::vector<DataType> column_types_;  // of columns_
  std::vector<std::string> column_names_;
  std::vector<BoundExprPtr> defaults_;
  bool direct_;
  CopyInput input_;
  CopyRecord record_;
  // Rows read but not yet written, with their line numbers (CONTEXT of a
  // unique violation found when they are written).
  std::vector<Row> batch_;  // the first batch_rows_ are the batch
  size_t batch_rows_ = 0;
  std::vector<uint64_t> batch_lines_;
  uint64_t rows_ = 0;
  std::unique_ptr<storage::SortedLoad> sorted_load_;  // the direct path's rows
  TableConstraints constraints_{table_};
};

}  // namespace basalt::sql
