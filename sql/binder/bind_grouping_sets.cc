// GROUP BY ROLLUP / CUBE / GROUPING SETS / (), and GROUPING(): the grouping
// sets as lists of key positions, as PostgreSQL's expand_grouping_sets
// computes them (duplicates kept: each set makes its own rows).
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"

namespace basalt::sql {

namespace {

using Set = std::vector<int>;
using Element = ast::GroupingElement;

// PostgreSQL's limit on the sets one GROUP BY expands to.
constexpr size_t kMaxGroupingSets = 4096;

void CheckCount(size_t count) {
  if (count > kMaxGroupingSets) {
    throw Error(sqlstate::kStatementTooComplex, "too many grouping sets present (maximum 4096)");
  }
}

// a followed by b's keys not already in a.
Set Union(const Set& a, const Set& b) {
  Set out = a;
  for (int k : b) {
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  }
  return out;
}

}  // namespace

int Binder::GroupKeyPosition(const ast::Expr& item, const Scope& scope, BoundSelect* out) {
  BoundExprPtr e = BindGroupItem(item, scope, *out);
  if (e->type.id == TypeId::kJson) {  // json has no equality
    ThrowAt(sqlstate::kUndefinedFunction, "could not identify an equality operator for type json",
            item.position);
  }
  for (size_t i = 0; i < out->group_by.size(); ++i) {
    if (out->group_by[i]->Equals(*e)) return static_cast<int>(i);
  }
  out->group_by.push_back(std::move(e));
  return static_cast<int>(out->group_by.size() - 1);
}

void Binder::BindGroupingSets(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out) {
  // The keys of a ROLLUP / CUBE item: one expression or a list.
  auto item_keys = [&](const Element& item) {
    Set keys;
    if (item.kind == Element::Kind::kExpr) {
      keys.push_back(GroupKeyPosition(*item.expr, scope, out));
    } else {
      for (const Element& e : item.items)
        keys = Union(keys, {GroupKeyPosition(*e.expr, scope, out)});
    }
    return keys;
  };
  // The sets one element stands for.
  std::function<std::vector<Set>(const Element&)> expand = [&](const Element& e) {
    CheckStackDepth();
    std::vector<Set> sets;
    switch (e.kind) {
      case Element::Kind::kExpr:
      case Element::Kind::kList: sets.push_back(item_keys(e)); break;
      case Element::Kind::kRollup: {
        // (a, b, c), (a, b), (a), ()
        std::vector<Set> items;
        for (const Element& item : e.items) items.push_back(item_keys(item));
        for (size_t n = items.size() + 1; n-- > 0;) {
          Set set;
          for (size_t i = 0; i < n; ++i) set = Union(set, items[i]);
          sets.push_back(std::move(set));
        }
        break;
      }
      case Element::Kind::kCube: {
        // Every subset of the items, the whole list first.
        if (e.items.size() > 12) {
          ThrowAt(sqlstate::kTooManyColumns, "CUBE is limited to 12 elements", e.position);
        }
        std::vector<Set> items;
        for (const Element& item : e.items) items.push_back(item_keys(item));
        const size_t subsets = size_t{1} << items.size();
        for (size_t mask = subsets; mask-- > 0;) {
          Set set;
          for (size_t i = 0; i < items.size(); ++i) {
            if (mask & (size_t{1} << (items.size() - 1 - i))) set = Union(set, items[i]);
          }
          sets.push_back(std::move(set));
        }
        break;
      }
      case Element::Kind::kSets:
        for (const Element& item : e.items) {
          for (Set& set : expand(item)) sets.push_back(std::move(set));
          CheckCount(sets.size());
        }
        break;
    }
    return sets;
  };
  AggregateRulesScope rules(this, false, "GROUP BY");
  std::vector<Set> product{Set{}};
  for (const Element& element : select.grouping_sets) {
    const std::vector<Set> sets = expand(element);
    CheckCount(product.size() * sets.size());
    std::vector<Set> next;
    for (const Set& left : product) {
      for (const Set& right : sets) next.push_back(Union(left, right));
    }
    product = std::move(next);
  }
  out->grouping_sets = std::move(product);
  for (const Element& element : select.grouping_sets) {
    AddWrittenGroupingSet(element, true, scope, out, out->grouping_written);
  }
  if (out->grouping_written.empty()) {  // GROUP BY (): PostgreSQL's canonical empty set
    out->grouping_written.push_back(BoundGroupingSet{BoundGroupingSet::Kind::kEmpty, {}, {}});
  }
}

void Binder::AddWrittenGroupingSet(const ast::GroupingElement& e, bool top, const Scope& scope,
                                   BoundSelect* out, std::vector<BoundGroupingSet>& into) {
  CheckStackDepth();
  using Kind = BoundGroupingSet::Kind;
  switch (e.kind) {
    case Element::Kind::kExpr:
      into.push_back(BoundGroupingSet{Kind::kSimple, {GroupKeyPosition(*e.expr, scope, out)}, {}});
      return;
    case Element::Kind::kList: {
      // At the top level an empty set is dropped and a row's fields are
      // keys of their own (flatten_grouping_sets).
      if (e.items.empty()) {
        if (!top) into.push_back(BoundGroupingSet{Kind::kEmpty, {}, {}});
        return;
      }
      if (top) {
        for (const Element& item : e.items) AddWrittenGroupingSet(item, true, scope, out, into);
        return;
      }
      BoundGroupingSet set{Kind::kSimple, {}, {}};
      for (const Element& item : e.items) {
        set.keys.push_back(GroupKeyPosition(*item.expr, scope, out));
      }
      into.push_back(std::move(set));
      return;
    }
    case Element::Kind::kSets:
      if (!top) {  // GROUPING SETS in GROUPING SETS: its sets join the outer list
        for (const Element& item : e.items) AddWrittenGroupingSet(item, false, scope, out, into);
        return;
      }
      [[fallthrough]];
    case Element::Kind::kRollup:
    case Element::Kind::kCube: {
      BoundGroupingSet set{e.kind == Element::Kind::kRollup ? Kind::kRollup
                           : e.kind == Element::Kind::kCube ? Kind::kCube
                                                            : Kind::kSets,
                           {},
                           {}};
      for (const Element& item : e.items) {
        AddWrittenGroupingSet(item, false, scope, out, set.items);
      }
      into.push_back(std::move(set));
      return;
    }
  }
}

void Binder::ResolveGroupingCall(BoundExpr& call, const BoundSelect& out) {
  if (call.children.size() > 31) {
    ThrowAt(sqlstate::kTooManyArguments, "GROUPING must have fewer than 32 arguments",
            call.position);
  }
  for (BoundExprPtr& argument : call.children) {
    int key = -1;
    for (size_t i = 0; i < out.group_by.size() && key < 0; ++i) {
      if (out.group_by[i]->Equals(*argument)) key = static_cast<int>(i);
    }
    if (key < 0) {
      ThrowAt(sqlstate::kGroupingError,
              "arguments to GROUPING must be grouping expressions of the associated query level",
              argument->position);
    }
    argument = BoundExpr::Constant(Value::Int(key), DataType::Of(TypeId::kInt4));
  }
}

}  // namespace basalt::sql
