#include "common/stack_depth.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_modify.h"
#include "sql/planner/logical_operator.h"
#include "sql/planner/logical_set_operation.h"
#include "sql/planner/logical_window.h"

namespace basalt::sql {

namespace {

void Explain(const LogicalOperator& op, int depth, std::string* out) {
  CheckStackDepth();
  out->append(static_cast<size_t>(depth) * 2, ' ');
  switch (op.kind) {
    case LogicalKind::kGet: {
      const auto& get = op.As<LogicalGet>();
      out->append(get.by_primary_key() ? "Get (point lookup) " : "Get ");
      out->append(get.table->def.name());
      if (get.index != nullptr) {
        out->append(" (index " + AccessedIndexName(*get.table, *get.index) +
                    (get.index->backward ? ", backward)" : ")"));
      }
      if (get.filter != nullptr) out->append(" (with filter)");
      break;
    }
    case LogicalKind::kValues: out->append("Values"); break;
    case LogicalKind::kFilter: out->append("Filter"); break;
    case LogicalKind::kJoin: {
      const auto& join = op.As<LogicalJoin>();
      static constexpr const char* kNames[] = {"Inner", "Left", "Right", "Full", "Semi", "Anti"};
      out->append(!join.lateral_values.empty() ? "Nested Loop (lateral) "
                  : join.merge                 ? "Merge Join "
                  : join.left_keys.empty()     ? "Nested Loop "
                                               : "Hash Join ");
      out->append(kNames[static_cast<int>(join.join_type)]);
      break;
    }
    case LogicalKind::kRecursiveUnion: out->append("Recursive Union"); break;
    case LogicalKind::kWorkTableScan: out->append("WorkTable Scan"); break;
    case LogicalKind::kCteScan: out->append("CTE Scan"); break;
    case LogicalKind::kFunctionScan: out->append("Function Scan"); break;
    case LogicalKind::kSetOperation: {
      static constexpr const char* kNames[] = {"Union", "Intersect", "Except"};
      const auto& set = op.As<LogicalSetOperation>();
      out->append(std::string("SetOp ") + kNames[static_cast<int>(set.operation)] +
                  (set.all ? " All" : ""));
      break;
    }
    case LogicalKind::kAggregate: {
      const auto& aggregate = op.As<LogicalAggregate>();
      out->append(aggregate.groups.empty() ? "Aggregate" : "HashAggregate");
      if (!aggregate.groups.empty()) {
        out->append(" (" + std::to_string(aggregate.groups.size()) + " group key" +
                    (aggregate.groups.size() == 1 ? ")" : "s)"));
      }
      if (!aggregate.grouping_sets.empty()) {
        out->append(" (" + std::to_string(aggregate.grouping_sets.size()) + " grouping set" +
                    (aggregate.grouping_sets.size() == 1 ? ")" : "s)"));
      }
      break;
    }
    case LogicalKind::kWindow:
      out->append("Window (" + std::to_string(op.As<LogicalWindow>().functions.size()) +
                  " function" + (op.As<LogicalWindow>().functions.size() == 1 ? ")" : "s)"));
      break;
    case LogicalKind::kProject: out->append("Project"); break;
    case LogicalKind::kSort: out->append("Sort"); break;
    case LogicalKind::kLimit: out->append("Limit"); break;
    case LogicalKind::kDistinctOn: out->append("Unique"); break;
    case LogicalKind::kLockRows: out->append("LockRows"); break;
    case LogicalKind::kInsert:
      out->append("Insert " + op.As<LogicalInsert>().table->def.name());
      break;
    case LogicalKind::kUpdate:
      out->append("Update " + op.As<LogicalUpdate>().table->def.name());
      break;
    case LogicalKind::kDelete:
      out->append("Delete " + op.As<LogicalDelete>().table->def.name());
      break;
    case LogicalKind::kMerge:
      out->append("Merge " + op.As<LogicalMerge>().table->def.name());
      break;
  }
  out->push_back('\n');
  for (const LogicalOperatorPtr& c : op.children) Explain(*c, depth + 1, out);
}

}  // namespace

std::string ExplainLogical(const LogicalOperator& op) {
  std::string out;
  Explain(op, 0, &out);
  return out;
}

}  // namespace basalt::sql
