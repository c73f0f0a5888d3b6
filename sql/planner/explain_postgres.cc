// EXPLAIN in PostgreSQL's shapes: the plan's nodes named as PostgreSQL's,
// with their detail lines (Index Cond, Filter, Sort Key, Group Key) and
// expressions deparsed as PostgreSQL prints them, so that plans compare
// with PostgreSQL's line for line; under ANALYZE, the rows each filter
// removed and how sorts and hash tables used memory and disk.
// explain_format.cc prints the tree.
#include <algorithm>

#include <fmt/format.h>

#include "common/stack_depth.h"
#include "common/value_text.h"
#include "sql/binder/deparse_text.h"
#include "sql/planner/explain.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_cte_scan.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_function_scan.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_limit.h"
#include "sql/planner/logical_lock_rows.h"
#include "sql/planner/logical_modify.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/logical_set_operation.h"
#include "sql/planner/logical_sort.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/logical_window.h"
#include "sql/planner/plan_estimate.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

namespace {

// Names of an operator's input columns (a table's, or GROUP BY's outputs);
// empty: unknown.
using ColumnNames = std::vector<std::string>;

std::string Deparse(const BoundExpr& e, const ColumnNames& names);

std::string ConstantText(const Value& v, const DataType& type) {
  if (v.is_null()) return "NULL::" + type.Name();
  std::string text = ValueToText(v, type);
  // PostgreSQL prints non-negative integer and numeric constants and
  // booleans bare, everything else as a typed string literal.
  const bool bare = (type.id == TypeId::kInt4 || type.id == TypeId::kNumeric) && text[0] != '-';
  if (bare || type.id == TypeId::kBool) return text;
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'::" + type.Name();
}

std::string Joined(const BoundExpr& e, std::string_view op, const ColumnNames& names) {
  std::string out = "(";
  for (size_t i = 0; i < e.children.size(); ++i) {
    if (i > 0) out += fmt::format(" {} ", op);
    out += Deparse(*e.children[i], names);
  }
  return out + ")";
}

std::string Deparse(const BoundExpr& e, const ColumnNames& names) {
  CheckStackDepth();
  switch (e.kind) {
    case BoundExprKind::kConstant: return ConstantText(e.value, e.type);
    case BoundExprKind::kColumn:
      return e.column_index >= 0 && static_cast<size_t>(e.column_index) < names.size()
                 ? names[static_cast<size_t>(e.column_index)]
                 : "?column?";
    case BoundExprKind::kParameter: return fmt::format("${}", e.parameter_index + 1);
    case BoundExprKind::kCast:
      return fmt::format("({})::{}", Deparse(*e.children[0], names), e.type.Name());
    case BoundExprKind::kArithmetic:
      return fmt::format("({} {} {})", Deparse(*e.children[0], names),
                         OperatorText(e.arithmetic_op), Deparse(*e.children[1], names));
    case BoundExprKind::kCompare:
      return fmt::format("({} {} {})", Deparse(*e.children[0], names), OperatorText(e.compare_op),
                         Deparse(*e.children[1], names));
    case BoundExprKind::kAnd: return Joined(e, "AND", names);
    case BoundExprKind::kOr: return Joined(e, "OR", names);
    case BoundExprKind::kNot: return fmt::format("(NOT {})", Deparse(*e.children[0], names));
    case BoundExprKind::kIsNull:
      return fmt::format("({} IS {}NULL)", Deparse(*e.children[0], names), e.negated ? "NOT " : "");
    case BoundExprKind::kLike: {
      // PostgreSQL's operator names: ~~ (LIKE), ~~* (ILIKE), !~~, !~~*.
      std::string op = std::string(e.negated ? "!" : "") + "~~" + (e.case_insensitive ? "*" : "");
      std::string patterns = Deparse(*e.children[1], names);
      if (e.children[1]->type.IsArray()) {
        op += e.all ? " ALL" : " ANY";
        patterns = "(" + patterns + ")";
      }
      return fmt::format("({} {} {})", Deparse(*e.children[0], names), op, patterns);
    }
    case BoundExprKind::kAggregate: {
      if (e.aggregate == AggregateFunction::kCountStar) return "count(*)";
      std::string args;
      for (size_t i = 0; i < e.children.size(); ++i) {
        args += (i ? ", " : "") + Deparse(*e.children[i], names);
      }
      return fmt::format("{}({}{})", AggregateFunctionName(e.aggregate),
                         e.distinct ? "DISTINCT " : "", args);
    }
    case BoundExprKind::kIn: {
      // `x IN (1, 2)` is PostgreSQL's `x = ANY ('{1,2}'::integer[])`.
      bool constants = true;
      for (size_t i = 1; i < e.children.size(); ++i) {
        constants = constants && e.children[i]->kind == BoundExprKind::kConstant &&
                    !e.children[i]->value.is_null();
      }
      std::string list;
      for (size_t i = 1; i < e.children.size(); ++i) {
        if (i > 1) list += constants ? "," : ", ";
        list += constants ? ValueToText(e.children[i]->value, e.compare_type)
                          : Deparse(*e.children[i], names);
      }
      std::string array = constants ? fmt::format("'{{{}}}'::{}[]", list, e.compare_type.Name())
                                    : fmt::format("ARRAY[{}]", list);
      return fmt::format("({} {} ({}))", Deparse(*e.children[0], names),
                         e.negated ? "<> ALL" : "= ANY", array);
    }
    case BoundExprKind::kArrayCompare:
      return fmt::format("({} {} {} ({}))", Deparse(*e.children[0], names),
                         OperatorText(e.compare_op), e.all ? "ALL" : "ANY",
                         Deparse(*e.children[1], names));
    case BoundExprKind::kConcat:
      return fmt::format("({} || {})", Deparse(*e.children[0], names),
                         Deparse(*e.children[1], names));
    case BoundExprKind::kFunction: {
      // An expression index's key (`lower(email)`) in an Index Cond.
      std::optional<std::string> name = DeparsedFunctionName(e.function);
      if (!name) return "(...)";
      std::string args;
      for (size_t i = 0; i < e.children.size(); ++i) {
        args += (i ? ", " : "") + Deparse(*e.children[i], names);
      }
      return fmt::format("{}({})", *name, args);
    }
    default: return "(...)";
  }
}

// In a plan over several tables PostgreSQL qualifies every column.
thread_local bool qualify_columns = false;

ColumnNames TableColumns(const catalog::TableEntry& table) {
  ColumnNames names;
  for (const catalog::proto::Column& c : table.def.columns()) {
    names.push_back(qualify_columns ? table.def.name() + "." + c.name() : c.name());
  }
  return names;
}

std::string CteScanAlias(const LogicalCteScan& scan) {
  return scan.alias.empty() ? scan.name : scan.alias;
}

// The names of the columns `op` outputs, for the expressions above it.
ColumnNames OutputNames(const LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kGet: return TableColumns(*op.As<LogicalGet>().table);
    case LogicalKind::kAggregate: {
      ColumnNames names;
      const auto& aggregate = op.As<LogicalAggregate>();
      ColumnNames input = OutputNames(*op.children[0]);
      for (const BoundExprPtr& g : aggregate.groups) names.push_back(Deparse(*g, input));
      for (const BoundExprPtr& a : aggregate.aggregates) names.push_back(Deparse(*a, input));
      return names;
    }
    case LogicalKind::kWindow: {
      // As PostgreSQL prints a window call above its WindowAgg.
      ColumnNames names = OutputNames(*op.children[0]);
      const ColumnNames input = names;
      for (const BoundExprPtr& call : op.As<LogicalWindow>().functions) {
        std::string text;
        if (call->window_function == WindowFunction::kAggregate) {
          text = Deparse(*call->children[0], input);
        } else {
          std::string args;
          for (size_t i = 0; i < call->window.arg_count; ++i) {
            args += (i ? ", " : "") + Deparse(*call->children[i], input);
          }
          text = fmt::format("{}({})", WindowFunctionName(call->window_function), args);
        }
        names.push_back(text + " OVER (?)");
      }
      return names;
    }
    case LogicalKind::kJoin: {
      ColumnNames names = OutputNames(*op.children[0]);
      const JoinType type = op.As<LogicalJoin>().join_type;
      if (type == JoinType::kSemi || type == JoinType::kAnti) return names;
      for (std::string& n : OutputNames(*op.children[1])) names.push_back(std::move(n));
      return names;
    }
    case LogicalKind::kValues: {
      const auto& values = op.As<LogicalValues>();
      if (values.changes_of != nullptr) return TableColumns(*values.changes_of);
      // PostgreSQL's names of a VALUES list's columns.
      ColumnNames names;
      const size_t width =
          values.rows.empty() ? values.computed_types.size() : values.rows.front().size();
      for (size_t i = 1; i <= width; ++i) {
        names.push_back(fmt::format("{}column{}", qualify_columns ? "\"*VALUES*\"." : "", i));
      }
      return names;
    }
    case LogicalKind::kProject: {
      const ColumnNames input = OutputNames(*op.children[0]);
      ColumnNames names;
      for (const BoundExprPtr& e : op.As<LogicalProject>().exprs) {
        names.push_back(Deparse(*e, input));
      }
      return names;
    }
    case LogicalKind::kCteScan: {
      const auto& scan = op.As<LogicalCteScan>();
      ColumnNames names;
      for (const std::string& c : scan.column_names) {
        names.push_back(qualify_columns ? CteScanAlias(scan) + "." + c : c);
      }
      return names;
    }
    case LogicalKind::kInsert:
    case LogicalKind::kUpdate:
    case LogicalKind::kDelete:
    case LogicalKind::kMerge: return {};
    default: return op.children.empty() ? ColumnNames{} : OutputNames(*op.children[0]);
  }
}

std::string Joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string JsonList(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(JsonString(item));
  return "[" + Joined(quoted, ", ") + "]";
}

// Builds the ExplainNode tree. Project nodes are PostgreSQL's target lists
// and print nothing; a Filter prints as its child's Filter line. The node
// printed for such a chain shows the estimates and actuals of the chain's
// top, which are what PostgreSQL's node returns.
class Builder {
 public:
  Builder(const ExplainOptions& options, const PlanInstrumentation* instrumentation)
      : options_(options), instrumentation_(instrumentation) {}

  ExplainNode Node(const LogicalOperator& op, const LogicalOperator* filter_node = nullptr,
                   const LogicalOperator* shown = nullptr) {
    CheckStackDepth();
    if (shown == nullptr) shown = &op;
    if (op.kind == LogicalKind::kProject) return Node(*op.children[0], filter_node, shown);
    if (op.kind == LogicalKind::kFilter) return Node(*op.children[0], &op, shown);
    const BoundExpr* filter =
        filter_node != nullptr ? filter_node->As<LogicalFilter>().predicate.get() : nullptr;
    ExplainNode node;
    SetEstimates(*shown, &node);
    node.actuals = Actuals(*shown);
    if (options_.verbose) AddOutput(*shown, &node);
    const NodeActuals* own = Actuals(op);
    // Rows the chain's Filter removed, and those the operator's own
    // pushed-down filter did.
    auto removed_by_filter = [&]() -> uint64_t {
      uint64_t removed = own != nullptr ? own->stats.rows_removed_by_filter : 0;
      if (filter_node != nullptr) {
        const NodeActuals* in = Actuals(*filter_node->children[0]);
        const NodeActuals* out = Actuals(*filter_node);
        if (in != nullptr && out != nullptr && in->rows > out->rows)
          removed += in->rows - out->rows;
      }
      return removed;
    };
    auto add_removed_by_filter = [&]() {
      if (!options_.analyze) return;
      AddCount(&node, "Rows Removed by Filter", removed_by_filter(), node.actuals);
    };
    bool hash_build = false;
    int workers = 0;                     // a parallel aggregate's
    const bool in_parallel = parallel_;  // under a parallel aggregate
    const ColumnNames input = op.children.empty() ? ColumnNames{} : OutputNames(*op.children[0]);
    switch (op.kind) {
      case LogicalKind::kGet: {
        const auto& get = op.As<LogicalGet>();
        const catalog::TableEntry& table = *get.table;
        const ColumnNames names = ScanColumns(op);
        const std::string relation = RelationName(table);
        if (get.by_primary_key()) {
          node.node_type = "Index Scan";
          node.label =
              fmt::format("Index Scan using {} on {}", table.def.primary_key_name(), relation);
          node.after = {{"Scan Direction", JsonString("Forward")},
                        {"Index Name", JsonString(table.def.primary_key_name())}};
          std::vector<std::string> terms;
          for (size_t i = 0; i < get.lookup_key.size(); ++i) {
            terms.push_back(fmt::format("({} = {})",
                                        names[static_cast<size_t>(table.layout.primary_key[i])],
                                        Deparse(*get.lookup_key[i], names)));
          }
          if (get.lookup_in != nullptr) terms.push_back(Deparse(*get.lookup_in, names));
          AddText(&node, "Index Cond", terms.size() == 1 ? terms[0] : "(" + JoinAnd(terms) + ")");
          AddJsonOnly(&node, "Rows Removed by Index Recheck", "0");
        } else if (get.index != nullptr) {
          const std::string index = AccessedIndexName(table, *get.index);
          node.node_type = get.index->index_only ? "Index Only Scan" : "Index Scan";
          node.label = fmt::format("{}{} using {} on {}", node.node_type,
                                   get.index->backward ? " Backward" : "", index, relation);
          node.after = {
              {"Scan Direction", JsonString(get.index->backward ? "Backward" : "Forward")},
              {"Index Name", JsonString(index)}};
          if (get.index->condition != nullptr) {
            AddText(&node, "Index Cond", Deparse(*get.index->condition, names));
            AddJsonOnly(&node, "Rows Removed by Index Recheck", "0");
          }
        } else {
          node.node_type = "Seq Scan";
          node.label = (get.parallel_scan && parallel_ ? "Parallel Seq Scan on " : "Seq Scan on ") +
                       relation;
        }
        node.after.emplace_back("Relation Name", JsonString(table.def.name()));
        if (options_.verbose) node.after.emplace_back("Schema", JsonString(SchemaName(table)));
        node.after.emplace_back("Alias", JsonString(table.def.name()));
        if (get.filter != nullptr) AddText(&node, "Filter", Deparse(*get.filter, names));
        if (filter != nullptr) AddText(&node, "Filter", Deparse(*filter, names));
        if (get.filter != nullptr || filter != nullptr) add_removed_by_filter();
        if (get.index != nullptr && get.index->index_only && options_.analyze) {
          // Entries alone answer it: the table is never read.
          node.details.push_back({"Heap Fetches: 0", {{"Heap Fetches", "0"}}});
        }
        filter = nullptr;
        break;
      }
      case LogicalKind::kValues: {
        const auto& values = op.As<LogicalValues>();
        if (values.changes_of == nullptr) {
          node.label = "Result";
        } else {
          node.label = "Changes Scan on " + values.changes_of->def.name();
          node.node_type = "Changes Scan";
          node.details.push_back({fmt::format("Changed Rows: {}", values.computed->size()),
                                  {{"Changed Rows", std::to_string(values.computed->size())}}});
        }
        break;
      }
      case LogicalKind::kAggregate: {
        const auto& aggregate = op.As<LogicalAggregate>();
        node.label = aggregate.groups.empty() ? "Aggregate" : "HashAggregate";
        workers = ParallelWorkers(op);
        std::vector<std::string> group_keys;
        if (!aggregate.grouping_sets.empty()) {
          // As PostgreSQL hashes them: a Hash Key line per set with keys,
          // then a Group Key: () line per empty set.
          size_t empty_sets = 0;
          for (const std::vector<int>& set : aggregate.grouping_sets) {
            if (set.empty()) {
              ++empty_sets;
              continue;
            }
            std::vector<std::string> keys;
            for (int k : set) keys.push_back(Deparse(*aggregate.groups[k], input));
            node.details.push_back({"Hash Key: " + Join(keys), {{"Hash Key", JsonList(keys)}}});
          }
          const bool hashed = empty_sets < aggregate.grouping_sets.size();
          node.label = !hashed ? "Aggregate" : empty_sets > 0 ? "MixedAggregate" : "HashAggregate";
          for (size_t i = 0; i < empty_sets; ++i) {
            node.details.push_back({"Group Key: ()", {{"Group Key", "[]"}}});
          }
        } else if (!aggregate.groups.empty()) {
          for (const BoundExprPtr& g : aggregate.groups) group_keys.push_back(Deparse(*g, input));
          node.details.push_back(
              {"Group Key: " + Join(group_keys), {{"Group Key", JsonList(group_keys)}}});
        }
        node.node_type = "Aggregate";
        node.before = {{"Strategy", JsonString(node.label == "Aggregate"        ? "Plain"
                                               : node.label == "MixedAggregate" ? "Mixed"
                                                                                : "Hashed")},
                       {"Partial Mode", JsonString("Simple")}};
        if (filter != nullptr) AddText(&node, "Filter", Deparse(*filter, OutputNames(op)));
        if (node.label == "HashAggregate" && aggregate.grouping_sets.empty()) {
          if (options_.costs) AddJsonOnly(&node, "Planned Partitions", "0");
          if (options_.analyze && own != nullptr && own->stats.hash_aggregate) {
            const OperatorStats& s = own->stats;
            std::string line = fmt::format("Batches: {}  Memory Usage: {}kB", s.aggregate_batches,
                                           s.aggregate_memory_kb);
            if (s.aggregate_disk_kb > 0)
              line += fmt::format("  Disk Usage: {}kB", s.aggregate_disk_kb);
            node.details.push_back({line,
                                    {{"HashAgg Batches", std::to_string(s.aggregate_batches)},
                                     {"Peak Memory Usage", std::to_string(s.aggregate_memory_kb)},
                                     {"Disk Usage", std::to_string(s.aggregate_disk_kb)}}});
          }
        }
        if (filter != nullptr) add_removed_by_filter();
        filter = nullptr;
        break;
      }
      case LogicalKind::kSort: {
        node.label = "Sort";
        std::vector<std::string> keys;
        for (const BoundOrderBy& key : op.As<LogicalSort>().keys) {
          std::string k = Deparse(*key.expr, input);
          if (key.descending) k += " DESC";
          if (key.nulls_first != key.descending)
            k += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
          keys.push_back(std::move(k));
        }
        node.details.push_back({"Sort Key: " + Join(keys), {{"Sort Key", JsonList(keys)}}});
        if (options_.analyze && own != nullptr &&
            own->stats.sort_method != OperatorStats::SortMethod::kNone) {
          const bool external = own->stats.sort_method == OperatorStats::SortMethod::kExternalMerge;
          const int64_t kb = own->stats.sort_space_kb;
          node.details.push_back(
              {fmt::format("Sort Method: {}  {}: {}kB", external ? "external merge" : "quicksort",
                           external ? "Disk" : "Memory", kb),
               {{"Sort Method", JsonString(external ? "external merge" : "quicksort")},
                {"Sort Space Used", std::to_string(kb)},
                {"Sort Space Type", JsonString(external ? "Disk" : "Memory")}}});
        }
        break;
      }
      case LogicalKind::kWindow: node.label = "WindowAgg"; break;
      case LogicalKind::kSetOperation: {
        const auto& set = op.As<LogicalSetOperation>();
        static constexpr const char* kNames[] = {"Union", "Intersect", "Except"};
        if (set.operation == BoundSetOperation::Kind::kUnion && set.all) {
          node.label = "Append";
        } else {
          const std::string command =
              std::string(kNames[static_cast<int>(set.operation)]) + (set.all ? " All" : "");
          node.label = "HashSetOp " + command;
          node.node_type = "SetOp";
          node.before = {{"Command", JsonString(command)}, {"Strategy", JsonString("Hashed")}};
        }
        break;
      }
      case LogicalKind::kRecursiveUnion: node.label = "Recursive Union"; break;
      case LogicalKind::kWorkTableScan: node.label = "WorkTable Scan"; break;
      case LogicalKind::kCteScan: {
        const auto& scan = op.As<LogicalCteScan>();
        node.node_type = "CTE Scan";
        node.label = "CTE Scan on " + scan.name + (scan.alias.empty() ? "" : " " + scan.alias);
        node.after = {{"CTE Name", JsonString(scan.name)},
                      {"Alias", JsonString(CteScanAlias(scan))}};
        if (filter != nullptr) {
          AddText(&node, "Filter", Deparse(*filter, ScanColumns(op)));
          add_removed_by_filter();
          filter = nullptr;
        }
        break;
      }
      case LogicalKind::kFunctionScan: {
        const auto& scan = op.As<LogicalFunctionScan>();
        node.node_type = "Function Scan";
        node.label = "Function Scan";
        if (scan.name.empty()) break;
        const std::string& alias = scan.alias.empty() ? scan.name : scan.alias;
        node.label += " on " + scan.name + (alias == scan.name ? "" : " " + alias);
        node.after = {{"Function Name", JsonString(scan.name)}, {"Alias", JsonString(alias)}};
        break;
      }
      case LogicalKind::kDistinctOn: node.label = "Unique"; break;
      case LogicalKind::kLimit: node.label = "Limit"; break;
      case LogicalKind::kLockRows: node.label = "LockRows"; break;
      case LogicalKind::kInsert: Modify(&node, "Insert", *op.As<LogicalInsert>().table); break;
      case LogicalKind::kUpdate: Modify(&node, "Update", *op.As<LogicalUpdate>().table); break;
      case LogicalKind::kDelete: Modify(&node, "Delete", *op.As<LogicalDelete>().table); break;
      case LogicalKind::kMerge: Modify(&node, "Merge", *op.As<LogicalMerge>().table); break;
      case LogicalKind::kJoin: {
        const auto& join = op.As<LogicalJoin>();
        static constexpr const char* kTypes[] = {"Inner", "Left", "Right", "Full", "Semi", "Anti"};
        const std::string type = kTypes[static_cast<int>(join.join_type)];
        const std::string infix = join.join_type == JoinType::kInner ? "" : type + " ";
        hash_build = !join.left_keys.empty() && !join.merge;
        node.after = {{"Join Type", JsonString(type)}};
        AddJsonOnly(&node, "Inner Unique", "false");
        if (!join.left_keys.empty()) {
          const std::string method = join.merge ? "Merge" : "Hash";
          node.node_type = method + " Join";
          node.label = method + " " + infix + "Join";
          const ColumnNames left = OutputNames(*op.children[0]);
          const ColumnNames right = OutputNames(*op.children[1]);
          std::vector<std::string> keys;
          for (size_t k = 0; k < join.left_keys.size(); ++k) {
            keys.push_back("(" + Deparse(*join.left_keys[k], left) + " = " +
                           Deparse(*join.right_keys[k], right) + ")");
          }
          AddText(&node, method + " Cond", keys.size() == 1 ? keys[0] : "(" + JoinAnd(keys) + ")");
        } else {
          node.node_type = "Nested Loop";
          node.label = infix.empty() ? "Nested Loop" : "Nested Loop " + infix + "Join";
        }
        if (join.condition != nullptr) {
          ColumnNames both = OutputNames(*op.children[0]);
          for (std::string& n : OutputNames(*op.children[1])) both.push_back(std::move(n));
          AddText(&node, "Join Filter", Deparse(*join.condition, both));
          if (options_.analyze) {
            AddCount(&node, "Rows Removed by Join Filter",
                     own != nullptr ? own->stats.rows_removed_by_join_filter : 0, node.actuals);
          }
        }
        break;
      }
      default: node.label = "?"; break;
    }
    if (node.node_type.empty()) node.node_type = node.label;
    // A filter over a node other than a scan or aggregate.
    if (filter != nullptr) {
      AddText(&node, "Filter", Deparse(*filter, OutputNames(op)));
      add_removed_by_filter();
    }
    if (hash_build) {
      // The right input builds the hash table: PostgreSQL shows a Hash node.
      node.children.push_back(Node(*op.children[0]));
      ExplainNode hash;
      hash.label = hash.node_type = "Hash";
      SetEstimates(*op.children[1], &hash);
      hash.startup_cost = hash.total_cost;
      hash.actuals = Actuals(*op.children[1]);
      if (options_.verbose) AddOutput(*op.children[1], &hash);
      if (options_.analyze && own != nullptr && own->stats.hash_table) {
        const OperatorStats& s = own->stats;
        // PostgreSQL names the original sizes once the table grew.
        const std::string sizes =
            s.hash_batches == s.original_hash_batches
                ? fmt::format("Buckets: {}  Batches: {}", s.hash_buckets, s.hash_batches)
                : fmt::format("Buckets: {} (originally {})  Batches: {} (originally {})",
                              s.hash_buckets, s.hash_buckets, s.hash_batches,
                              s.original_hash_batches);
        hash.details.push_back({fmt::format("{}  Memory Usage: {}kB", sizes, s.hash_memory_kb),
                                {{"Hash Buckets", std::to_string(s.hash_buckets)},
                                 {"Original Hash Buckets", std::to_string(s.hash_buckets)},
                                 {"Hash Batches", std::to_string(s.hash_batches)},
                                 {"Original Hash Batches", std::to_string(s.original_hash_batches)},
                                 {"Peak Memory Usage", std::to_string(s.hash_memory_kb)}}});
      }
      hash.children.push_back(Node(*op.children[1]));
      hash.children[0].parent_relationship = "Outer";
      node.children.push_back(std::move(hash));
    } else {
      parallel_ = in_parallel || workers > 0;
      for (const LogicalOperatorPtr& c : op.children) node.children.push_back(Node(*c));
      parallel_ = in_parallel;
    }
    const bool members = node.label == "Append";
    for (size_t i = 0; i < node.children.size(); ++i) {
      node.children[i].parent_relationship = members ? "Member" : i == 0 ? "Outer" : "Inner";
    }
    if (workers > 0) {
      return Finalized(std::move(node), workers, own != nullptr ? own->stats.partial_groups : 0);
    }
    return node;
  }

 private:
  // The threads a parallel aggregate starts besides the statement's (0: it
  // runs alone): under ANALYZE those its run started, else those it would
  // start now.
  int ParallelWorkers(const LogicalOperator& op) const {
    if (!op.As<LogicalAggregate>().parallel) return 0;
    if (options_.analyze) {
      const NodeActuals* actuals = Actuals(op);
      return actuals != nullptr ? static_cast<int>(actuals->stats.workers_launched) : 0;
    }
    if (!options_.parallel_workers) return 0;
    const catalog::TableEntry* table = ParallelScanTable(*op.children[0]);
    return table != nullptr ? options_.parallel_workers(*table) : 0;
  }

  // PostgreSQL's shape of a parallel aggregate: Finalize over a Gather of
  // the participants' Partial aggregates. Under ANALYZE the Gather returns
  // the participants' groups, and each participant is a loop of the
  // Partial aggregate; both take the Finalize's times.
  static ExplainNode Finalized(ExplainNode node, int workers, uint64_t partial_groups) {
    auto set_mode = [](ExplainNode* n, const char* mode) {
      for (auto& [key, value] : n->before) {
        if (key == "Partial Mode") value = JsonString(mode);
      }
    };
    ExplainNode partial = node;
    partial.label = "Partial " + node.label;
    set_mode(&partial, "Partial");
    // The group keys only: HAVING applies to the merged groups.
    partial.details.erase(
        std::remove_if(partial.details.begin(), partial.details.end(),
                       [](const ExplainDetail& d) { return d.text.rfind("Group Key", 0) != 0; }),
        partial.details.end());
    partial.parent_relationship = "Outer";
    ExplainNode gather;
    gather.label = gather.node_type = "Gather";
    gather.startup_cost = node.startup_cost;
    gather.total_cost = node.total_cost;
    gather.plan_rows = node.plan_rows;
    gather.plan_width = node.plan_width;
    gather.details.push_back({fmt::format("Workers Planned: {}", workers),
                              {{"Workers Planned", std::to_string(workers)}}});
    if (node.actuals != nullptr) {
      gather.details.push_back({fmt::format("Workers Launched: {}", workers),
                                {{"Workers Launched", std::to_string(workers)}}});
      NodeActuals gathered = *node.actuals;
      gathered.rows = partial_groups;
      gathered.stats = OperatorStats();
      gather.derived_actuals = std::make_shared<NodeActuals>(gathered);
      gather.actuals = gather.derived_actuals.get();
      gathered.loops = static_cast<uint64_t>(workers) + 1;
      gathered.startup_ms *= static_cast<double>(gathered.loops);
      gathered.total_ms *= static_cast<double>(gathered.loops);
      partial.derived_actuals = std::make_shared<NodeActuals>(gathered);
      partial.actuals = partial.derived_actuals.get();
    }
    gather.after = {{"Single Copy", "false"}};
    gather.parent_relationship = "Outer";
    gather.children.push_back(std::move(partial));
    node.label = "Finalize " + node.label;
    set_mode(&node, "Finalize");
    node.children.clear();
    node.children.push_back(std::move(gather));
    return node;
  }

  const NodeActuals* Actuals(const LogicalOperator& op) const {
    return instrumentation_ != nullptr ? instrumentation_->Find(op) : nullptr;
  }

  void SetEstimates(const LogicalOperator& op, ExplainNode* node) const {
    if (!options_.costs) return;
    const PlanEstimate e = EstimatePlan(op);
    node->startup_cost = e.startup_cost;
    node->total_cost = e.total_cost;
    node->plan_rows = e.rows;
    node->plan_width = e.width;
  }

  void Modify(ExplainNode* node, const std::string& operation,
              const catalog::TableEntry& table) const {
    node->label = operation + " on " + RelationName(table);
    node->node_type = "ModifyTable";
    node->before = {{"Operation", JsonString(operation)}};
    node->after = {{"Relation Name", JsonString(table.def.name())}};
    if (options_.verbose) node->after.emplace_back("Schema", JsonString(SchemaName(table)));
    node->after.emplace_back("Alias", JsonString(table.def.name()));
  }

  std::string SchemaName(const catalog::TableEntry& table) const {
    const catalog::proto::Namespace* ns =
        options_.catalog == nullptr
            ? nullptr
            : options_.catalog->NamespaceByOid(table.def.database_oid(), table.def.namespace_oid());
    return ns != nullptr ? ns->name() : "";
  }
  // VERBOSE names a relation with its schema.
  std::string RelationName(const catalog::TableEntry& table) const {
    if (!options_.verbose) return table.def.name();
    const std::string schema = SchemaName(table);
    return schema.empty() ? table.def.name() : schema + "." + table.def.name();
  }

  // The columns a scan's own conditions name: PostgreSQL qualifies them
  // only under VERBOSE, whatever else the plan reads.
  ColumnNames ScanColumns(const LogicalOperator& scan) const {
    const bool qualified = qualify_columns;
    qualify_columns = options_.verbose;
    ColumnNames names = OutputNames(scan);
    qualify_columns = qualified;
    return names;
  }

  // VERBOSE: the columns a node returns, as PostgreSQL's target list
  // (qualified only when the plan reads several relations). A write
  // without RETURNING returns none.
  void AddOutput(const LogicalOperator& op, ExplainNode* node) const {
    const bool qualified = qualify_columns;
    qualify_columns = has_join_;
    const ColumnNames names = OutputNames(op);
    qualify_columns = qualified;
    const bool write = op.kind == LogicalKind::kInsert || op.kind == LogicalKind::kUpdate ||
                       op.kind == LogicalKind::kDelete || op.kind == LogicalKind::kMerge;
    if (write && names.empty()) return;
    node->details.push_back({"Output: " + Join(names), {{"Output", JsonList(names)}}});
  }

  static void AddText(ExplainNode* node, const std::string& key, const std::string& value) {
    node->details.push_back({key + ": " + value, {{key, JsonString(value)}}});
  }
  static void AddJsonOnly(ExplainNode* node, const std::string& key, const std::string& json) {
    node->details.push_back({"", {{key, json}}});
  }
  // A count per loop, as PostgreSQL averages it; the text format leaves
  // out a zero.
  static void AddCount(ExplainNode* node, const std::string& key, uint64_t count,
                       const NodeActuals* actuals) {
    const uint64_t loops = actuals != nullptr && actuals->loops > 0 ? actuals->loops : 1;
    const std::string value = fmt::format("{:.0f}", static_cast<double>(count) / loops);
    node->details.push_back({count > 0 ? key + ": " + value : "", {{key, value}}});
  }

  // A composite key's terms, as PostgreSQL prints them: `(a = 1) AND (b = 2)`.
  static std::string JoinAnd(const std::vector<std::string>& parts) {
    return Joined(parts, " AND ");
  }
  static std::string Join(const std::vector<std::string>& parts) { return Joined(parts, ", "); }

  const ExplainOptions& options_;
  const PlanInstrumentation* instrumentation_;
  bool parallel_ = false;  // building a parallel aggregate's input

 public:
  bool has_join_ = false;
};

bool HasJoin(const LogicalOperator& op) {
  if (op.kind == LogicalKind::kJoin) return true;
  for (const LogicalOperatorPtr& c : op.children) {
    if (HasJoin(*c)) return true;
  }
  return false;
}

// One CTE scan of each WITH query computed once that the plan reads,
// those read by such queries' plans too, by CteUse::id.
void CollectCteScans(const LogicalOperator& op, std::vector<const LogicalCteScan*>* scans) {
  CheckStackDepth();
  if (op.kind == LogicalKind::kCteScan) {
    const auto& scan = op.As<LogicalCteScan>();
    for (const LogicalCteScan* seen : *scans) {
      if (seen->cte == scan.cte) return;
    }
    scans->push_back(&scan);
    CollectCteScans(*scan.cte->plan, scans);
  }
  for (const LogicalOperatorPtr& c : op.children) CollectCteScans(*c, scans);
}

std::vector<const LogicalCteScan*> CteScans(const LogicalOperator& plan) {
  std::vector<const LogicalCteScan*> scans;
  CollectCteScans(plan, &scans);
  std::sort(scans.begin(), scans.end(), [](const LogicalCteScan* a, const LogicalCteScan* b) {
    return a->cte->id < b->cte->id;
  });
  return scans;
}

}  // namespace

ExplainNode BuildExplainTree(const LogicalOperator& plan, const ExplainOptions& options,
                             const PlanInstrumentation* instrumentation) {
  // PostgreSQL qualifies the columns of a plan over several relations,
  // and under VERBOSE those of every expression but the Output lists.
  qualify_columns = HasJoin(plan) || options.verbose;
  Builder builder(options, instrumentation);
  builder.has_join_ = HasJoin(plan);
  ExplainNode root = builder.Node(plan);
  // The WITH queries computed once, as InitPlans of the root, in the
  // order they were written (PostgreSQL shows them at the top of their
  // query level).
  std::vector<ExplainNode> ctes;
  for (const LogicalCteScan* scan : CteScans(plan)) {
    ExplainNode cte = builder.Node(*scan->cte->plan);
    cte.parent_relationship = "InitPlan";
    cte.subplan_name = "CTE " + scan->name;
    ctes.push_back(std::move(cte));
  }
  root.children.insert(root.children.begin(), std::make_move_iterator(ctes.begin()),
                       std::make_move_iterator(ctes.end()));
  return root;
}

std::string ExplainPostgres(const LogicalOperator& op,
                            std::function<int(const catalog::TableEntry& table)> parallel_workers) {
  ExplainOptions options;
  options.costs = false;
  options.parallel_workers = std::move(parallel_workers);
  return FormatExplain(BuildExplainTree(op, options, nullptr), options, -1, -1);
}

}  // namespace basalt::sql
