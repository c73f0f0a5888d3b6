// Index selection: a table read (LogicalGet, wherever it sits in the plan)
// whose pushed-down filter has conjuncts an index (or the primary key, whose
// key range holds the rows themselves) answers becomes an index scan:
// equality on the index's leading columns, then on the next column an
// IN list (or `= ANY (array)`), IS NULL or a range (<, <=, >, >=,
// BETWEEN). An ORDER BY the index's order (after its equality columns),
// under a LIMIT, reads the index instead of sorting. Conjuncts the index
// answers leave the filter; the rest stay.
//
// Choice, most selective first: all columns of a unique index by equality,
// then the most equality columns, then an IN list, then a range; ties go
// to the primary key, then to the index created first. Without a usable
// index the full scan stays.
// A partial index is a candidate only when the filter implies its
// predicate (predicate_implication.h); then, in a read that is no write's
// target, the conjuncts the predicate implies leave the filter, as
// PostgreSQL's create_indexscan_plan drops them.
#include "common/stack_depth.h"
#include "sql/execution/index_predicate.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_limit.h"
#include "sql/planner/logical_sort.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/predicate_implication.h"
#include "storage/index_key.h"

namespace basalt::sql {

namespace {

// Whether `e` is index key column `column`: the table column, or an
// expression column's expression (structurally equal once bound).
bool IsKeyColumn(const storage::IndexLayout::KeyColumn& column, const BoundExpr& e) {
  if (column.expression != nullptr) {
    const BoundExpr* expr = IndexColumnExpr(column);
    return expr != nullptr && e.Equals(*expr);
  }
  return e.kind == BoundExprKind::kColumn && e.column_index == column.column;
}

// An index key column as the filter's terms meet it, with its type.
struct KeyRef {
  const storage::IndexLayout::KeyColumn* column = nullptr;
  DataType type;
  bool Is(const BoundExpr& e) const { return IsKeyColumn(*column, e); }
};

KeyRef KeyOf(const catalog::TableEntry& table, const storage::IndexLayout::KeyColumn& column) {
  return {&column, storage::IndexKeyType(column, table.layout.column_types)};
}

// `key op value` (either side) on the key column `key`: the value and the
// operator as seen from the key's side.
struct Comparison {
  const BoundExpr* value = nullptr;
  CompareOp op = CompareOp::kEqual;
};

Comparison MatchComparison(const BoundExpr& e, const KeyRef& key) {
  if (e.kind != BoundExprKind::kCompare || e.compare_op == CompareOp::kNotEqual ||
      !SameDomain(e.compare_type, key.type)) {
    return {};
  }
  for (int side = 0; side < 2; ++side) {
    const BoundExpr& col = *e.children[side];
    const BoundExpr& other = *e.children[1 - side];
    if (IsValue(other) && key.Is(col)) {
      return {&other, side == 0 ? e.compare_op : FlipComparison(e.compare_op)};
    }
  }
  return {};
}

// `key IS NULL`.
bool MatchIsNull(const BoundExpr& e, const KeyRef& key) {
  return e.kind == BoundExprKind::kIsNull && !e.negated && key.Is(*e.children[0]);
}

// `key IN (values...)`, not negated, or `key = ANY (array value)`.
bool MatchInList(const BoundExpr& e, const KeyRef& key) {
  const DataType& column_type = key.type;
  if (e.kind == BoundExprKind::kArrayCompare) {
    if (e.compare_op != CompareOp::kEqual || e.all || !SameDomain(e.compare_type, column_type)) {
      return false;
    }
    if (!key.Is(*e.children[0])) return false;
    return IsArrayOfValues(*e.children[1], column_type);
  }
  if (e.kind != BoundExprKind::kIn || e.negated || !SameDomain(e.compare_type, column_type)) {
    return false;
  }
  if (!key.Is(*e.children[0])) return false;
  for (size_t i = 1; i < e.children.size(); ++i) {
    if (!IsValue(*e.children[i])) return false;
  }
  return true;
}

// What one index can do with the conjuncts.
struct Candidate {
  int index = -1;
  std::vector<size_t> equal;  // conjunct per equality column
  size_t in_list = SIZE_MAX;
  size_t is_null = SIZE_MAX;
  size_t lower = SIZE_MAX;
  size_t upper = SIZE_MAX;
  bool unique_hit = false;  // every column of a unique index by equality
  // A partial index (whose predicate the query implies): it holds only rows
  // that may be returned, so it wins a tie with a whole-table index.
  bool partial = false;

  bool usable() const {
    return !equal.empty() || in_list != SIZE_MAX || is_null != SIZE_MAX || lower != SIZE_MAX ||
           upper != SIZE_MAX;
  }
  // Higher is better: a unique index fully matched, more equality columns,
  // then a point condition (IN list, IS NULL), then a range closed on both
  // ends, then a partial index.
  std::tuple<bool, size_t, bool, bool, bool> rank() const {
    return {unique_hit, equal.size(), in_list != SIZE_MAX || is_null != SIZE_MAX,
            lower != SIZE_MAX && upper != SIZE_MAX, partial};
  }
};

// `for_write`: the read finds a write's target rows, which keep every term
// (else the terms a partial index's predicate implies are no conditions on
// it, as PostgreSQL's check_index_predicates leaves them out).
Candidate Consider(const catalog::TableEntry& table, int index, const storage::IndexLayout& layout,
                   const std::vector<BoundExprPtr>& conjuncts, bool for_write) {
  Candidate c;
  c.index = index;
  c.partial = layout.predicate != nullptr;
  std::vector<bool> used(conjuncts.size(), false);
  bool unused_partial = false;  // c.partial says it
  const BoundExpr* predicate = for_write ? nullptr : IndexPredicateExpr(layout, &unused_partial);
  if (predicate != nullptr) {
    const std::vector<const BoundExpr*> terms = PredicateTerms(*predicate);
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      used[i] = PredicateImpliedBy(*conjuncts[i], terms);
    }
  }
  size_t k = 0;
  for (; k < layout.columns.size(); ++k) {
    const KeyRef key = KeyOf(table, layout.columns[k]);
    size_t found = SIZE_MAX;
    for (size_t i = 0; i < conjuncts.size() && found == SIZE_MAX; ++i) {
      Comparison m = MatchComparison(*conjuncts[i], key);
      if (!used[i] && m.value != nullptr && m.op == CompareOp::kEqual) found = i;
    }
    if (found == SIZE_MAX) break;
    used[found] = true;
    c.equal.push_back(found);
  }
  c.unique_hit = layout.unique && k == layout.columns.size();
  if (k == layout.columns.size()) return c;
  const KeyRef key = KeyOf(table, layout.columns[k]);
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    if (used[i]) continue;
    if (MatchInList(*conjuncts[i], key)) {
      c.in_list = i;
      return c;
    }
    if (MatchIsNull(*conjuncts[i], key)) {
      c.is_null = i;
      return c;
    }
  }
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    if (used[i]) continue;
    Comparison m = MatchComparison(*conjuncts[i], key);
    if (m.value == nullptr) continue;
    const bool is_lower = m.op == CompareOp::kGreater || m.op == CompareOp::kGreaterEqual;
    size_t& slot = is_lower ? c.lower : c.upper;
    if (slot == SIZE_MAX) slot = i;
  }
  return c;
}

void SplitConjuncts(BoundExprPtr e, std::vector<BoundExprPtr>* out) {
  // BETWEEN binds to an AND nested in the WHERE's AND: flattened here.
  std::vector<BoundExprPtr> pending;
  pending.push_back(std::move(e));
  while (!pending.empty()) {
    BoundExprPtr next = std::move(pending.back());
    pending.pop_back();
    if (next->kind == BoundExprKind::kAnd) {
      for (auto it = next->children.rbegin(); it != next->children.rend(); ++it) {
        pending.push_back(std::move(*it));
      }
    } else {
      out->push_back(std::move(next));
    }
  }
}

BoundExprPtr AndOf(std::vector<BoundExprPtr> terms) {
  if (terms.empty()) return nullptr;
  if (terms.size() == 1) return std::move(terms[0]);
  auto e = BoundExpr::Make(BoundExprKind::kAnd, DataType::Of(TypeId::kBool), 0);
  e->children = std::move(terms);
  return e;
}

bool Eligible(const LogicalGet& get) {
  return !get.table->computed && !get.by_primary_key() && get.index == nullptr &&
         (!get.table->layout.indexes.empty() || !get.table->layout.primary_key.empty());
}

// The filter's conjuncts an index answers move into get.index.
void UseIndexForFilter(LogicalGet& get, bool prefer_index) {
  if (!Eligible(get) || get.filter == nullptr) return;
  std::vector<BoundExprPtr> conjuncts;
  SplitConjuncts(std::move(get.filter), &conjuncts);
  std::vector<const BoundExpr*> terms;
  for (const BoundExprPtr& c : conjuncts) terms.push_back(c.get());
  Candidate best;
  // The primary key first: on a tie it wins, its rows need no second read.
  // (Its equality on every column is the point_lookup pass's.)
  if (!get.table->layout.primary_key.empty()) {
    Candidate c = Consider(*get.table, IndexAccess::kPrimaryKey, PrimaryKeyIndex(*get.table),
                           conjuncts, get.emit_key);
    if (c.usable() && c.is_null == SIZE_MAX) best = std::move(c);
  }
  for (size_t i = 0; i < get.table->layout.indexes.size(); ++i) {
    if (!get.table->layout.indexes[i].readable ||
        !IndexUsableFor(get.table->layout.indexes[i], terms)) {
      continue;
    }
    Candidate c = Consider(*get.table, static_cast<int>(i), get.table->layout.indexes[i], conjuncts,
                           get.emit_key);
    if (c.usable() && (best.index == -1 || c.rank() > best.rank())) best = std::move(c);
  }
  // With scans discouraged, a partial index whose predicate the filter
  // implies is read whole (it holds only rows the query may return), as
  // PostgreSQL considers it without any index condition.
  if (best.index == -1 && prefer_index) {
    for (size_t i = 0; i < get.table->layout.indexes.size() && best.index == -1; ++i) {
      const storage::IndexLayout& index = get.table->layout.indexes[i];
      if (index.readable && index.predicate != nullptr && IndexUsableFor(index, terms)) {
        best.index = static_cast<int>(i);
      }
    }
  }
  if (best.index == -1) {
    get.filter = AndOf(std::move(conjuncts));
    return;
  }
  auto access = std::make_unique<IndexAccess>();
  access->index = best.index;
  const storage::IndexLayout layout = AccessedIndex(*get.table, *access);
  std::vector<bool> used(conjuncts.size(), false);
  auto value_of = [&](size_t i) -> BoundExprPtr {
    const KeyRef key = KeyOf(*get.table, layout.columns[access->equal.size()]);
    return MatchComparison(*conjuncts[i], key).value->Clone();
  };
  for (size_t i : best.equal) {
    access->equal.push_back(value_of(i));
    used[i] = true;
  }
  if (best.in_list != SIZE_MAX) {
    const BoundExpr& in = *conjuncts[best.in_list];
    if (in.kind == BoundExprKind::kArrayCompare) {
      access->in_list.push_back(in.children[1]->Clone());
      access->in_array = true;
    } else {
      for (size_t i = 1; i < in.children.size(); ++i)
        access->in_list.push_back(in.children[i]->Clone());
    }
    used[best.in_list] = true;
  } else if (best.is_null != SIZE_MAX) {
    access->is_null = true;
    used[best.is_null] = true;
  } else {
    auto inclusive = [&](size_t i) {
      CompareOp op = conjuncts[i]->compare_op;
      return op == CompareOp::kLessEqual || op == CompareOp::kGreaterEqual;
    };
    if (best.lower != SIZE_MAX) {
      access->lower = value_of(best.lower);
      access->lower_inclusive = inclusive(best.lower);
      used[best.lower] = true;
    }
    if (best.upper != SIZE_MAX) {
      access->upper = value_of(best.upper);
      access->upper_inclusive = inclusive(best.upper);
      used[best.upper] = true;
    }
  }
  // Index Cond lists the conjuncts in the index's column order, as
  // PostgreSQL prints them; the rest stay in the filter in their order.
  std::vector<BoundExprPtr> answered;
  for (size_t i : best.equal) answered.push_back(std::move(conjuncts[i]));
  for (size_t i : {best.in_list, best.is_null, best.lower, best.upper}) {
    if (i != SIZE_MAX) answered.push_back(std::move(conjuncts[i]));
  }
  // `8 <= a` is `a >= 8` to the index (and in PostgreSQL's Index Cond).
  for (BoundExprPtr& e : answered) {
    if (e->kind == BoundExprKind::kCompare && IsValue(*e->children[0]) &&
        !IsValue(*e->children[1])) {
      std::swap(e->children[0], e->children[1]);
      e->compare_op = FlipComparison(e->compare_op);
    }
  }
  bool partial = false;
  const BoundExpr* predicate = IndexPredicateExpr(layout, &partial);
  std::vector<BoundExprPtr> rest;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    if (used[i]) continue;
    if (predicate != nullptr && !get.emit_key &&
        PredicateImpliedBy(*conjuncts[i], PredicateTerms(*predicate))) {
      continue;  // every entry of the index satisfies it
    }
    rest.push_back(std::move(conjuncts[i]));
  }
  access->condition = AndOf(std::move(answered));
  get.filter = AndOf(std::move(rest));
  get.index = std::move(access);
}

// Whether reading `index` (after `fixed` equality columns) gives the sort's
// order; sets *backward when it is the reverse of the index's order.
bool GivesOrder(const storage::IndexLayout& index, size_t fixed, const LogicalSort& sort,
                bool* backward) {
  for (size_t start = 0; start <= fixed; ++start) {
    if (start + sort.keys.size() > index.columns.size()) break;
    bool ok = true;
    std::optional<bool> reverse;
    for (size_t i = 0; i < sort.keys.size() && ok; ++i) {
      const BoundOrderBy& key = sort.keys[i];
      const storage::IndexLayout::KeyColumn& column = index.columns[start + i];
      if (!IsKeyColumn(column, *key.expr)) {
        ok = false;
        break;
      }
      const bool r = key.descending != column.descending;
      // Read backward, NULLs come out at the other end.
      ok = (!reverse || *reverse == r) && key.nulls_first == (column.nulls_first != r);
      reverse = r;
    }
    if (ok) {
      *backward = reverse.value_or(false);
      return true;
    }
  }
  return false;
}

// Sort(Get): a Get already reading an index in the sort's order needs no
// Sort; under a LIMIT (or with `prefer_index`), a Get without one reads an
// index that gives the order.
LogicalOperatorPtr ElideSortByIndex(LogicalOperatorPtr sort_op, bool limited, bool prefer_index) {
  auto& sort = sort_op->As<LogicalSort>();
  auto& get = sort_op->children[0]->As<LogicalGet>();
  if (get.table->computed || get.by_primary_key()) return sort_op;
  bool backward = false;
  if (get.index != nullptr) {
    const IndexAccess& access = *get.index;
    const storage::IndexLayout index = AccessedIndex(*get.table, access);
    // An IN list's points are read one after another in key order, so the
    // order holds from its column on only.
    const size_t fixed = access.equal.size();
    if (!GivesOrder(index, fixed, sort, &backward)) return sort_op;
    get.index->backward = backward;
    return std::move(sort_op->children[0]);
  }
  if (!Eligible(get) || !(limited || prefer_index)) return sort_op;
  std::vector<BoundExprPtr> conjuncts;
  if (get.filter != nullptr) SplitConjuncts(get.filter->Clone(), &conjuncts);
  std::vector<const BoundExpr*> terms;
  for (const BoundExprPtr& c : conjuncts) terms.push_back(c.get());
  for (size_t i = 0; i < get.table->layout.indexes.size(); ++i) {
    if (!get.table->layout.indexes[i].readable ||
        !IndexUsableFor(get.table->layout.indexes[i], terms) ||
        !GivesOrder(get.table->layout.indexes[i], 0, sort, &backward)) {
      continue;
    }
    get.index = std::make_unique<IndexAccess>();
    get.index->index = static_cast<int>(i);
    get.index->backward = backward;
    bool partial = false;
    const BoundExpr* predicate = IndexPredicateExpr(get.table->layout.indexes[i], &partial);
    if (predicate != nullptr && !get.emit_key) {
      std::vector<BoundExprPtr> rest;
      for (BoundExprPtr& c : conjuncts) {
        if (!PredicateImpliedBy(*c, PredicateTerms(*predicate))) rest.push_back(std::move(c));
      }
      get.filter = AndOf(std::move(rest));
    }
    return std::move(sort_op->children[0]);
  }
  return sort_op;
}

// A secondary index read whose every column the plan reads (get.columns,
// scan_pushdown's) is an INCLUDE column or a key column of a type that
// decodes as stored needs no row: PostgreSQL's Index Only Scan.
void MarkIndexOnly(LogicalGet& get) {
  if (get.index == nullptr || get.index->primary_key() || get.emit_key || get.columns.empty()) {
    return;
  }
  const storage::IndexLayout& index =
      get.table->layout.indexes[static_cast<size_t>(get.index->index)];
  std::vector<bool> held(get.columns.size(), false);
  for (const storage::IndexLayout::KeyColumn& c : index.columns) {
    if (c.expression == nullptr && c.column >= 0 && static_cast<size_t>(c.column) < held.size() &&
        storage::IndexKeyDecodable(get.table->layout.column_types[static_cast<size_t>(c.column)])) {
      held[static_cast<size_t>(c.column)] = true;
    }
  }
  for (int c : index.included) {
    if (static_cast<size_t>(c) < held.size()) held[static_cast<size_t>(c)] = true;
  }
  for (size_t c = 0; c < get.columns.size(); ++c) {
    if (get.columns[c] && !held[c]) return;
  }
  get.index->index_only = true;
}

LogicalOperatorPtr Visit(LogicalOperatorPtr plan, bool limited, bool prefer_index) {
  CheckStackDepth();
  const bool is_limit =
      plan->kind == LogicalKind::kLimit && plan->As<LogicalLimit>().limit != nullptr;
  for (LogicalOperatorPtr& child : plan->children) {
    // A LIMIT reaches the Sort right below it (through nothing else).
    child = Visit(std::move(child), is_limit, prefer_index);
  }
  if (plan->kind == LogicalKind::kGet) UseIndexForFilter(plan->As<LogicalGet>(), prefer_index);
  if (plan->kind == LogicalKind::kSort && plan->children[0]->kind == LogicalKind::kGet) {
    plan = ElideSortByIndex(std::move(plan), limited, prefer_index);
  }
  if (plan->kind == LogicalKind::kGet) MarkIndexOnly(plan->As<LogicalGet>());
  return plan;
}

}  // namespace

LogicalOperatorPtr SelectIndexes(LogicalOperatorPtr plan) {
  return Visit(std::move(plan), false, false);
}

LogicalOperatorPtr ReadIndexesForOrder(LogicalOperatorPtr plan) {
  return Visit(std::move(plan), false, true);
}

}  // namespace basalt::sql
