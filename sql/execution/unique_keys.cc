#include "sql/execution/unique_keys.h"

#include <fmt/format.h>

#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "storage/index_key.h"
#include "storage/key_codec.h"

namespace basalt::sql {

namespace {

void CheckOk(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

std::string EntryPrefix(const catalog::TableEntry& table, const storage::IndexLayout& index,
                        const Row& key) {
  std::string prefix = storage::RelationPrefix(index.relation_id);
  for (size_t k = 0; k < index.columns.size(); ++k) {
    const storage::IndexLayout::KeyColumn& column = index.columns[k];
    storage::AppendIndexKeyValue(
        key[k], table.layout.column_types[static_cast<size_t>(column.column)], column, &prefix);
  }
  return prefix;
}

// 23505 for `key`: at a write, `duplicate key value violates ...`; over an
// index being made (`build`), as PostgreSQL's index build words it.
[[noreturn]] void ThrowDuplicate(const catalog::TableEntry& table,
                                 const storage::IndexLayout& index, const Row& key,
                                 bool build = false) {
  Row row(table.layout.column_types.size());
  std::vector<int> columns;
  for (size_t k = 0; k < index.columns.size(); ++k) {
    columns.push_back(index.columns[k].column);
    row[static_cast<size_t>(index.columns[k].column)] = key[k];
  }
  const std::string text = IndexKeyText(table, row, columns);
  if (build) {
    throw Error(sqlstate::kUniqueViolation,
                fmt::format("could not create unique index \"{}\"", index.name))
        .WithDetail(fmt::format("Key {} is duplicated.", text));
  }
  throw Error(sqlstate::kUniqueViolation,
              fmt::format("duplicate key value violates unique constraint \"{}\"", index.name))
      .WithDetail(fmt::format("Key {} already exists.", text));
}

}  // namespace

std::optional<Row> UniqueKeyOf(const storage::IndexLayout& index, const Row& row) {
  Row key;
  for (const storage::IndexLayout::KeyColumn& column : index.columns) {
    const Value& value = row[static_cast<size_t>(column.column)];
    if (value.is_null() && !index.nulls_not_distinct) return std::nullopt;
    key.push_back(value);
  }
  return key;
}

void CheckUniqueKey(const catalog::TableEntry& table, const storage::IndexLayout& index,
                    const Row& key, ExecContext& ctx) {
  const std::string prefix = EntryPrefix(table, index, key);
  // A lock key standing for the value, in the meta family where nothing
  // is written under it (as the row key locks of table_store.cc).
  CheckOk(ctx.txn.Lock(storage::ColumnFamily::kMeta, "unique-key-lock/" + prefix,
                       storage::Transaction::LockMode::kExclusive));
  std::unique_ptr<storage::KvIterator> entries =
      ctx.txn.ScanLatest(storage::ColumnFamily::kData, prefix, storage::PrefixSuccessor(prefix));
  int rows = 0;
  for (; entries->Valid(); entries->Next()) {
    if (++rows > 1) ThrowDuplicate(table, index, key);
  }
  CheckOk(entries->status());
}

void CheckUniqueIndex(const catalog::TableEntry& table, const storage::IndexLayout& index,
                      ExecContext& ctx) {
  std::unique_ptr<storage::KvIterator> entries =
      ctx.txn.ScanLatest(storage::ColumnFamily::kData, storage::RelationPrefix(index.relation_id),
                         storage::RelationEnd(index.relation_id));
  // An entry is the key's prefix, then the row key past its relation id;
  // its value holds the row key. Equal keys are neighbours.
  std::string previous;
  for (; entries->Valid(); entries->Next()) {
    ctx.CheckForInterrupts();
    std::string_view entry = entries->key();
    const std::string_view row_key = OrThrow(storage::IndexEntryRowKey(index, entries->value()));
    std::string_view prefix = entry.substr(0, entry.size() - (row_key.size() - 4));
    if (prefix == previous) {
      std::string row_value;
      bool found = false;
      CheckOk(ctx.txn.GetLatest(storage::ColumnFamily::kData, row_key, &row_value, &found));
      Row row;
      if (found) CheckOk(storage::DecodeTableRow(table.layout, row_value, &row));
      if (std::optional<Row> key = found ? UniqueKeyOf(index, row) : std::nullopt) {
        ThrowDuplicate(table, index, *key, /*build=*/true);
      }
    }
    previous.assign(prefix);
  }
  CheckOk(entries->status());
}

}  // namespace basalt::sql
