// EXPLAIN's output in PostgreSQL's shapes. explain_postgres.cc turns a
// logical plan into a tree of ExplainNodes named and detailed as
// PostgreSQL's plan nodes (Seq Scan, Hash Join with its Hash, Filter,
// Sort Key, ...), with Basalt's estimates (plan_estimate.h) and, under
// ANALYZE, what each node did (instrumented_operator.h);
// explain_format.cc prints that tree as PostgreSQL's TEXT or JSON format.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/execution/instrumented_operator.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

struct ExplainOptions {
  enum class Format { kText, kJson };
  // VERBOSE: each node's Output list, relations with their schema, column
  // names qualified; `catalog` names the schemas.
  bool verbose = false;
  const catalog::CatalogSnapshot* catalog = nullptr;
  bool costs = true;
  bool analyze = false;
  bool timing = false;   // with analyze
  bool summary = false;  // Planning Time (and, with analyze, Execution Time)
  Format format = Format::kText;
  // The threads a parallel aggregate over `table` would start
  // (ParallelWorkers in execution/parallel_aggregate.h); null: none.
  std::function<int(const catalog::TableEntry& table)> parallel_workers;
};

// One property of a node beyond its name, costs and actuals: the text
// format's line (empty: JSON only) and the JSON members it stands for,
// each value already JSON ("\"(a = 1)\"", "25", "[\"a\"]").
struct ExplainDetail {
  std::string text;
  std::vector<std::pair<std::string, std::string>> json;
};

struct ExplainNode {
  std::string label;      // the text format's line: "Seq Scan on t"
  std::string node_type;  // JSON "Node Type": "Seq Scan"
  // JSON members before "Parent Relationship" (an Aggregate's Strategy)
  // and after "Async Capable" (Join Type, Relation Name, ...).
  std::vector<std::pair<std::string, std::string>> before;
  std::vector<std::pair<std::string, std::string>> after;
  std::string parent_relationship;  // "Outer", "Inner", "Member"; empty at the root
  // An InitPlan's name ("CTE r"), on a line of its own above it.
  std::string subplan_name;
  double startup_cost = 0;
  double total_cost = 0;
  double plan_rows = 0;
  int plan_width = 0;
  const NodeActuals* actuals = nullptr;  // analyze: null means never executed
  // The actuals of a node of PostgreSQL's shape that no operator of
  // Basalt's ran alone (a parallel aggregate's Gather): `actuals` points here.
  std::shared_ptr<const NodeActuals> derived_actuals;
  std::vector<ExplainDetail> details;
  std::vector<ExplainNode> children;
};

// The plan as PostgreSQL's nodes; `instrumentation` (analyze) holds the run's
// measurements and must have outlived the plan's operators.
ExplainNode BuildExplainTree(const LogicalOperator& plan, const ExplainOptions& options,
                             const PlanInstrumentation* instrumentation);

// The EXPLAIN result: TEXT one line per row, JSON one value. Times in ms;
// negative: not shown.
std::string FormatExplain(const ExplainNode& root, const ExplainOptions& options,
                          double planning_ms, double execution_ms);

// A JSON string literal.
std::string JsonString(std::string_view text);

}  // namespace basalt::sql
