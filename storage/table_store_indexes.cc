// Index maintenance: every row write of a table writes its index entries in
// the same transaction. Uniqueness is enforced on the entry key's row lock:
// the first inserter of a key holds it until it ends, so a second one waits
// and then fails with 23505 (the first committed) or goes on (it rolled back).
#include <fmt/format.h>

#include "storage/index_key.h"
#include "storage/table_store.h"

namespace basalt::storage {

namespace {

// Whether the stored entry value `existing` of `index` is `row_key`'s.
Result<bool> HoldsRowKey(const IndexLayout& index, std::string_view existing,
                         std::string_view row_key) {
  BASALT_ASSIGN_OR_RETURN(std::string_view holder, IndexEntryRowKey(index, existing));
  return holder == row_key;
}

// Writes `row`'s entry. Its value is the row key, unless INCLUDE columns
// ride along (the only case that builds a value of its own).
Status PutEntry(Transaction& txn, const IndexLayout& index, const std::vector<DataType>& types,
                const Row& row, const std::string& entry_key, std::string_view row_key,
                bool new_key = false) {
  std::string with_included;
  if (!index.included.empty()) with_included = IndexEntryValue(index, types, row, row_key);
  const std::string_view value = index.included.empty() ? row_key : with_included;
  bool locked = false;
  if (!IndexEntryIsUnique(index, row) && new_key) {
    return txn.PutNew(ColumnFamily::kData, entry_key, value);
  }
  if (IndexEntryIsUnique(index, row)) {
    std::string existing;
    bool found = false;
    BASALT_RETURN_IF_ERROR(
        txn.GetLatestForUpdate(ColumnFamily::kData, entry_key, &existing, &found));
    if (found) {
      BASALT_ASSIGN_OR_RETURN(bool own, HoldsRowKey(index, existing, row_key));
      if (!own) {
        // The SQL layer adds the detail line from the index's columns.
        return Status::Error(
            sqlstate::kUniqueViolation,
            fmt::format("duplicate key value violates unique constraint \"{}\"", index.name));
      }
    }
    locked = true;
  }
  return txn.Put(ColumnFamily::kData, entry_key, value, locked);
}

// Removes `row`'s entry. An index a concurrent build has not completed may
// lack it, and then a unique entry's key may hold another row's entry,
// which stays. Where the entry is missing the delete is still written: the
// backfill batch that read the row before this change then fails on the
// key and is redone (sql/execution/backfill_index.h).
Status DeleteEntry(Transaction& txn, const IndexLayout& index, const Row& row,
                   const std::string& entry_key, std::string_view row_key) {
  if (!index.valid && IndexEntryIsUnique(index, row)) {
    std::string holder;
    bool found = false;
    BASALT_RETURN_IF_ERROR(txn.GetLatestForUpdate(ColumnFamily::kData, entry_key, &holder, &found));
    if (found) {
      BASALT_ASSIGN_OR_RETURN(bool own, HoldsRowKey(index, holder, row_key));
      if (!own) return Status::OK();
    }
  }
  return txn.Delete(ColumnFamily::kData, entry_key);
}

}  // namespace

Status TableStore::InsertIndexEntries(Transaction& txn, const Row& row, std::string_view row_key,
                                      bool new_row_key) {
  const std::vector<DataType>& types = layout_->column_types;
  for (const IndexLayout& index : layout_->indexes) {
    if (!IndexCoversRow(index, row)) continue;
    BASALT_RETURN_IF_ERROR(PutEntry(
        txn, index, types, row, IndexEntryKey(index, types, row, row_key), row_key, new_row_key));
  }
  return Status::OK();
}

Status TableStore::DeleteIndexEntries(Transaction& txn, const Row& row, std::string_view row_key) {
  for (const IndexLayout& index : layout_->indexes) {
    if (!IndexCoversRow(index, row)) continue;
    BASALT_RETURN_IF_ERROR(DeleteEntry(
        txn, index, row, IndexEntryKey(index, layout_->column_types, row, row_key), row_key));
  }
  return Status::OK();
}

Status TableStore::UpdateIndexEntries(Transaction& txn, const Row& old_row,
                                      std::string_view old_key, const Row& new_row,
                                      std::string_view new_key) {
  const std::vector<DataType>& types = layout_->column_types;
  for (const IndexLayout& index : layout_->indexes) {
    // A partial index: an UPDATE moving the row into (out of) its predicate
    // adds (removes) the entry.
    const bool old_in = IndexCoversRow(index, old_row);
    const bool new_in = IndexCoversRow(index, new_row);
    if (!old_in && !new_in) continue;
    std::string old_entry = old_in ? IndexEntryKey(index, types, old_row, old_key) : std::string();
    if (!new_in) {
      BASALT_RETURN_IF_ERROR(DeleteEntry(txn, index, old_row, old_entry, old_key));
      continue;
    }
    std::string new_entry = IndexEntryKey(index, types, new_row, new_key);
    if (old_in && old_entry == new_entry && old_key == new_key) {
      // Unchanged key columns and row key: the entry stands (PostgreSQL's
      // HOT idea: an UPDATE of other columns costs the index nothing),
      // unless an INCLUDE column changed, which rewrites its value.
      if (index.included.empty() || IndexEntryValue(index, types, old_row, old_key) ==
                                        IndexEntryValue(index, types, new_row, new_key)) {
        continue;
      }
    } else if (old_in) {
      BASALT_RETURN_IF_ERROR(DeleteEntry(txn, index, old_row, old_entry, old_key));
    }
    BASALT_RETURN_IF_ERROR(PutEntry(txn, index, types, new_row, new_entry, new_key));
  }
  return Status::OK();
}

Result<bool> TableStore::FindConflict(Transaction& txn, const Row& row, int arbiter,
                                      std::string* row_key) {
  // `key` is a row's own key (index null) or an entry of `index`, whose
  // value holds the row's key.
  auto held = [&](const std::string& key, const IndexLayout* index) -> Result<bool> {
    std::string value;
    bool found = false;
    BASALT_RETURN_IF_ERROR(txn.GetLatestForUpdate(ColumnFamily::kData, key, &value, &found));
    if (!found) return false;
    if (index == nullptr) {
      *row_key = key;
      return true;
    }
    BASALT_ASSIGN_OR_RETURN(std::string_view holder, IndexEntryRowKey(*index, value));
    *row_key = std::string(holder);
    return true;
  };
  if ((arbiter == -1 || arbiter == -2) && has_primary_key()) {
    BASALT_ASSIGN_OR_RETURN(bool found, held(PrimaryKeyOf(row), nullptr));
    if (found) return true;
  }
  for (size_t i = 0; i < layout_->indexes.size(); ++i) {
    const IndexLayout& index = layout_->indexes[i];
    if ((arbiter != -2 && arbiter != static_cast<int>(i)) || !IndexEntryIsUnique(index, row) ||
        !IndexCoversRow(index, row)) {
      continue;
    }
    BASALT_ASSIGN_OR_RETURN(bool found,
                            held(IndexEntryKey(index, layout_->column_types, row, ""), &index));
    if (found) return true;
  }
  return false;
}

}  // namespace basalt::storage
