// UNION / INTERSECT / EXCEPT [ALL]. Rows are compared by the key codec's
// encoding of all their values, as DISTINCT compares them (NULLs equal).
// UNION streams both inputs; INTERSECT and EXCEPT read the right input
// whole, counting its rows, then stream the left one. The rows remembered
// are charged to the query's memory (53200 past basalt.max_query_memory);
// they do not spill yet.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"
#include "sql/execution/query_memory.h"

namespace basalt::sql {

class SetOperation : public PhysicalOperator {
 public:
  SetOperation(PhysicalOperatorPtr left, PhysicalOperatorPtr right,
               BoundSetOperation::Kind operation, bool all, const std::vector<DataType>& types)
      : operation_(operation), all_(all), types_(types), memory_(Describe()) {
    children_.push_back(std::move(left));
    children_.push_back(std::move(right));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override;

 private:
  const std::string& Encode(const Row& row);
  // Whether a row read (from the left input, or either for UNION) is
  // returned.
  bool Keep(const Row& row);
  // Adds a row's key to returned_; false if it was there.
  bool Remember(const std::string& key);

  BoundSetOperation::Kind operation_;
  bool all_;
  const std::vector<DataType>& types_;
  bool counted_ = false;
  size_t input_ = 0;  // the child being read
  std::unordered_map<std::string, int64_t> right_counts_;
  std::unordered_set<std::string> returned_;  // without ALL: rows already returned
  std::string key_;                           // reused
  OperatorMemory memory_;
};

}  // namespace basalt::sql
