#include "sql/statement_plan.h"

#include "common/error.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

std::unique_ptr<StatementPlan> PlanStatement(BoundStatement bound,
                                             const std::vector<std::string>& disabled_passes) {
  using storage::LockLevel;
  auto plan = std::make_unique<StatementPlan>();
  LogicalOperatorPtr root;
  if (auto* select = std::get_if<std::unique_ptr<BoundSelect>>(&bound)) {
    BoundSelect& s = **select;
    if (s.table != nullptr) {
      plan->locks.push_back({s.table, s.row_lock ? LockLevel::kRowShare : LockLevel::kAccessShare});
    }
    if (s.row_lock) plan->row_lock = s.row_lock->strength;
    plan->columns = s.columns;
    plan->tag_prefix = "SELECT ";
    root = PlanSelect(s);
  } else if (auto* insert = std::get_if<std::unique_ptr<BoundInsert>>(&bound)) {
    BoundInsert& i = **insert;
    // INSERT ... SELECT reads its source under ACCESS SHARE first.
    if (i.source != nullptr && i.source->table != nullptr && i.source->table != i.table) {
      plan->locks.push_back({i.source->table, LockLevel::kAccessShare});
    }
    plan->locks.push_back({i.table, LockLevel::kRowExclusive});
    plan->tag_prefix = "INSERT 0 ";
    root = PlanInsert(i);
  } else if (auto* update = std::get_if<std::unique_ptr<BoundUpdate>>(&bound)) {
    plan->locks.push_back({(*update)->table, LockLevel::kRowExclusive});
    plan->tag_prefix = "UPDATE ";
    root = PlanUpdate(**update);
  } else if (auto* del = std::get_if<std::unique_ptr<BoundDelete>>(&bound)) {
    plan->locks.push_back({(*del)->table, LockLevel::kRowExclusive});
    plan->tag_prefix = "DELETE ";
    root = PlanDelete(**del);
  } else {
    throw Error(sqlstate::kFeatureNotSupported, "statement is not supported yet");
  }
  plan->root = Optimize(std::move(root), disabled_passes);
  return plan;
}

}  // namespace basalt::sql
