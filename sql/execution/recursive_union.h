// WITH RECURSIVE (see LogicalRecursiveUnion). Each round builds the
// recursive term's operators afresh from the plan, with the previous
// round's rows published in ExecContext::work_tables for its
// WorkTableScan.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "sql/execution/physical_operator.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

class RecursiveUnion : public PhysicalOperator {
 public:
  // `recursive_term` belongs to the plan and must outlive the operator.
  RecursiveUnion(PhysicalOperatorPtr non_recursive, const LogicalOperator& recursive_term,
                 int work_table_id, bool all, const std::vector<DataType>& types)
      : recursive_term_(recursive_term), work_table_id_(work_table_id), all_(all), types_(types) {
    children_.push_back(std::move(non_recursive));
  }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Recursive Union"; }

 private:
  // Keeps the rows of `input` that are new (all of them with ALL), in
  // `batch` and in the next round's rows.
  void Add(RowBatch& input, RowBatch* batch);

  const LogicalOperator& recursive_term_;
  int work_table_id_;
  bool all_;
  const std::vector<DataType>& types_;
  bool first_done_ = false;
  std::vector<Row> previous_;             // the last round's rows, the work table
  std::vector<Row> next_;                 // this round's rows so far
  PhysicalOperatorPtr round_;             // the recursive term of the running round
  std::unordered_set<std::string> seen_;  // without ALL
  std::string key_;
};

class WorkTableScan : public PhysicalOperator {
 public:
  explicit WorkTableScan(int work_table_id) : work_table_id_(work_table_id) {}
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "WorkTable Scan"; }

 private:
  int work_table_id_;
  size_t next_ = 0;
};

}  // namespace basalt::sql
