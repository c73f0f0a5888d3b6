// pg_get_viewdef's GROUP BY: the keys, or the grouping sets as PostgreSQL
// keeps them (ruleutils' get_rule_groupingset), and GROUPING(...).
#include "common/stack_depth.h"
#include "sql/binder/deparse_printer.h"

namespace basalt::sql::deparse_detail {

void Printer::GroupBy(const BoundSelect& q, const Row& input, std::string& out) {
  if (q.group_by.empty() && q.grouping_written.empty()) return;
  Keyword(out, " GROUP BY ", -kIndentStd, kIndentStd, 1);
  if (q.grouping_written.empty()) {
    for (size_t i = 0; i < q.group_by.size(); ++i) {
      if (i > 0) out += ", ";
      SortGroupItem(*q.group_by[i], input, out);
    }
    return;
  }
  for (size_t i = 0; i < q.grouping_written.size(); ++i) {
    if (i > 0) out += ", ";
    GroupingSet(q.grouping_written[i], true, q, input, out);
  }
}

void Printer::GroupingSet(const BoundGroupingSet& set, bool omit_parens, const BoundSelect& q,
                          const Row& input, std::string& out) {
  CheckStackDepth();
  using Kind = BoundGroupingSet::Kind;
  switch (set.kind) {
    case Kind::kEmpty: out += "()"; return;
    case Kind::kSimple: {
      // One key bare at the top level and in ROLLUP / CUBE; in GROUPING
      // SETS, and a list anywhere, in parentheses.
      const bool paren = !omit_parens || set.keys.size() != 1;
      if (paren) out += '(';
      for (size_t i = 0; i < set.keys.size(); ++i) {
        if (i > 0) out += ", ";
        SortGroupItem(*q.group_by[static_cast<size_t>(set.keys[i])], input, out);
      }
      if (paren) out += ')';
      return;
    }
    case Kind::kRollup: out += "ROLLUP("; break;
    case Kind::kCube: out += "CUBE("; break;
    case Kind::kSets: out += "GROUPING SETS ("; break;
  }
  for (size_t i = 0; i < set.items.size(); ++i) {
    if (i > 0) out += ", ";
    GroupingSet(set.items[i], set.kind != Kind::kSets, q, input, out);
  }
  out += ')';
}

void Printer::Grouping(const BoundExpr& e, const Row& row, std::string& out) {
  if (query_ == nullptr) throw Unsupported{};
  out += "GROUPING(";
  for (size_t i = 0; i < e.children.size(); ++i) {
    const BoundExpr& position = *e.children[i];
    if (position.kind != BoundExprKind::kConstant) throw Unsupported{};
    const size_t key = static_cast<size_t>(position.value.AsInt());
    if (key >= query_->group_by.size()) throw Unsupported{};
    if (i > 0) out += ", ";
    Expr(*query_->group_by[key], row, &e, true, out);
  }
  out += ')';
}

}  // namespace basalt::sql::deparse_detail
