// pg_get_viewdef's printer over a bound query. The layout follows
// PostgreSQL 15's ruleutils.c output (learned from its results, written
// anew): a clause keyword starts a new line indented from the query's
// level, every target after the first goes on a line of its own, and a
// subquery is printed at the indentation its position reached.
//
// Parentheses: without `pretty`, each operator, boolean term, IS [NOT]
// NULL and `x op ANY (...)` wraps itself; with it, a node is wrapped only
// where its parent needs it (IsSimple, ruleutils' isSimpleNode rules).
#include "sql/binder/deparse.h"
#include "sql/binder/deparse_text.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "common/stack_depth.h"
#include "common/value_text.h"
#include "sql/parser/ast_printer.h"

namespace basalt::sql {

namespace {

// A construct the printer does not know; DeparseQuery returns nullopt.
struct Unsupported {};

constexpr int kIndentStd = 8;   // a query level, a clause's text
constexpr int kIndentJoin = 4;  // JOIN keywords
constexpr int kIndentVar = 4;   // targets after the first, CASE arms

std::string Quote(const std::string& name) {
  return ast::QuoteName(name, true);
}

// The row one clause's expressions read: the FROM row (each column's
// qualified name), or a row computed from the one below it (a grouped
// query's keys and aggregates, SELECT DISTINCT's values).
struct Row {
  const Row* below = nullptr;
  std::vector<const BoundExpr*> exprs;  // computed row: column i is exprs[i] over *below
  std::vector<std::string> texts;       // FROM row: "t.a"
  std::vector<std::string> names;       // FROM row: "a", the column's own name
  std::vector<DataType> types;          // FROM row: the column's type
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

  // One query level at indentation `indent`. `result_names`: the view's
  // column names (top level) or null; `names_visible`: whether a target's
  // name is shown even when it is FigureColname's "?column?" (false inside
  // expression subqueries); `outer`: the texts of the outer values its
  // kOuterColumn nodes read.
  void Query(const BoundSelect& q, const std::vector<std::string>* result_names, bool names_visible,
             const std::vector<std::string>& outer, int indent, std::string& out) {
    CheckStackDepth();
    const int saved_indent = indent_;
    const std::vector<std::string>* saved_outer = outer_;
    indent_ = indent;
    outer_ = &outer;
    const size_t used_names = used_names_.size();
    if (q.set_operation != nullptr) {
      if (q.where != nullptr || q.grouped || !q.order_by.empty() || q.limit != nullptr ||
          q.offset != nullptr) {
        throw Unsupported{};
      }
      SetOperation(*q.set_operation, result_names, names_visible, out);
    } else {
      Select(q, result_names, names_visible, out);
    }
    indent_ = saved_indent;
    outer_ = saved_outer;
    used_names_.resize(used_names);
  }

 private:
  // ruleutils' appendContextKeyword: a new line at the query's indentation
  // (moved by `before`, plus `plus` spaces), the keyword, then the
  // indentation moved by `after`.
  void Keyword(std::string& out, std::string_view keyword, int before, int after, int plus) {
    indent_ = std::max(indent_ + before, 0);
    TrimTrailingSpaces(out);
    out += '\n';
    out.append(static_cast<size_t>(indent_ + plus), ' ');
    out += keyword;
    indent_ = std::max(indent_ + after, 0);
  }
  static void TrimTrailingSpaces(std::string& out) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
  }

  void SetOperation(const BoundSetOperation& op, const std::vector<std::string>* result_names,
                    bool names_visible, std::string& out) {
    if (op.recursive) throw Unsupported{};
    // A left input of the same kind chains without parentheses; any other
    // nested set operation is parenthesized and indented.
    auto same_kind = [&](const BoundSelect& side) {
      return side.set_operation != nullptr && side.set_operation->kind == op.kind &&
             side.set_operation->all == op.all && side.where == nullptr && !side.grouped;
    };
    const bool left_paren = op.left->set_operation != nullptr && !same_kind(*op.left);
    int sub_indent = 0;
    if (left_paren) {
      out += '(';
      sub_indent = kIndentStd;
      Keyword(out, "", sub_indent, 0, 0);
    }
    Query(*op.left, result_names, names_visible, *outer_, indent_, out);
    if (left_paren) {
      Keyword(out, ") ", -sub_indent, 0, 0);
    } else {
      Keyword(out, "", -sub_indent, 0, 0);
    }
    switch (op.kind) {
      case BoundSetOperation::Kind::kUnion: out += "UNION "; break;
      case BoundSetOperation::Kind::kIntersect: out += "INTERSECT "; break;
      case BoundSetOperation::Kind::kExcept: out += "EXCEPT "; break;
    }
    if (op.all) out += "ALL ";
    const bool right_paren = op.right->set_operation != nullptr;
    sub_indent = 0;
    if (right_paren) {
      out += '(';
      sub_indent = kIndentStd;
    }
    Keyword(out, "", sub_indent, 0, 0);
    Query(*op.right, result_names, names_visible, *outer_, indent_, out);
    indent_ -= sub_indent;
    if (right_paren) Keyword(out, ")", 0, 0, 0);
  }

  void Select(const BoundSelect& q, const std::vector<std::string>* result_names,
              bool names_visible, std::string& out) {
    if (q.limit_with_ties || !q.windows.empty()) throw Unsupported{};
    if (!q.values.empty()) {
      Values(q, out);
      return;
    }
    Row input;
    if (q.from != nullptr) FromColumns(*q.from, input);
    Row grouped;
    const Row* row = &input;
    if (q.grouped) {
      grouped.below = &input;
      for (const BoundExprPtr& key : q.group_by) grouped.exprs.push_back(key.get());
      for (const BoundExprPtr& aggregate : q.aggregates) grouped.exprs.push_back(aggregate.get());
      row = &grouped;
    }
    Row distinct;
    if (!q.distinct.empty()) {
      distinct.below = row;
      for (const BoundExprPtr& value : q.distinct) distinct.exprs.push_back(value.get());
    }
    const Row& result_row = q.distinct.empty() ? *row : distinct;

    indent_ += kIndentStd;
    out += " SELECT";
    if (!q.distinct.empty()) out += " DISTINCT";
    if (q.distinct_on > 0) {
      out += " DISTINCT ON (";
      for (size_t i = 0; i < q.distinct_on; ++i) {
        if (i > 0) out += ", ";
        SortGroupItem(*q.order_by[i].expr, result_row, out);
      }
      out += ")";
    }
    const char* separator = " ";
    for (size_t i = 0; i < q.targets.size(); ++i) {
      out += separator;
      separator = ", ";
      std::string target;
      Expr(*q.targets[i], result_row, nullptr, true, target);
      std::string natural = NaturalName(*q.targets[i], result_row);
      if (natural.empty() && !names_visible) natural = "?column?";
      const std::string& name = result_names != nullptr && i < result_names->size()
                                    ? (*result_names)[i]
                                    : q.columns[i].name;
      if (natural != name) target += " AS " + Quote(name);
      if (!target.empty() && target[0] == '\n') {
        TrimTrailingSpaces(out);
      } else if (i > 0) {
        Keyword(out, "", -kIndentStd, kIndentStd, kIndentVar);
      }
      out += target;
    }
    if (q.from != nullptr) {
      Keyword(out, " FROM ", -kIndentStd, kIndentStd, 2);
      FromList(*q.from, input, out);
    }
    if (q.where != nullptr) {
      Keyword(out, " WHERE ", -kIndentStd, kIndentStd, 1);
      Expr(*q.where, input, nullptr, false, out);
    }
    if (!q.group_by.empty()) {
      Keyword(out, " GROUP BY ", -kIndentStd, kIndentStd, 1);
      for (size_t i = 0; i < q.group_by.size(); ++i) {
        if (i > 0) out += ", ";
        SortGroupItem(*q.group_by[i], input, out);
      }
    }
    if (q.having != nullptr) {
      Keyword(out, " HAVING ", -kIndentStd, kIndentStd, 0);
      Expr(*q.having, *row, nullptr, false, out);
    }
    if (!q.order_by.empty()) {
      Keyword(out, " ORDER BY ", -kIndentStd, kIndentStd, 1);
      for (size_t i = 0; i < q.order_by.size(); ++i) {
        const BoundOrderBy& key = q.order_by[i];
        if (i > 0) out += ", ";
        SortGroupItem(*key.expr, result_row, out);
        if (key.descending) {
          out += " DESC";
          if (!key.nulls_first) out += " NULLS LAST";
        } else if (key.nulls_first) {
          out += " NULLS FIRST";
        }
      }
    }
    if (q.offset != nullptr) {
      Keyword(out, " OFFSET ", -kIndentStd, kIndentStd, 0);
      LimitValue(*q.offset, input, out);
    }
    if (q.limit != nullptr) {
      Keyword(out, " LIMIT ", -kIndentStd, kIndentStd, 0);
      LimitValue(*q.limit, input, out);
    }
    if (q.row_lock.has_value()) {
      const BoundTableRef* locked = q.from.get();
      if (locked == nullptr || locked->kind != BoundTableRef::Kind::kTable) throw Unsupported{};
      switch (q.row_lock->strength) {
        case storage::RowLockStrength::kUpdate:
          Keyword(out, " FOR UPDATE", -kIndentStd, kIndentStd, 0);
          break;
        case storage::RowLockStrength::kNoKeyUpdate:
          Keyword(out, " FOR NO KEY UPDATE", -kIndentStd, kIndentStd, 0);
          break;
        case storage::RowLockStrength::kShare:
          Keyword(out, " FOR SHARE", -kIndentStd, kIndentStd, 0);
          break;
        case storage::RowLockStrength::kKeyShare:
          Keyword(out, " FOR KEY SHARE", -kIndentStd, kIndentStd, 0);
          break;
      }
      out += " OF " + Quote(refnames_.at(locked));
      if (q.row_lock->nowait) {
        out += " NOWAIT";
      } else if (q.row_lock->skip_locked) {
        out += " SKIP LOCKED";
      }
    }
  }

  // A VALUES list: rows in parentheses, their values separated by bare
  // commas, as ruleutils' get_values_def.
  void Values(const BoundSelect& q, std::string& out) {
    if (q.where != nullptr || q.grouped || !q.order_by.empty() || q.limit != nullptr ||
        q.offset != nullptr || !q.distinct.empty() || q.from != nullptr) {
      throw Unsupported{};
    }
    indent_ += kIndentStd;
    out += " VALUES ";
    const Row none;
    for (size_t r = 0; r < q.values.size(); ++r) {
      out += r > 0 ? ", (" : "(";
      for (size_t c = 0; c < q.values[r].size(); ++c) {
        if (c > 0) out += ',';
        Expr(*q.values[r][c], none, nullptr, false, out);
      }
      out += ')';
    }
  }

  // LIMIT / OFFSET are int8: a constant written as an integer prints as
  // written (PostgreSQL keeps the int4 constant under a hidden cast).
  void LimitValue(const BoundExpr& e, const Row& row, std::string& out) {
    if (e.kind == BoundExprKind::kConstant && !e.value.is_null() && e.type.IsInteger() &&
        e.value.AsInt() >= 0) {
      out += std::to_string(e.value.AsInt());
      return;
    }
    Expr(e, row, nullptr, false, out);
  }

  // A GROUP BY or ORDER BY item: a column as is, a function call or
  // aggregate always in parentheses, anything else in them when pretty.
  void SortGroupItem(const BoundExpr& e, const Row& row, std::string& out) {
    const BoundExpr& shown = Unwrapped(e, row);
    if (shown.kind == BoundExprKind::kConstant) {
      out += DeparsedConstant(shown, true);
      return;
    }
    if (shown.kind == BoundExprKind::kColumn) {
      Expr(e, row, nullptr, true, out);
      return;
    }
    const bool paren = pretty_ || shown.kind == BoundExprKind::kFunction ||
                       shown.kind == BoundExprKind::kAggregate;
    if (paren) out += '(';
    Expr(e, row, nullptr, true, out);
    if (paren) out += ')';
  }

  // The node a column of a computed row stands for.
  static const BoundExpr& Unwrapped(const BoundExpr& e, const Row& row) {
    const BoundExpr* node = &e;
    const Row* r = &row;
    while (node->kind == BoundExprKind::kColumn && r->below != nullptr) {
      node = r->exprs[static_cast<size_t>(node->column_index)];
      r = r->below;
    }
    return *node;
  }

  // The name a target has without AS: a FROM column's own name, or none.
  static std::string NaturalName(const BoundExpr& e, const Row& row) {
    const BoundExpr* node = &e;
    const Row* r = &row;
    while (node->kind == BoundExprKind::kColumn && r->below != nullptr) {
      node = r->exprs[static_cast<size_t>(node->column_index)];
      r = r->below;
    }
    if (node->kind != BoundExprKind::kColumn) return "";
    const size_t c = static_cast<size_t>(node->column_index);
    if (c >= r->types.size()) return "";
    if (node->type.id != r->types[c].id) return "";  // a relabeled column prints as a cast
    return r->names[c];
  }

  // --- FROM ---

  // The FROM row's column texts, leaves in order.
  void FromColumns(const BoundTableRef& ref, Row& row) {
    CheckStackDepth();
    switch (ref.kind) {
      case BoundTableRef::Kind::kJoin:
        FromColumns(*ref.left, row);
        FromColumns(*ref.right, row);
        return;
      case BoundTableRef::Kind::kTable:
      case BoundTableRef::Kind::kSubquery:
      case BoundTableRef::Kind::kFunction: {
        if (!ref.lateral_values.empty()) throw Unsupported{};
        std::string written;
        if (!ref.alias.empty()) {
          written = ref.alias;
        } else if (ref.kind == BoundTableRef::Kind::kFunction) {
          written = DeparsedTableFunctionName(ref.function);
        } else if (ref.table != nullptr) {
          written = ref.table->def.name();
        } else if (ref.view != nullptr) {
          written = ref.view->def.name();
        } else {
          throw Unsupported{};  // a CTE's reference
        }
        // A name an enclosing query (or this one) already uses gets a
        // suffix, as ruleutils' set_rtable_names: FROM t t_1.
        std::string refname = written;
        for (int n = 1;
             std::find(used_names_.begin(), used_names_.end(), refname) != used_names_.end(); ++n) {
          refname = written + "_" + std::to_string(n);
        }
        used_names_.push_back(refname);
        refnames_[&ref] = refname;
        if (static_cast<int>(ref.column_names.size()) != ref.width) throw Unsupported{};
        const std::vector<std::string> leaf_names = LeafNames(ref);
        for (int c = 0; c < ref.width; ++c) {
          const std::string& name = leaf_names[static_cast<size_t>(c)];
          row.texts.push_back(Quote(refname) + "." + Quote(name));
          row.names.push_back(name);
          if (ref.kind == BoundTableRef::Kind::kFunction) {
            row.types.push_back(c == 0 ? ref.function_type : DataType::Of(TypeId::kInt8));
          } else {
            row.types.push_back(ref.table != nullptr ? ref.table->ColumnType(c)
                                                     : ref.subquery->columns[c].type);
          }
        }
        return;
      }
      default: throw Unsupported{};
    }
  }

  void FromList(const BoundTableRef& ref, const Row& row, std::string& out) {
    if (ref.kind == BoundTableRef::Kind::kJoin && ref.comma) {
      FromList(*ref.left, row, out);
      out += ", ";
      std::string item;
      FromItem(*ref.right, row, item);
      if (!item.empty() && item[0] == '\n') {
        TrimTrailingSpaces(out);
      } else {
        Keyword(out, "", -kIndentStd, kIndentStd, kIndentVar);
      }
      out += item;
      return;
    }
    FromItem(ref, row, out);
  }

  void FromItem(const BoundTableRef& ref, const Row& row, std::string& out) {
    CheckStackDepth();
    switch (ref.kind) {
      case BoundTableRef::Kind::kTable:
      case BoundTableRef::Kind::kSubquery: {
        const catalog::TableEntry* relation =
            ref.table != nullptr ? ref.table.get() : ref.view.get();
        if (relation != nullptr) {
          out += names_.Name(TypeId::kRegclass, relation->def.oid()).value_or(relation->def.name());
          const std::string& refname = refnames_.at(&ref);
          if (refname != relation->def.name()) out += " " + Quote(refname);
          const std::vector<std::string> leaf_names = LeafNames(ref);
          bool renamed = false;
          for (int c = 0; c < relation->def.columns_size(); ++c) {
            renamed = renamed || leaf_names[static_cast<size_t>(c)] != DefName(*relation, c);
          }
          if (renamed) {
            if (refname == relation->def.name()) out += " " + Quote(refname);
            out += "(";
            for (size_t c = 0; c < leaf_names.size(); ++c) {
              out += (c > 0 ? ", " : "") + Quote(leaf_names[c]);
            }
            out += ")";
          }
          return;
        }
        out += '(';
        Query(*ref.subquery, nullptr, true, *outer_, indent_, out);
        out += ") " + Quote(refnames_.at(&ref));
        bool renamed = false;
        for (size_t c = 0; c < ref.column_names.size(); ++c) {
          renamed = renamed || ref.column_names[c] != ref.subquery->columns[c].name;
        }
        if (renamed) {
          out += "(";
          for (size_t c = 0; c < ref.column_names.size(); ++c) {
            out += (c > 0 ? ", " : "") + Quote(ref.column_names[c]);
          }
          out += ")";
        }
        return;
      }
      case BoundTableRef::Kind::kFunction: {
        // generate_series(1, 3) [WITH ORDINALITY] g(g): the column list is
        // always printed.
        out += DeparsedTableFunctionName(ref.function) + "(";
        const Row none;
        for (size_t i = 0; i < ref.arguments.size(); ++i) {
          if (i > 0) out += ", ";
          Expr(*ref.arguments[i], none, nullptr, true, out);
        }
        out += ")";
        if (ref.with_ordinality) out += " WITH ORDINALITY";
        out += " " + Quote(refnames_.at(&ref)) + "(";
        for (size_t c = 0; c < ref.column_names.size(); ++c) {
          out += (c > 0 ? ", " : "") + Quote(ref.column_names[c]);
        }
        out += ")";
        return;
      }
      case BoundTableRef::Kind::kJoin: {
        if (ref.comma) {
          // A comma list inside a join (FROM (a, b) JOIN c): PostgreSQL
          // prints it as a CROSS JOIN.
          throw Unsupported{};
        }
        if (!pretty_) out += '(';
        FromItem(*ref.left, row, out);
        std::string keyword;
        switch (ref.join_type) {
          case JoinType::kInner:
            keyword = ref.cross || (ref.condition == nullptr && ref.using_columns.empty())
                          ? " CROSS JOIN "
                          : " JOIN ";
            break;
          case JoinType::kLeft: keyword = " LEFT JOIN "; break;
          case JoinType::kRight: keyword = " RIGHT JOIN "; break;
          case JoinType::kFull: keyword = " FULL JOIN "; break;
          default: throw Unsupported{};
        }
        Keyword(out, keyword, -kIndentStd, kIndentStd, kIndentJoin);
        FromItem(*ref.right, row, out);
        if (!ref.using_columns.empty()) {
          if (rename_ != nullptr && std::find(ref.using_columns.begin(), ref.using_columns.end(),
                                              rename_->old_name) != ref.using_columns.end()) {
            throw Unsupported{};  // the USING list would need aliases
          }
          out += " USING (";
          for (size_t i = 0; i < ref.using_columns.size(); ++i) {
            out += (i > 0 ? ", " : "") + Quote(ref.using_columns[i]);
          }
          out += ")";
        } else if (ref.condition != nullptr) {
          out += " ON ";
          if (!pretty_) out += '(';
          Expr(*ref.condition, row, nullptr, false, out);
          if (!pretty_) out += ')';
        } else if (ref.join_type != JoinType::kInner) {
          out += " ON TRUE";
        }
        if (!pretty_) out += ')';
        return;
      }
      default: throw Unsupported{};
    }
  }

  // --- expressions ---

  // A FROM column whose node has another (string) type than the column:
  // the binder relabeled varchar as text; PostgreSQL shows the relabeling
  // as a cast where implicit casts show.
  static bool IsRelabeled(const BoundExpr& e, const Row& row) {
    if (e.kind != BoundExprKind::kColumn) return false;
    if (row.below != nullptr) return false;
    const size_t c = static_cast<size_t>(e.column_index);
    return c < row.types.size() && e.type.id != row.types[c].id;
  }

  static const BoundExpr& ResolveColumn(const BoundExpr& e, const Row& row, const Row** at) {
    const BoundExpr* node = &e;
    const Row* r = &row;
    while (node->kind == BoundExprKind::kColumn && r->below != nullptr) {
      node = r->exprs[static_cast<size_t>(node->column_index)];
      r = r->below;
    }
    *at = r;
    return *node;
  }

  Shape ShapeOf(const BoundExpr& e, const Row& row, bool show_implicit) const {
    switch (e.kind) {
      case BoundExprKind::kColumn: {
        const Row* at = nullptr;
        const BoundExpr& node = ResolveColumn(e, row, &at);
        if (&node != &e) return ShapeOf(node, *at, show_implicit);
        return IsRelabeled(e, row) && show_implicit ? Shape::kCast : Shape::kSimple;
      }
      case BoundExprKind::kConstant:
      case BoundExprKind::kParameter:
      case BoundExprKind::kOuterColumn: return Shape::kSimple;
      case BoundExprKind::kCast:
        return CastShown(e, show_implicit) ? Shape::kCast
                                           : ShapeOf(*e.children[0], row, show_implicit);
      case BoundExprKind::kFunction:
        return IsRegexFunction(e.function) ? Shape::kOperator : Shape::kFunction;
      case BoundExprKind::kCase:
      case BoundExprKind::kArray:
      case BoundExprKind::kAggregate:
      case BoundExprKind::kWindow: return Shape::kFunction;
      case BoundExprKind::kArithmetic:
      case BoundExprKind::kNegate:
      case BoundExprKind::kCompare:
      case BoundExprKind::kConcat:
      case BoundExprKind::kLike: return Shape::kOperator;
      case BoundExprKind::kAnd:
      case BoundExprKind::kOr:
      case BoundExprKind::kNot: return Shape::kBool;
      case BoundExprKind::kIsNull:
      case BoundExprKind::kSubquery: return Shape::kTest;
      case BoundExprKind::kIsDistinct: return e.negated ? Shape::kBool : Shape::kTest;
      case BoundExprKind::kIn: return e.children.size() == 2 ? Shape::kOperator : Shape::kOther;
      case BoundExprKind::kArrayCompare: return Shape::kOther;
    }
    return Shape::kOther;
  }

  // ruleutils' isSimpleNode: whether `node` needs no parentheses as an
  // argument of `parent` in pretty mode.
  bool IsSimple(const BoundExpr& node, const Row& row, const BoundExpr& parent, Shape parent_shape,
                bool first_argument) const {
    const BoundExpr* n = &node;
    const Row* r = &row;
    if (n->kind == BoundExprKind::kColumn) n = &ResolveColumn(node, row, &r);
    const Shape shape = ShapeOf(*n, *r, true);
    switch (shape) {
      case Shape::kSimple:
      case Shape::kFunction:
      case Shape::kCast: return true;
      case Shape::kOther: return false;
      case Shape::kOperator:
        if (parent_shape == Shape::kOperator) {
          const char op = ArithmeticPrecedence(*n);
          const char parent_op = ArithmeticPrecedence(parent);
          if (op == 0 || parent_op == 0) return false;
          if (op == '*' && parent_op == '+') return true;
          if (op == '+' && parent_op == '*') return false;
          return first_argument;
        }
        [[fallthrough]];
      case Shape::kTest: return parent_shape == Shape::kBool || parent_shape == Shape::kFunction;
      case Shape::kBool:
        if (parent_shape == Shape::kBool) {
          const BoundExprKind kind =
              n->kind == BoundExprKind::kIsDistinct ? BoundExprKind::kNot : n->kind;
          if (parent.kind == BoundExprKind::kNot) return false;
          if (kind == BoundExprKind::kOr) return parent.kind == BoundExprKind::kOr;
          return true;  // NOT or AND under AND / OR
        }
        return parent_shape == Shape::kFunction;
    }
    return false;
  }

  // An argument of `parent`: in parentheses when pretty and IsSimple says so.
  void Argument(const BoundExpr& e, const Row& row, const BoundExpr& parent, Shape parent_shape,
                bool first_argument, bool show_implicit, std::string& out) {
    const bool paren = pretty_ && !IsSimple(e, row, parent, parent_shape, first_argument);
    if (paren) out += '(';
    Expr(e, row, &parent, show_implicit, out);
    if (paren) out += ')';
  }

  void Open(std::string& out) const {
    if (!pretty_) out += '(';
  }
  void Close(std::string& out) const {
    if (!pretty_) out += ')';
  }

  void Binary(const BoundExpr& e, const Row& row, std::string_view op, std::string& out) {
    Open(out);
    Operand(*e.children[0], row, e, Shape::kOperator, true, out);
    out += ' ';
    out += op;
    out += ' ';
    Operand(*e.children[1], row, e, Shape::kOperator, false, out);
    Close(out);
  }

  // An operator's argument. PostgreSQL has no varchar operators: a varchar
  // operand is cast to text for the text operator, a varchar constant is a
  // text constant.
  void Operand(const BoundExpr& e, const Row& row, const BoundExpr& parent, Shape parent_shape,
               bool first_argument, std::string& out) {
    if (e.type.id != TypeId::kVarchar) {
      Argument(e, row, parent, parent_shape, first_argument, true, out);
      return;
    }
    const BoundExpr* constant = &e;
    if (constant->kind == BoundExprKind::kCast &&
        constant->cast_context != CastContext::kExplicit &&
        constant->children[0]->kind == BoundExprKind::kConstant) {
      constant = constant->children[0].get();
    }
    if (constant->kind == BoundExprKind::kConstant) {
      BoundExprPtr text = BoundExpr::Constant(constant->value, DataType::Of(TypeId::kText));
      out += DeparsedConstant(*text, false);
      return;
    }
    const bool paren = !pretty_ || !IsSimple(e, row, parent, Shape::kCast, true);
    if (paren) out += '(';
    Expr(e, row, &parent, true, out);
    if (paren) out += ')';
    out += "::text";
  }

  void Cast(const BoundExpr& child, const Row& row, const BoundExpr& cast, std::string& out) {
    if (child.kind == BoundExprKind::kConstant && child.type.id == cast.type.id &&
        !child.value.is_null()) {
      // 'abc'::varchar(2): the constant, then the type with its modifier.
      std::string constant;
      constant += DeparsedConstant(child, false);
      const size_t label = constant.rfind("::");
      out += label == std::string::npos ? constant : constant.substr(0, label);
    } else {
      Open(out);
      Argument(child, row, cast, Shape::kCast, true, false, out);
      Close(out);
    }
    out += "::" + cast.type.Name();
  }

  void Expr(const BoundExpr& e, const Row& row, const BoundExpr* parent, bool show_implicit,
            std::string& out) {
    CheckStackDepth();
    switch (e.kind) {
      case BoundExprKind::kColumn: {
        const size_t c = static_cast<size_t>(e.column_index);
        if (c >= (row.below != nullptr ? row.exprs.size() : row.texts.size())) throw Unsupported{};
        if (row.below != nullptr) {
          Expr(*row.exprs[c], *row.below, parent, show_implicit, out);
          return;
        }
        if (IsRelabeled(e, row) && show_implicit) {
          if (pretty_) {
            out += row.texts[c];
          } else {
            out += "(" + row.texts[c] + ")";
          }
          out += "::" + e.type.Name();
          return;
        }
        out += row.texts[c];
        return;
      }
      case BoundExprKind::kOuterColumn: {
        const size_t i = static_cast<size_t>(e.column_index);
        if (outer_ == nullptr || i >= outer_->size()) throw Unsupported{};
        out += (*outer_)[i];
        return;
      }
      case BoundExprKind::kParameter: out += fmt::format("${}", e.parameter_index + 1); return;
      case BoundExprKind::kConstant: out += DeparsedConstant(e, false); return;
      case BoundExprKind::kCast:
        if (!CastShown(e, show_implicit, parent)) {
          Expr(*e.children[0], row, parent, false, out);
          return;
        }
        Cast(*e.children[0], row, e, out);
        return;
      case BoundExprKind::kArithmetic: Binary(e, row, OperatorText(e.arithmetic_op), out); return;
      case BoundExprKind::kCompare: Binary(e, row, OperatorText(e.compare_op), out); return;
      case BoundExprKind::kConcat: Binary(e, row, "||", out); return;
      case BoundExprKind::kLike:
        Binary(e, row,
               e.case_insensitive ? (e.negated ? "!~~*" : "~~*") : (e.negated ? "!~~" : "~~"), out);
        return;
      case BoundExprKind::kNegate:
        Open(out);
        out += "- ";
        Argument(*e.children[0], row, e, Shape::kOperator, false, true, out);
        Close(out);
        return;
      case BoundExprKind::kAnd:
      case BoundExprKind::kOr: {
        Open(out);
        for (size_t i = 0; i < e.children.size(); ++i) {
          if (i > 0) out += e.kind == BoundExprKind::kAnd ? " AND " : " OR ";
          Argument(*e.children[i], row, e, Shape::kBool, i == 0, false, out);
        }
        Close(out);
        return;
      }
      case BoundExprKind::kNot:
        Open(out);
        out += "NOT ";
        Argument(*e.children[0], row, e, Shape::kBool, true, false, out);
        Close(out);
        return;
      case BoundExprKind::kIsNull:
        Open(out);
        Argument(*e.children[0], row, e, Shape::kTest, true, true, out);
        out += e.negated ? " IS NOT NULL" : " IS NULL";
        Close(out);
        return;
      case BoundExprKind::kIsDistinct:
        if (e.negated) {
          // PostgreSQL keeps IS NOT DISTINCT FROM as NOT over the test.
          Open(out);
          out += "NOT ";
          Open(out);
          Argument(*e.children[0], row, e, Shape::kTest, true, true, out);
          out += " IS DISTINCT FROM ";
          Argument(*e.children[1], row, e, Shape::kTest, false, true, out);
          Close(out);
          Close(out);
          return;
        }
        Open(out);
        Argument(*e.children[0], row, e, Shape::kTest, true, true, out);
        out += " IS DISTINCT FROM ";
        Argument(*e.children[1], row, e, Shape::kTest, false, true, out);
        Close(out);
        return;
      case BoundExprKind::kIn: {
        if (e.children.size() == 2) {
          // x IN (y) is x = y.
          Open(out);
          Operand(*e.children[0], row, e, Shape::kOperator, true, out);
          out += e.negated ? " <> " : " = ";
          Operand(*e.children[1], row, e, Shape::kOperator, false, out);
          Close(out);
          return;
        }
        for (size_t i = 1; i < e.children.size(); ++i) {
          if (e.children[i]->kind != BoundExprKind::kConstant &&
              !(e.children[i]->kind == BoundExprKind::kCast &&
                e.children[i]->children[0]->kind == BoundExprKind::kConstant)) {
            throw Unsupported{};
          }
        }
        Open(out);
        Operand(*e.children[0], row, e, Shape::kOther, true, out);
        out += e.negated ? " <> ALL (ARRAY[" : " = ANY (ARRAY[";
        for (size_t i = 1; i < e.children.size(); ++i) {
          if (i > 1) out += ", ";
          Operand(*e.children[i], row, e, Shape::kFunction, false, out);
        }
        out += "])";
        Close(out);
        return;
      }
      case BoundExprKind::kArrayCompare:
        Open(out);
        Argument(*e.children[0], row, e, Shape::kOther, true, true, out);
        out += fmt::format(" {} {} (", OperatorText(e.compare_op), e.all ? "ALL" : "ANY");
        Argument(*e.children[1], row, e, Shape::kOther, false, true, out);
        out += ')';
        Close(out);
        return;
      case BoundExprKind::kArray:
        out += "ARRAY[";
        for (size_t i = 0; i < e.children.size(); ++i) {
          if (i > 0) out += ", ";
          Expr(*e.children[i], row, &e, true, out);
        }
        out += ']';
        return;
      case BoundExprKind::kCase: {
        // Searched CASE, one arm per line.
        Keyword(out, "CASE", 0, kIndentVar, 0);
        const size_t arms = (e.children.size() - (e.has_else ? 1 : 0)) / 2;
        for (size_t i = 0; i < arms; ++i) {
          Keyword(out, "WHEN ", 0, 0, 0);
          Expr(*e.children[2 * i], row, &e, false, out);
          out += " THEN ";
          Expr(*e.children[2 * i + 1], row, &e, true, out);
        }
        Keyword(out, "ELSE ", 0, 0, 0);
        if (e.has_else) {
          Expr(*e.children.back(), row, &e, true, out);
        } else {
          out += "NULL::" + e.type.Name();  // PostgreSQL's implicit default
        }
        Keyword(out, "END", -kIndentVar, 0, 0);
        return;
      }
      case BoundExprKind::kFunction: {
        if (IsRegexFunction(e.function)) {
          const char* op = e.function == ScalarFunction::kRegexMatch      ? "~"
                           : e.function == ScalarFunction::kRegexNotMatch ? "!~"
                           : e.function == ScalarFunction::kRegexIMatch   ? "~*"
                                                                          : "!~*";
          Binary(e, row, op, out);
          return;
        }
        const std::optional<std::string> function = DeparsedFunctionName(e.function);
        if (!function) throw Unsupported{};
        out += *function + "(";
        for (size_t i = 0; i < e.children.size(); ++i) {
          if (i > 0) out += ", ";
          Expr(*e.children[i], row, &e, true, out);
        }
        out += ')';
        return;
      }
      case BoundExprKind::kWindow: throw Unsupported{};  // moved out of queries by the binder
      case BoundExprKind::kAggregate: {
        out += std::string(AggregateFunctionName(e.aggregate)) + "(";
        if (e.aggregate == AggregateFunction::kCountStar) {
          out += "*";
        } else {
          if (e.distinct) out += "DISTINCT ";
          const size_t args = e.AggregateArgCount();
          for (size_t i = 0; i < args; ++i) {
            if (i > 0) out += ", ";
            Expr(*e.children[i], row, &e, true, out);
          }
          for (size_t k = 0; k < e.aggregate_order.size(); ++k) {
            out += k == 0 ? " ORDER BY " : ", ";
            SortGroupItem(*e.children[args + k], row, out);
            const AggregateOrderKey& key = e.aggregate_order[k];
            if (key.descending) {
              out += " DESC";
              if (!key.nulls_first) out += " NULLS LAST";
            } else if (key.nulls_first) {
              out += " NULLS FIRST";
            }
          }
        }
        out += ')';
        if (e.has_filter) {
          out += " FILTER (WHERE ";
          Expr(*e.children.back(), row, &e, false, out);
          out += ')';
        }
        return;
      }
      case BoundExprKind::kSubquery: Subquery(e, row, out); return;
    }
    throw Unsupported{};
  }

  void Subquery(const BoundExpr& e, const Row& row, std::string& out) {
    const bool has_left =
        e.subquery_kind == SubqueryKind::kAny || e.subquery_kind == SubqueryKind::kAll;
    // The outer values the subquery reads, printed in this query's terms.
    std::vector<std::string> outer;
    for (size_t i = has_left ? 1 : 0; i < e.children.size(); ++i) {
      std::string text;
      Expr(*e.children[i], row, &e, false, text);
      outer.push_back(std::move(text));
    }
    const BoundSelect& query = *e.subquery->select;
    switch (e.subquery_kind) {
      case SubqueryKind::kScalar:
        out += '(';
        Query(query, nullptr, false, outer, indent_, out);
        out += ')';
        return;
      case SubqueryKind::kArray:
        out += "ARRAY(";
        Query(query, nullptr, false, outer, indent_, out);
        out += ')';
        return;
      case SubqueryKind::kExists:
        out += "(EXISTS (";
        Query(query, nullptr, false, outer, indent_, out);
        out += "))";
        return;
      case SubqueryKind::kAny:
      case SubqueryKind::kAll: {
        const BoundExpr& test = *e.subquery->test;
        if (test.kind != BoundExprKind::kCompare) throw Unsupported{};
        out += '(';
        Operand(*e.children[0], row, e, Shape::kTest, true, out);
        if (e.subquery_kind == SubqueryKind::kAny && test.compare_op == CompareOp::kEqual) {
          out += " IN (";
        } else {
          out += fmt::format(" {} {} (", OperatorText(test.compare_op),
                             e.subquery_kind == SubqueryKind::kAny ? "ANY" : "ALL");
        }
        Query(query, nullptr, false, outer, indent_, out);
        out += "))";
        return;
      }
    }
  }

  // A FROM item's column names, with the column being renamed under its
  // new name unless an alias list renamed it anyway.
  std::vector<std::string> LeafNames(const BoundTableRef& ref) const {
    std::vector<std::string> names = ref.column_names;
    const catalog::TableEntry* relation = ref.table != nullptr ? ref.table.get() : ref.view.get();
    if (rename_ != nullptr && relation != nullptr && relation->def.oid() == rename_->relation &&
        rename_->column < static_cast<int>(names.size()) &&
        names[static_cast<size_t>(rename_->column)] == rename_->old_name) {
      names[static_cast<size_t>(rename_->column)] = rename_->new_name;
    }
    return names;
  }
  std::string DefName(const catalog::TableEntry& relation, int c) const {
    if (rename_ != nullptr && relation.def.oid() == rename_->relation && c == rename_->column) {
      return rename_->new_name;
    }
    return relation.def.columns(c).name();
  }

  const CatalogNames& names_;
  const bool pretty_;
  const ColumnRename* rename_;
  // The FROM names of the queries being printed, enclosing ones first, and
  // the name each FROM item prints under.
  std::vector<std::string> used_names_;
  std::unordered_map<const BoundTableRef*, std::string> refnames_;
  int indent_ = 0;
  const std::vector<std::string>* outer_ = nullptr;
};

}  // namespace

std::optional<std::string> DeparseQuery(const BoundSelect& query,
                                        const std::vector<std::string>& column_names,
                                        const CatalogNames& names, bool pretty,
                                        const ColumnRename* rename) {
  Printer printer(names, pretty, rename);
  std::string out;
  try {
    printer.Query(query, &column_names, true, {}, 0, out);
  } catch (const Unsupported&) {
    return std::nullopt;
  }
  return out + ";";
}

std::optional<std::string> DeparseTableExpression(const BoundExpr& expr,
                                                  const catalog::TableEntry& table,
                                                  const CatalogNames& names, bool pretty) {
  Printer printer(names, pretty, nullptr);
  std::string out;
  try {
    printer.TableExpr(expr, table, out);
  } catch (const Unsupported&) {
    return std::nullopt;
  }
  return out;
}

}  // namespace basalt::sql
