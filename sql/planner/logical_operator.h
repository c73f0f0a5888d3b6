// The logical plan: what a statement computes, before the choice of physical
// operators. Built by planner.cc from a bound statement, rewritten by the
// optimizer's passes (optimizer.h), lowered by physical_planner.cc.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace basalt::catalog {
struct TableEntry;
}  // namespace basalt::catalog

namespace basalt::sql {

enum class LogicalKind {
  kGet,
  kValues,
  kFilter,
  kJoin,
  kSetOperation,
  kRecursiveUnion,
  kWorkTableScan,
  kCteScan,
  kFunctionScan,
  kAggregate,
  kWindow,
  kProject,
  kSort,
  kLimit,
  kDistinctOn,
  kLockRows,
  kInsert,
  kUpdate,
  kDelete,
  kMerge
};

struct LogicalOperator {
  explicit LogicalOperator(LogicalKind k) : kind(k) {}
  virtual ~LogicalOperator() = default;
  template <typename T>
  T& As() {
    return static_cast<T&>(*this);
  }
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  LogicalKind kind;
  std::vector<std::unique_ptr<LogicalOperator>> children;
};

using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

// EXPLAIN-style text of the tree, one operator per line.
std::string ExplainLogical(const LogicalOperator& op);
// EXPLAIN (COSTS OFF) as PostgreSQL prints it (explain_postgres.cc);
// `parallel_workers` as ExplainOptions' (null: every aggregate serial).
std::string ExplainPostgres(
    const LogicalOperator& op,
    std::function<int(const catalog::TableEntry& table)> parallel_workers = nullptr);

}  // namespace basalt::sql
