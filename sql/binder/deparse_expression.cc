// pg_get_viewdef's expressions: operators, casts, functions, CASE,
// subqueries, with ruleutils' parenthesis rules (deparse_printer.h).
#include <algorithm>

#include <fmt/format.h>

#include "common/object_names.h"
#include "common/stack_depth.h"
#include "common/value_text.h"
#include "sql/binder/bind_array_function.h"
#include "sql/binder/bind_json_function.h"
#include "sql/binder/deparse_printer.h"
#include "sql/binder/deparse_text.h"

namespace basalt::sql::deparse_detail {

bool Printer::IsRelabeled(const BoundExpr& e, const Row& row) {
  if (e.kind != BoundExprKind::kColumn) return false;
  if (row.below != nullptr) return false;
  const size_t c = static_cast<size_t>(e.column_index);
  return c < row.types.size() && e.type.id != row.types[c].id;
}

const BoundExpr& Printer::ResolveColumn(const BoundExpr& e, const Row& row, const Row** at) {
  const BoundExpr* node = &e;
  const Row* r = &row;
  while (node->kind == BoundExprKind::kColumn && r->below != nullptr) {
    node = &r->At(*node);
    r = r->below;
  }
  *at = r;
  return *node;
}

Shape Printer::ShapeOf(const BoundExpr& e, const Row& row, bool show_implicit) const {
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
      return IsRegexFunction(e.function) || BitwiseOperatorSpelling(e.function) ||
                     ArrayOperatorName(e.function)
                 ? Shape::kOperator
                 : Shape::kFunction;
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
    case BoundExprKind::kIn: return InShape(e);
    case BoundExprKind::kArrayCompare: return Shape::kOther;
  }
  return Shape::kOther;
}

Shape Printer::InShape(const BoundExpr& e) {
  if (e.children.size() == 2) return Shape::kOperator;
  size_t array = 0;
  for (size_t i = 1; i < e.children.size(); ++i) array += ReadsColumns(*e.children[i]) ? 0 : 1;
  if (array >= 2 && array == e.children.size() - 1) return Shape::kOther;
  return Shape::kBool;  // an OR (AND) of comparisons
}

bool Printer::IsSimple(const BoundExpr& node, const Row& row, const BoundExpr& parent,
                       Shape parent_shape, bool first_argument) const {
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
        const BoundExprKind kind = n->kind == BoundExprKind::kIsDistinct ? BoundExprKind::kNot
                                   : n->kind == BoundExprKind::kIn
                                       ? (n->negated ? BoundExprKind::kAnd : BoundExprKind::kOr)
                                       : n->kind;
        if (parent.kind == BoundExprKind::kNot) return false;
        if (kind == BoundExprKind::kOr) return parent.kind == BoundExprKind::kOr;
        return true;  // NOT or AND under AND / OR
      }
      return parent_shape == Shape::kFunction;
  }
  return false;
}

void Printer::Argument(const BoundExpr& e, const Row& row, const BoundExpr& parent,
                       Shape parent_shape, bool first_argument, bool show_implicit,
                       std::string& out) {
  const bool paren = pretty_ && !IsSimple(e, row, parent, parent_shape, first_argument);
  if (paren) out += '(';
  Expr(e, row, &parent, show_implicit, out);
  if (paren) out += ')';
}

void Printer::Open(std::string& out) const {
  if (!pretty_) out += '(';
}

void Printer::Close(std::string& out) const {
  if (!pretty_) out += ')';
}

void Printer::Binary(const BoundExpr& e, const Row& row, std::string_view op, std::string& out) {
  Open(out);
  Operand(*e.children[0], row, e, Shape::kOperator, true, out);
  out += ' ';
  out += op;
  out += ' ';
  Operand(*e.children[1], row, e, Shape::kOperator, false, out);
  Close(out);
}

void Printer::Quantified(const BoundExpr& e, const Row& row, std::string_view op,
                         std::string& out) {
  Open(out);
  Argument(*e.children[0], row, e, Shape::kOther, true, true, out);
  out += fmt::format(" {} {} (", op, e.all ? "ALL" : "ANY");
  Argument(*e.children[1], row, e, Shape::kOther, false, true, out);
  out += ')';
  Close(out);
}

void Printer::Operand(const BoundExpr& e, const Row& row, const BoundExpr& parent,
                      Shape parent_shape, bool first_argument, std::string& out) {
  if (e.type.id != TypeId::kVarchar) {
    Argument(e, row, parent, parent_shape, first_argument, true, out);
    return;
  }
  const BoundExpr* constant = &e;
  if (constant->kind == BoundExprKind::kCast && constant->cast_context != CastContext::kExplicit &&
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

void Printer::Cast(const BoundExpr& child, const Row& row, const BoundExpr& cast,
                   std::string& out) {
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

void Printer::Expr(const BoundExpr& e, const Row& row, const BoundExpr* parent, bool show_implicit,
                   std::string& out) {
  CheckStackDepth();
  switch (e.kind) {
    case BoundExprKind::kColumn: {
      const size_t c = static_cast<size_t>(e.column_index);
      if (c >= row.Width()) throw Unsupported{};
      if (row.below != nullptr) {
        Expr(row.At(e), *row.below, parent, show_implicit, out);
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
    case BoundExprKind::kLike: {
      const std::string_view op =
          e.case_insensitive ? (e.negated ? "!~~*" : "~~*") : (e.negated ? "!~~" : "~~");
      if (!e.children[1]->type.IsArray()) {
        Binary(e, row, op, out);
        return;
      }
      Quantified(e, row, op, out);  // x ~~ ANY (patterns)
      return;
    }
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
    case BoundExprKind::kIn: InList(e, row, out); return;
    case BoundExprKind::kArrayCompare: Quantified(e, row, OperatorText(e.compare_op), out); return;
    case BoundExprKind::kArray: {
      const bool record = e.type.IsRowType();
      out += record ? "ROW(" : "ARRAY[";
      for (size_t i = 0; i < e.children.size(); ++i) {
        if (i > 0) out += ", ";
        Expr(*e.children[i], row, &e, true, out);
      }
      out += record ? ')' : ']';
      if (!record && e.children.empty()) out += "::" + e.type.Name();  // ARRAY[]::t[]
      // A row read as a composite type: ROW(...)::t, as PostgreSQL prints it.
      if (e.type.id == TypeId::kComposite) out += "::" + e.type.Name();
      return;
    }
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
      if (e.function == ScalarFunction::kDomainCheck) {
        // CAST(x AS domain): the base type's value, cast to the domain.
        Open(out);
        Expr(*e.children[0], row, &e, true, out);
        Close(out);
        const ObjectNames* names = CurrentObjectNames();
        const Oid domain = static_cast<Oid>(e.children[1]->value.AsInt());
        out += "::" + (names == nullptr ? std::to_string(domain)
                                        : names->Name(TypeId::kRegtype, domain).value_or(""));
        return;
      }
      if (e.function == ScalarFunction::kRecordField) {
        const BoundExpr& record = *e.children[0];
        out += '(';
        Expr(record, row, &e, true, out);
        out +=
            ")." +
            ast::QuoteName(
                record.type.RecordFieldNames()[static_cast<size_t>(e.children[1]->value.AsInt())]);
        return;
      }
      if (std::optional<std::string_view> op = BitwiseOperatorSpelling(e.function)) {
        if (e.children.size() == 1) {
          Open(out);
          out += "~ ";
          Argument(*e.children[0], row, e, Shape::kOperator, false, true, out);
          Close(out);
        } else {
          Binary(e, row, *op, out);
        }
        return;
      }
      if (std::optional<std::string_view> op = ArrayOperatorName(e.function)) {
        Binary(e, row, *op, out);
        return;
      }
      if (IsRegexFunction(e.function)) {
        const char* op = e.function == ScalarFunction::kRegexMatch      ? "~"
                         : e.function == ScalarFunction::kRegexNotMatch ? "!~"
                         : e.function == ScalarFunction::kRegexIMatch   ? "~*"
                                                                        : "!~*";
        Binary(e, row, op, out);
        return;
      }
      // json_extract_path(j, 'a', 'b') is a call; j #> '{a,b}' an operator.
      const bool path_call =
          (e.function == ScalarFunction::kJsonPath ||
           e.function == ScalarFunction::kJsonPathText) &&
          (e.children.size() != 2 || e.children[1]->type.id != TypeId::kTextArray);
      std::optional<std::string_view> op = JsonOperatorSpelling(e.function);
      if (op && !path_call) {
        Binary(e, row, *op, out);
        return;
      }
      std::optional<std::string> function = JsonCallName(e);
      if (!function) function = DeparsedFunctionName(e.function);
      if (!function) throw Unsupported{};
      out += *function + "(";
      for (size_t i = 0; i < e.children.size(); ++i) {
        if (i > 0) out += ", ";
        Expr(*e.children[i], row, &e, true, out);
      }
      out += ')';
      return;
    }
    case BoundExprKind::kWindow: Window(e, row, out); return;
    case BoundExprKind::kAggregate: {
      if (e.aggregate == AggregateFunction::kGrouping) {
        Grouping(e, row, out);
        return;
      }
      out += std::string(AggregateFunctionName(e.aggregate)) + "(";
      if (IsOrderedSetAggregate(e.aggregate)) {
        // f(direct arguments) WITHIN GROUP (ORDER BY key)
        const size_t direct = e.AggregateArgCount();
        for (size_t i = 0; i < direct; ++i) {
          if (i > 0) out += ", ";
          Expr(*e.children[i], row, &e, true, out);
        }
        out += ") WITHIN GROUP (ORDER BY ";
        for (size_t k = 0; k < e.aggregate_order.size(); ++k) {
          if (k > 0) out += ", ";
          const AggregateOrderKey& key = e.aggregate_order[k];
          OrderKey(*e.children[direct + k], key.descending, key.nulls_first, row, out);
        }
        out += ')';
        AggregateFilter(e, row, out);
        return;
      }
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
          const AggregateOrderKey& key = e.aggregate_order[k];
          OrderKey(*e.children[args + k], key.descending, key.nulls_first, row, out);
        }
      }
      out += ')';
      AggregateFilter(e, row, out);
      return;
    }
    case BoundExprKind::kSubquery: Subquery(e, row, out); return;
  }
  throw Unsupported{};
}

// As PostgreSQL's transformAExprIn: items reading no column of this query
// (constants, parameters, outer values) make one `x = ANY (ARRAY[...])`
// when there are two or more of them; every other item is a comparison of
// its own, ORed (NOT IN: `<>`, ANDed) onto what came before.
void Printer::InList(const BoundExpr& e, const Row& row, std::string& out) {
  std::vector<const BoundExpr*> array;
  std::vector<const BoundExpr*> separate;
  for (size_t i = 1; i < e.children.size(); ++i) {
    (ReadsColumns(*e.children[i]) ? separate : array).push_back(e.children[i].get());
  }
  if (array.size() < 2) {
    separate.clear();
    for (size_t i = 1; i < e.children.size(); ++i) separate.push_back(e.children[i].get());
    array.clear();
  }
  std::vector<std::string> terms;
  if (!array.empty()) {
    std::string term;
    Open(term);
    Operand(*e.children[0], row, e, Shape::kOther, true, term);
    term += e.negated ? " <> ALL (ARRAY[" : " = ANY (ARRAY[";
    for (size_t i = 0; i < array.size(); ++i) {
      if (i > 0) term += ", ";
      Operand(*array[i], row, e, Shape::kFunction, false, term);
    }
    term += "])";
    Close(term);
    // Pretty, x = ANY (...) under AND / OR keeps parentheses (ruleutils'
    // isSimpleNode knows no ScalarArrayOpExpr).
    if (pretty_ && !separate.empty()) term = "(" + term + ")";
    terms.push_back(std::move(term));
  }
  for (const BoundExpr* item : separate) {
    std::string term;
    Open(term);
    Operand(*e.children[0], row, e, Shape::kOperator, true, term);
    term += e.negated ? " <> " : " = ";
    Operand(*item, row, e, Shape::kOperator, false, term);
    Close(term);
    terms.push_back(std::move(term));
  }
  // The terms nest to the left: ((a OR b) OR c), which pretty prints bare.
  std::string result = terms[0];
  for (size_t i = 1; i < terms.size(); ++i) {
    std::string joined;
    Open(joined);
    joined += result + (e.negated ? " AND " : " OR ") + terms[i];
    Close(joined);
    result = std::move(joined);
  }
  out += result;
}

void Printer::Subquery(const BoundExpr& e, const Row& row, std::string& out) {
  const bool has_left =
      e.subquery_kind == SubqueryKind::kAny || e.subquery_kind == SubqueryKind::kAll;
  // The outer values the subquery reads, printed in this query's terms.
  std::vector<std::string> outer;
  const size_t left = has_left ? static_cast<size_t>(e.subquery->left_width) : 0;
  for (size_t i = left; i < e.children.size(); ++i) {
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
      // A row's test is an AND (=) or OR (<>) of one comparison per field.
      const BoundExpr* compare = e.subquery->test.get();
      if (left > 1 &&
          (compare->kind == BoundExprKind::kAnd || compare->kind == BoundExprKind::kOr)) {
        compare = compare->children[0].get();
      }
      if (compare->kind != BoundExprKind::kCompare) throw Unsupported{};
      const BoundExpr& test = *compare;
      out += '(';
      if (left > 1) out += '(';
      for (size_t i = 0; i < left; ++i) {
        if (i > 0) out += ", ";
        Operand(*e.children[i], row, e, Shape::kTest, i == 0, out);
      }
      if (left > 1) out += ')';
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

std::vector<std::string> Printer::LeafNames(const BoundTableRef& ref) const {
  std::vector<std::string> names = ref.column_names;
  const catalog::TableEntry* relation = ref.table != nullptr ? ref.table.get() : ref.view.get();
  if (rename_ != nullptr && relation != nullptr && relation->def.oid() == rename_->relation &&
      rename_->column < static_cast<int>(names.size()) &&
      names[static_cast<size_t>(rename_->column)] == rename_->old_name) {
    names[static_cast<size_t>(rename_->column)] = rename_->new_name;
  }
  return names;
}

std::string Printer::DefName(const catalog::TableEntry& relation, int c) const {
  if (rename_ != nullptr && relation.def.oid() == rename_->relation && c == rename_->column) {
    return rename_->new_name;
  }
  return relation.def.columns(c).name();
}

}  // namespace basalt::sql::deparse_detail
