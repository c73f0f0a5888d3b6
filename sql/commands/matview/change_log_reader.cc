#include "sql/commands/matview/change_log_reader.h"

#include <algorithm>
#include <string>

#include "common/error.h"
#include "sql/commands/matview/cancel_opposites.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/query_memory.h"
#include "storage/changelog.h"
#include "storage/coding.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

// meta key: "matview_place/" | view OID BE4. Value: version 1 | watermark
// BE8 | view rows BE8 | own applied BE4 | count BE4 | per applied sequence
// above the watermark: sequence BE8, ordinal limit BE4 | count BE4 | per
// table: OID BE4, relation id BE4.
constexpr uint8_t kPlaceFormat = 1;
constexpr size_t kPlaceHeader = 1 + 8 + 8 + 4 + 4;

std::string PlaceKey(uint32_t view_oid) {
  std::string key = "matview_place/";
  storage::AppendBigEndian32(view_oid, &key);
  return key;
}

bool Applied(const ChangeLogPlace& place, uint64_t sequence, uint32_t ordinal) {
  if (sequence <= place.watermark) return true;
  auto found = std::lower_bound(place.applied_above.begin(), place.applied_above.end(),
                                ChangeLogPlace::Applied{sequence, 0});
  return found != place.applied_above.end() && found->sequence == sequence &&
         ordinal < found->ordinal_limit;
}

Row DecodeTableRow(std::string_view bytes, const catalog::TableEntry& table) {
  Row row;
  Check(storage::DecodeTableRow(table.layout, bytes, &row));
  return row;
}

// Counts a record in `changes`, and keeps its rows if `keep_rows`.
void AddChange(std::string_view old_row, std::string_view new_row, const catalog::TableEntry& table,
               bool keep_rows, TableChanges* changes) {
  ++changes->records;
  if (old_row.empty() && new_row.empty()) {
    changes->truncated = true;
    return;
  }
  auto keep = [&](std::string_view bytes, std::vector<Row>* rows) {
    if (!keep_rows) return;
    rows->push_back(DecodeTableRow(bytes, table));
    changes->row_memory += RowMemory(rows->back());
  };
  if (!old_row.empty()) {
    ++changes->deleted_count;
    keep(old_row, &changes->deleted);
  }
  if (!new_row.empty()) {
    ++changes->inserted_count;
    keep(new_row, &changes->inserted);
  }
}

// The backlog's net change of a table (CancelOpposites).
void NetChanges(const catalog::TableEntry& table, TableChanges* changes) {
  changes->row_memory -= CancelOpposites(&changes->deleted, &changes->inserted,
                                         [&table](const Row& row, std::string* bytes) {
                                           storage::EncodeTableRow(table.layout, row, bytes);
                                         });
}

// Past the reader's budget: the counts stay, the rows go.
void DropRows(PendingChanges* pending) {
  pending->rows_kept = false;
  for (auto& [oid, changes] : pending->tables) {
    std::vector<Row>().swap(changes.deleted);
    std::vector<Row>().swap(changes.inserted);
    changes.row_memory = 0;
  }
}

Status PutPlace(storage::Transaction& txn, uint32_t view_oid, const ChangeLogPlace& place) {
  std::string value(1, static_cast<char>(kPlaceFormat));
  storage::AppendBigEndian64(place.watermark, &value);
  storage::AppendBigEndian64(place.view_rows, &value);
  storage::AppendBigEndian32(place.own_applied, &value);
  storage::AppendBigEndian32(static_cast<uint32_t>(place.applied_above.size()), &value);
  for (const ChangeLogPlace::Applied& a : place.applied_above) {
    storage::AppendBigEndian64(a.sequence, &value);
    storage::AppendBigEndian32(a.ordinal_limit, &value);
  }
  storage::AppendBigEndian32(static_cast<uint32_t>(place.relations.size()), &value);
  for (const auto& [oid, relation_id] : place.relations) {
    storage::AppendBigEndian32(oid, &value);
    storage::AppendBigEndian32(relation_id, &value);
  }
  return txn.Put(storage::ColumnFamily::kMeta, PlaceKey(view_oid), value);
}

[[noreturn]] void ThrowBadPlace() {
  ThrowStatus(Status::Corruption("bad materialized view change log place"));
}

}  // namespace

bool ReadChangeLogPlace(storage::Transaction& txn, uint32_t view_oid, ChangeLogPlace* place) {
  std::string value;
  bool found = false;
  Check(txn.Get(storage::ColumnFamily::kMeta, PlaceKey(view_oid), &value, &found));
  if (!found) return false;
  std::string_view v = value;
  if (v.size() < kPlaceHeader || static_cast<uint8_t>(v[0]) != kPlaceFormat) ThrowBadPlace();
  place->watermark = storage::ReadBigEndian(v.substr(1), 8);
  place->view_rows = storage::ReadBigEndian(v.substr(9), 8);
  place->own_applied = static_cast<uint32_t>(storage::ReadBigEndian(v.substr(17), 4));
  const uint64_t count = storage::ReadBigEndian(v.substr(21), 4);
  v.remove_prefix(kPlaceHeader);
  if (v.size() < count * 12 + 4) ThrowBadPlace();
  place->applied_above.clear();
  for (uint64_t i = 0; i < count; ++i, v.remove_prefix(12)) {
    place->applied_above.push_back({storage::ReadBigEndian(v, 8),
                                    static_cast<uint32_t>(storage::ReadBigEndian(v.substr(8), 4))});
  }
  const uint64_t tables = storage::ReadBigEndian(v, 4);
  v.remove_prefix(4);
  if (v.size() != tables * 8) ThrowBadPlace();
  place->relations.clear();
  for (uint64_t i = 0; i < tables; ++i, v.remove_prefix(8)) {
    place->relations[static_cast<uint32_t>(storage::ReadBigEndian(v, 4))] =
        static_cast<uint32_t>(storage::ReadBigEndian(v.substr(4), 4));
  }
  return true;
}

bool ChangeLogPlaceChangedSinceSnapshot(storage::Transaction& txn, uint32_t view_oid) {
  std::string in_snapshot, latest;
  bool found_in_snapshot = false, found_latest = false;
  Check(
      txn.Get(storage::ColumnFamily::kMeta, PlaceKey(view_oid), &in_snapshot, &found_in_snapshot));
  Check(txn.GetLatest(storage::ColumnFamily::kMeta, PlaceKey(view_oid), &latest, &found_latest));
  return found_in_snapshot != found_latest || in_snapshot != latest;
}

void WriteChangeLogPlace(storage::Transaction& txn, uint32_t view_oid,
                         const ChangeLogPlace& place) {
  Check(PutPlace(txn, view_oid, place));
  if (place.own_applied == 0) return;
  txn.OnCommitSequence([&txn, view_oid](uint64_t sequence) {
    ChangeLogPlace committed;
    try {
      // Another refresh of the view in the transaction may have recorded it.
      if (!ReadChangeLogPlace(txn, view_oid, &committed)) return Status::OK();
    } catch (const Error& e) {
      return Status::Error(e.code(), e.message());
    }
    if (committed.own_applied == 0) return Status::OK();
    committed.applied_above.push_back({sequence, committed.own_applied});
    std::sort(committed.applied_above.begin(), committed.applied_above.end());
    committed.own_applied = 0;
    return PutPlace(txn, view_oid, committed);
  });
}

void DeleteChangeLogPlace(storage::Transaction& txn, uint32_t view_oid) {
  Check(txn.Delete(storage::ColumnFamily::kMeta, PlaceKey(view_oid)));
}

PendingChanges ReadPendingChanges(
    storage::Transaction& txn,
    const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables,
    const ChangeLogPlace* place, int64_t row_budget) {
  PendingChanges pending;
  pending.next.watermark = txn.SnapshotWatermark();
  const uint64_t from = place != nullptr ? std::min(place->watermark, pending.next.watermark) : 0;
  std::vector<ChangeLogPlace::Applied>& above = pending.next.applied_above;
  int64_t row_memory = 0;  // of every table's kept rows
  auto add = [&](std::string_view old_row, std::string_view new_row,
                 const catalog::TableEntry& table, TableChanges* changes) {
    ++pending.records;
    const int64_t before = changes->row_memory;
    AddChange(old_row, new_row, table, pending.rows_kept, changes);
    row_memory += changes->row_memory - before;
    if (pending.rows_kept && row_memory > row_budget) DropRows(&pending);
  };
  for (const auto& table : tables) {
    const uint32_t id = table->layout.TableId();
    pending.next.relations[table->def.oid()] = table->def.relation_id();
    TableChanges& changes = pending.tables[table->def.oid()];
    std::unique_ptr<storage::KvIterator> it =
        txn.Scan(storage::ColumnFamily::kChangelog, storage::ChangelogSeekKey(id, from + 1),
                 storage::ChangelogSeekKey(id + 1, 0));
    for (; it->Valid(); it->Next()) {
      storage::ChangelogKey key;
      Check(storage::DecodeChangelogKey(it->key(), &key));
      if (key.commit_sequence > pending.next.watermark) {
        above.push_back({key.commit_sequence, UINT32_MAX});
      }
      if (place == nullptr || Applied(*place, key.commit_sequence, key.ordinal)) continue;
      std::string_view old_row, new_row;
      Check(storage::DecodeChange(it->value(), &old_row, &new_row));
      add(old_row, new_row, *table, &changes);
    }
    Check(it->status());
    // The transaction's own, not committed yet.
    const size_t own = txn.BufferedChangeCount();
    for (size_t i = place != nullptr ? place->own_applied : own; i < own; ++i) {
      const storage::Transaction::BufferedChange change = txn.GetBufferedChange(i);
      if (change.relation_id != id) continue;
      add(change.old_row, change.new_row, *table, &changes);
    }
    const int64_t before = changes.row_memory;
    NetChanges(*table, &changes);
    row_memory += changes.row_memory - before;
  }
  pending.next.own_applied = static_cast<uint32_t>(txn.BufferedChangeCount());
  std::sort(above.begin(), above.end());
  above.erase(std::unique(above.begin(), above.end()), above.end());
  return pending;
}

PendingChangeChunks::PendingChangeChunks(storage::Transaction& txn,
                                         const catalog::TableEntry& table,
                                         const ChangeLogPlace& place)
    : txn_(txn),
      table_(table),
      place_(place),
      resume_(storage::ChangelogSeekKey(table.layout.TableId(),
                                        std::min(place.watermark, txn.SnapshotWatermark()) + 1)),
      own_next_(place.own_applied),
      own_end_(txn.BufferedChangeCount()) {}

bool PendingChangeChunks::Next(int64_t row_budget, TableChanges* chunk) {
  *chunk = {};
  auto full = [&] { return chunk->records > 0 && chunk->row_memory >= row_budget; };
  const uint32_t id = table_.layout.TableId();
  if (!log_done_) {
    std::unique_ptr<storage::KvIterator> it =
        txn_.Scan(storage::ColumnFamily::kChangelog, resume_, storage::ChangelogSeekKey(id + 1, 0));
    for (; it->Valid() && !full(); it->Next()) {
      storage::ChangelogKey key;
      Check(storage::DecodeChangelogKey(it->key(), &key));
      if (Applied(place_, key.commit_sequence, key.ordinal)) continue;
      std::string_view old_row, new_row;
      Check(storage::DecodeChange(it->value(), &old_row, &new_row));
      AddChange(old_row, new_row, table_, /*keep_rows=*/true, chunk);
    }
    Check(it->status());
    if (it->Valid()) {  // full: the next chunk starts at this record
      resume_ = it->key();
      return true;
    }
    log_done_ = true;
  }
  for (; own_next_ < own_end_ && !full(); ++own_next_) {
    const storage::Transaction::BufferedChange change = txn_.GetBufferedChange(own_next_);
    if (change.relation_id != id) continue;
    AddChange(change.old_row, change.new_row, table_, /*keep_rows=*/true, chunk);
  }
  NetChanges(table_, chunk);
  return chunk->records > 0;
}

std::map<uint32_t, PendingSummary> SummarizePendingChanges(
    storage::Transaction& txn,
    const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables,
    const ChangeLogPlace& place, uint64_t count_limit) {
  std::map<uint32_t, PendingSummary> summaries;
  for (const auto& table : tables) {
    PendingSummary& summary = summaries[table->def.oid()];
    const uint32_t id = table->layout.TableId();
    std::unique_ptr<storage::KvIterator> it = txn.Scan(
        storage::ColumnFamily::kChangelog, storage::ChangelogSeekKey(id, place.watermark + 1),
        storage::ChangelogSeekKey(id + 1, 0));
    for (; it->Valid() && summary.records < count_limit; it->Next()) {
      storage::ChangelogKey key;
      Check(storage::DecodeChangelogKey(it->key(), &key));
      if (Applied(place, key.commit_sequence, key.ordinal)) continue;
      if (summary.records++ == 0) summary.oldest_sequence = key.commit_sequence;
    }
    Check(it->status());
  }
  return summaries;
}

uint64_t OldestPendingSequence(const std::map<uint32_t, PendingSummary>& summaries) {
  uint64_t oldest = 0;
  for (const auto& [table, summary] : summaries) {
    if (summary.records > 0 && (oldest == 0 || summary.oldest_sequence < oldest)) {
      oldest = summary.oldest_sequence;
    }
  }
  return oldest;
}

PendingChanges ReadOwnChanges(storage::Transaction& txn,
                              const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables,
                              size_t from, size_t to) {
  PendingChanges pending;
  std::unordered_map<uint32_t, const catalog::TableEntry*> by_log_id;
  for (const auto& table : tables) by_log_id[table->layout.TableId()] = table.get();
  for (size_t i = from; i < to; ++i) {
    const storage::Transaction::BufferedChange change = txn.GetBufferedChange(i);
    auto table = by_log_id.find(change.relation_id);
    if (table == by_log_id.end()) continue;
    ++pending.records;
    AddChange(change.old_row, change.new_row, *table->second, /*keep_rows=*/true,
              &pending.tables[table->second->def.oid()]);
  }
  for (const auto& table : tables) {
    auto changes = pending.tables.find(table->def.oid());
    if (changes != pending.tables.end()) NetChanges(*table, &changes->second);
  }
  return pending;
}

uint64_t AppliedByAllViews(storage::Transaction& txn, const catalog::TableEntry& table,
                           uint32_t applying_view, const ChangeLogPlace& place, uint64_t limit) {
  uint64_t applied_by_all = std::min(place.watermark, limit);
  for (uint32_t view : table.def.watching_views()) {
    if (view == applying_view) continue;
    ChangeLogPlace other;
    // An immediate view applies every record before its writer commits.
    if (std::find(table.def.immediate_views().begin(), table.def.immediate_views().end(), view) !=
        table.def.immediate_views().end()) {
      continue;
    }
    // A view without a place in this snapshot was created after it, under
    // a SHARE lock no writer of the table got past: it needs no record
    // this snapshot sees.
    if (ReadChangeLogPlace(txn, view, &other)) {
      applied_by_all = std::min(applied_by_all, other.watermark);
    }
  }
  return applied_by_all;
}

void DeleteChanges(storage::Transaction& txn, const catalog::TableEntry& table, uint64_t from,
                   uint64_t to) {
  if (to <= from) return;
  const uint32_t id = table.layout.TableId();
  std::unique_ptr<storage::KvIterator> it =
      txn.Scan(storage::ColumnFamily::kChangelog, storage::ChangelogSeekKey(id, from + 1),
               storage::ChangelogSeekKey(id, to + 1));
  std::vector<std::string> keys;
  for (; it->Valid(); it->Next()) keys.emplace_back(it->key());
  Check(it->status());
  for (const std::string& key : keys) {
    Check(txn.DeleteUncontended(storage::ColumnFamily::kChangelog, key));
  }
}

}  // namespace basalt::sql
