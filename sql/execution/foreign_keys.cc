#include "sql/execution/foreign_keys.h"

#include <fmt/format.h>

#include <limits>
#include <unordered_map>

#include "common/value_text.h"
#include "sql/execution/evaluate.h"
#include "storage/index_key.h"
#include "storage/key_codec.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

ForeignKey Resolve(const catalog::proto::Constraint& def,
                   std::shared_ptr<const catalog::TableEntry> child,
                   std::shared_ptr<const catalog::TableEntry> parent) {
  ForeignKey fk;
  fk.def = &def;
  for (int attnum : def.attnums()) fk.columns.push_back(attnum - 1);
  for (int attnum : def.referenced_attnums()) fk.parent_columns.push_back(attnum - 1);
  auto position_of = [&](int parent_column) {
    for (size_t i = 0; i < fk.parent_columns.size(); ++i) {
      if (fk.parent_columns[i] == parent_column) return static_cast<int>(i);
    }
    return -1;
  };
  // The primary key if the columns are its own, else a unique index on
  // exactly them (the binder made sure there is one).
  auto matches = [&](const std::vector<int>& key_columns) {
    if (key_columns.size() != fk.parent_columns.size()) return false;
    std::vector<int> order;
    for (int column : key_columns) {
      const int at = position_of(column);
      if (at < 0) return false;
      order.push_back(at);
    }
    fk.key_order = std::move(order);
    return true;
  };
  if (!matches(parent->layout.primary_key)) {
    for (size_t i = 0; i < parent->layout.indexes.size(); ++i) {
      const storage::IndexLayout& index = parent->layout.indexes[i];
      if (!index.unique || !index.readable || index.predicate != nullptr) continue;
      std::vector<int> key_columns;
      for (const storage::IndexLayout::KeyColumn& c : index.columns)
        key_columns.push_back(c.column);
      if (matches(key_columns)) {
        fk.index = static_cast<int>(i);
        break;
      }
    }
  }
  fk.child = std::move(child);
  fk.parent = std::move(parent);
  return fk;
}

// Whether an integer key value fits the parent column's type (a bigint
// child value beyond an integer parent's range references nothing).
bool FitsKeyType(const Value& v, const DataType& type) {
  if (type.id == TypeId::kInt4) {
    return v.AsInt() >= std::numeric_limits<int32_t>::min() &&
           v.AsInt() <= std::numeric_limits<int32_t>::max();
  }
  if (type.id == TypeId::kInt2) {
    return v.AsInt() >= std::numeric_limits<int16_t>::min() &&
           v.AsInt() <= std::numeric_limits<int16_t>::max();
  }
  return true;
}

void CheckOk(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

// A secondary index of the child whose leading columns are the key's, in
// any order (`order[k]`: the position in fk.columns of its k-th column),
// or null: the referencing rows of a key are then one range of it.
const storage::IndexLayout* ChildIndex(const ForeignKey& fk, std::vector<int>* order) {
  for (const storage::IndexLayout& index : fk.child->layout.indexes) {
    if (!index.readable || index.columns.size() < fk.columns.size()) continue;
    order->clear();
    for (size_t k = 0; k < fk.columns.size(); ++k) {
      for (size_t i = 0; i < fk.columns.size(); ++i) {
        if (fk.columns[i] == index.columns[k].column) order->push_back(static_cast<int>(i));
      }
    }
    if (order->size() == fk.columns.size()) return &index;
  }
  return nullptr;
}

}  // namespace

std::vector<ForeignKey> ForeignKeysOf(const std::shared_ptr<const catalog::TableEntry>& table,
                                      const ExecContext& ctx) {
  std::vector<ForeignKey> out;
  if (ctx.catalog == nullptr) return out;
  for (const catalog::proto::Constraint& c : table->def.constraints()) {
    if (c.type() != "f") continue;
    std::shared_ptr<const catalog::TableEntry> parent =
        c.referenced_table_oid() == table->def.oid()
            ? table
            : ctx.catalog->TableByOid(table->def.database_oid(), c.referenced_table_oid());
    if (parent == nullptr) continue;  // dropped with CASCADE, which drops the key too
    out.push_back(Resolve(c, table, std::move(parent)));
  }
  return out;
}

std::vector<ForeignKey> ForeignKeysReferencing(
    const std::shared_ptr<const catalog::TableEntry>& table, const ExecContext& ctx) {
  std::vector<ForeignKey> out;
  if (ctx.catalog == nullptr) return out;
  for (const auto& child : ctx.catalog->Tables(table->def.database_oid())) {
    for (const catalog::proto::Constraint& c : child->def.constraints()) {
      if (c.type() != "f" || c.referenced_table_oid() != table->def.oid()) continue;
      // A table referencing itself: the child is this very entry, so a
      // key it changes is found in the rows it writes.
      const auto& referencing = child->def.oid() == table->def.oid() ? table : child;
      out.push_back(Resolve(c, referencing, table));
    }
  }
  return out;
}

bool ParentKeyExists(const ForeignKey& fk, const Row& key, ExecContext& ctx, bool lock) {
  const catalog::TableEntry& parent = *fk.parent;
  std::string row_key;
  if (fk.index < 0) {
    row_key = storage::RelationPrefix(parent.layout.relation_id);
    for (size_t k = 0; k < fk.key_order.size(); ++k) {
      const Value& v = key[static_cast<size_t>(fk.key_order[k])];
      const DataType& type =
          parent.layout.column_types[static_cast<size_t>(parent.layout.primary_key[k])];
      if (!FitsKeyType(v, type)) return false;
      storage::AppendKeyValue(v, type, &row_key);
    }
  } else {
    const storage::IndexLayout& index = parent.layout.indexes[static_cast<size_t>(fk.index)];
    std::string entry = storage::RelationPrefix(index.relation_id);
    for (size_t k = 0; k < fk.key_order.size(); ++k) {
      const Value& v = key[static_cast<size_t>(fk.key_order[k])];
      const DataType& type =
          parent.layout.column_types[static_cast<size_t>(index.columns[k].column)];
      if (!FitsKeyType(v, type)) return false;
      storage::AppendIndexKeyValue(v, type, index.columns[k], &entry);
    }
    bool found = false;
    std::string value;
    CheckOk(ctx.txn.GetLatest(storage::ColumnFamily::kData, entry, &value, &found));
    if (!found) return false;
    row_key = OrThrow(storage::IndexEntryRowKey(index, value));
  }
  storage::LockedRow row;
  if (lock) {
    storage::TableStore store(ctx.store, &parent.layout);
    Result<bool> locked =
        store.LockRow(ctx.txn, row_key, &row, storage::RowLockStrength::kKeyShare);
    CheckOk(locked.status());
    if (!*locked) return false;
  } else {
    bool found = false;
    CheckOk(ctx.txn.GetLatest(storage::ColumnFamily::kData, row_key, &row.value, &found));
    if (!found) return false;
    CheckOk(storage::DecodeTableRow(parent.layout, row.value, &row.row));
  }
  if (fk.index < 0) return true;
  // Through an index entry read before the lock: the row may have taken
  // another key meanwhile.
  for (size_t i = 0; i < fk.parent_columns.size(); ++i) {
    const size_t column = static_cast<size_t>(fk.parent_columns[i]);
    if (row.row[column].is_null() ||
        CompareValues(row.row[column], key[i], parent.layout.column_types[column]) != 0) {
      return false;
    }
  }
  return true;
}

std::string ForeignKeyText(const ForeignKey& fk, const Row& key, bool parent) {
  const catalog::TableEntry& table = parent ? *fk.parent : *fk.child;
  const std::vector<int>& columns = parent ? fk.parent_columns : fk.columns;
  std::string names;
  std::string values;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) {
      names += ", ";
      values += ", ";
    }
    names += table.def.columns(columns[i]).name();
    values += key[i].is_null() ? "null" : ValueToText(key[i], table.ColumnType(columns[i]));
  }
  return fmt::format("({})=({})", names, values);
}

std::optional<Row> ReferencingKey(const ForeignKey& fk, const Row& row) {
  Row key;
  size_t nulls = 0;
  for (int column : fk.columns) {
    key.push_back(row[static_cast<size_t>(column)]);
    if (key.back().is_null()) ++nulls;
  }
  if (nulls == 0) return key;
  if (nulls == key.size() || fk.def->match_type() != "f") return std::nullopt;
  throw Error(sqlstate::kForeignKeyViolation,
              fmt::format("insert or update on table \"{}\" violates foreign key constraint \"{}\"",
                          fk.child->def.name(), fk.def->name()))
      .WithDetail("MATCH FULL does not allow mixing of null and nonnull key values.");
}

void CheckReferencingRow(const ForeignKey& fk, const Row& row, ExecContext& ctx) {
  std::optional<Row> key = ReferencingKey(fk, row);
  if (!key || ParentKeyExists(fk, *key, ctx, /*lock=*/true)) return;
  ThrowMissingParent(fk, *key);
}

void ThrowMissingParent(const ForeignKey& fk, const Row& key) {
  throw Error(sqlstate::kForeignKeyViolation,
              fmt::format("insert or update on table \"{}\" violates foreign key constraint \"{}\"",
                          fk.child->def.name(), fk.def->name()))
      .WithDetail(fmt::format("Key {} is not present in table \"{}\".",
                              ForeignKeyText(fk, key, false), fk.parent->def.name()));
}

void ThrowStillReferenced(const ForeignKey& fk, const Row& key) {
  const std::string& child = fk.child->def.name();
  throw Error(sqlstate::kForeignKeyViolation,
              fmt::format("update or delete on table \"{}\" violates foreign key "
                          "constraint \"{}\" on table \"{}\"",
                          fk.parent->def.name(), fk.def->name(), child))
      .WithDetail(fmt::format("Key {} is still referenced from table \"{}\".",
                              ForeignKeyText(fk, key, true), child));
}

std::vector<ReferencingRow> FindReferencingRows(const ForeignKey& fk, const std::vector<Row>& keys,
                                                ExecContext& ctx) {
  std::vector<ReferencingRow> out;
  if (keys.empty()) return out;
  const catalog::TableEntry& child = *fk.child;
  // Keys compared by their encoding in the child's column types, so equal
  // values of int2 and int8 meet.
  auto encode = [&](const Row& key) {
    std::string bytes;
    for (size_t i = 0; i < fk.columns.size(); ++i) {
      storage::AppendKeyValue(key[i], child.layout.column_types[static_cast<size_t>(fk.columns[i])],
                              &bytes);
    }
    return bytes;
  };
  std::unordered_map<std::string, size_t> wanted;
  for (size_t i = 0; i < keys.size(); ++i) {
    bool fits = true;
    for (size_t k = 0; k < fk.columns.size(); ++k) {
      fits = fits && FitsKeyType(keys[i][k], child.ColumnType(fk.columns[k]));
    }
    if (fits) wanted.emplace(encode(keys[i]), i);
  }
  auto add_match = [&](size_t key, std::string_view row_key, std::string_view value) {
    ReferencingRow& match = out.emplace_back();
    match.key = key;
    match.stored.key.assign(row_key);
    match.stored.value.assign(value);
    CheckOk(storage::DecodeTableRow(child.layout, value, &match.stored.row));
  };
  std::vector<int> order;
  if (const storage::IndexLayout* index = ChildIndex(fk, &order)) {
    // An index led by the key's columns: one range of entries per key.
    for (const auto& [bytes, i] : wanted) {
      std::string prefix = storage::RelationPrefix(index->relation_id);
      for (size_t k = 0; k < order.size(); ++k) {
        const int column = index->columns[k].column;
        storage::AppendIndexKeyValue(keys[i][static_cast<size_t>(order[k])],
                                     child.layout.column_types[static_cast<size_t>(column)],
                                     index->columns[k], &prefix);
      }
      std::unique_ptr<storage::KvIterator> entries = ctx.txn.ScanLatest(
          storage::ColumnFamily::kData, prefix, storage::PrefixSuccessor(prefix));
      for (; entries->Valid(); entries->Next()) {
        ctx.CheckForInterrupts();
        const std::string_view row_key =
            OrThrow(storage::IndexEntryRowKey(*index, entries->value()));
        std::string value;
        bool found = false;
        CheckOk(ctx.txn.GetLatest(storage::ColumnFamily::kData, row_key, &value, &found));
        if (found) add_match(i, row_key, value);
      }
      CheckOk(entries->status());
    }
    return out;
  }
  std::unique_ptr<storage::KvIterator> it = ctx.txn.ScanLatest(
      storage::ColumnFamily::kData, storage::RelationPrefix(child.layout.relation_id),
      storage::RelationEnd(child.layout.relation_id));
  std::vector<bool> key_columns(child.layout.column_types.size(), false);
  for (int column : fk.columns) key_columns[static_cast<size_t>(column)] = true;
  Row row(child.layout.column_types.size());
  for (; it->Valid(); it->Next()) {
    ctx.CheckForInterrupts();
    CheckOk(storage::DecodeTableColumns(child.layout, it->value(), key_columns, &row));
    Row key;
    bool has_null = false;
    for (int column : fk.columns) {
      key.push_back(row[static_cast<size_t>(column)]);
      has_null = has_null || key.back().is_null();
    }
    if (has_null) continue;
    auto found = wanted.find(encode(key));
    if (found != wanted.end()) add_match(found->second, it->key(), it->value());
  }
  CheckOk(it->status());
  return out;
}

}  // namespace basalt::sql
