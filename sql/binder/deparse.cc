// pg_get_viewdef's printer over a bound query. The layout follows
// PostgreSQL 15's ruleutils.c output (learned from its results, written
// anew): a clause keyword starts a new line indented from the query's
// level, every target after the first goes on a line of its own, and a
// subquery is printed at the indentation its position reached.
//
// Parentheses: without `pretty`, each operator, boolean term, IS [NOT]
// NULL and `x op ANY (...)` wraps itself; with it, a node is wrapped only
// where its parent needs it (IsSimple, ruleutils' isSimpleNode rules).
//
// This file: query levels, clauses and FROM lists; expressions are
// deparse_expression.cc's.
#include "sql/binder/deparse.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/stack_depth.h"
#include "sql/binder/deparse_printer.h"
#include "sql/binder/deparse_text.h"

namespace basalt::sql {

namespace deparse_detail {

void Printer::Query(const BoundSelect& q, const std::vector<std::string>* result_names,
                    bool names_visible, const std::vector<std::string>& outer, int indent,
                    std::string& out) {
  CheckStackDepth();
  const int saved_indent = indent_;
  const std::vector<std::string>* saved_outer = outer_;
  indent_ = indent;
  outer_ = &outer;
  const BoundSelect* saved_query = query_;
  query_ = &q;
  const size_t used_names = used_names_.size();
  const size_t ctes = ctes_.size();
  for (const BoundCte& cte : q.ctes) ctes_.push_back(&cte);
  if (q.set_operation != nullptr) {
    if (q.where != nullptr || q.grouped) throw Unsupported{};
    With(q, out);
    SetOperation(*q.set_operation, result_names, names_visible, out);
    // ORDER BY over a set operation's result: ruleutils prints the
    // columns by number.
    if (!q.order_by.empty()) Keyword(out, " ORDER BY ", -kIndentStd, kIndentStd, 1);
    for (size_t i = 0; i < q.order_by.size(); ++i) {
      const BoundOrderBy& key = q.order_by[i];
      if (key.expr->kind != BoundExprKind::kColumn) throw Unsupported{};
      if (i > 0) out += ", ";
      out += std::to_string(key.expr->column_index + 1);
      OrderDirection(key.descending, key.nulls_first, out);
    }
    LimitClauses(q, Row{}, out);
  } else {
    Select(q, result_names, names_visible, out);
  }
  indent_ = saved_indent;
  outer_ = saved_outer;
  query_ = saved_query;
  used_names_.resize(used_names);
  ctes_.resize(ctes);
}

void Printer::Keyword(std::string& out, std::string_view keyword, int before, int after, int plus) {
  indent_ = std::max(indent_ + before, 0);
  TrimTrailingSpaces(out);
  out += '\n';
  out.append(static_cast<size_t>(indent_ + plus), ' ');
  out += keyword;
  indent_ = std::max(indent_ + after, 0);
}

void Printer::TrimTrailingSpaces(std::string& out) {
  while (!out.empty() && out.back() == ' ') out.pop_back();
}

void Printer::SetOperation(const BoundSetOperation& op,
                           const std::vector<std::string>* result_names, bool names_visible,
                           std::string& out) {
  // A left input of the same kind chains without parentheses; any other
  // nested set operation is parenthesized and indented.
  auto same_kind = [&](const BoundSelect& side) {
    return side.set_operation != nullptr && side.set_operation->kind == op.kind &&
           side.set_operation->all == op.all && side.where == nullptr && !side.grouped;
  };
  // An input with its own WITH, ORDER BY, LIMIT or locking clause is
  // parenthesized where it stands (a set operation with them is not
  // printed yet).
  auto own_clauses = [](const BoundSelect& side) {
    return !side.ctes.empty() || !side.order_by.empty() || side.limit != nullptr ||
           side.offset != nullptr || side.row_lock.has_value();
  };
  auto input = [&](const BoundSelect& side, bool visible) {
    const bool paren = own_clauses(side);
    if (paren && side.set_operation != nullptr) throw Unsupported{};
    if (paren) out += '(';
    Query(side, result_names, visible, *outer_, indent_, out);
    if (paren) out += ')';
  };
  const bool left_paren = op.left->set_operation != nullptr && !same_kind(*op.left);
  int sub_indent = 0;
  if (left_paren) {
    out += '(';
    sub_indent = kIndentStd;
    Keyword(out, "", sub_indent, 0, 0);
  }
  input(*op.left, names_visible);
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
  // ruleutils' colNamesVisible: a later input's names are not the result's,
  // so FigureColname's "?column?" goes without AS there.
  input(*op.right, false);
  indent_ -= sub_indent;
  if (right_paren) Keyword(out, ")", 0, 0, 0);
}

void Printer::Select(const BoundSelect& q, const std::vector<std::string>* result_names,
                     bool names_visible, std::string& out) {
  if (!q.values.empty()) {
    With(q, out);
    Values(q, out);
    return;
  }
  // The FROM items are named before the WITH queries are printed, as
  // ruleutils names a query's range table first: a CTE's own reference
  // to a name the FROM list took gets a suffix.
  Row input;
  if (q.from != nullptr) FromColumns(*q.from, input);
  With(q, out);
  Row grouped;
  const Row* row = &input;
  if (q.grouped) {
    grouped.below = &input;
    for (const BoundExprPtr& key : q.group_by) grouped.exprs.push_back(key.get());
    for (const BoundExprPtr& aggregate : q.aggregates) grouped.exprs.push_back(aggregate.get());
    row = &grouped;
  }
  const Row* grouped_row = row;
  Row windowed;
  if (!q.windows.empty()) {
    windowed.below = row;
    windowed.passthrough = row->Width();
    for (const BoundExprPtr& call : q.windows) windowed.exprs.push_back(call.get());
    row = &windowed;
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
  if (q.from != nullptr && !q.from->in_target_list) {
    Keyword(out, " FROM ", -kIndentStd, kIndentStd, 2);
    FromList(*q.from, input, out);
  }
  if (q.where != nullptr) {
    Keyword(out, " WHERE ", -kIndentStd, kIndentStd, 1);
    Expr(*q.where, input, nullptr, false, out);
  }
  GroupBy(q, input, out);
  if (q.having != nullptr) {
    Keyword(out, " HAVING ", -kIndentStd, kIndentStd, 0);
    Expr(*q.having, *grouped_row, nullptr, false, out);
  }
  WindowClause(q, *grouped_row, out);
  if (!q.order_by.empty()) {
    Keyword(out, " ORDER BY ", -kIndentStd, kIndentStd, 1);
    for (size_t i = 0; i < q.order_by.size(); ++i) {
      const BoundOrderBy& key = q.order_by[i];
      if (i > 0) out += ", ";
      OrderKey(*key.expr, key.descending, key.nulls_first, result_row, out);
    }
  }
  LimitClauses(q, input, out);
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

void Printer::LimitClauses(const BoundSelect& q, const Row& input, std::string& out) {
  if (q.offset != nullptr) {
    Keyword(out, " OFFSET ", -kIndentStd, kIndentStd, 0);
    LimitValue(*q.offset, input, out);
  }
  if (q.limit != nullptr && q.limit_with_ties) {
    // ruleutils always parenthesizes the count; pretty, a hidden cast to
    // int8 keeps the parentheses its operand needs as well.
    Keyword(out, " FETCH FIRST (", -kIndentStd, kIndentStd, 0);
    const BoundExpr& count = *q.limit;
    const bool paren = pretty_ && count.kind == BoundExprKind::kCast && !CastShown(count, false) &&
                       ShapeOf(*count.children[0], input, false) != Shape::kSimple &&
                       ShapeOf(*count.children[0], input, false) != Shape::kFunction;
    if (paren) out += '(';
    LimitValue(count, input, out);
    if (paren) out += ')';
    out += ") ROWS WITH TIES";
  } else if (q.limit != nullptr) {
    Keyword(out, " LIMIT ", -kIndentStd, kIndentStd, 0);
    LimitValue(*q.limit, input, out);
  }
}

void Printer::Values(const BoundSelect& q, std::string& out) {
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

void Printer::LimitValue(const BoundExpr& e, const Row& row, std::string& out) {
  if (e.kind == BoundExprKind::kConstant && !e.value.is_null() && e.type.IsInteger() &&
      e.value.AsInt() >= 0) {
    out += std::to_string(e.value.AsInt());
    return;
  }
  Expr(e, row, nullptr, false, out);
}

void Printer::AggregateFilter(const BoundExpr& aggregate, const Row& row, std::string& out) {
  if (!aggregate.has_filter) return;
  out += " FILTER (WHERE ";
  Expr(*aggregate.children.back(), row, &aggregate, false, out);
  out += ')';
}

void Printer::OrderKey(const BoundExpr& e, bool descending, bool nulls_first, const Row& row,
                       std::string& out) {
  SortGroupItem(e, row, out);
  OrderDirection(descending, nulls_first, out);
}

void Printer::OrderDirection(bool descending, bool nulls_first, std::string& out) {
  if (descending) {
    out += " DESC";
    if (!nulls_first) out += " NULLS LAST";
  } else if (nulls_first) {
    out += " NULLS FIRST";
  }
}

void Printer::SortGroupItem(const BoundExpr& e, const Row& row, std::string& out) {
  const Row* at = nullptr;
  const BoundExpr& shown = ResolveColumn(e, row, &at);
  if (shown.kind == BoundExprKind::kConstant) {
    out += DeparsedConstant(shown, true);
    return;
  }
  // A relabeled column (varchar read as text) prints as a cast.
  if (shown.kind == BoundExprKind::kColumn && !IsRelabeled(shown, *at)) {
    Expr(e, row, nullptr, true, out);
    return;
  }
  const bool paren = pretty_ || shown.kind == BoundExprKind::kFunction ||
                     shown.kind == BoundExprKind::kAggregate ||
                     shown.kind == BoundExprKind::kWindow || IsFunctionCast(shown);
  if (paren) out += '(';
  Expr(e, row, nullptr, true, out);
  if (paren) out += ')';
}

bool Printer::IsFunctionCast(const BoundExpr& e) {
  if (e.kind != BoundExprKind::kCast || !CastShown(e, true)) return false;
  // PostgreSQL's casts among numbers and among dates and timestamps are
  // function calls (FuncExpr); those to and from text are I/O conversions
  // or relabelings.
  const DataType& from = e.children[0]->type;
  const DataType& to = e.type;
  auto datetime = [](const DataType& t) { return t.id == TypeId::kDate || t.IsTimestamp(); };
  return from.id != to.id &&
         ((from.IsNumeric() && to.IsNumeric()) || (datetime(from) && datetime(to)));
}

const BoundExpr& Printer::Unwrapped(const BoundExpr& e, const Row& row) {
  const BoundExpr* node = &e;
  const Row* r = &row;
  while (node->kind == BoundExprKind::kColumn && r->below != nullptr) {
    node = &r->At(*node);
    r = r->below;
  }
  return *node;
}

std::string Printer::NaturalName(const BoundExpr& e, const Row& row) {
  const BoundExpr* node = &e;
  const Row* r = &row;
  while (node->kind == BoundExprKind::kColumn && r->below != nullptr) {
    node = &r->At(*node);
    r = r->below;
  }
  if (node->kind != BoundExprKind::kColumn) return "";
  const size_t c = static_cast<size_t>(node->column_index);
  if (c >= r->types.size()) return "";
  if (node->type.id != r->types[c].id) return "";  // a relabeled column prints as a cast
  return r->names[c];
}

void Printer::FromColumns(const BoundTableRef& ref, Row& row) {
  CheckStackDepth();
  switch (ref.kind) {
    case BoundTableRef::Kind::kJoin:
      FromColumns(*ref.left, row);
      if (ref.right->in_target_list) {
        TargetFunctionColumns(*ref.right, LateralTexts(ref, row), row);
        return;
      }
      FromColumns(*ref.right, row);
      return;
    case BoundTableRef::Kind::kTable:
    case BoundTableRef::Kind::kSubquery:
    case BoundTableRef::Kind::kWorkTable:
    case BoundTableRef::Kind::kFunction: {
      if (ref.in_target_list) {
        TargetFunctionColumns(ref, LateralTexts(ref, row), row);
        return;
      }
      if (!ref.lockstep.empty()) throw Unsupported{};
      // A CTE's reference needs its WITH clause printed (Binder::KeepWithClauses).
      if (!ref.cte_name.empty() && VisibleCte(ref.cte_name) == nullptr) throw Unsupported{};
      std::string written;
      if (!ref.alias.empty()) {
        written = ref.alias;
      } else if (!ref.cte_name.empty()) {
        written = ref.cte_name;
      } else if (ref.kind == BoundTableRef::Kind::kFunction) {
        written = DeparsedTableFunctionName(ref);
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
        if (ref.kind == BoundTableRef::Kind::kFunction && ReturnsRecord(ref.function)) {
          row.types.push_back(ref.record_columns[static_cast<size_t>(c)].type);
        } else if (ref.kind == BoundTableRef::Kind::kFunction) {
          // json[b]_each: key, value; then the ordinality.
          const int value_column = ReturnsPairs(ref.function) ? 1 : 0;
          row.types.push_back(c < value_column    ? DataType::Of(TypeId::kText)
                              : c == value_column ? ref.function_type
                                                  : DataType::Of(TypeId::kInt8));
        } else if (ref.kind == BoundTableRef::Kind::kWorkTable) {
          row.types.push_back(ref.work_table_types[static_cast<size_t>(c)]);
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

void Printer::TargetFunctionColumns(const BoundTableRef& ref,
                                    const std::vector<std::string>& lateral, Row& row) {
  // One value column each (json_each's records and WITH ORDINALITY are not
  // printed yet).
  if (ref.with_ordinality || ref.width != static_cast<int>(ref.lockstep.size()) + 1) {
    throw Unsupported{};
  }
  const std::vector<std::string>* saved_outer = outer_;
  outer_ = &lateral;
  auto add = [&](const BoundTableRef& function) {
    if ((function.width != 1 && &function != &ref) || ReturnsRecord(function.function)) {
      throw Unsupported{};
    }
    std::string call = DeparsedTableFunctionName(function) + "(";
    const Row none;
    for (size_t i = 0; i < function.arguments.size(); ++i) {
      if (i > 0) call += ", ";
      Expr(*function.arguments[i], none, nullptr, true, call);
    }
    call += ')';
    row.texts.push_back(std::move(call));
    row.names.emplace_back();  // not a column: the target shows its name
    row.types.push_back(function.function_type);
  };
  add(ref);
  for (const std::unique_ptr<BoundTableRef>& function : ref.lockstep) add(*function);
  outer_ = saved_outer;
}

void Printer::FromList(const BoundTableRef& ref, const Row& row, std::string& out) {
  if (ref.kind == BoundTableRef::Kind::kJoin && ref.comma && ref.right->in_target_list) {
    FromList(*ref.left, row, out);
    return;
  }
  if (ref.kind == BoundTableRef::Kind::kJoin && ref.comma) {
    FromList(*ref.left, row, out);
    out += ", ";
    std::string item;
    const std::vector<std::string> lateral = LateralTexts(ref, row);
    FromItem(*ref.right, row, item, ref.lateral_values.empty() ? nullptr : &lateral);
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

std::vector<std::string> Printer::LateralTexts(const BoundTableRef& ref, const Row& row) {
  std::vector<std::string> texts;
  for (const BoundExprPtr& value : ref.lateral_values) {
    std::string text;
    Expr(*value, row, nullptr, false, text);
    texts.push_back(std::move(text));
  }
  return texts;
}

void Printer::FromItem(const BoundTableRef& ref, const Row& row, std::string& out,
                       const std::vector<std::string>* lateral) {
  CheckStackDepth();
  // An item reading earlier ones outside a join (FROM LATERAL (...) first)
  // keeps its values itself.
  std::vector<std::string> own;
  if (lateral == nullptr && ref.kind != BoundTableRef::Kind::kJoin && !ref.lateral_values.empty()) {
    own = LateralTexts(ref, row);
    lateral = &own;
  }
  if (!ref.cte_name.empty()) {
    CteReference(ref, out);
    return;
  }
  if (ref.lateral) out += "LATERAL ";
  switch (ref.kind) {
    case BoundTableRef::Kind::kTable:
    case BoundTableRef::Kind::kSubquery: {
      const catalog::TableEntry* relation = ref.table != nullptr ? ref.table.get() : ref.view.get();
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
      Query(*ref.subquery, nullptr, true, lateral != nullptr ? *lateral : *outer_, indent_, out);
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
      // always printed; a function returning record's with the types.
      out += DeparsedTableFunctionName(ref) + "(";
      const Row none;
      const std::vector<std::string>* saved_outer = outer_;
      if (lateral != nullptr) outer_ = lateral;
      for (size_t i = 0; i < ref.arguments.size(); ++i) {
        if (i > 0) out += ", ";
        Expr(*ref.arguments[i], none, nullptr, true, out);
      }
      outer_ = saved_outer;
      out += ")";
      if (ref.with_ordinality) out += " WITH ORDINALITY";
      out += " " + Quote(refnames_.at(&ref)) + "(";
      for (size_t c = 0; c < ref.column_names.size(); ++c) {
        out += (c > 0 ? ", " : "") + Quote(ref.column_names[c]);
        if (c < ref.record_columns.size()) out += " " + ref.record_columns[c].type.Name();
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
      const std::vector<std::string> right_lateral = LateralTexts(ref, row);
      FromItem(*ref.right, row, out, ref.lateral_values.empty() ? nullptr : &right_lateral);
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

}  // namespace deparse_detail

using deparse_detail::Printer;
using deparse_detail::Unsupported;

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

std::optional<std::string> DeparseDomainExpression(const BoundExpr& expr, const DataType& base,
                                                   const CatalogNames& names, bool pretty) {
  Printer printer(names, pretty, nullptr);
  std::string out;
  try {
    printer.DomainExpr(expr, base, out);
  } catch (const Unsupported&) {
    return std::nullopt;
  }
  return out;
}

}  // namespace basalt::sql
