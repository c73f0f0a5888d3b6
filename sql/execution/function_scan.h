// Set-returning functions in FROM: generate_series(start, stop [, step])
// over int4, int8 and numeric, unnest(array), generate_subscripts(array,
// dim), regexp_matches and regexp_split_to_table, the json functions. A NULL argument gives no
// rows (json[b]_to_record: one of NULLs); a zero step is 22023. With ORDINALITY each row ends with
// its number, from 1. Functions added with AddLockstep run beside this one, their columns after its
// own, NULL once run out, until all are done (the target list's set-returning functions).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class FunctionScan : public PhysicalOperator {
 public:
  // `arguments` belong to the plan.
  FunctionScan(TableFunction function, const std::vector<BoundExprPtr>& arguments,
               bool with_ordinality, DataType type)
      : function_(function),
        arguments_(arguments),
        with_ordinality_(with_ordinality),
        type_(type) {}
  void AddLockstep(std::unique_ptr<FunctionScan> member) { lockstep_.push_back(std::move(member)); }
  // A function returning record: its columns (the plan's), in place of the
  // value column.
  void SetRecordColumns(const std::vector<RecordColumn>& columns) { record_columns_ = &columns; }
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override { return "Function Scan"; }

 private:
  // The next value, or nullopt at the end.
  std::optional<Value> NextValue();
  bool Start(ExecContext& ctx);  // false: no rows
  // The next value of this function alone in a lockstep run; nullopt once
  // it has run out.
  std::optional<Value> NextLockstepValue(ExecContext& ctx);
  // The row of `value`: json[b]_each's value after its key, the ordinal last.
  void AppendColumns(Value value, Row* row);
  // This function's columns of the next lockstep row, NULLs once it has run
  // out (then false).
  bool AppendLockstepColumns(ExecContext& ctx, Row* row);
  bool NextLockstepRows(ExecContext& ctx, RowBatch* batch);

  TableFunction function_;
  const std::vector<BoundExprPtr>& arguments_;
  bool with_ordinality_;
  DataType type_;
  bool started_ = false;
  bool done_ = false;
  std::vector<Value> args_;
  Value current_;                   // generate_series: the next value
  size_t next_index_ = 0;           // unnest: the next element
  std::vector<Value> json_values_;  // json[b]_each: the value column
  int64_t ordinal_ = 0;
  std::vector<std::unique_ptr<FunctionScan>> lockstep_;
  const std::vector<RecordColumn>* record_columns_ = nullptr;
};

}  // namespace basalt::sql
