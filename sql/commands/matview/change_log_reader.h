// An incremental view's place in the change log, and the changes it has not
// applied yet.
//
// A refresh applies exactly the change records visible in its snapshot
// (they commit atomically with the rows they describe, so its reads of the
// tables agree with them). Commits may land out of sequence order, so the
// place is a watermark W (every record up to W applied) plus the sequences
// above W already applied; the next refresh takes the records above W it
// has not applied. The place is stored in the meta column family by the
// refresh's own transaction, with the view's rows: a refresh rolled back or
// lost in a crash leaves the old place and the old rows together.
//
// A refresh also applies the changes its own transaction made before it
// (not yet in the log): the place counts them (own_applied), and at commit,
// when their sequence S is known, records S as applied up to that ordinal
// (later changes of the transaction stay for the next refresh).
#pragma once

#include <climits>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "common/value.h"
#include "storage/transaction.h"

namespace basalt::sql {

struct ChangeLogPlace {
  uint64_t watermark = 0;
  // Sequences above the watermark applied: the records of each with an
  // ordinal below the limit. Sorted.
  struct Applied {
    uint64_t sequence = 0;
    uint32_t ordinal_limit = 0;
    auto operator<=>(const Applied&) const = default;
  };
  std::vector<Applied> applied_above;
  // The transaction's own change records applied (ordinals below it).
  uint32_t own_applied = 0;
  uint64_t view_rows = 0;  // rows in the view after the refresh
  // Each table's relation id when the view was brought up to date: a
  // TRUNCATE (or a rewrite) since gives it a new one, which a transaction
  // whose snapshot misses the TRUNCATE's record still reads.
  std::map<uint32_t, uint32_t> relations;  // table OID -> relation id
};

// Reads the view's place; false if it has none (never populated
// incrementally).
bool ReadChangeLogPlace(storage::Transaction& txn, uint32_t view_oid, ChangeLogPlace* place);
// Writes the place; if it counts changes of the transaction's own, also
// arranges for their commit sequence to be recorded at commit.
void WriteChangeLogPlace(storage::Transaction& txn, uint32_t view_oid, const ChangeLogPlace& place);
void DeleteChangeLogPlace(storage::Transaction& txn, uint32_t view_oid);
// Whether another transaction committed a new place for the view after this
// transaction's snapshot (a refresh this one cannot see).
bool ChangeLogPlaceChangedSinceSnapshot(storage::Transaction& txn, uint32_t view_oid);

// One table's changes not yet applied, as rows.
struct TableChanges {
  uint64_t records = 0;
  // Old versions of deleted and updated rows, new versions of inserted and
  // updated rows: how many, and the rows themselves when they are kept.
  uint64_t deleted_count = 0;
  uint64_t inserted_count = 0;
  std::vector<Row> deleted;
  std::vector<Row> inserted;
  bool truncated = false;  // a TRUNCATE: the changes are not enough
  int64_t row_memory = 0;  // what the kept rows take (RowMemory)
};

struct PendingChanges {
  std::unordered_map<uint32_t, TableChanges> tables;  // by table OID
  // The place after applying them.
  ChangeLogPlace next;
  uint64_t records = 0;
  // False when the rows took more than the reader's budget: `tables` then
  // counts the changes but keeps no rows (PendingChangeChunks reads them).
  bool rows_kept = true;
};

// The records of `tables` visible in the transaction's snapshot, and its
// own, that `place` has not applied. With `place` null (a first
// population), none are returned, but `next` still covers them all. Rows
// are kept while they take at most `row_budget` bytes of memory.
PendingChanges ReadPendingChanges(
    storage::Transaction& txn,
    const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables,
    const ChangeLogPlace* place, int64_t row_budget = INT64_MAX);

// One table's records that `place` has not applied, read a chunk at a time
// in the order they were made (committed ones by commit sequence, then the
// transaction's own): a backlog larger than work_mem is never held whole.
// Each chunk reads from where the last one stopped, by key, so the
// transaction may write between chunks.
class PendingChangeChunks {
 public:
  PendingChangeChunks(storage::Transaction& txn, const catalog::TableEntry& table,
                      const ChangeLogPlace& place);
  // The next records, as many as fit in `row_budget` bytes (at least one);
  // false when none are left.
  bool Next(int64_t row_budget, TableChanges* chunk);

 private:
  storage::Transaction& txn_;
  const catalog::TableEntry& table_;
  const ChangeLogPlace& place_;
  std::string resume_;  // the key the next chunk's scan starts at
  bool log_done_ = false;
  // The transaction's own records: the next to read, and the end (those
  // written after the chunks began are not the view's to apply).
  size_t own_next_;
  size_t own_end_;
};

// One table's committed change records in the transaction's snapshot that
// a view has not applied: how many (counting stops at the limit) and the
// oldest one's commit sequence (0: none).
struct PendingSummary {
  uint64_t records = 0;
  uint64_t oldest_sequence = 0;
};
// By table OID, for the view at `place`.
std::map<uint32_t, PendingSummary> SummarizePendingChanges(
    storage::Transaction& txn,
    const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables,
    const ChangeLogPlace& place, uint64_t count_limit);
// The oldest sequence among the summaries' pending records; 0 if none.
uint64_t OldestPendingSequence(const std::map<uint32_t, PendingSummary>& summaries);

// The transaction's own change records of `tables` with ordinals in
// [from, to): what an immediate view has not applied yet. `next` is unused.
PendingChanges ReadOwnChanges(storage::Transaction& txn,
                              const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables,
                              size_t from, size_t to);

// The last commit sequence of `table`'s records that every view watching
// it has applied (their places read in the transaction; `applying_view`'s
// is `place`), at most `limit`: a change-log watermark read before the
// table's list of watching views, so a view created since needs none of
// them.
uint64_t AppliedByAllViews(storage::Transaction& txn, const catalog::TableEntry& table,
                           uint32_t applying_view, const ChangeLogPlace& place, uint64_t limit);
// Removes `table`'s records in (from, to] in the transaction. The view
// with the lowest watermark removes from its old watermark to the new
// lowest one, so the records below the lowest watermark are gone and
// every scan of the log starts past their tombstones. (Two views
// refreshing at once may each see the other's old place and leave some
// records below the lowest watermark: space, never a wrong result.)
void DeleteChanges(storage::Transaction& txn, const catalog::TableEntry& table, uint64_t from,
                   uint64_t to);

}  // namespace basalt::sql
