// Merge semi and anti joins: both inputs arrive sorted ascending on one
// join key, NULLs last (a table read in primary-key order, an index read
// in its order); each left row moves a cursor over the right rows forward
// to its key and is returned when it has a match (semi) or none (anti).
// No hash table: memory stays a batch of each input whatever their sizes.
#pragma once

#include <string>

#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class MergeJoin : public PhysicalOperator {
 public:
  // `left_key` over left rows and `right_key` over right rows, of one type;
  // they belong to the plan. `type`: kSemi or kAnti.
  MergeJoin(PhysicalOperatorPtr left, PhysicalOperatorPtr right, JoinType type,
            const BoundExpr& left_key, const BoundExpr& right_key);
  bool Next(ExecContext& ctx, RowBatch* batch) override;
  std::string Describe() const override {
    return type_ == JoinType::kSemi ? "Merge Semi Join" : "Merge Anti Join";
  }

 private:
  // Whether a right row's key equals `key` (not NULL), once the right
  // cursor has moved past the smaller keys.
  bool Matches(const Value& key, ExecContext& ctx);
  // Moves to the next right row; false when the right input is done.
  bool AdvanceRight(ExecContext& ctx);

  JoinType type_;
  const BoundExpr& left_key_;
  const BoundExpr& right_key_;
  RowBatch left_;
  size_t left_next_ = 0;
  bool left_done_ = false;
  RowBatch right_;
  size_t right_next_ = 0;
  bool right_started_ = false;
  bool right_done_ = false;
  Value right_value_;  // the current right row's key
};

}  // namespace basalt::sql
