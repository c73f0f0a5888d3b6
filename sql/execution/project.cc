#include "sql/execution/project.h"

#include "sql/execution/evaluate.h"

namespace basalt::sql {

bool Project::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (!children_[0]->Next(ctx, &input_)) return false;
  batch->reserve(input_.size());
  for (const Row& in : input_) {
    Row out;
    out.reserve(exprs_.size());
    for (const BoundExprPtr& e : exprs_) out.push_back(Evaluate(*e, in, &ctx));
    batch->push_back(std::move(out));
  }
  return true;
}

}  // namespace basalt::sql
