#include "storage/table_store.h"

#include "storage/key_codec.h"
#include "storage/row_codec.h"

namespace basalt::storage {
namespace {

class TableRowIterator final : public RowIterator {
 public:
  TableRowIterator(std::unique_ptr<KvIterator> it, const TableLayout& layout)
      : it_(std::move(it)), layout_(layout) {}

  Result<bool> Advance() override {
    if (!started_) {
      started_ = true;
    } else if (it_->Valid()) {
      it_->Next();
    }
    if (!it_->Valid()) {
      BASALT_RETURN_IF_ERROR(it_->status());
      return false;
    }
    return true;
  }

  std::string_view key() const override { return it_->key(); }
  std::string_view value() const override { return it_->value(); }

  Status DecodeColumns(const std::vector<bool>& columns, Row* row) const override {
    return DecodeTableColumns(layout_, it_->value(), columns, row);
  }

  Result<bool> Next(StoredRow* out) override {
    BASALT_ASSIGN_OR_RETURN(bool more, Advance());
    if (!more) return false;
    out->key.assign(it_->key());
    out->value.assign(it_->value());
    BASALT_RETURN_IF_ERROR(DecodeTableRow(layout_, it_->value(), &out->row));
    return true;
  }

 private:
  std::unique_ptr<KvIterator> it_;
  const TableLayout& layout_;  // the TableStore's
  bool started_ = false;
};

}  // namespace

void EncodeTableRow(const TableLayout& layout, const Row& row, std::string* out) {
  EncodeSlottedRow(row, layout.column_types, layout.slots, layout.schema_version, out);
}

Status DecodeTableRow(const TableLayout& layout, std::string_view input, Row* row) {
  return DecodeSlottedRow(input, layout.column_types, layout.slots, row);
}

Status DecodeTableColumns(const TableLayout& layout, std::string_view input,
                          const std::vector<bool>& columns, Row* row) {
  return DecodeSlottedColumns(input, layout.column_types, layout.slots, columns, row);
}

TableStore::TableStore(KvStore& store, TableLayout layout)
    : store_(store), owned_layout_(std::move(layout)), layout_(&*owned_layout_) {}

TableStore::TableStore(KvStore& store, const TableLayout* layout)
    : store_(store), layout_(layout) {}

std::string TableStore::PrimaryKeyOf(const Row& row) const {
  std::string key = RelationPrefix(layout_->relation_id);
  for (int column : layout_->primary_key) {
    AppendKeyValue(row[static_cast<size_t>(column)],
                   layout_->column_types[static_cast<size_t>(column)], &key);
  }
  return key;
}

Status TableStore::CheckNoRowAt(Transaction& txn, const std::string& key) {
  std::string existing;
  bool found = false;
  // Locking the key (even when absent) makes a concurrent insert of the same
  // key wait for us, so two transactions cannot both pass this check.
  BASALT_RETURN_IF_ERROR(txn.GetLatestForUpdate(ColumnFamily::kData, key, &existing, &found));
  if (found) {
    // The SQL layer adds the detail line (Key (id)=(1) already exists.).
    return Status::Error(
        sqlstate::kUniqueViolation,
        "duplicate key value violates unique constraint \"" + layout_->primary_key_name + "\"");
  }
  return Status::OK();
}

Status TableStore::Insert(Transaction& txn, const Row& row) {
  return Insert(txn, row, nullptr);
}

Status TableStore::Insert(Transaction& txn, const Row& row, std::string* row_key) {
  ++txn.row_writes()[layout_->TableId()].inserted;
  std::string key;
  if (has_primary_key()) {
    key = PrimaryKeyOf(row);
    BASALT_RETURN_IF_ERROR(CheckNoRowAt(txn, key));
  } else {
    BASALT_ASSIGN_OR_RETURN(uint64_t row_id, store_.NextRowId(layout_->relation_id));
    key = RelationPrefix(layout_->relation_id);
    AppendRowId(row_id, &key);
  }
  std::string value;
  EncodeTableRow(*layout_, row, &value);
  if (has_primary_key()) {
    BASALT_RETURN_IF_ERROR(txn.Put(ColumnFamily::kData, key, value, /*locked=*/true));
  } else {
    // A new hidden row id: no other transaction can know the key, so it
    // takes no lock (bulk loads write millions of them).
    BASALT_RETURN_IF_ERROR(txn.PutNew(ColumnFamily::kData, key, value));
  }
  BASALT_RETURN_IF_ERROR(InsertIndexEntries(txn, row, key, /*new_row_key=*/!has_primary_key()));
  if (layout_->capture_changes)
    txn.AppendChange(layout_->TableId(), "", std::move(value), layout_->log_changes);
  if (row_key != nullptr) *row_key = std::move(key);
  return Status::OK();
}

namespace {

// RocksDB has shared and exclusive locks only. PostgreSQL's four row lock
// modes are two of them: the row's own key (SHARE: shared; NO KEY UPDATE
// and UPDATE: exclusive) and a second lock key standing for the row's key
// columns (KEY SHARE: shared; UPDATE: exclusive), kept in the meta column
// family where nothing is ever written under it. The conflicts come out as
// PostgreSQL's table: KEY SHARE meets only UPDATE, on the key lock.
std::string KeyLockOf(std::string_view row_key) {
  std::string key = "row-key-lock/";
  key.append(row_key);
  return key;
}

}  // namespace

Result<bool> TableStore::LockRow(Transaction& txn, std::string_view key, LockedRow* out,
                                 RowLockStrength strength, Transaction::LockWait wait) {
  using Mode = Transaction::LockMode;
  bool found = false;
  Status st;
  if (strength == RowLockStrength::kKeyShare) {
    st = txn.Lock(ColumnFamily::kMeta, KeyLockOf(key), Mode::kShared, wait);
    // The row itself stays unlocked: read the version to act on.
    if (st.ok()) st = txn.GetLatest(ColumnFamily::kData, key, &out->value, &found);
  } else {
    const Mode mode = strength == RowLockStrength::kShare ? Mode::kShared : Mode::kExclusive;
    st = txn.GetForUpdate(ColumnFamily::kData, key, &out->value, &found, mode, wait);
    if (st.ok() && strength == RowLockStrength::kUpdate) {
      st = txn.Lock(ColumnFamily::kMeta, KeyLockOf(key), Mode::kExclusive, wait);
    }
  }
  BASALT_RETURN_IF_ERROR(st);
  if (!found) return false;
  out->key.assign(key);
  BASALT_RETURN_IF_ERROR(DecodeTableRow(*layout_, out->value, &out->row));
  return true;
}

Status TableStore::Update(Transaction& txn, const LockedRow& old_row, const Row& new_row) {
  ++txn.row_writes()[layout_->TableId()].updated;
  std::string value;
  EncodeTableRow(*layout_, new_row, &value);
  std::string new_key = has_primary_key() ? PrimaryKeyOf(new_row) : old_row.key;
  const bool moved = new_key != old_row.key;
  if (moved) {
    BASALT_RETURN_IF_ERROR(CheckNoRowAt(txn, new_key));
    BASALT_RETURN_IF_ERROR(txn.Delete(ColumnFamily::kData, old_row.key));
  }
  BASALT_RETURN_IF_ERROR(txn.Put(ColumnFamily::kData, new_key, value, /*locked=*/true));
  BASALT_RETURN_IF_ERROR(UpdateIndexEntries(txn, old_row.row, old_row.key, new_row, new_key));
  if (layout_->capture_changes) {
    txn.AppendChange(layout_->TableId(), old_row.value, std::move(value), layout_->log_changes);
  }
  return Status::OK();
}

Status TableStore::Delete(Transaction& txn, const LockedRow& old_row) {
  ++txn.row_writes()[layout_->TableId()].deleted;
  BASALT_RETURN_IF_ERROR(txn.Delete(ColumnFamily::kData, old_row.key));
  BASALT_RETURN_IF_ERROR(DeleteIndexEntries(txn, old_row.row, old_row.key));
  if (layout_->capture_changes)
    txn.AppendChange(layout_->TableId(), old_row.value, "", layout_->log_changes);
  return Status::OK();
}

std::unique_ptr<RowIterator> TableStore::Scan(Transaction& txn) {
  return ScanFrom(txn, RelationPrefix(layout_->relation_id));
}

std::unique_ptr<RowIterator> TableStore::ScanFrom(Transaction& txn, std::string_view from_key) {
  return std::make_unique<TableRowIterator>(
      txn.Scan(ColumnFamily::kData, from_key, RelationEnd(layout_->relation_id)), *layout_);
}

std::unique_ptr<RowIterator> TableStore::ScanRange(Transaction& txn, std::string_view lower,
                                                   std::string_view upper) {
  const std::string end = upper.empty() ? RelationEnd(layout_->relation_id) : std::string(upper);
  return std::make_unique<TableRowIterator>(txn.Scan(ColumnFamily::kData, lower, end), *layout_);
}

namespace {

// The first `width` bytes of `key` past `offset` as one big-endian number,
// zero-padded: 8 bytes are enough to place split points.
uint64_t KeyPosition(std::string_view key, size_t offset) {
  uint64_t position = 0;
  for (size_t i = 0; i < sizeof(uint64_t); ++i) {
    const size_t at = offset + i;
    position = (position << 8) | (at < key.size() ? static_cast<uint8_t>(key[at]) : 0);
  }
  return position;
}

}  // namespace

Result<std::vector<std::string>> TableStore::SplitKeys(Transaction& txn, size_t parts) {
  const std::string begin = RelationPrefix(layout_->relation_id);
  const std::string end = RelationEnd(layout_->relation_id);
  std::string first;
  std::string last;
  {
    std::unique_ptr<KvIterator> it = txn.Scan(ColumnFamily::kData, begin, end);
    if (it->Valid()) first = it->key();
    BASALT_RETURN_IF_ERROR(it->status());
  }
  {
    std::unique_ptr<KvIterator> it = txn.ScanBackward(ColumnFamily::kData, begin, end);
    if (it->Valid()) last = it->key();
    BASALT_RETURN_IF_ERROR(it->status());
  }
  std::vector<std::string> keys;
  if (first.empty() || last.empty() || first >= last || parts < 2) return keys;
  size_t common = 0;
  while (common < first.size() && common < last.size() && first[common] == last[common]) {
    ++common;
  }
  const uint64_t low = KeyPosition(first, common);
  const uint64_t high = KeyPosition(last, common);
  const uint64_t step = (high - low) / parts;
  if (step == 0) return keys;
  for (size_t i = 1; i < parts; ++i) {
    std::string key = first.substr(0, common);
    const uint64_t position = low + step * i;
    for (int shift = 56; shift >= 0; shift -= 8) {
      key.push_back(static_cast<char>((position >> shift) & 0xff));
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

Result<bool> TableStore::Lookup(Transaction& txn, const Row& key_values, StoredRow* out) {
  if (!has_primary_key() || key_values.size() != layout_->primary_key.size()) {
    return Status::Internal("primary key lookup on a table without that key");
  }
  std::string key = RelationPrefix(layout_->relation_id);
  for (size_t i = 0; i < key_values.size(); ++i) {
    AppendKeyValue(key_values[i],
                   layout_->column_types[static_cast<size_t>(layout_->primary_key[i])], &key);
  }
  std::string value;
  bool found = false;
  BASALT_RETURN_IF_ERROR(txn.Get(ColumnFamily::kData, key, &value, &found));
  if (!found) return false;
  BASALT_RETURN_IF_ERROR(DecodeTableRow(*layout_, value, &out->row));
  out->key = std::move(key);
  out->value = std::move(value);
  return true;
}

Result<bool> TableStore::Fetch(Transaction& txn, std::string_view key, StoredRow* out) {
  bool found = false;
  BASALT_RETURN_IF_ERROR(txn.Get(ColumnFamily::kData, key, &out->value, &found));
  if (!found) return false;
  BASALT_RETURN_IF_ERROR(DecodeTableRow(*layout_, out->value, &out->row));
  out->key.assign(key);
  return true;
}

uint64_t TableStore::ApproximateSize(KvStore& store, uint32_t relation_id) {
  return store.ApproximateSize(ColumnFamily::kData, RelationPrefix(relation_id),
                               RelationEnd(relation_id));
}

Status TableStore::DropData(KvStore& store, uint32_t relation_id) {
  return store.DeleteRange(ColumnFamily::kData, RelationPrefix(relation_id),
                           RelationEnd(relation_id));
}

}  // namespace basalt::storage
