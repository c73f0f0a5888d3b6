#include "sql/parser/ast_printer.h"

#include "common/stack_depth.h"
#include "sql/parser/keywords.h"

namespace basalt::sql::ast {

std::string QuoteName(const std::string& name, bool quote_keywords) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  if (quote_keywords && GetKeywordCategory(name) != KeywordCategory::kNone) plain = false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
  }
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

namespace {

// The literal texts of the ToString(expr, literal_texts) call running on
// this thread, if any: the printer's many recursive calls need not carry
// them.
thread_local const LiteralTexts* literal_texts_in_use = nullptr;

// The text to print for the string literal at `position`, if replaced.
const std::string* ReplacedLiteral(int position) {
  if (literal_texts_in_use == nullptr) return nullptr;
  const auto found = literal_texts_in_use->find(position);
  return found == literal_texts_in_use->end() ? nullptr : &found->second;
}

std::string QuoteString(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// A view's or a CREATE TABLE AS's ` (columns)` and ` WITH (options)`.
std::string ColumnsAndOptions(const std::vector<Identifier>& columns,
                              const std::vector<RelationOption>& options) {
  std::string out;
  if (!columns.empty()) {
    out += " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      out += (i ? ", " : "") + QuoteName(columns[i].name);
    }
    out += ")";
  }
  if (!options.empty()) {
    out += " WITH (";
    for (size_t i = 0; i < options.size(); ++i) {
      out += (i ? ", " : "") + options[i].name;
      if (!options[i].value.empty()) out += " = " + QuoteString(options[i].value);
    }
    out += ")";
  }
  return out;
}

std::string Dotted(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += '.';
    out += QuoteName(name);
  }
  return out;
}

std::string Join(const ExprList& list) {
  std::string out;
  for (const ExprPtr& expr : list) {
    if (!out.empty()) out += ", ";
    out += ToString(*expr);
  }
  return out;
}

std::string GroupingElements(const std::vector<GroupingElement>& items) {
  std::string out;
  for (const GroupingElement& item : items) {
    if (!out.empty()) out += ", ";
    switch (item.kind) {
      case GroupingElement::Kind::kExpr: out += ToString(*item.expr); continue;
      case GroupingElement::Kind::kList: break;
      case GroupingElement::Kind::kRollup: out += "ROLLUP "; break;
      case GroupingElement::Kind::kCube: out += "CUBE "; break;
      case GroupingElement::Kind::kSets: out += "GROUPING SETS "; break;
    }
    out += "(" + GroupingElements(item.items) + ")";
  }
  return out;
}

std::string Join(const std::vector<Identifier>& names) {
  std::string out;
  for (const Identifier& name : names) {
    if (!out.empty()) out += ", ";
    out += QuoteName(name.name);
  }
  return out;
}

std::string ToString(const QualifiedName& name) {
  std::string out;
  if (!name.catalog.empty()) out += QuoteName(name.catalog) + ".";
  if (!name.schema.empty()) out += QuoteName(name.schema) + ".";
  return out + QuoteName(name.name);
}

std::string ToString(const Alias& alias) {
  if (alias.name.empty() && alias.column_types.empty()) return "";
  std::string out = " AS";
  if (!alias.name.empty()) out += " " + QuoteName(alias.name);
  if (!alias.columns.empty()) {
    out += " (";
    for (size_t i = 0; i < alias.columns.size(); ++i) {
      out += (i ? ", " : "") + QuoteName(alias.columns[i]);
      if (i < alias.column_types.size()) out += " " + ToString(alias.column_types[i]);
    }
    out += ")";
  }
  return out;
}

std::string Targets(const std::vector<ResultTarget>& targets) {
  std::string out;
  for (const ResultTarget& target : targets) {
    if (!out.empty()) out += ", ";
    out += ToString(*target.expr);
    if (!target.alias.empty()) out += " AS " + QuoteName(target.alias);
  }
  return out;
}

std::string FromList(const std::vector<TableRefPtr>& from) {
  std::string out;
  for (const TableRefPtr& ref : from) {
    if (!out.empty()) out += ", ";
    out += ToString(*ref);
  }
  return out;
}

std::string SetList(const std::vector<SetClause>& set) {
  std::string out;
  for (size_t i = 0; i < set.size(); ++i) {
    out += (i ? ", " : "") + QuoteName(set[i].column.name) + " = " + ToString(*set[i].value);
  }
  return out;
}

std::string MergeWhen(const MergeWhenClause& clause) {
  std::string out = clause.matched ? " WHEN MATCHED" : " WHEN NOT MATCHED";
  if (clause.condition) out += " AND " + ToString(*clause.condition);
  out += " THEN ";
  switch (clause.action) {
    case MergeWhenClause::Action::kUpdate: return out + "UPDATE SET " + SetList(clause.set);
    case MergeWhenClause::Action::kDelete: return out + "DELETE";
    case MergeWhenClause::Action::kDoNothing: return out + "DO NOTHING";
    case MergeWhenClause::Action::kInsert: break;
  }
  out += "INSERT";
  if (clause.default_values) return out + " DEFAULT VALUES";
  if (!clause.columns.empty()) out += " (" + Join(clause.columns) + ")";
  if (clause.overriding != 0) {
    out += clause.overriding == 's' ? " OVERRIDING SYSTEM VALUE" : " OVERRIDING USER VALUE";
  }
  return out + " VALUES (" + Join(clause.values) + ")";
}

std::string Returning(const std::vector<ResultTarget>& returning) {
  return returning.empty() ? "" : " RETURNING " + Targets(returning);
}

std::string ToString(const Constraint& c) {
  using Type = Constraint::Type;
  std::string out = c.name.empty() ? "" : "CONSTRAINT " + QuoteName(c.name) + " ";
  std::string columns = c.columns.empty() ? "" : " (" + Join(c.columns) + ")";
  if (!c.including.empty()) columns += " INCLUDE (" + Join(c.including) + ")";
  switch (c.type) {
    case Type::kNull: return out + "NULL";
    case Type::kNotNull: return out + "NOT NULL";
    case Type::kDefault: return out + "DEFAULT " + ToString(*c.expr);
    case Type::kPrimaryKey: return out + "PRIMARY KEY" + columns;
    case Type::kUnique:
      return out + "UNIQUE" + (c.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") + columns;
    case Type::kCheck: return out + "CHECK (" + ToString(*c.expr) + ")";
    case Type::kForeignKey:
      out += c.columns.empty() ? "" : "FOREIGN KEY" + columns + " ";
      out += "REFERENCES " + ToString(c.ref_table);
      if (!c.ref_columns.empty()) out += " (" + Join(c.ref_columns) + ")";
      if (c.deferrable) out += " DEFERRABLE";
      if (c.initially_deferred) out += " INITIALLY DEFERRED";
      return out;
    case Type::kIdentity:
      return out + (c.identity == 'a' ? "GENERATED ALWAYS" : "GENERATED BY DEFAULT") +
             " AS IDENTITY";
  }
  return out;
}

std::string OrderByToString(const std::vector<OrderByItem>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    const OrderByItem& item = items[i];
    out += (i ? ", " : "") + ToString(*item.expr);
    if (item.direction == OrderByItem::Direction::kAsc) out += " ASC";
    if (item.direction == OrderByItem::Direction::kDesc) out += " DESC";
    if (item.nulls == OrderByItem::Nulls::kFirst) out += " NULLS FIRST";
    if (item.nulls == OrderByItem::Nulls::kLast) out += " NULLS LAST";
  }
  return out;
}

std::string SelectToString(const SelectStmt& s) {
  CheckStackDepth();
  std::string out;
  if (s.set_operation != SetOperation::kNone) {
    const char* op = s.set_operation == SetOperation::kUnion       ? " UNION "
                     : s.set_operation == SetOperation::kIntersect ? " INTERSECT "
                                                                   : " EXCEPT ";
    out = "(" + SelectToString(*s.left) + ")" + op + (s.set_all ? "ALL " : "") + "(" +
          SelectToString(*s.right) + ")";
  } else if (!s.values.empty()) {
    out = "VALUES ";
    for (size_t i = 0; i < s.values.size(); ++i) {
      out += (i ? ", (" : "(") + Join(s.values[i]) + ")";
    }
  } else {
    out = "SELECT";
    if (s.distinct) {
      out += " DISTINCT";
      if (!s.distinct_on.empty()) out += " ON (" + Join(s.distinct_on) + ")";
    }
    if (!s.targets.empty()) out += " " + Targets(s.targets);
    if (!s.from.empty()) out += " FROM " + FromList(s.from);
    if (s.where) out += " WHERE " + ToString(*s.where);
    if (!s.group_by.empty()) out += " GROUP BY " + Join(s.group_by);
    if (!s.grouping_sets.empty()) out += " GROUP BY " + GroupingElements(s.grouping_sets);
    if (s.having) out += " HAVING " + ToString(*s.having);
  }
  if (!s.order_by.empty()) {
    out += " ORDER BY ";
    out += OrderByToString(s.order_by);
  }
  if (s.limit) out += " LIMIT " + ToString(*s.limit);
  if (s.limit_with_ties) out += " WITH TIES";
  if (s.offset) out += " OFFSET " + ToString(*s.offset);
  return out;
}

// COMMENT ON kind object IS 'text' | NULL.
std::string CommentToString(const CommentStmt& s) {
  using Object = CommentStmt::Object;
  std::string out = "COMMENT ON ";
  switch (s.object) {
    case Object::kTable: out += "TABLE " + ToString(s.relation); break;
    case Object::kView: out += "VIEW " + ToString(s.relation); break;
    case Object::kMaterializedView: out += "MATERIALIZED VIEW " + ToString(s.relation); break;
    case Object::kIndex: out += "INDEX " + ToString(s.relation); break;
    case Object::kSequence: out += "SEQUENCE " + ToString(s.relation); break;
    case Object::kColumn:
      out += "COLUMN " + (s.relation.name.empty() ? "" : ToString(s.relation) + ".") + s.name;
      break;
    case Object::kConstraint: out += "CONSTRAINT " + s.name + " ON " + ToString(s.relation); break;
    case Object::kSchema: out += "SCHEMA " + s.name; break;
    case Object::kDatabase: out += "DATABASE " + s.name; break;
    case Object::kRole: out += "ROLE " + s.name; break;
  }
  return out + " IS " + (s.comment ? QuoteString(*s.comment) : "NULL");
}

}  // namespace

std::string ToString(const TypeName& type) {
  std::string out = type.schema.empty() ? "" : QuoteName(type.schema) + ".";
  out += QuoteName(type.name);
  if (!type.modifiers.empty()) {
    out += "(";
    for (size_t i = 0; i < type.modifiers.size(); ++i) {
      out += (i ? ", " : "") + std::to_string(type.modifiers[i]);
    }
    out += ")";
  }
  if (!type.interval_fields.empty()) out += " " + type.interval_fields;
  for (int i = 0; i < type.array_bounds; ++i) out += "[]";
  return out;
}

std::string ToString(const Expr& expr) {
  CheckStackDepth();
  switch (expr.kind()) {
    case ExprKind::kConstant: {
      const auto& c = expr.As<Constant>();
      switch (c.type) {
        case Constant::Type::kInteger:
        case Constant::Type::kDecimal: return c.text;
        case Constant::Type::kString: {
          const std::string* replaced = ReplacedLiteral(c.position);
          return QuoteString(replaced != nullptr ? *replaced : c.text);
        }
        case Constant::Type::kBoolean: return c.bool_value ? "true" : "false";
        case Constant::Type::kNull: return "NULL";
      }
      return "";
    }
    case ExprKind::kColumnRef: return Dotted(expr.As<ColumnRef>().names);
    case ExprKind::kStar: {
      const auto& star = expr.As<Star>();
      return star.qualifier.empty() ? "*" : Dotted(star.qualifier) + ".*";
    }
    case ExprKind::kParameter: return "$" + std::to_string(expr.As<Parameter>().index);
    case ExprKind::kUnaryOp: {
      const auto& u = expr.As<UnaryOp>();
      return "(" + u.op + " " + ToString(*u.operand) + ")";
    }
    case ExprKind::kBinaryOp: {
      const auto& b = expr.As<BinaryOp>();
      return "(" + ToString(*b.left) + " " + b.op + " " + ToString(*b.right) + ")";
    }
    case ExprKind::kIsNull: {
      const auto& n = expr.As<IsNull>();
      return "(" + ToString(*n.arg) + (n.negated ? " IS NOT NULL)" : " IS NULL)");
    }
    case ExprKind::kIsBool: {
      const auto& b = expr.As<IsBool>();
      const char* test = b.test == IsBool::Test::kTrue    ? "TRUE"
                         : b.test == IsBool::Test::kFalse ? "FALSE"
                                                          : "UNKNOWN";
      return "(" + ToString(*b.arg) + (b.negated ? " IS NOT " : " IS ") + test + ")";
    }
    case ExprKind::kBetween: {
      const auto& b = expr.As<Between>();
      return "(" + ToString(*b.arg) + (b.negated ? " NOT BETWEEN " : " BETWEEN ") +
             (b.symmetric ? "SYMMETRIC " : "") + ToString(*b.low) + " AND " + ToString(*b.high) +
             ")";
    }
    case ExprKind::kIn: {
      const auto& in = expr.As<In>();
      std::string list = in.subquery ? SelectToString(*in.subquery) : Join(in.list);
      return "(" + ToString(*in.arg) + (in.negated ? " NOT IN (" : " IN (") + list + "))";
    }
    case ExprKind::kCast: {
      const auto& c = expr.As<Cast>();
      return "CAST(" + ToString(*c.arg) + " AS " + ToString(c.type) + ")";
    }
    case ExprKind::kTypedLiteral: {
      const auto& t = expr.As<TypedLiteral>();
      const std::string* replaced = ReplacedLiteral(t.position);
      return ToString(t.type) + " " + QuoteString(replaced != nullptr ? *replaced : t.value);
    }
    case ExprKind::kFunctionCall: {
      const auto& f = expr.As<FunctionCall>();
      std::string out = Dotted(f.name);
      if (f.no_parens && f.args.empty()) return out;
      out += "(";
      if (f.star) out += "*";
      if (f.distinct) out += "DISTINCT ";
      for (size_t i = 0; i < f.args.size(); ++i) {
        if (i > 0) out += ", ";
        if (i < f.arg_names.size() && !f.arg_names[i].empty()) {
          out += QuoteName(f.arg_names[i]) + " => ";
        }
        out += ToString(*f.args[i]);
      }
      if (!f.order_by.empty() && !f.within_group) {
        out += " ORDER BY " + OrderByToString(f.order_by);
      }
      out += ")";
      if (f.within_group) out += " WITHIN GROUP (ORDER BY " + OrderByToString(f.order_by) + ")";
      if (f.filter) out += " FILTER (WHERE " + ToString(*f.filter) + ")";
      return out;
    }
    case ExprKind::kCase: {
      const auto& c = expr.As<Case>();
      std::string out = "CASE";
      if (c.arg) out += " " + ToString(*c.arg);
      for (const CaseWhen& when : c.whens) {
        out += " WHEN " + ToString(*when.condition) + " THEN " + ToString(*when.result);
      }
      if (c.else_result) out += " ELSE " + ToString(*c.else_result);
      return out + " END";
    }
    case ExprKind::kSubquery: {
      const auto& s = expr.As<Subquery>();
      std::string select = "(" + SelectToString(*s.select) + ")";
      switch (s.type) {
        case Subquery::Type::kScalar: return select;
        case Subquery::Type::kExists: return "EXISTS " + select;
        case Subquery::Type::kArray: return "ARRAY" + select;
        case Subquery::Type::kAny:
          return "(" + ToString(*s.left) + " " + s.op + " ANY " + select + ")";
        case Subquery::Type::kAll:
          return "(" + ToString(*s.left) + " " + s.op + " ALL " + select + ")";
      }
      return select;
    }
    case ExprKind::kDefault: return "DEFAULT";
    case ExprKind::kArray: return "ARRAY[" + Join(expr.As<ArrayConstructor>().elements) + "]";
    case ExprKind::kRow: {
      const auto& r = expr.As<RowConstructor>();
      return std::string(r.explicit_row ? "ROW(" : "(") + Join(r.fields) + ")";
    }
    case ExprKind::kFieldSelect: {
      const auto& f = expr.As<FieldSelect>();
      return "(" + ToString(*f.arg) + ")." + (f.star ? "*" : QuoteName(f.field));
    }
    case ExprKind::kAnyAll: {
      const auto& a = expr.As<AnyAll>();
      return "(" + ToString(*a.left) + " " + a.op + (a.all ? " ALL (" : " ANY (") +
             ToString(*a.array) + "))";
    }
  }
  return "?";
}

std::string ToString(const Expr& expr, const LiteralTexts& literal_texts) {
  const LiteralTexts* outer = literal_texts_in_use;
  literal_texts_in_use = &literal_texts;
  try {
    std::string out = ToString(expr);
    literal_texts_in_use = outer;
    return out;
  } catch (...) {
    literal_texts_in_use = outer;
    throw;
  }
}

std::string ToString(const TableRef& ref) {
  CheckStackDepth();
  switch (ref.kind()) {
    case TableRefKind::kTable: {
      const auto& t = ref.As<BaseTableRef>();
      return ToString(t.name) + ToString(t.alias);
    }
    case TableRefKind::kSubquery: {
      const auto& s = ref.As<SubqueryRef>();
      return std::string(s.lateral ? "LATERAL " : "") + "(" + SelectToString(*s.select) + ")" +
             ToString(s.alias);
    }
    case TableRefKind::kFunction: {
      const auto& f = ref.As<FunctionRef>();
      return std::string(f.lateral ? "LATERAL " : "") + ToString(*f.call) + ToString(f.alias);
    }
    case TableRefKind::kJoin: {
      const auto& j = ref.As<JoinRef>();
      const char* type = j.type == JoinType::kInner   ? "JOIN"
                         : j.type == JoinType::kLeft  ? "LEFT JOIN"
                         : j.type == JoinType::kRight ? "RIGHT JOIN"
                         : j.type == JoinType::kFull  ? "FULL JOIN"
                                                      : "CROSS JOIN";
      std::string out = "(" + ToString(*j.left) + (j.natural ? " NATURAL " : " ") + type + " " +
                        ToString(*j.right);
      if (j.on) out += " ON " + ToString(*j.on);
      if (!j.using_columns.empty()) out += " USING (" + Join(j.using_columns) + ")";
      return out + ")" + ToString(j.alias);
    }
  }
  return "?";
}

std::string ToString(const AlterTableCommand& c) {
  using Kind = AlterTableCommand::Kind;
  const std::string column = QuoteName(c.column);
  switch (c.kind) {
    case Kind::kAddConstraint: return "ADD " + ToString(c.constraint);
    case Kind::kAddColumn: {
      std::string out = std::string("ADD COLUMN ") + (c.if_not_exists ? "IF NOT EXISTS " : "") +
                        QuoteName(c.column_def.name) + " " + ToString(c.column_def.type);
      for (const Constraint& con : c.column_def.constraints) out += " " + ToString(con);
      return out;
    }
    case Kind::kDropColumn:
      return std::string("DROP COLUMN ") + (c.missing_ok ? "IF EXISTS " : "") + column +
             (c.cascade ? " CASCADE" : "");
    case Kind::kSetDefault: return "ALTER COLUMN " + column + " SET DEFAULT " + ToString(*c.expr);
    case Kind::kDropDefault: return "ALTER COLUMN " + column + " DROP DEFAULT";
    case Kind::kSetNotNull: return "ALTER COLUMN " + column + " SET NOT NULL";
    case Kind::kDropNotNull: return "ALTER COLUMN " + column + " DROP NOT NULL";
    case Kind::kAlterType:
      return "ALTER COLUMN " + column + " TYPE " + ToString(c.type) +
             (c.expr ? " USING " + ToString(*c.expr) : "");
  }
  return "";
}

std::string ToString(const Statement& statement) {
  CheckStackDepth();
  switch (statement.kind()) {
    case StatementKind::kSelect: return SelectToString(statement.As<SelectStmt>());
    case StatementKind::kInsert: {
      const auto& s = statement.As<InsertStmt>();
      std::string out = "INSERT INTO " + ToString(s.table);
      if (!s.alias.empty()) out += " AS " + QuoteName(s.alias);
      if (!s.columns.empty()) out += " (" + Join(s.columns) + ")";
      if (s.default_values) {
        out += " DEFAULT VALUES";
      } else if (s.select) {
        out += " " + SelectToString(*s.select);
      } else {
        out += " VALUES ";
        for (size_t i = 0; i < s.values.size(); ++i) {
          out += (i ? ", (" : "(") + Join(s.values[i]) + ")";
        }
      }
      return out + Returning(s.returning);
    }
    case StatementKind::kUpdate: {
      const auto& s = statement.As<UpdateStmt>();
      std::string out = "UPDATE " + ToString(s.table);
      if (!s.alias.empty()) out += " AS " + QuoteName(s.alias);
      out += " SET " + SetList(s.set);
      if (!s.from.empty()) out += " FROM " + FromList(s.from);
      if (s.where) out += " WHERE " + ToString(*s.where);
      return out + Returning(s.returning);
    }
    case StatementKind::kMerge: {
      const auto& s = statement.As<MergeStmt>();
      std::string out = "MERGE INTO " + ToString(s.table);
      if (!s.alias.empty()) out += " AS " + QuoteName(s.alias);
      out += " USING " + FromList(s.source) + " ON " + ToString(*s.on);
      for (const MergeWhenClause& clause : s.when) out += MergeWhen(clause);
      return out;
    }
    case StatementKind::kDelete: {
      const auto& s = statement.As<DeleteStmt>();
      std::string out = "DELETE FROM " + ToString(s.table);
      if (!s.alias.empty()) out += " AS " + QuoteName(s.alias);
      if (!s.using_tables.empty()) out += " USING " + FromList(s.using_tables);
      if (s.where) out += " WHERE " + ToString(*s.where);
      return out + Returning(s.returning);
    }
    case StatementKind::kCreateTable: {
      const auto& s = statement.As<CreateTableStmt>();
      std::string out = std::string("CREATE ") + (s.temporary ? "TEMPORARY " : "") + "TABLE " +
                        (s.if_not_exists ? "IF NOT EXISTS " : "") + ToString(s.name) + " (";
      bool first = true;
      auto likes_at = [&](size_t index) {
        for (const TableLikeClause& like : s.likes) {
          if (like.column_index != index) continue;
          out += (first ? "" : ", ") + std::string("LIKE ") + ToString(like.source);
          static constexpr std::pair<uint32_t, std::string_view> kNames[] = {
              {TableLikeClause::kComments, "COMMENTS"},
              {TableLikeClause::kCompression, "COMPRESSION"},
              {TableLikeClause::kConstraints, "CONSTRAINTS"},
              {TableLikeClause::kDefaults, "DEFAULTS"},
              {TableLikeClause::kGenerated, "GENERATED"},
              {TableLikeClause::kIdentity, "IDENTITY"},
              {TableLikeClause::kIndexes, "INDEXES"},
              {TableLikeClause::kStatistics, "STATISTICS"},
              {TableLikeClause::kStorage, "STORAGE"},
          };
          if (like.options == TableLikeClause::kAll) {
            out += " INCLUDING ALL";
          } else {
            for (const auto& [bit, name] : kNames) {
              if ((like.options & bit) != 0) out += " INCLUDING " + std::string(name);
            }
          }
          first = false;
        }
      };
      for (size_t i = 0; i < s.columns.size(); ++i) {
        likes_at(i);
        const ColumnDef& column = s.columns[i];
        out += (first ? "" : ", ") + QuoteName(column.name) + " " + ToString(column.type);
        for (const Constraint& c : column.constraints) out += " " + ToString(c);
        first = false;
      }
      likes_at(s.columns.size());
      for (const Constraint& c : s.constraints) {
        out += (first ? "" : ", ") + ToString(c);
        first = false;
      }
      return out + ")";
    }
    case StatementKind::kCreateIndex: {
      const auto& s = statement.As<CreateIndexStmt>();
      std::string out = std::string("CREATE ") + (s.unique ? "UNIQUE " : "") + "INDEX " +
                        (s.concurrently ? "CONCURRENTLY " : "") +
                        (s.if_not_exists ? "IF NOT EXISTS " : "") +
                        (s.name.empty() ? "" : QuoteName(s.name) + " ") + "ON " +
                        ToString(s.table) + (s.method.empty() ? "" : " USING " + s.method) + " (";
      auto elements = [](const std::vector<IndexElement>& list) {
        std::string text;
        for (size_t i = 0; i < list.size(); ++i) {
          const IndexElement& e = list[i];
          text += (i ? ", " : "") +
                  (e.expression != nullptr ? "(" + ToString(*e.expression) + ")"
                                           : QuoteName(e.column.name)) +
                  (e.descending ? " DESC" : "");
          if (e.nulls_first) text += *e.nulls_first ? " NULLS FIRST" : " NULLS LAST";
        }
        return text;
      };
      out += elements(s.elements) + ")";
      if (!s.including.empty()) out += " INCLUDE (" + elements(s.including) + ")";
      if (s.nulls_not_distinct) out += " NULLS NOT DISTINCT";
      if (s.where != nullptr) out += " WHERE " + ToString(*s.where);
      return out;
    }
    case StatementKind::kCreateView: {
      const auto& s = statement.As<CreateViewStmt>();
      std::string out = std::string("CREATE ") + (s.or_replace ? "OR REPLACE " : "") +
                        (s.temporary ? "TEMPORARY " : "") + "VIEW " + ToString(s.name);
      out += ColumnsAndOptions(s.columns, s.options);
      out += " AS " + SelectToString(*s.query);
      if (s.check_option == "local") out += " WITH LOCAL CHECK OPTION";
      if (s.check_option == "cascaded") out += " WITH CASCADED CHECK OPTION";
      return out;
    }
    case StatementKind::kCreateTableAs: {
      const auto& s = statement.As<CreateTableAsStmt>();
      std::string out = std::string("CREATE ") + (s.temporary ? "TEMPORARY " : "") +
                        (s.materialized ? "MATERIALIZED VIEW " : "TABLE ") +
                        (s.if_not_exists ? "IF NOT EXISTS " : "") + ToString(s.name);
      out += ColumnsAndOptions(s.columns, s.options);
      return out + " AS " + SelectToString(*s.query) + (s.with_data ? "" : " WITH NO DATA");
    }
    case StatementKind::kRefreshMatView: {
      const auto& s = statement.As<RefreshMatViewStmt>();
      return std::string("REFRESH MATERIALIZED VIEW ") + (s.concurrently ? "CONCURRENTLY " : "") +
             ToString(s.name) + (s.with_data ? "" : " WITH NO DATA");
    }
    case StatementKind::kDrop: {
      const auto& s = statement.As<DropStmt>();
      const char* type = s.object_type == ObjectType::kTable              ? "TABLE"
                         : s.object_type == ObjectType::kView             ? "VIEW"
                         : s.object_type == ObjectType::kMaterializedView ? "MATERIALIZED VIEW"
                         : s.object_type == ObjectType::kIndex            ? "INDEX"
                                                                          : "SCHEMA";
      std::string out = std::string("DROP ") + type + (s.concurrently ? " CONCURRENTLY" : "") +
                        (s.if_exists ? " IF EXISTS " : " ");
      for (size_t i = 0; i < s.names.size(); ++i) out += (i ? ", " : "") + ToString(s.names[i]);
      return out + (s.cascade ? " CASCADE" : "");
    }
    case StatementKind::kTruncate: {
      const auto& s = statement.As<TruncateStmt>();
      std::string out = "TRUNCATE TABLE ";
      for (size_t i = 0; i < s.names.size(); ++i) out += (i ? ", " : "") + ToString(s.names[i]);
      if (s.restart_identity) out += " RESTART IDENTITY";
      return out + (s.cascade ? " CASCADE" : "");
    }
    case StatementKind::kClose: {
      const auto& s = statement.As<CloseStmt>();
      return "CLOSE " + (s.name.empty() ? std::string("ALL") : QuoteName(s.name));
    }
    case StatementKind::kPrepare: {
      const auto& s = statement.As<PrepareStmt>();
      std::string out = "PREPARE " + QuoteName(s.name);
      for (size_t i = 0; i < s.parameter_types.size(); ++i) {
        out += (i ? ", " : " (") + ToString(s.parameter_types[i]);
      }
      if (!s.parameter_types.empty()) out += ")";
      return out + " AS " + ToString(*s.statement);
    }
    case StatementKind::kExecute: {
      const auto& s = statement.As<ExecuteStmt>();
      std::string out = "EXECUTE " + QuoteName(s.name);
      return s.parameters.empty() ? out : out + " (" + Join(s.parameters) + ")";
    }
    case StatementKind::kDeallocate: {
      const auto& s = statement.As<DeallocateStmt>();
      return "DEALLOCATE " + (s.name.empty() ? std::string("ALL") : QuoteName(s.name));
    }
    case StatementKind::kDeclareCursor: {
      const auto& s = statement.As<DeclareCursorStmt>();
      std::string out = "DECLARE " + QuoteName(s.name);
      if (s.binary) out += " BINARY";
      if (s.asensitive) out += " ASENSITIVE";
      if (s.insensitive) out += " INSENSITIVE";
      if (s.scroll) out += " SCROLL";
      if (s.no_scroll) out += " NO SCROLL";
      out += s.hold ? " CURSOR WITH HOLD FOR " : " CURSOR FOR ";
      return out + SelectToString(*s.query);
    }
    case StatementKind::kFetch: {
      const auto& s = statement.As<FetchStmt>();
      const FetchDirection& d = s.direction;
      std::string out = s.move ? "MOVE " : "FETCH ";
      switch (d.kind) {
        case FetchDirection::Kind::kForward: out += "FORWARD "; break;
        case FetchDirection::Kind::kBackward: out += "BACKWARD "; break;
        case FetchDirection::Kind::kAbsolute: out += "ABSOLUTE "; break;
        case FetchDirection::Kind::kRelative: out += "RELATIVE "; break;
      }
      out += d.all ? std::string("ALL") : std::to_string(d.count);
      return out + " FROM " + QuoteName(s.cursor);
    }
    case StatementKind::kDiscard: return "DISCARD " + statement.As<DiscardStmt>().target;
    case StatementKind::kUnlisten: {
      const auto& s = statement.As<UnlistenStmt>();
      return "UNLISTEN " + (s.channel.empty() ? std::string("*") : s.channel);
    }
    case StatementKind::kLock: {
      static constexpr const char* kModes[] = {
          "",      "ACCESS SHARE",        "ROW SHARE", "ROW EXCLUSIVE",   "SHARE UPDATE EXCLUSIVE",
          "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"};
      const auto& s = statement.As<LockStmt>();
      std::string out = "LOCK TABLE ";
      for (size_t i = 0; i < s.names.size(); ++i) out += (i ? ", " : "") + ToString(s.names[i]);
      out += std::string(" IN ") + kModes[s.mode] + " MODE";
      return out + (s.nowait ? " NOWAIT" : "");
    }
    case StatementKind::kTransaction: {
      const auto& s = statement.As<TransactionStmt>();
      using Type = TransactionStmt::Type;
      switch (s.type) {
        case Type::kSavepoint: return "SAVEPOINT " + s.savepoint;
        case Type::kRelease: return "RELEASE SAVEPOINT " + s.savepoint;
        case Type::kRollbackTo: return "ROLLBACK TO SAVEPOINT " + s.savepoint;
        case Type::kSetConstraints: {
          std::string out = "SET CONSTRAINTS ";
          for (size_t i = 0; i < s.constraints.size(); ++i) {
            out += (i ? ", " : "") + ToString(s.constraints[i]);
          }
          if (s.constraints.empty()) out += "ALL";
          return out + (s.constraints_deferred ? " DEFERRED" : " IMMEDIATE");
        }
        default: break;
      }
      std::string out = s.type == Type::kBegin            ? "BEGIN"
                        : s.type == Type::kCommit         ? "COMMIT"
                        : s.type == Type::kSetTransaction ? "SET TRANSACTION"
                                                          : "ROLLBACK";
      if (s.isolation_level) out += " ISOLATION LEVEL " + *s.isolation_level;
      if (s.read_only) out += *s.read_only ? " READ ONLY" : " READ WRITE";
      if (s.deferrable) out += *s.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
      if (s.chain) out += " AND CHAIN";
      return out;
    }
    case StatementKind::kSet: {
      const auto& s = statement.As<SetStmt>();
      std::string out = std::string("SET ") + (s.local ? "LOCAL " : "") + s.name + " TO ";
      return out + (s.to_default ? "DEFAULT" : Join(s.values));
    }
    case StatementKind::kReset: {
      const auto& s = statement.As<ResetStmt>();
      return "RESET " + (s.all ? std::string("ALL") : s.name);
    }
    case StatementKind::kShow: {
      const auto& s = statement.As<ShowStmt>();
      return "SHOW " + (s.all ? std::string("ALL") : s.name);
    }
    case StatementKind::kCheckpoint: return "CHECKPOINT";
    case StatementKind::kCreateRole:
      return "CREATE ROLE " + QuoteName(statement.As<CreateRoleStmt>().name);
    case StatementKind::kCreateSchema: {
      const auto& s = statement.As<CreateSchemaStmt>();
      std::string out = "CREATE SCHEMA " + QuoteName(s.name);
      for (const StatementPtr& element : s.elements) out += " " + ToString(*element);
      return out;
    }
    case StatementKind::kCreateType:
      return "CREATE TYPE " + ToString(statement.As<CreateTypeStmt>().name);
    case StatementKind::kAlterType:
      return "ALTER TYPE " + ToString(statement.As<AlterTypeStmt>().name);
    case StatementKind::kCreateDomain:
      return "CREATE DOMAIN " + ToString(statement.As<CreateDomainStmt>().name);
    case StatementKind::kAlterDomain:
      return "ALTER DOMAIN " + ToString(statement.As<AlterDomainStmt>().name);
    case StatementKind::kAlterSchema:
      return "ALTER SCHEMA " + QuoteName(statement.As<AlterSchemaStmt>().name);
    case StatementKind::kCreateDatabase:
      return "CREATE DATABASE " + QuoteName(statement.As<CreateDatabaseStmt>().name);
    case StatementKind::kDropDatabase:
      return "DROP DATABASE " + QuoteName(statement.As<DropDatabaseStmt>().name);
    case StatementKind::kAlterDatabase:
      return "ALTER DATABASE " + QuoteName(statement.As<AlterDatabaseStmt>().name);
    case StatementKind::kComment: return CommentToString(statement.As<CommentStmt>());
    case StatementKind::kAlterRole:
      return "ALTER ROLE " + QuoteName(statement.As<AlterRoleStmt>().name);
    case StatementKind::kDropRole: {
      const auto& s = statement.As<DropRoleStmt>();
      std::string out = s.if_exists ? "DROP ROLE IF EXISTS " : "DROP ROLE ";
      for (size_t i = 0; i < s.names.size(); ++i) out += (i ? ", " : "") + QuoteName(s.names[i]);
      return out;
    }
    case StatementKind::kCopy: {
      const auto& s = statement.As<CopyStmt>();
      std::string out = "COPY ";
      if (s.query != nullptr) {
        out += "(" + ToString(*s.query) + ")";
      } else {
        out += ToString(s.table);
        if (!s.columns.empty()) {
          out += " (";
          for (size_t i = 0; i < s.columns.size(); ++i) {
            out += (i > 0 ? ", " : "") + s.columns[i].name;
          }
          out += ")";
        }
      }
      out += s.from ? " FROM " : " TO ";
      out += s.client ? (s.from ? "STDIN" : "STDOUT") : "'file'";
      if (!s.options.empty()) {
        out += " (";
        for (size_t i = 0; i < s.options.size(); ++i) {
          const CopyOption& o = s.options[i];
          out += (i > 0 ? ", " : "") + o.name;
          if (o.value) out += " '" + *o.value + "'";
          if (o.star) out += " *";
          if (o.has_columns && !o.star) {
            out += " (";
            for (size_t c = 0; c < o.columns.size(); ++c) {
              out += (c > 0 ? ", " : "") + o.columns[c].name;
            }
            out += ")";
          }
        }
        out += ")";
      }
      return out;
    }
    case StatementKind::kAlterTable: {
      const auto& s = statement.As<AlterTableStmt>();
      std::string out = "ALTER TABLE " + ToString(s.table);
      for (size_t i = 0; i < s.add_constraints.size(); ++i) {
        const Constraint& c = s.add_constraints[i];
        out += (i > 0 ? "," : "") + std::string(" ADD ") + ToString(c);
        if (c.not_valid) out += " NOT VALID";
      }
      using Action = AlterTableStmt::Action;
      if (s.action == Action::kDropConstraint) out += " DROP CONSTRAINT " + QuoteName(s.constraint);
      if (s.action == Action::kValidateConstraint) {
        out += " VALIDATE CONSTRAINT " + QuoteName(s.constraint);
      }
      if (s.action == Action::kRenameConstraint) {
        out += " RENAME CONSTRAINT " + QuoteName(s.constraint) + " TO " + QuoteName(s.new_name);
      }
      for (size_t i = 0; i < s.commands.size(); ++i) {
        out += i > 0 ? ", " : " ";
        out += ToString(s.commands[i]);
      }
      return out;
    }
    case StatementKind::kCreateSequence:
      return "CREATE SEQUENCE " + ToString(statement.As<CreateSequenceStmt>().name);
    case StatementKind::kAlterSequence:
      return "ALTER SEQUENCE " + ToString(statement.As<AlterSequenceStmt>().name);
    case StatementKind::kAlterRelation: {
      const auto& s = statement.As<AlterRelationStmt>();
      using Action = AlterRelationStmt::Action;
      std::string out = s.object_type == ObjectType::kMaterializedView ? "ALTER MATERIALIZED VIEW "
                        : s.object_type == ObjectType::kView           ? "ALTER VIEW "
                        : s.object_type == ObjectType::kIndex          ? "ALTER INDEX "
                                                                       : "ALTER TABLE ";
      if (s.if_exists) out += "IF EXISTS ";
      out += ToString(s.name);
      switch (s.action) {
        case Action::kRename: return out + " RENAME TO " + s.new_name;
        case Action::kRenameColumn: return out + " RENAME COLUMN " + s.column + " TO " + s.new_name;
        case Action::kSetSchema: return out + " SET SCHEMA " + s.new_name;
        case Action::kOwnerTo: return out + " OWNER TO " + s.new_name;
        case Action::kSetOptions:
        case Action::kResetOptions: {
          out += s.action == Action::kSetOptions ? " SET (" : " RESET (";
          for (size_t i = 0; i < s.options.size(); ++i) {
            out += (i > 0 ? ", " : "") + s.options[i].name;
            if (!s.options[i].value.empty()) out += " = " + s.options[i].value;
          }
          return out + ")";
        }
      }
      return out;
    }
    case StatementKind::kVacuum: {
      const auto& s = statement.As<VacuumStmt>();
      std::string out = s.vacuum ? (s.analyze ? "VACUUM ANALYZE" : "VACUUM") : "ANALYZE";
      for (size_t i = 0; i < s.tables.size(); ++i) {
        out += (i > 0 ? ", " : " ") + ToString(s.tables[i]);
      }
      return out;
    }
    case StatementKind::kReindex: {
      const auto& s = statement.As<ReindexStmt>();
      static constexpr const char* kTargets[] = {"INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM"};
      std::string out = std::string("REINDEX ") + kTargets[static_cast<int>(s.target)];
      if (s.concurrently) out += " CONCURRENTLY";
      if (!s.name.name.empty()) out += " " + ToString(s.name);
      return out;
    }
    case StatementKind::kExplain: {
      const auto& s = statement.As<ExplainStmt>();
      return std::string("EXPLAIN ") + (s.analyze ? "ANALYZE " : "") +
             (s.verbose ? "VERBOSE " : "") + ToString(*s.statement);
    }
  }
  return "?";
}

}  // namespace basalt::sql::ast
