// EXPLAIN (COSTS OFF) in PostgreSQL's text format: the node names, the
// "->  " arrows, and the detail lines (Index Cond, Filter, Sort Key, Group
// Key) with expressions deparsed as PostgreSQL prints them, so plans can be
// compared with PostgreSQL's line for line. Project nodes are PostgreSQL's
// target lists and print nothing; a Filter prints as its child's Filter line.
#include <fmt/format.h>

#include "common/stack_depth.h"
#include "common/value_text.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_filter.h"
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
      return fmt::format("({} {} {})", Deparse(*e.children[0], names), op,
                         Deparse(*e.children[1], names));
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
    case LogicalKind::kInsert:
    case LogicalKind::kUpdate:
    case LogicalKind::kDelete:
    case LogicalKind::kMerge: return {};
    default: return op.children.empty() ? ColumnNames{} : OutputNames(*op.children[0]);
  }
}

class Printer {
 public:
  void Node(const LogicalOperator& op, int depth, const BoundExpr* filter = nullptr) {
    CheckStackDepth();
    if (op.kind == LogicalKind::kProject) {
      Node(*op.children[0], depth, filter);
      return;
    }
    if (op.kind == LogicalKind::kFilter) {
      Node(*op.children[0], depth, op.As<LogicalFilter>().predicate.get());
      return;
    }
    std::vector<std::string> details;
    std::string line;
    bool hash_build = false;
    const ColumnNames input = op.children.empty() ? ColumnNames{} : OutputNames(*op.children[0]);
    switch (op.kind) {
      case LogicalKind::kGet: {
        const auto& get = op.As<LogicalGet>();
        const catalog::TableEntry& table = *get.table;
        const ColumnNames names = TableColumns(table);
        if (get.by_primary_key()) {
          line = fmt::format("Index Scan using {} on {}", table.def.primary_key_name(),
                             table.def.name());
          std::vector<std::string> terms;
          for (size_t i = 0; i < get.lookup_key.size(); ++i) {
            terms.push_back(fmt::format("({} = {})",
                                        names[static_cast<size_t>(table.layout.primary_key[i])],
                                        Deparse(*get.lookup_key[i], names)));
          }
          if (get.lookup_in != nullptr) terms.push_back(Deparse(*get.lookup_in, names));
          details.push_back("Index Cond: " +
                            (terms.size() == 1 ? terms[0] : "(" + JoinAnd(terms) + ")"));
        } else if (get.index != nullptr) {
          line = fmt::format("Index Scan{} using {} on {}", get.index->backward ? " Backward" : "",
                             table.def.indexes(get.index->index).name(), table.def.name());
          if (get.index->condition != nullptr) {
            details.push_back("Index Cond: " + Deparse(*get.index->condition, names));
          }
        } else {
          line = "Seq Scan on " + table.def.name();
        }
        if (get.filter != nullptr) details.push_back("Filter: " + Deparse(*get.filter, names));
        if (filter != nullptr) details.push_back("Filter: " + Deparse(*filter, names));
        filter = nullptr;
        break;
      }
      case LogicalKind::kValues: {
        const auto& values = op.As<LogicalValues>();
        if (values.changes_of == nullptr) {
          line = "Result";
        } else {
          line = "Changes Scan on " + values.changes_of->def.name();
          details.push_back(fmt::format("Changed Rows: {}", values.computed->size()));
        }
        break;
      }
      case LogicalKind::kAggregate: {
        const auto& aggregate = op.As<LogicalAggregate>();
        line = aggregate.groups.empty() ? "Aggregate" : "HashAggregate";
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
            details.push_back("Hash Key: " + Join(keys));
          }
          const bool hashed = empty_sets < aggregate.grouping_sets.size();
          line = !hashed ? "Aggregate" : empty_sets > 0 ? "MixedAggregate" : "HashAggregate";
          for (size_t i = 0; i < empty_sets; ++i) details.push_back("Group Key: ()");
        } else if (!aggregate.groups.empty()) {
          std::vector<std::string> keys;
          for (const BoundExprPtr& g : aggregate.groups) keys.push_back(Deparse(*g, input));
          details.push_back("Group Key: " + Join(keys));
        }
        break;
      }
      case LogicalKind::kSort: {
        line = "Sort";
        std::vector<std::string> keys;
        for (const BoundOrderBy& key : op.As<LogicalSort>().keys) {
          std::string k = Deparse(*key.expr, input);
          if (key.descending) k += " DESC";
          if (key.nulls_first != key.descending)
            k += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
          keys.push_back(std::move(k));
        }
        details.push_back("Sort Key: " + Join(keys));
        break;
      }
      case LogicalKind::kWindow: line = "WindowAgg"; break;
      case LogicalKind::kSetOperation: {
        const auto& set = op.As<LogicalSetOperation>();
        static constexpr const char* kNames[] = {"Union", "Intersect", "Except"};
        line = set.operation == BoundSetOperation::Kind::kUnion && set.all
                   ? "Append"
                   : fmt::format("HashSetOp {}{}", kNames[static_cast<int>(set.operation)],
                                 set.all ? " All" : "");
        break;
      }
      case LogicalKind::kRecursiveUnion: line = "Recursive Union"; break;
      case LogicalKind::kWorkTableScan: line = "WorkTable Scan"; break;
      case LogicalKind::kFunctionScan: line = "Function Scan"; break;
      case LogicalKind::kDistinctOn: line = "Unique"; break;
      case LogicalKind::kLimit: line = "Limit"; break;
      case LogicalKind::kLockRows: line = "LockRows"; break;
      case LogicalKind::kInsert:
        line = "Insert on " + op.As<LogicalInsert>().table->def.name();
        break;
      case LogicalKind::kUpdate:
        line = "Update on " + op.As<LogicalUpdate>().table->def.name();
        break;
      case LogicalKind::kDelete:
        line = "Delete on " + op.As<LogicalDelete>().table->def.name();
        break;
      case LogicalKind::kMerge: line = "Merge on " + op.As<LogicalMerge>().table->def.name(); break;
      case LogicalKind::kJoin: {
        const auto& join = op.As<LogicalJoin>();
        static constexpr const char* kTypes[] = {"", "Left ", "Right ", "Full ", "Semi ", "Anti "};
        const std::string type = kTypes[static_cast<int>(join.join_type)];
        hash_build = !join.left_keys.empty();
        if (hash_build) {
          line = "Hash " + type + "Join";
          const ColumnNames left = OutputNames(*op.children[0]);
          const ColumnNames right = OutputNames(*op.children[1]);
          std::vector<std::string> keys;
          for (size_t k = 0; k < join.left_keys.size(); ++k) {
            keys.push_back("(" + Deparse(*join.left_keys[k], left) + " = " +
                           Deparse(*join.right_keys[k], right) + ")");
          }
          details.push_back("Hash Cond: " +
                            (keys.size() == 1 ? keys[0] : "(" + JoinAnd(keys) + ")"));
        } else {
          line = type.empty() ? "Nested Loop" : "Nested Loop " + type + "Join";
        }
        if (join.condition != nullptr) {
          ColumnNames both = OutputNames(*op.children[0]);
          for (std::string& n : OutputNames(*op.children[1])) both.push_back(std::move(n));
          details.push_back("Join Filter: " + Deparse(*join.condition, both));
        }
        break;
      }
      default: line = "?"; break;
    }
    // A filter over a node other than a scan (HAVING over an Aggregate).
    if (filter != nullptr) details.push_back("Filter: " + Deparse(*filter, OutputNames(op)));
    // PostgreSQL: a child's line is "->  " indented under its parent; each
    // node's details sit 2 columns past where its name starts.
    const size_t name_column = depth == 0 ? 0 : static_cast<size_t>(6 * depth);
    out_ += depth == 0 ? line : std::string(name_column - 4, ' ') + "->  " + line;
    out_ += '\n';
    for (const std::string& d : details) out_ += std::string(name_column + 2, ' ') + d + '\n';
    if (hash_build) {
      // The right input builds the hash table: PostgreSQL shows a Hash node.
      Node(*op.children[0], depth + 1);
      out_ += std::string(static_cast<size_t>(6 * (depth + 1)) - 4, ' ') + "->  Hash\n";
      Node(*op.children[1], depth + 2);
      return;
    }
    for (const LogicalOperatorPtr& c : op.children) Node(*c, depth + 1);
  }

  std::string Take() { return std::move(out_); }

 private:
  // A composite key's terms, as PostgreSQL prints them: `(a = 1) AND (b = 2)`.
  static std::string JoinAnd(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? " AND " : "") + parts[i];
    return out;
  }
  static std::string Join(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out;
  }
  std::string out_;
};

}  // namespace

namespace {

bool HasJoin(const LogicalOperator& op) {
  if (op.kind == LogicalKind::kJoin) return true;
  for (const LogicalOperatorPtr& c : op.children) {
    if (HasJoin(*c)) return true;
  }
  return false;
}

}  // namespace

std::string ExplainPostgres(const LogicalOperator& op) {
  qualify_columns = HasJoin(op);
  Printer printer;
  printer.Node(op, 0);
  return printer.Take();
}

}  // namespace basalt::sql
