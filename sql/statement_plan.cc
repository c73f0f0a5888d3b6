#include "sql/statement_plan.h"

#include "common/error.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

namespace {

// The tables a write reads (its source, its subqueries), but not its
// target.
void AddReadLocks(const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables,
                  const std::shared_ptr<const catalog::TableEntry>& target, StatementPlan* plan) {
  for (const auto& table : tables) {
    if (table != target) plan->locks.push_back({table, storage::LockLevel::kAccessShare});
  }
}

}  // namespace

std::optional<std::vector<ResultColumn>> ResultColumnsOf(const BoundStatement& bound) {
  const BoundReturning* returning = nullptr;
  if (auto* select = std::get_if<std::unique_ptr<BoundSelect>>(&bound)) return (*select)->columns;
  if (auto* insert = std::get_if<std::unique_ptr<BoundInsert>>(&bound)) {
    returning = &(*insert)->returning;
  } else if (auto* update = std::get_if<std::unique_ptr<BoundUpdate>>(&bound)) {
    returning = &(*update)->returning;
  } else if (auto* del = std::get_if<std::unique_ptr<BoundDelete>>(&bound)) {
    returning = &(*del)->returning;
  }
  if (returning == nullptr || returning->exprs.empty()) return std::nullopt;
  return returning->columns;
}

std::unique_ptr<StatementPlan> PlanStatement(BoundStatement bound,
                                             const std::vector<std::string>& disabled_passes) {
  using storage::LockLevel;
  auto plan = std::make_unique<StatementPlan>();
  plan->columns = ResultColumnsOf(bound);
  LogicalOperatorPtr root;
  if (auto* select = std::get_if<std::unique_ptr<BoundSelect>>(&bound)) {
    BoundSelect& s = **select;
    for (const auto& table : s.tables_read) {
      const bool locked = s.row_lock.has_value() && table == s.SingleTable();
      plan->locks.push_back({table, locked ? LockLevel::kRowShare : LockLevel::kAccessShare});
    }
    if (s.row_lock) plan->row_lock = s.row_lock->strength;
    plan->tag_prefix = "SELECT ";
    root = PlanSelect(s);
  } else if (auto* insert = std::get_if<std::unique_ptr<BoundInsert>>(&bound)) {
    BoundInsert& i = **insert;
    // INSERT ... SELECT reads its source under ACCESS SHARE first.
    AddReadLocks(i.tables_read, i.table, plan.get());
    plan->locks.push_back({i.table, LockLevel::kRowExclusive});
    plan->tag_prefix = "INSERT 0 ";
    root = PlanInsert(i);
  } else if (auto* update = std::get_if<std::unique_ptr<BoundUpdate>>(&bound)) {
    AddReadLocks((*update)->tables_read, (*update)->table, plan.get());
    plan->locks.push_back({(*update)->table, LockLevel::kRowExclusive});
    plan->tag_prefix = "UPDATE ";
    root = PlanUpdate(**update);
  } else if (auto* del = std::get_if<std::unique_ptr<BoundDelete>>(&bound)) {
    AddReadLocks((*del)->tables_read, (*del)->table, plan.get());
    plan->locks.push_back({(*del)->table, LockLevel::kRowExclusive});
    plan->tag_prefix = "DELETE ";
    root = PlanDelete(**del);
  } else if (auto* merge = std::get_if<std::unique_ptr<BoundMerge>>(&bound)) {
    AddReadLocks((*merge)->tables_read, (*merge)->table, plan.get());
    plan->locks.push_back({(*merge)->table, LockLevel::kRowExclusive});
    plan->tag_prefix = "MERGE ";
    root = PlanMerge(**merge);
  } else {
    throw Error(sqlstate::kFeatureNotSupported, "statement is not supported yet");
  }
  PlanSubqueries(*root);
  plan->root = Optimize(std::move(root), disabled_passes);
  OptimizeSubqueries(*plan->root, disabled_passes);
  return plan;
}

}  // namespace basalt::sql
