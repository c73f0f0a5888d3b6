#include <fmt/format.h>

#include "common/value_text.h"
#include "sql/execution/check_constraints.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "sql/execution/table_constraints.h"

namespace basalt::sql {

void CheckNotNull(const catalog::TableEntry& table, const Row& row) {
  for (int c = 0; c < table.def.columns_size(); ++c) {
    if (!table.def.columns(c).not_null() || !row[c].is_null()) continue;
    std::string values;
    for (int i = 0; i < table.def.columns_size(); ++i) {
      if (i > 0) values += ", ";
      values += row[i].is_null() ? "null" : ValueToText(row[i], table.ColumnType(i));
    }
    throw Error(sqlstate::kNotNullViolation,
                fmt::format("null value in column \"{}\" of relation \"{}\" violates not-null "
                            "constraint",
                            table.def.columns(c).name(), table.def.name()))
        .WithDetail(fmt::format("Failing row contains ({}).", values));
  }
}

std::string IndexKeyText(const catalog::TableEntry& table, const Row& row,
                         const std::vector<int>& columns) {
  std::string names;
  std::string values;
  for (int column : columns) {
    if (!names.empty()) names += ", ";
    if (!values.empty()) values += ", ";
    names += table.def.columns(column).name();
    values += row[static_cast<size_t>(column)].is_null()
                  ? "null"
                  : ValueToText(row[static_cast<size_t>(column)], table.ColumnType(column));
  }
  return fmt::format("({})=({})", names, values);
}

void ThrowWriteFailure(const catalog::TableEntry& table, const Row& row, const Status& status) {
  Error error(status.code(), status.message());
  if (status.code() == sqlstate::kUniqueViolation) {
    // The message names the constraint; its columns make the detail line.
    std::vector<int> columns = table.layout.primary_key;
    for (const storage::IndexLayout& index : table.layout.indexes) {
      if (status.message().ends_with("\"" + index.name + "\"")) {
        columns.clear();
        for (const storage::IndexLayout::KeyColumn& c : index.columns) columns.push_back(c.column);
      }
    }
    error.WithDetail(fmt::format("Key {} already exists.", IndexKeyText(table, row, columns)));
  }
  throw error;
}

void WriteNewRow(const catalog::TableEntry& table, storage::TableStore& store,
                 TableConstraints& constraints, const Row& row, ExecContext& ctx,
                 std::string* key) {
  constraints.BeforeInsert(row, ctx);
  Status st = store.Insert(ctx.txn, row, key);
  if (!st.ok()) ThrowWriteFailure(table, row, st);
}

void CheckViewOptions(const catalog::TableEntry& table, const std::vector<BoundViewCheck>& checks,
                      const Row& row, ExecContext& ctx) {
  for (const BoundViewCheck& check : checks) {
    const Value v = Evaluate(*check.condition, row, &ctx);
    if (!v.is_null() && v.AsBool()) continue;
    throw Error(sqlstate::kWithCheckOptionViolation,
                fmt::format("new row violates check option for view \"{}\"", check.view))
        .WithDetail(fmt::format("Failing row contains {}.", FailingRowText(table, row)));
  }
}

void ReturningRows::Add(const Row& written, ExecContext& ctx) {
  if (exprs_.empty()) return;
  Row row;
  row.reserve(exprs_.size());
  for (const BoundExprPtr& e : exprs_) row.push_back(Evaluate(*e, written, &ctx));
  rows_.push_back(std::move(row));
}

bool ReturningRows::Next(RowBatch* batch) {
  batch->clear();
  for (; next_ < rows_.size() && batch->size() < kBatchSize; ++next_) {
    batch->push_back(std::move(rows_[next_]));
  }
  return !batch->empty();
}

bool ModifyTable::Next(ExecContext& ctx, RowBatch* batch) {
  if (!written_) {
    written_ = true;
    Write(ctx);
  }
  return returning_.Next(batch);
}

void Insert::Write(ExecContext& ctx) {
  storage::TableStore store(ctx.store, &table_->layout);
  TableConstraints constraints(table_);
  std::unordered_set<std::string> written;  // ON CONFLICT DO UPDATE only
  std::string key;
  RowBatch input;
  while (children_[0]->Next(ctx, &input)) {
    for (const Row& in : input) {
      Row row;
      row.reserve(row_exprs_.size());
      for (const BoundExprPtr& e : row_exprs_) row.push_back(Evaluate(*e, in, &ctx));
      CheckNotNull(*table_, row);
      if (on_conflict_ != nullptr && ResolveConflict(store, constraints, row, ctx, written)) {
        continue;
      }
      const bool track = on_conflict_ != nullptr && on_conflict_->do_update;
      WriteNewRow(*table_, store, constraints, row, ctx, track ? &key : nullptr);
      CheckViewOptions(*table_, view_checks_, row, ctx);
      if (track) written.insert(key);
      ++ctx.rows_affected;
      returning_.Add(row, ctx);
    }
  }
  constraints.Finish(ctx);
}

}  // namespace basalt::sql
