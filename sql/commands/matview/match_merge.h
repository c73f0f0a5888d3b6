// PostgreSQL's refresh_by_match_merge within work_mem: a concurrent
// refresh's new result matched with the view's stored rows on whole-row
// identity (equal stored bytes: PostgreSQL's `*=` compares binary images)
// where the unique keys are not NULL. Stored rows no new row matches are
// deleted, then new rows no stored row matched are inserted, so only what
// changed is written.
//
// The new result is held as its distinct encoded rows with their counts
// while that fits work_mem. Past it, the new rows and then the stored rows
// are hash-partitioned on their bytes into encrypted spill files (equal
// rows meet in the same partition) and matched partition by partition; a
// partition that still does not fit is split again. Deletes of every
// partition come before any insert: a changed row's old and new versions
// share a unique key but not a partition.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "sql/execution/exec_context.h"
#include "sql/execution/spill_file.h"
#include "storage/table_store.h"

namespace basalt::sql {

class MatchMerge {
 public:
  MatchMerge(ExecContext& ctx, const catalog::TableEntry& view);
  ~MatchMerge();
  MatchMerge(const MatchMerge&) = delete;
  MatchMerge& operator=(const MatchMerge&) = delete;

  // One row of the new result. 21000 once the result holds a row twice
  // with no NULL in it (perhaps only when it is matched, if spilled).
  void AddNew(const Row& row);
  // Reads the stored rows and deletes those no new row matches; how many.
  uint64_t DeleteUnmatched(storage::TableStore& table);
  // Inserts the new rows no stored row matched, each as often as the
  // result holds it; how many. After DeleteUnmatched.
  uint64_t InsertUnmatched(storage::TableStore& table);

  const SpillStats& spill() const { return memory_.spill(); }

 private:
  struct NewRow {
    uint64_t count = 0;
    bool matched = false;  // a stored row is the same: nothing to insert
  };
  using Partitions = std::vector<std::unique_ptr<SpillFile>>;

  void Count(std::string bytes, uint64_t count);
  void CheckDuplicate(const std::string& bytes) const;
  // The new row equal to a stored one that may match (no NULL key), or
  // null. `stored_row`: the stored row decoded, or null to decode it here.
  NewRow* Match(const std::string& stored_bytes, const Row* stored_row);
  Partitions NewPartitions();
  void SpillNewRows();
  void MatchPartition(storage::TableStore& table, SpillFile& new_rows, SpillFile& stored_rows,
                      int level);
  void QueueDelete(storage::StoredRow& stored);
  void Delete(storage::TableStore& table, std::string key, std::string value);
  void DeleteQueued(storage::TableStore& table);
  void Insert(storage::TableStore& table, const std::string& bytes, uint64_t count);
  void KeepUnmatched();
  void ClearNewRows();

  ExecContext& ctx_;
  const catalog::TableEntry& view_;
  std::vector<int> key_columns_;
  OperatorMemory memory_{"Concurrent Refresh"};         // the new rows
  OperatorMemory delete_memory_{"Concurrent Refresh"};  // the queued deletes
  // The new rows in memory (all of them, or one partition's).
  std::unordered_map<std::string, NewRow> new_rows_;
  // Spilled: the new rows by partition (each row's bytes and count), and
  // the unmatched new rows of the partitions matched so far.
  Partitions new_partitions_;
  std::unique_ptr<SpillFile> unmatched_;
  // Not spilled: stored rows to delete once the scan is over (key and
  // bytes), in memory up to work_mem, then in a spill file.
  std::vector<std::pair<std::string, std::string>> deletes_;
  std::unique_ptr<SpillFile> deletes_file_;
  uint64_t deleted_ = 0;
  uint64_t inserted_ = 0;
};

}  // namespace basalt::sql
