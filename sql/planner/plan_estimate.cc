#include "sql/planner/plan_estimate.h"

#include <algorithm>
#include <cmath>

#include "common/stack_depth.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_cte_scan.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_limit.h"
#include "sql/planner/logical_modify.h"
#include "sql/planner/logical_set_operation.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/plan_statistics.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

namespace {

constexpr double kGroups = 200;       // PostgreSQL's guess of distinct values
constexpr double kRowCost = 0.01;     // reading or returning one row
constexpr double kTermCost = 0.0025;  // one predicate term on one row

// PostgreSQL's widths of fixed-size types; 32 for the variable-length ones
// (its guess without statistics).
int TypeWidth(const DataType& type) {
  switch (type.id) {
    case TypeId::kBool: return 1;
    case TypeId::kInt2: return 2;
    case TypeId::kInt4:
    case TypeId::kFloat4:
    case TypeId::kDate:
    case TypeId::kOid:
    case TypeId::kXid: return 4;
    case TypeId::kInt8:
    case TypeId::kFloat8:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kEnum: return 8;
    case TypeId::kTimeTz: return 12;
    case TypeId::kInterval:
    case TypeId::kUuid: return 16;
    default: return 32;
  }
}

size_t Terms(const BoundExpr* predicate) {
  if (predicate == nullptr) return 0;
  return predicate->kind == BoundExprKind::kAnd ? predicate->children.size() : 1;
}

// The values a key lookup's IN list or `= ANY (array)` reads: a row per
// value, an array parameter's length unknown (10).
double ListLength(const BoundExpr& list) {
  if (list.kind == BoundExprKind::kIn) return static_cast<double>(list.children.size() - 1);
  const BoundExpr& array = *list.children.back();
  if (array.kind == BoundExprKind::kConstant && !array.value.is_null()) {
    return static_cast<double>(array.value.AsArray().size());
  }
  return 10;
}

double Selectivity(size_t terms) {
  return std::pow(10.0, -static_cast<double>(terms));
}

int RowWidth(const LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kInsert:
    case LogicalKind::kUpdate:
    case LogicalKind::kDelete:
    case LogicalKind::kMerge: break;
    default: {
      int width = 0;
      for (const DataType& t : OutputTypes(op)) width += TypeWidth(t);
      return width;
    }
  }
  // A write returns RETURNING's rows, or none.
  const std::vector<BoundExprPtr>* returning =
      op.kind == LogicalKind::kInsert   ? &op.As<LogicalInsert>().returning
      : op.kind == LogicalKind::kUpdate ? &op.As<LogicalUpdate>().returning
      : op.kind == LogicalKind::kDelete ? &op.As<LogicalDelete>().returning
                                        : nullptr;
  int width = 0;
  if (returning != nullptr) {
    for (const BoundExprPtr& e : *returning) width += TypeWidth(e->type);
  }
  return width;
}

bool HasReturning(const LogicalOperator& op) {
  return RowWidth(op) > 0;
}

}  // namespace

PlanEstimate EstimatePlan(const LogicalOperator& op) {
  CheckStackDepth();
  std::vector<PlanEstimate> in;
  for (const LogicalOperatorPtr& c : op.children) in.push_back(EstimatePlan(*c));
  PlanEstimate e;
  const PlanEstimate first = in.empty() ? PlanEstimate{} : in[0];
  // By default a node passes its input's rows on, at a row's cost each.
  e.startup_cost = first.startup_cost;
  e.rows = first.rows;
  switch (op.kind) {
    case LogicalKind::kGet: {
      const auto& get = op.As<LogicalGet>();
      const catalog::TableEntry& table = *get.table;
      double read = TableRows(table);
      if (get.lookup_in != nullptr) {
        read = ListLength(*get.lookup_in);
      } else if (!get.lookup_key.empty()) {
        read = 1;
      } else if (get.index != nullptr && get.index->condition != nullptr) {
        read *= FilterSelectivity(*get.index->condition, table);
      }
      const size_t terms = Terms(get.filter.get());
      e.rows = get.filter != nullptr ? read * FilterSelectivity(*get.filter, table) : read;
      e.total_cost = read * (kRowCost + static_cast<double>(terms) * kTermCost);
      break;
    }
    case LogicalKind::kValues: {
      const auto& values = op.As<LogicalValues>();
      e.rows = static_cast<double>(values.computed ? values.computed->size() : values.rows.size());
      e.total_cost = e.rows * kRowCost;
      break;
    }
    case LogicalKind::kCteScan: {
      // The query runs once, however many scans read it.
      e.rows = EstimatePlan(*op.As<LogicalCteScan>().cte->plan).rows;
      e.total_cost = e.rows * kRowCost;
      break;
    }
    case LogicalKind::kFunctionScan:
    case LogicalKind::kWorkTableScan:
      e.rows = kGuessedTableRows;
      e.total_cost = e.rows * kRowCost;
      break;
    case LogicalKind::kFilter: {
      const BoundExpr& predicate = *op.As<LogicalFilter>().predicate;
      const size_t terms = Terms(&predicate);
      const LogicalOperator& input = *op.children[0];
      // Over a table's rows, the table's statistics judge the predicate.
      e.rows = input.kind == LogicalKind::kGet
                   ? first.rows * FilterSelectivity(predicate, *input.As<LogicalGet>().table)
                   : first.rows * Selectivity(terms);
      e.total_cost = first.total_cost + first.rows * static_cast<double>(terms) * kTermCost;
      break;
    }
    case LogicalKind::kJoin: {
      const auto& join = op.As<LogicalJoin>();
      const PlanEstimate& left = in[0];
      const PlanEstimate& right = in.size() > 1 ? in[1] : PlanEstimate{};
      const bool hashed = !join.left_keys.empty();
      double rows = hashed ? std::max(left.rows, right.rows) : left.rows * right.rows;
      rows *= Selectivity(Terms(join.condition.get()));
      switch (join.join_type) {
        case JoinType::kLeft: rows = std::max(rows, left.rows); break;
        case JoinType::kRight: rows = std::max(rows, right.rows); break;
        case JoinType::kFull: rows = std::max(rows, left.rows + right.rows); break;
        case JoinType::kSemi:
        case JoinType::kAnti: rows = left.rows / 2; break;
        default: break;
      }
      e.rows = rows;
      if (hashed) {
        // The right side is read into the hash table before the first row.
        e.startup_cost = right.total_cost + right.rows * 2 * kRowCost;
        e.total_cost = e.startup_cost + left.total_cost + (left.rows + rows) * kRowCost;
      } else {
        e.startup_cost = left.startup_cost + right.total_cost;
        e.total_cost = left.total_cost + right.total_cost + left.rows * right.rows * kTermCost +
                       rows * kRowCost;
      }
      break;
    }
    case LogicalKind::kSetOperation: {
      const auto& set = op.As<LogicalSetOperation>();
      const double both = in[0].rows + in[1].rows;
      e.rows = set.operation == BoundSetOperation::Kind::kUnion ? both
               : set.operation == BoundSetOperation::Kind::kIntersect
                   ? std::min(in[0].rows, in[1].rows)
                   : in[0].rows;
      e.startup_cost = set.all && set.operation == BoundSetOperation::Kind::kUnion
                           ? in[0].startup_cost
                           : in[0].total_cost + in[1].total_cost + both * kRowCost;
      e.total_cost = in[0].total_cost + in[1].total_cost + both * kRowCost;
      break;
    }
    case LogicalKind::kRecursiveUnion:
      e.rows = first.rows * 10;
      e.total_cost = first.total_cost + in[1].total_cost * 10;
      break;
    case LogicalKind::kAggregate: {
      const auto& aggregate = op.As<LogicalAggregate>();
      const double sets =
          aggregate.grouping_sets.empty() ? 1 : static_cast<double>(aggregate.grouping_sets.size());
      e.rows = aggregate.groups.empty() ? 1 : std::min(first.rows, kGroups) * sets;
      e.startup_cost = first.total_cost + first.rows * 1.25 * kRowCost * sets;
      e.total_cost = e.startup_cost + e.rows * kRowCost;
      break;
    }
    case LogicalKind::kSort: {
      const double n = std::max(first.rows, 2.0);
      e.startup_cost = first.total_cost + n * std::log2(n) * 2 * kTermCost;
      e.total_cost = e.startup_cost + first.rows * kRowCost;
      break;
    }
    case LogicalKind::kWindow:
    case LogicalKind::kDistinctOn:
      if (op.kind == LogicalKind::kDistinctOn) e.rows = std::min(first.rows, kGroups);
      e.total_cost = first.total_cost + first.rows * kRowCost;
      break;
    case LogicalKind::kLimit: {
      const auto& limit = op.As<LogicalLimit>();
      double count = first.rows;
      if (limit.limit != nullptr && limit.limit->kind == BoundExprKind::kConstant &&
          !limit.limit->value.is_null() &&
          (limit.limit->type.id == TypeId::kInt8 || limit.limit->type.id == TypeId::kInt4)) {
        count = std::min(count, std::max(0.0, static_cast<double>(limit.limit->value.AsInt())));
      }
      e.rows = count;
      const double fraction = first.rows > 0 ? count / first.rows : 1;
      e.total_cost =
          first.startup_cost + (first.total_cost - first.startup_cost) * std::min(fraction, 1.0);
      break;
    }
    case LogicalKind::kInsert:
    case LogicalKind::kUpdate:
    case LogicalKind::kDelete:
    case LogicalKind::kMerge:
      // PostgreSQL's ModifyTable returns no rows unless RETURNING.
      e.rows = HasReturning(op) ? first.rows : 0;
      e.total_cost = first.total_cost + first.rows * kRowCost;
      break;
    case LogicalKind::kProject:
    case LogicalKind::kLockRows: e.total_cost = first.total_cost + first.rows * kRowCost; break;
  }
  e.rows = std::max(std::round(e.rows),
                    op.kind == LogicalKind::kInsert || op.kind == LogicalKind::kUpdate ||
                            op.kind == LogicalKind::kDelete || op.kind == LogicalKind::kMerge
                        ? 0.0
                        : 1.0);
  e.width = RowWidth(op);
  return e;
}

}  // namespace basalt::sql
