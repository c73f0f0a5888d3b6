#include "sql/execution/relation_size.h"

#include <fmt/format.h>

#include "common/error.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

int64_t Bytes(ExecContext& ctx, uint32_t relation_id) {
  if (relation_id == 0) return 0;  // a view, or a computed pg_catalog relation
  return static_cast<int64_t>(storage::TableStore::ApproximateSize(ctx.store, relation_id));
}

int64_t TableBytes(const catalog::TableEntry& table, RelationSizeKind kind, ExecContext& ctx) {
  int64_t size = 0;
  if (kind != RelationSizeKind::kIndexes) size += Bytes(ctx, table.layout.relation_id);
  if (kind != RelationSizeKind::kRelation) {
    for (const storage::IndexLayout& index : table.layout.indexes) {
      size += Bytes(ctx, index.relation_id);
    }
  }
  return size;
}

}  // namespace

std::optional<int64_t> RelationSize(const CatalogNames& names, Oid relation, RelationSizeKind kind,
                                    ExecContext& ctx) {
  if (std::shared_ptr<const catalog::TableEntry> table = names.Table(relation)) {
    return TableBytes(*table, kind, ctx);
  }
  std::shared_ptr<const catalog::TableEntry> owner = names.IndexTable(relation);
  if (owner == nullptr) return std::nullopt;
  if (kind == RelationSizeKind::kIndexes) return 0;  // an index has no indexes
  const catalog::proto::Table& t = owner->def;
  for (int i = 0; i < t.indexes_size() && i < static_cast<int>(owner->layout.indexes.size()); ++i) {
    if (t.indexes(i).oid() == relation) {
      return Bytes(ctx, owner->layout.indexes[static_cast<size_t>(i)].relation_id);
    }
  }
  return 0;  // the primary key's index
}

std::optional<int64_t> DatabaseSize(const CatalogNames& names, Oid database, ExecContext& ctx) {
  const catalog::CatalogSnapshot& snapshot = names.snapshot();
  bool found = false;
  for (const catalog::proto::Database* db : snapshot.Databases()) found |= db->oid() == database;
  if (!found) return std::nullopt;
  int64_t size = 0;
  for (const std::shared_ptr<const catalog::TableEntry>& table : snapshot.Tables(database)) {
    size += TableBytes(*table, RelationSizeKind::kTotal, ctx);
  }
  return size;
}

Oid DatabaseOidByName(const CatalogNames& names, std::string_view name) {
  for (const catalog::proto::Database* db : names.snapshot().Databases()) {
    if (db->name() == name) return db->oid();
  }
  throw Error(sqlstate::kInvalidCatalogName, fmt::format("database \"{}\" does not exist", name));
}

}  // namespace basalt::sql
