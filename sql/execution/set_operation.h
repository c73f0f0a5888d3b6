// UNION / INTERSECT / EXCEPT [ALL]. Rows are compared by the key codec's
// encoding of all their values, as DISTINCT compares them (NULLs equal).
// UNION streams both inputs; INTERSECT and EXCEPT read the right input
// whole, counting its rows, then stream the left one.
//
// Past work_mem: UNION stops remembering new rows and writes the rows it has
// not seen to hash partitions; INTERSECT and EXCEPT stop counting new right
// rows, write them to partitions, and send there the left rows whose key
// the counts lack. Each partition is then processed the same way. The rows
// INTERSECT / EXCEPT without ALL remember having returned are only charged
// (53200 past basalt.max_query_memory).
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"
#include "sql/execution/query_memory.h"

namespace basalt::sql {

class SpillFile;

class SetOperation : public PhysicalOperator {
 public:
  SetOperation(PhysicalOperatorPtr left, PhysicalOperatorPtr right,
               BoundSetOperation::Kind operation, bool all, const std::vector<DataType>& types);
  ~SetOperation() override;
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override;
  // Whether and how much the operation spilled.
  const SpillStats& spill_stats() const { return memory_.spill(); }

 private:
  const std::string& Encode(const Row& row);
  // Whether a row read (from the left input, or either for UNION) is
  // returned; a row it spills is not (yet).
  bool Keep(const Row& row, ExecContext& ctx);
  // Adds a row's key to returned_; false if it was there.
  bool Remember(const std::string& key);
  // INTERSECT / EXCEPT: counts one right row (or spills it).
  void CountRight(const Row& row, ExecContext& ctx);
  // The next rows to Keep: the inputs, then the spilled partitions' left
  // rows (set_operation_spill.cc).
  bool NextInput(ExecContext& ctx, RowBatch* input);
  void SpillRow(const Row& row, bool right, ExecContext& ctx);
  bool StartNextPartition(ExecContext& ctx);

  struct Partition {
    std::unique_ptr<SpillFile> left;  // UNION: all its rows
    std::unique_ptr<SpillFile> right;
  };

  BoundSetOperation::Kind operation_;
  bool all_;
  const std::vector<DataType>& types_;
  bool counted_ = false;
  size_t input_ = 0;  // the child being read
  std::unordered_map<std::string, int64_t> right_counts_;
  std::unordered_set<std::string> returned_;  // without ALL: rows already returned
  std::string key_;                           // reused
  OperatorMemory memory_;
  bool full_ = false;  // past work_mem: new keys spill
  int level_ = 0;      // of partitions_, which picks the hash bits
  std::vector<Partition> partitions_;
  std::vector<std::pair<Partition, int>> pending_;  // with their levels
  std::unique_ptr<SpillFile> replay_;               // the partition's left rows being read
};

}  // namespace basalt::sql
