// The printer behind pg_get_viewdef (deparse.h), shared by its two files:
// deparse.cc prints queries, their clauses and FROM lists;
// deparse_expression.cc prints expressions with ruleutils' parenthesis
// rules. Internal to the binder.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "sql/binder/deparse.h"
#include "sql/parser/ast_printer.h"

namespace basalt::sql::deparse_detail {

// A construct the printer does not know; DeparseQuery returns nullopt.
struct Unsupported {};

constexpr int kIndentStd = 8;   // a query level, a clause's text
constexpr int kIndentJoin = 4;  // JOIN keywords
constexpr int kIndentVar = 4;   // targets after the first, CASE arms

inline std::string Quote(const std::string& name) {
  return ast::QuoteName(name, true);
}

// The row one clause's expressions read: the FROM row (each column's
// qualified name), or a row computed from the one below it (a grouped
// query's keys and aggregates, SELECT DISTINCT's values).
// A windowed row passes the row below through and adds the window calls'
// values after it.
struct Row {
  const Row* below = nullptr;
  // Computed row: its first `passthrough` columns are those of *below as
  // they are, then column passthrough + i is exprs[i] over *below.
  size_t passthrough = 0;
  std::vector<const BoundExpr*> exprs;
  std::vector<std::string> texts;  // FROM row: "t.a"
  std::vector<std::string> names;  // FROM row: "a", the column's own name
  std::vector<DataType> types;     // FROM row: the column's type

  size_t Width() const { return below != nullptr ? passthrough + exprs.size() : texts.size(); }
  // What kColumn node `column` of a computed row stands for over *below.
  const BoundExpr& At(const BoundExpr& column) const {
    const size_t c = static_cast<size_t>(column.column_index);
    return c < passthrough ? column : *exprs[c - passthrough];
  }
};

// How a node prints, for the parenthesis rules.
enum class Shape {
  kSimple,    // column, constant, parameter
  kFunction,  // name(...), CASE, ARRAY[...], aggregates
  kCast,      // x::type
  kOperator,  // a op b, - a
  kBool,      // AND, OR, NOT
  kTest,      // IS NULL, IS DISTINCT FROM, subqueries
  kOther,     // x op ANY (array)
};

class Printer {
 public:
  Printer(const CatalogNames& names, bool pretty, const ColumnRename* rename)
      : names_(names), pretty_(pretty), rename_(rename) {}

  // A table's expression (a CHECK): columns unqualified, as ruleutils
  // prints an expression over one relation.
  void TableExpr(const BoundExpr& e, const catalog::TableEntry& table, std::string& out) {
    Row row;
    for (int c = 0; c < table.def.columns_size(); ++c) {
      row.texts.push_back(Quote(table.def.columns(c).name()));
      row.names.push_back(table.def.columns(c).name());
      row.types.push_back(table.ColumnType(c));
    }
    Expr(e, row, nullptr, false, out);
  }

  // A domain's expression (a CHECK, a DEFAULT): its one column is VALUE,
  // of the base type.
  void DomainExpr(const BoundExpr& e, const DataType& base, std::string& out) {
    Row row;
    row.texts.push_back("VALUE");
    row.names.push_back("value");
    row.types.push_back(base);
    Expr(e, row, nullptr, false, out);
  }

  // One query level at indentation `indent`. `result_names`: the view's
  // column names (top level) or null; `names_visible`: whether a target's
  // name is shown even when it is FigureColname's "?column?" (false inside
  // expression subqueries); `outer`: the texts of the outer values its
  // kOuterColumn nodes read.
  void Query(const BoundSelect& q, const std::vector<std::string>* result_names, bool names_visible,
             const std::vector<std::string>& outer, int indent, std::string& out);

 private:
  // ruleutils' appendContextKeyword: a new line at the query's indentation
  // (moved by `before`, plus `plus` spaces), the keyword, then the
  // indentation moved by `after`.
  void Keyword(std::string& out, std::string_view keyword, int before, int after, int plus);
  static void TrimTrailingSpaces(std::string& out);

  void SetOperation(const BoundSetOperation& op, const std::vector<std::string>* result_names,
                    bool names_visible, std::string& out);

  void Select(const BoundSelect& q, const std::vector<std::string>* result_names,
              bool names_visible, std::string& out);

  // WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (query), ...
  // (deparse_with.cc).
  void With(const BoundSelect& q, std::string& out);
  // A CTE's reference in FROM: its name, alias and column aliases.
  void CteReference(const BoundTableRef& ref, std::string& out);
  const BoundCte* VisibleCte(const std::string& name) const;

  // GROUP BY's keys, or its grouping sets as written (deparse_grouping.cc).
  void GroupBy(const BoundSelect& q, const Row& input, std::string& out);
  void GroupingSet(const BoundGroupingSet& set, bool omit_parens, const BoundSelect& q,
                   const Row& input, std::string& out);
  // GROUPING(keys...): its children are positions in the query's group_by.
  void Grouping(const BoundExpr& e, const Row& row, std::string& out);

  // A window call `f(...) OVER ...`, its window's text, and the WINDOW
  // clause (deparse_window.cc), as ruleutils' get_rule_windowspec.
  void Window(const BoundExpr& e, const Row& row, std::string& out);
  void WindowSpec(const BoundExpr& e, const Row& row, std::string& out);
  void WindowClause(const BoundSelect& q, const Row& row, std::string& out);
  void FrameBoundText(FrameBound bound, const BoundExpr* offset, const Row& row, std::string& out);

  // One ORDER BY key: the item, then DESC / NULLS FIRST / NULLS LAST
  // where they are not the default.
  void OrderKey(const BoundExpr& e, bool descending, bool nulls_first, const Row& row,
                std::string& out);
  static void OrderDirection(bool descending, bool nulls_first, std::string& out);
  // An aggregate's ` FILTER (WHERE ...)`, if it has one.
  void AggregateFilter(const BoundExpr& aggregate, const Row& row, std::string& out);

  // OFFSET, then LIMIT or FETCH FIRST ... WITH TIES.
  void LimitClauses(const BoundSelect& q, const Row& input, std::string& out);

  // A VALUES list: rows in parentheses, their values separated by bare
  // commas, as ruleutils' get_values_def.
  void Values(const BoundSelect& q, std::string& out);

  // LIMIT / OFFSET are int8: a constant written as an integer prints as
  // written (PostgreSQL keeps the int4 constant under a hidden cast).
  void LimitValue(const BoundExpr& e, const Row& row, std::string& out);

  // A GROUP BY or ORDER BY item: a column as is, a function call or
  // aggregate always in parentheses, anything else in them when pretty.
  void SortGroupItem(const BoundExpr& e, const Row& row, std::string& out);

  // A cast shown that PostgreSQL makes a function call: ORDER BY and GROUP
  // BY parenthesize it as they do calls.
  static bool IsFunctionCast(const BoundExpr& e);

  // The node a column of a computed row stands for.
  static const BoundExpr& Unwrapped(const BoundExpr& e, const Row& row);

  // The name a target has without AS: a FROM column's own name, or none.
  static std::string NaturalName(const BoundExpr& e, const Row& row);

  // --- FROM ---

  // The FROM row's column texts, leaves in order.
  void FromColumns(const BoundTableRef& ref, Row& row);

  void FromList(const BoundTableRef& ref, const Row& row, std::string& out);

  // The set-returning functions of the target list (an item the binder
  // added to FROM): their columns' texts are the calls, printed where the
  // targets use them.
  void TargetFunctionColumns(const BoundTableRef& ref, const std::vector<std::string>& lateral,
                             Row& row);

  // `lateral`: the texts of the values a LATERAL item reads from the items
  // before it (its join's lateral_values), which its kOuterColumn nodes name.
  void FromItem(const BoundTableRef& ref, const Row& row, std::string& out,
                const std::vector<std::string>* lateral = nullptr);
  std::vector<std::string> LateralTexts(const BoundTableRef& ref, const Row& row);

  // --- expressions ---

  // A FROM column whose node has another (string) type than the column:
  // the binder relabeled varchar as text; PostgreSQL shows the relabeling
  // as a cast where implicit casts show.
  static bool IsRelabeled(const BoundExpr& e, const Row& row);

  static const BoundExpr& ResolveColumn(const BoundExpr& e, const Row& row, const Row** at);

  Shape ShapeOf(const BoundExpr& e, const Row& row, bool show_implicit) const;

  // ruleutils' isSimpleNode: whether `node` needs no parentheses as an
  // argument of `parent` in pretty mode.
  bool IsSimple(const BoundExpr& node, const Row& row, const BoundExpr& parent, Shape parent_shape,
                bool first_argument) const;

  // An argument of `parent`: in parentheses when pretty and IsSimple says so.
  void Argument(const BoundExpr& e, const Row& row, const BoundExpr& parent, Shape parent_shape,
                bool first_argument, bool show_implicit, std::string& out);

  void Open(std::string& out) const;
  void Close(std::string& out) const;

  void Binary(const BoundExpr& e, const Row& row, std::string_view op, std::string& out);
  // `children[0] op ANY | ALL (children[1])` (all: ALL).
  void Quantified(const BoundExpr& e, const Row& row, std::string_view op, std::string& out);

  // An operator's argument. PostgreSQL has no varchar operators: a varchar
  // operand is cast to text for the text operator, a varchar constant is a
  // text constant.
  void Operand(const BoundExpr& e, const Row& row, const BoundExpr& parent, Shape parent_shape,
               bool first_argument, std::string& out);

  void Cast(const BoundExpr& child, const Row& row, const BoundExpr& cast, std::string& out);

  void Expr(const BoundExpr& e, const Row& row, const BoundExpr* parent, bool show_implicit,
            std::string& out);

  void Subquery(const BoundExpr& e, const Row& row, std::string& out);
  // x [NOT] IN (...), as PostgreSQL keeps it (an array, comparisons or both).
  void InList(const BoundExpr& e, const Row& row, std::string& out);
  static Shape InShape(const BoundExpr& e);

  // A FROM item's column names, with the column being renamed under its
  // new name unless an alias list renamed it anyway.
  std::vector<std::string> LeafNames(const BoundTableRef& ref) const;
  std::string DefName(const catalog::TableEntry& relation, int c) const;

  const CatalogNames& names_;
  const bool pretty_;
  const ColumnRename* rename_;
  // The FROM names of the queries being printed, enclosing ones first, and
  // the name each FROM item prints under.
  std::vector<std::string> used_names_;
  std::unordered_map<const BoundTableRef*, std::string> refnames_;
  int indent_ = 0;
  const std::vector<std::string>* outer_ = nullptr;
  // The query level being printed (GROUPING's keys), and the WITH queries
  // its FROM items may read, enclosing ones first.
  const BoundSelect* query_ = nullptr;
  std::vector<const BoundCte*> ctes_;
};

}  // namespace basalt::sql::deparse_detail
