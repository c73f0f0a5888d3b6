// Join order: a tree of inner (and cross) joins is rebuilt left-deep in an
// order that joins connected inputs early, so `FROM a, b, c WHERE a.x = c.x
// AND c.y = b.y` never forms the cross product of a and b. Without table
// statistics the estimate is crude: an input with a filter counts as ten
// times smaller per AND term. Starting from the smallest input, each step
// adds the smallest input that a condition connects to those joined so far
// (or the smallest of all when none is connected); each condition goes to
// the first join that has all its columns. A Project on top restores the
// columns' original order. Runs after predicate_pushdown, which has put
// every WHERE term on a join or below it.
#include <algorithm>
#include <deque>
#include <optional>

#include "common/stack_depth.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/plan_statistics.h"
#include "sql/planner/planner.h"

namespace basalt::sql {

namespace {

struct Input {
  LogicalOperatorPtr plan;
  int offset = 0;  // first column in the original join's row
  int width = 0;
  double estimate = 0;
  bool analyzed = false;  // the estimate comes from statistics
};

bool IsInnerJoin(const LogicalOperator& op) {
  return op.kind == LogicalKind::kJoin && op.As<LogicalJoin>().join_type == JoinType::kInner &&
         op.As<LogicalJoin>().left_keys.empty() && op.As<LogicalJoin>().lateral_values.empty();
}

bool IsChangedRows(const LogicalOperator& op) {
  return op.kind == LogicalKind::kValues && op.As<LogicalValues>().computed != nullptr;
}

// The input's rows, and whether ANALYZE's statistics back the figure.
double Estimate(const LogicalOperator& op, bool* analyzed) {
  const LogicalOperator* e = &op;
  std::vector<const BoundExpr*> filters;
  while (e->kind == LogicalKind::kFilter) {
    filters.push_back(e->As<LogicalFilter>().predicate.get());
    e = e->children[0].get();
  }
  *analyzed = false;
  double rows = kGuessedTableRows;
  if (e->kind == LogicalKind::kGet) {
    const auto& get = e->As<LogicalGet>();
    *analyzed = Analyzed(*get.table) && !get.by_primary_key();
    rows = TableRows(*get.table);
    if (get.filter != nullptr) filters.push_back(get.filter.get());
    for (const BoundExpr* f : filters) rows *= FilterSelectivity(*f, *get.table);
    if (get.by_primary_key()) {
      rows = get.lookup_in == nullptr ? 1.0
             : get.lookup_in->kind == BoundExprKind::kIn
                 ? std::min(rows, static_cast<double>(get.lookup_in->children.size() - 1))
                 : rows;
    }
  } else {
    for (const BoundExpr* f : filters) rows *= GuessedSelectivity(*f);
  }
  // An incremental refresh's changed rows: usually few, so joined first.
  if (IsChangedRows(*e)) {
    rows = static_cast<double>(e->As<LogicalValues>().computed->size());
  }
  return std::max(rows, 1.0);
}

// Splits an inner-join tree into its inputs and conditions (over the
// tree's row).
void Flatten(LogicalOperatorPtr plan, int offset, std::vector<Input>* inputs,
             std::vector<BoundExprPtr>* conditions) {
  CheckStackDepth();
  if (!IsInnerJoin(*plan)) {
    Input input;
    input.offset = offset;
    input.width = static_cast<int>(OutputTypes(*plan).size());
    input.estimate = Estimate(*plan, &input.analyzed);
    input.plan = std::move(plan);
    inputs->push_back(std::move(input));
    return;
  }
  auto& join = plan->As<LogicalJoin>();
  if (join.condition != nullptr) {
    BoundExprPtr condition = std::move(join.condition);
    ShiftColumns(*condition, offset);
    for (BoundExprPtr& term : SplitConjuncts(std::move(condition))) {
      conditions->push_back(std::move(term));
    }
  }
  const int left_width = join.left_width;
  Flatten(std::move(plan->children[0]), offset, inputs, conditions);
  Flatten(std::move(plan->children[1]), offset + left_width, inputs, conditions);
}

// Which inputs a condition reads (bit i: inputs[i]).
uint64_t InputsRead(const BoundExpr& e, const std::vector<Input>& inputs) {
  uint64_t read = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (ReadsColumnIn(e, inputs[i].offset, inputs[i].offset + inputs[i].width)) {
      read |= 1ULL << i;
    }
  }
  return read;
}

// Whether `input` is a table that an index join (index_join.cc) would read
// by key once per row of a tree of `tree_rows` rows, through the equalities
// of `terms` (over the original join's row).
bool IndexJoinTarget(const Input& input, double tree_rows,
                     const std::vector<const BoundExpr*>& terms) {
  if (tree_rows > kIndexJoinRows || input.estimate < 4 * tree_rows) return false;
  const LogicalOperator* e = input.plan.get();
  while (e->kind == LogicalKind::kFilter) e = e->children[0].get();
  if (e->kind != LogicalKind::kGet || e->As<LogicalGet>().table->computed) return false;
  const int begin = input.offset;
  const int end = input.offset + input.width;
  std::vector<int> columns;
  for (const BoundExpr* term : terms) {
    if (term->kind != BoundExprKind::kCompare || term->compare_op != CompareOp::kEqual) continue;
    for (int side = 0; side < 2; ++side) {
      const BoundExpr& col = *term->children[static_cast<size_t>(side)];
      const BoundExpr& other = *term->children[static_cast<size_t>(1 - side)];
      if (col.kind == BoundExprKind::kColumn && col.column_index >= begin &&
          col.column_index < end && !ReadsColumnIn(other, begin, end)) {
        columns.push_back(col.column_index - begin);
      }
    }
  }
  return IndexJoinPays(*e->As<LogicalGet>().table, columns, tree_rows);
}

// The table an input reads (a Get under Filters), or null.
const catalog::TableEntry* BaseTable(const Input& input) {
  const LogicalOperator* e = input.plan.get();
  while (e->kind == LogicalKind::kFilter) e = e->children[0].get();
  return e->kind == LogicalKind::kGet ? e->As<LogicalGet>().table.get() : nullptr;
}

// The table holding `column` of the original join's row, and the column's
// position in it; null when that input reads no table.
const catalog::TableEntry* TableOf(const std::vector<Input>& inputs, int column, int* position) {
  for (const Input& input : inputs) {
    if (column < input.offset || column >= input.offset + input.width) continue;
    *position = column - input.offset;
    return BaseTable(input);
  }
  return nullptr;
}

// The `a = b` terms between `input` and the tree: (input's column, tree's
// column), over the original join's row.
std::vector<std::pair<int, int>> CrossEqualities(const Input& input,
                                                 const std::vector<const BoundExpr*>& terms) {
  std::vector<std::pair<int, int>> pairs;
  auto in_input = [&](const BoundExpr& e) {
    return e.column_index >= input.offset && e.column_index < input.offset + input.width;
  };
  for (const BoundExpr* term : terms) {
    if (term->kind != BoundExprKind::kCompare || term->compare_op != CompareOp::kEqual) continue;
    const BoundExpr& a = *term->children[0];
    const BoundExpr& b = *term->children[1];
    if (a.kind != BoundExprKind::kColumn || b.kind != BoundExprKind::kColumn ||
        in_input(a) == in_input(b)) {
      continue;
    }
    pairs.emplace_back(in_input(a) ? a.column_index : b.column_index,
                       in_input(a) ? b.column_index : a.column_index);
  }
  return pairs;
}

// The distinct values of `column` by ANALYZE's statistics, at most `rows`
// (those of the input, or of the tree, it is in).
std::optional<double> DistinctValues(const std::vector<Input>& inputs, int column, double rows) {
  int position = 0;
  const catalog::TableEntry* table = TableOf(inputs, column, &position);
  if (table == nullptr) return std::nullopt;
  const std::optional<double> per_value = RowsPerValue(*table, position);
  if (!per_value || *per_value <= 0) return std::nullopt;
  return std::min(TableRows(*table) / *per_value, rows);
}

// The rows of a tree of `tree_rows` joined to `input` by the equalities
// among `terms`: PostgreSQL's eqjoinsel without most common values, each
// `a = b` keeping 1 / max(distinct a, distinct b) of the pairs. Without
// statistics for a term, the larger of the two.
double JoinedRows(const std::vector<Input>& inputs, const Input& input, double tree_rows,
                  const std::vector<const BoundExpr*>& terms) {
  const std::vector<std::pair<int, int>> pairs = CrossEqualities(input, terms);
  double rows = tree_rows * input.estimate;
  for (const auto& [own, other] : pairs) {
    const std::optional<double> own_distinct = DistinctValues(inputs, own, input.estimate);
    const std::optional<double> other_distinct = DistinctValues(inputs, other, tree_rows);
    if (!own_distinct || !other_distinct) return std::max(tree_rows, input.estimate);
    rows /= std::max({*own_distinct, *other_distinct, 1.0});
  }
  if (pairs.empty()) return std::max(tree_rows, input.estimate);
  return std::max(rows, 1.0);
}

// Whether hashing `input` and probing with the tree costs less than the
// reverse, by PostgreSQL's hash join costs (in cpu_operator_cost): a built
// row costs 5, a probe 1 and half a unit per row of its bucket
// (HashBucketShare of the first key, so a key whose common values fill a
// bucket is costly to build on). Without statistics for the key, the
// smaller side is built.
bool BuildInput(const std::vector<Input>& inputs, const Input& input, double tree_rows,
                const std::vector<const BoundExpr*>& terms) {
  double input_share = 1 / input.estimate;
  double tree_share = 1 / tree_rows;
  const std::vector<std::pair<int, int>> pairs = CrossEqualities(input, terms);
  if (!pairs.empty()) {
    int own_position = 0;
    int other_position = 0;
    const catalog::TableEntry* own = TableOf(inputs, pairs[0].first, &own_position);
    const catalog::TableEntry* other = TableOf(inputs, pairs[0].second, &other_position);
    const std::optional<double> own_share =
        own != nullptr ? HashBucketShare(*own, own_position) : std::nullopt;
    const std::optional<double> other_share =
        other != nullptr ? HashBucketShare(*other, other_position) : std::nullopt;
    if (!own_share || !other_share) return input.estimate <= tree_rows;
    input_share = std::max(*own_share, input_share);
    tree_share = std::max(*other_share, tree_share);
  }
  auto cost = [](double build_rows, double share, double probe_rows) {
    return 5 * build_rows + probe_rows * (1 + 0.5 * build_rows * share);
  };
  return cost(input.estimate, input_share, tree_rows) <=
         cost(tree_rows, tree_share, input.estimate);
}

LogicalOperatorPtr Reorder(LogicalOperatorPtr plan) {
  std::vector<Input> inputs;
  std::vector<BoundExprPtr> conditions;
  const std::vector<DataType> types = OutputTypes(*plan);
  Flatten(std::move(plan), 0, &inputs, &conditions);
  for (Input& input : inputs) input.plan = OrderJoins(std::move(input.plan));
  std::vector<uint64_t> reads;
  for (const BoundExprPtr& c : conditions) reads.push_back(InputsRead(*c, inputs));

  std::vector<size_t> order;
  uint64_t joined = 0;
  while (order.size() < inputs.size()) {
    int best = -1;
    bool best_connected = false;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (joined & (1ULL << i)) continue;
      bool connected = false;
      for (uint64_t r : reads) {
        connected = connected || (joined != 0 && (r & (1ULL << i)) && (r & joined) &&
                                  (r & ~(joined | (1ULL << i))) == 0);
      }
      const bool better =
          best < 0 || (connected && !best_connected) ||
          (connected == best_connected && inputs[i].estimate < inputs[best].estimate);
      if (better) {
        best = static_cast<int>(i);
        best_connected = connected;
      }
    }
    order.push_back(static_cast<size_t>(best));
    joined |= 1ULL << best;
  }

  // Each step's side for its input: on the right (the hash join's build
  // side) unless statistics say building on the tree costs less, and not
  // when it is a table an index join reads by key for a few rows.
  std::vector<bool> on_left(order.size(), false);
  std::deque<size_t> layout{order[0]};
  double tree_rows = inputs[order[0]].estimate;
  bool tree_analyzed = inputs[order[0]].analyzed;
  uint64_t in_tree = 1ULL << order[0];
  for (size_t k = 1; k < order.size(); ++k) {
    const Input& input = inputs[order[k]];
    std::vector<const BoundExpr*> step_terms;
    bool connected = false;
    for (size_t c = 0; c < conditions.size(); ++c) {
      const uint64_t with = in_tree | (1ULL << order[k]);
      if ((reads[c] & ~with) == 0 && (reads[c] & (1ULL << order[k])) && (reads[c] & in_tree)) {
        step_terms.push_back(conditions[c].get());
        connected = true;
      }
    }
    on_left[k] = tree_analyzed && input.analyzed &&
                 !BuildInput(inputs, input, tree_rows, step_terms) &&
                 !IndexJoinTarget(input, tree_rows, step_terms);
    if (on_left[k]) {
      layout.push_front(order[k]);
    } else {
      layout.push_back(order[k]);
    }
    tree_rows =
        connected ? JoinedRows(inputs, input, tree_rows, step_terms) : tree_rows * input.estimate;
    tree_analyzed = tree_analyzed && input.analyzed;
    in_tree |= 1ULL << order[k];
  }

  // The new position of each original column.
  std::vector<int> new_offset(inputs.size());
  int width = 0;
  for (size_t i : layout) {
    new_offset[i] = width;
    width += inputs[i].width;
  }
  auto remap = [&](BoundExpr& e, auto&& self) -> void {
    CheckStackDepth();
    if (e.kind == BoundExprKind::kColumn) {
      for (size_t i = 0; i < inputs.size(); ++i) {
        if (e.column_index >= inputs[i].offset &&
            e.column_index < inputs[i].offset + inputs[i].width) {
          e.column_index = e.column_index - inputs[i].offset + new_offset[i];
          break;
        }
      }
    }
    for (BoundExprPtr& c : e.children) self(*c, self);
  };
  for (BoundExprPtr& c : conditions) remap(*c, remap);

  LogicalOperatorPtr tree = std::move(inputs[order[0]].plan);
  int tree_width = inputs[order[0]].width;
  int tree_start = new_offset[order[0]];  // the tree's first column in the final row
  joined = 1ULL << order[0];
  std::vector<bool> placed(conditions.size(), false);
  for (size_t k = 1; k < order.size(); ++k) {
    const size_t i = order[k];
    joined |= 1ULL << i;
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = JoinType::kInner;
    join->left_width = on_left[k] ? inputs[i].width : tree_width;
    join->right_width = on_left[k] ? tree_width : inputs[i].width;
    if (on_left[k]) tree_start = new_offset[i];
    std::vector<BoundExprPtr> terms;
    for (size_t c = 0; c < conditions.size(); ++c) {
      if (placed[c] || (reads[c] & ~joined) != 0) continue;
      placed[c] = true;
      ShiftColumns(*conditions[c], -tree_start);
      terms.push_back(std::move(conditions[c]));
    }
    join->condition = MakeConjunction(std::move(terms));
    if (on_left[k]) {
      join->children.push_back(std::move(inputs[i].plan));
      join->children.push_back(std::move(tree));
    } else {
      join->children.push_back(std::move(tree));
      join->children.push_back(std::move(inputs[i].plan));
    }
    tree = std::move(join);
    tree_width += inputs[i].width;
  }
  // Conditions that read no input (constants, outer values) filter the top.
  std::vector<BoundExprPtr> rest;
  for (size_t c = 0; c < conditions.size(); ++c) {
    if (!placed[c]) rest.push_back(std::move(conditions[c]));
  }
  if (!rest.empty()) {
    auto filter = std::make_unique<LogicalFilter>();
    filter->predicate = MakeConjunction(std::move(rest));
    filter->children.push_back(std::move(tree));
    tree = std::move(filter);
  }
  bool same_order = true;
  for (size_t k = 0; k < layout.size(); ++k) same_order = same_order && layout[k] == k;
  if (same_order) return tree;
  auto project = std::make_unique<LogicalProject>();
  for (size_t i = 0; i < inputs.size(); ++i) {
    for (int c = 0; c < inputs[i].width; ++c) {
      const int original = inputs[i].offset + c;
      project->exprs.push_back(BoundExpr::Column(new_offset[i] + c, types[original]));
    }
  }
  project->children.push_back(std::move(tree));
  return project;
}

}  // namespace

LogicalOperatorPtr OrderJoins(LogicalOperatorPtr plan) {
  CheckStackDepth();
  if (IsInnerJoin(*plan)) {
    int inputs = 0;
    std::vector<const LogicalOperator*> stack{plan.get()};
    while (!stack.empty()) {
      const LogicalOperator* op = stack.back();
      stack.pop_back();
      if (IsInnerJoin(*op)) {
        stack.push_back(op->children[0].get());
        stack.push_back(op->children[1].get());
      } else {
        ++inputs;
      }
    }
    // Two inputs keep their order, but for an incremental refresh's changed
    // rows on the right: read first, they reach the table by its indexes.
    const bool changed_rows_right =
        inputs == 2 && IsChangedRows(*plan->children[1]) && !IsChangedRows(*plan->children[0]);
    // With statistics for both, two inputs may change sides too.
    bool left_analyzed = false;
    bool right_analyzed = false;
    Estimate(*plan->children[0], &left_analyzed);
    Estimate(*plan->children[1], &right_analyzed);
    const bool analyzed = inputs == 2 && left_analyzed && right_analyzed;
    // Reorder orders the joins inside its inputs too.
    if ((inputs > 2 && inputs <= 64) || changed_rows_right || analyzed) {
      return Reorder(std::move(plan));
    }
  }
  for (LogicalOperatorPtr& c : plan->children) c = OrderJoins(std::move(c));
  return plan;
}

}  // namespace basalt::sql
