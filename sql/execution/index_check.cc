#include "sql/execution/index_check.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "common/bytea_encoding.h"
#include "common/error.h"
#include "sql/execution/evaluate.h"
#include "storage/index_key.h"
#include "storage/key_codec.h"

namespace basalt::sql {

namespace {

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

int64_t CheckIndexEntries(const CatalogNames& names, Oid index_oid, ExecContext& ctx) {
  std::shared_ptr<const catalog::TableEntry> table = names.IndexTable(index_oid);
  if (table == nullptr) {
    if (names.Table(index_oid) != nullptr) {
      throw Error(sqlstate::kWrongObjectType,
                  fmt::format("relation {} is not an index", index_oid));
    }
    throw Error(sqlstate::kUndefinedTable, fmt::format("index {} does not exist", index_oid));
  }
  const catalog::proto::Table& t = table->def;
  int position = -1;
  for (int i = 0; i < t.indexes_size(); ++i) {
    if (t.indexes(i).oid() == index_oid) position = i;
  }
  // The primary key is the rows' own order: nothing apart to check.
  if (position < 0) throw Error(sqlstate::kFeatureNotSupported, "a primary key has no entries");
  const storage::IndexLayout& index = table->layout.indexes[static_cast<size_t>(position)];
  // (entry key, entry value) of every row, in the index's order.
  std::vector<std::pair<std::string, std::string>> expected;
  storage::TableStore rows(ctx.store, &table->layout);
  std::unique_ptr<storage::RowIterator> it = rows.Scan(ctx.txn);
  Row row(table->layout.column_types.size());
  const std::vector<bool> key_columns =
      storage::IndexKeyColumns(index, table->layout.column_types.size());
  while (true) {
    Result<bool> more = it->Advance();
    Check(more.status());
    if (!*more) break;
    Check(it->DecodeColumns(key_columns, &row));
    if (!storage::IndexCoversRow(index, row)) continue;
    expected.emplace_back(
        storage::IndexEntryKey(index, table->layout.column_types, row, it->key()),
        storage::IndexEntryValue(index, table->layout.column_types, row, it->key()));
  }
  std::sort(expected.begin(), expected.end());
  auto corrupted = [&](std::string_view what, std::string_view value) {
    const Result<std::string_view> key = storage::IndexEntryRowKey(index, value);
    return Error(sqlstate::kIndexCorrupted, fmt::format("index \"{}\" {}", index.name, what))
        .WithDetail(
            fmt::format("Row key {}.", EncodeBytes(key.ok() ? *key : value, ByteaEncoding::kHex)));
  };
  std::unique_ptr<storage::KvIterator> entries =
      ctx.txn.Scan(storage::ColumnFamily::kData, storage::RelationPrefix(index.relation_id),
                   storage::RelationEnd(index.relation_id));
  size_t next = 0;
  for (; entries->Valid(); entries->Next()) {
    if (next == expected.size() || entries->key() != expected[next].first) {
      const bool missing = next < expected.size() && expected[next].first < entries->key();
      if (missing) throw corrupted("lacks the entry of a row", expected[next].second);
      throw corrupted("has an entry for no row", entries->value());
    }
    if (entries->value() != expected[next].second) {
      throw corrupted("has an entry pointing at another row or with other INCLUDE values",
                      entries->value());
    }
    ++next;
  }
  Check(entries->status());
  if (next < expected.size()) throw corrupted("lacks the entry of a row", expected[next].second);
  return static_cast<int64_t>(expected.size());
}

}  // namespace basalt::sql
