#include <fmt/format.h>

#include <cctype>

#include "common/value_text.h"
#include "sql/execution/check_constraints.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "sql/execution/table_constraints.h"
#include "storage/index_key.h"

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

namespace {

// Whether stored expression text is one function call, `f(...)`: printed
// without the parentheses other expressions get (looks_like_function).
bool LooksLikeFunctionCall(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 ||
                             text[i] == '_' || text[i] == '.')) {
    ++i;
  }
  if (i == 0 || i >= text.size() || text[i] != '(') return false;
  int depth = 0;
  bool quoted = false;
  for (; i < text.size(); ++i) {
    if (text[i] == '\'') quoted = !quoted;
    if (quoted) continue;
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && --depth == 0) return i + 1 == text.size();
  }
  return false;
}

}  // namespace

std::string IndexKeyText(const catalog::TableEntry& table, const storage::IndexLayout& index,
                         const Row& row) {
  if (!storage::HasExpressions(index)) {
    std::vector<int> columns;
    for (const storage::IndexLayout::KeyColumn& c : index.columns) columns.push_back(c.column);
    return IndexKeyText(table, row, columns);
  }
  const catalog::proto::Index* def = nullptr;
  for (const catalog::proto::Index& i : table.def.indexes()) {
    if (i.relation_id() == index.relation_id) def = &i;
  }
  std::string names;
  std::string values;
  for (size_t k = 0; k < index.columns.size(); ++k) {
    const storage::IndexLayout::KeyColumn& c = index.columns[k];
    if (k > 0) {
      names += ", ";
      values += ", ";
    }
    if (c.expression != nullptr && def != nullptr && static_cast<int>(k) < def->columns_size()) {
      const std::string& text = def->columns(static_cast<int>(k)).expression();
      // As pg_get_indexdef prints it with pretty on (BuildIndexValueDescription).
      names += LooksLikeFunctionCall(text) ? text : "(" + text + ")";
    } else if (c.column >= 0) {
      names += table.def.columns(c.column).name();
    }
    const Value v = storage::IndexKeyValue(c, row);
    values +=
        v.is_null() ? "null" : ValueToText(v, storage::IndexKeyType(c, table.layout.column_types));
  }
  return fmt::format("({})=({})", names, values);
}

void ThrowWriteFailure(const catalog::TableEntry& table, const Row& row, const Status& status) {
  Error error(status.code(), status.message());
  if (status.code() == sqlstate::kUniqueViolation) {
    // The message names the constraint; its columns make the detail line.
    std::string text = IndexKeyText(table, row, table.layout.primary_key);
    for (const storage::IndexLayout& index : table.layout.indexes) {
      if (status.message().ends_with("\"" + index.name + "\"")) {
        text = IndexKeyText(table, index, row);
      }
    }
    error.WithDetail(fmt::format("Key {} already exists.", text));
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
