// CHECK and FOREIGN KEY constraints of CREATE TABLE and ALTER TABLE ADD:
// the expression or key checked as PostgreSQL checks it, and the catalog's
// form (catalog::proto::Constraint) with PostgreSQL's default names.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/binder/deparse.h"
#include "sql/binder/stored_literals.h"
#include "sql/parser/ast_printer.h"
#include "sql/parser/parser.h"

namespace basalt::sql {

namespace {

// The table's columns referenced by `e`, as 0-based positions.
void CollectColumns(const BoundExpr& e, std::set<int>* columns) {
  if (e.kind == BoundExprKind::kColumn) columns->insert(e.column_index);
  for (const BoundExprPtr& child : e.children) CollectColumns(*child, columns);
}

bool IsIntegerType(TypeId id) {
  return id == TypeId::kInt2 || id == TypeId::kInt4 || id == TypeId::kInt8;
}
bool IsStringType(TypeId id) {
  return id == TypeId::kText || id == TypeId::kVarchar;
}

int ColumnAttnum(const catalog::proto::Table& table, const ast::Identifier& column,
                 const char* missing_format) {
  for (const catalog::proto::Column& c : table.columns()) {
    if (c.name() == column.name) return c.attnum();
  }
  // PostgreSQL gives these no position.
  throw Error(sqlstate::kUndefinedColumn, fmt::format(fmt::runtime(missing_format), column.name));
}

// The unique keys of `table` a foreign key may reference: the primary key
// first, then its unique indexes; with `deferrable`, the deferrable unique
// constraints instead, which may hold duplicates for a while and so cannot
// be referenced.
std::vector<std::vector<int>> UniqueKeys(const catalog::proto::Table& table,
                                         bool deferrable = false) {
  std::vector<std::vector<int>> keys;
  if (table.primary_key_attnums_size() > 0 && !deferrable) {
    keys.emplace_back(table.primary_key_attnums().begin(), table.primary_key_attnums().end());
  }
  for (const catalog::proto::Index& index : table.indexes()) {
    // A partial unique index is no key to reference (PostgreSQL: 42830).
    if (!index.unique() || index.hidden() || index.deferrable() != deferrable ||
        !index.predicate().empty()) {
      continue;
    }
    std::vector<int>& key = keys.emplace_back();
    for (const catalog::proto::IndexColumn& c : index.columns()) key.push_back(c.attnum());
  }
  return keys;
}

}  // namespace

bool KeyTypesCompatible(const DataType& referencing, const DataType& referenced) {
  return referencing.id == referenced.id ||
         (IsIntegerType(referencing.id) && IsIntegerType(referenced.id)) ||
         (IsStringType(referencing.id) && IsStringType(referenced.id));
}

bool Binder::ConstraintNameTaken(Oid namespace_oid, const std::string& name) const {
  for (const auto& entry : snapshot_.Tables(database_)) {
    const catalog::proto::Table& t = entry->def;
    if (t.namespace_oid() != namespace_oid) continue;
    if (t.primary_key_name() == name) return true;
    for (const catalog::proto::Index& index : t.indexes()) {
      if (index.constraint() && index.name() == name) return true;
    }
    for (const catalog::proto::Constraint& c : t.constraints()) {
      if (c.name() == name) return true;
    }
  }
  return false;
}

BoundExprPtr Binder::BindCheckExpression(const catalog::proto::Table& table,
                                         const ast::Expr& expr) {
  return BindRowCondition(table, expr, "CHECK", "check constraints",
                          "cannot use subquery in check constraint");
}

BoundExprPtr Binder::BindRowCondition(const catalog::proto::Table& table, const ast::Expr& expr,
                                      const char* clause, const char* aggregate_context,
                                      const char* subquery_error) {
  // The table without its indexes: binding needs only the columns, and its
  // layout must not compile a partial index's predicate again.
  auto entry = std::make_shared<catalog::TableEntry>();
  entry->def = table;
  entry->def.clear_indexes();
  entry->layout = catalog::MakeTableLayout(entry->def);
  Scope scope;
  scope.items.push_back(TableScopeItem(table.name(), entry, 0));
  AggregateRulesScope rules(this, false, aggregate_context);
  const char* saved = subquery_error_;
  subquery_error_ = subquery_error;
  BoundExprPtr e;
  try {
    e = clause == nullptr ? BindExpression(expr, scope) : BindCondition(expr, scope, clause);
  } catch (...) {
    subquery_error_ = saved;
    throw;
  }
  subquery_error_ = saved;
  return e;
}

catalog::proto::Constraint Binder::BindTableConstraint(const catalog::proto::Table& table,
                                                       const ast::Constraint& constraint,
                                                       const std::string& column_name,
                                                       std::vector<std::string>* taken) {
  catalog::proto::Constraint out;
  out.set_not_valid(constraint.not_valid);
  auto choose_name = [&](const std::string& addition, const std::string& label) {
    if (!constraint.name.empty()) return constraint.name;
    // PostgreSQL's ChooseConstraintName: past every constraint name of the
    // schema and those this statement chose.
    for (int pass = 0;; ++pass) {
      std::string name =
          MakeObjectName(table.name(), addition, pass == 0 ? label : label + std::to_string(pass));
      bool used = ConstraintNameTaken(table.namespace_oid(), name);
      for (const std::string& other : *taken) used = used || other == name;
      if (!used) return name;
    }
  };
  if (constraint.type == ast::Constraint::Type::kCheck) {
    out.set_type("c");
    BoundExprPtr e = BindCheckExpression(table, *constraint.expr);
    std::set<int> columns;
    CollectColumns(*e, &columns);
    for (int column : columns) out.add_attnums(column + 1);
    // As PostgreSQL: t_a_check when the expression reads one column.
    out.set_name(
        choose_name(columns.size() == 1 ? table.columns(*columns.begin()).name() : "", "check"));
    out.set_check_expr(ast::ToString(*constraint.expr, DateTimeLiteralTexts(*e)));
    taken->push_back(out.name());
    return out;
  }
  out.set_type("f");
  std::vector<ast::Identifier> columns = constraint.columns;
  if (columns.empty()) {  // a column constraint: REFERENCES on that column
    columns.emplace_back().name = column_name;
    columns.back().position = constraint.position;
  }
  std::string addition;
  for (const ast::Identifier& column : columns) {
    out.add_attnums(ColumnAttnum(table, column,
                                 "column \"{}\" referenced in foreign key "
                                 "constraint does not exist"));
    addition += (addition.empty() ? "" : "_") + column.name;
  }
  out.set_name(choose_name(addition, "fkey"));
  // A table referencing itself is not in the catalog yet at CREATE TABLE
  // (OID 0: the catalog writer sets the referenced OID to the table's).
  std::shared_ptr<const catalog::TableEntry> resolved;
  const catalog::proto::Namespace* ref_schema =
      constraint.ref_table.schema.empty()
          ? nullptr
          : snapshot_.FindNamespace(database_, constraint.ref_table.schema);
  const bool creating_self =
      table.oid() == 0 && constraint.ref_table.name == table.name() &&
      (constraint.ref_table.schema.empty() ||
       (ref_schema != nullptr && ref_schema->oid() == table.namespace_oid()));
  if (!creating_self) {
    resolved = ResolveTable(constraint.ref_table, /*missing_ok=*/true);
    if (resolved == nullptr) {  // PostgreSQL gives this one no position
      const ast::QualifiedName& name = constraint.ref_table;
      throw Error(sqlstate::kUndefinedTable,
                  fmt::format("relation \"{}\" does not exist",
                              name.schema.empty() ? name.name : name.schema + "." + name.name));
    }
  }
  // ALTER TABLE: the definition being changed, not the catalog's.
  const catalog::proto::Table& referenced =
      resolved == nullptr || resolved->def.oid() == table.oid() ? table : resolved->def;
  if (resolved != nullptr &&
      (resolved->IsView() || resolved->computed || resolved->IsMaterializedView())) {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("referenced relation \"{}\" is not a table", resolved->def.name()));
  }
  out.set_referenced_table_oid(referenced.oid());
  const std::vector<std::vector<int>> keys = UniqueKeys(referenced);
  if (constraint.ref_columns.empty()) {
    if (referenced.primary_key_attnums_size() == 0) {
      throw Error(
          sqlstate::kInvalidForeignKey,
          fmt::format("there is no primary key for referenced table \"{}\"", referenced.name()));
    }
    for (int attnum : referenced.primary_key_attnums()) out.add_referenced_attnums(attnum);
  } else {
    for (const ast::Identifier& column : constraint.ref_columns) {
      out.add_referenced_attnums(ColumnAttnum(referenced, column,
                                              "column \"{}\" referenced in "
                                              "foreign key constraint does "
                                              "not exist"));
    }
  }
  // The referenced columns must be exactly those of a unique key, in any
  // order.
  std::vector<int> wanted(out.referenced_attnums().begin(), out.referenced_attnums().end());
  std::sort(wanted.begin(), wanted.end());
  auto matches = [&](const std::vector<std::vector<int>>& candidates) {
    bool found = false;
    for (std::vector<int> have : candidates) {
      std::sort(have.begin(), have.end());
      found =
          found || (have == wanted && std::adjacent_find(have.begin(), have.end()) == have.end());
    }
    return found;
  };
  if (!matches(keys) && matches(UniqueKeys(referenced, /*deferrable=*/true))) {
    throw Error(sqlstate::kObjectNotInPrerequisiteState,
                fmt::format("cannot use a deferrable unique constraint for referenced table \"{}\"",
                            referenced.name()));
  }
  if (!matches(keys)) {
    throw Error(sqlstate::kInvalidForeignKey,
                fmt::format("there is no unique constraint matching given keys for referenced "
                            "table \"{}\"",
                            referenced.name()));
  }
  if (out.attnums_size() != out.referenced_attnums_size()) {
    throw Error(sqlstate::kInvalidForeignKey,
                "number of referencing and referenced columns for foreign key disagree");
  }
  for (int i = 0; i < out.attnums_size(); ++i) {
    const catalog::proto::Column& from = table.columns(out.attnums(i) - 1);
    const catalog::proto::Column& to = referenced.columns(out.referenced_attnums(i) - 1);
    const DataType from_type{static_cast<TypeId>(from.type_id()), from.typmod()};
    const DataType to_type{static_cast<TypeId>(to.type_id()), to.typmod()};
    if (!KeyTypesCompatible(from_type, to_type)) {
      throw Error(sqlstate::kDatatypeMismatch,
                  fmt::format("foreign key constraint \"{}\" cannot be implemented", out.name()))
          .WithDetail(fmt::format("Key columns \"{}\" and \"{}\" are of incompatible types: {} "
                                  "and {}.",
                                  from.name(), to.name(), TypeNameForMessage(from_type),
                                  TypeNameForMessage(to_type)));
    }
  }
  out.set_on_update(std::string(1, constraint.on_update));
  out.set_on_delete(std::string(1, constraint.on_delete));
  out.set_match_type(std::string(1, constraint.match_type));
  out.set_deferrable(constraint.deferrable);
  out.set_initially_deferred(constraint.initially_deferred);
  for (const ast::Identifier& column : constraint.delete_set_columns) {
    const int attnum = ColumnAttnum(table, column,
                                    "column \"{}\" referenced in foreign key "
                                    "constraint does not exist");
    if (std::find(out.attnums().begin(), out.attnums().end(), attnum) == out.attnums().end()) {
      throw Error(sqlstate::kInvalidColumnReference,
                  fmt::format("column \"{}\" referenced in ON DELETE SET action must be part of "
                              "foreign key",
                              column.name));
    }
    out.add_delete_set_attnums(attnum);
  }
  taken->push_back(out.name());
  return out;
}

std::vector<std::string> RenamedExpressions(
    const CatalogNames& names, const catalog::TableEntry& table, int column,
    const std::string& new_name, const std::vector<StoredExpression>& stored, bool pretty,
    const std::function<BoundExprPtr(Binder&, const ast::Expr&)>& bind) {
  catalog::TableEntry renamed;
  renamed.def = table.def;
  renamed.def.mutable_columns(column)->set_name(new_name);
  renamed.layout = table.layout;
  ScopedStoredTextFormats formats;
  std::vector<std::string> out;
  for (const StoredExpression& item : stored) {
    if (item.text.empty()) {
      out.emplace_back();
      continue;
    }
    Binder binder(names.snapshot(), names.database(), names.user(), names.search_path());
    BoundExprPtr e = bind(binder, *ParseExpression(item.text));
    std::optional<std::string> text = DeparseTableExpression(*e, renamed, names, pretty);
    if (!text) {
      throw Error(sqlstate::kFeatureNotSupported,
                  fmt::format("renaming a column read by {} is not supported yet", item.what));
    }
    out.push_back(*std::move(text));
  }
  return out;
}

std::vector<std::string> RenamedCheckExpressions(const CatalogNames& names,
                                                 const catalog::TableEntry& table, int column,
                                                 const std::string& new_name) {
  std::vector<StoredExpression> stored;
  for (const catalog::proto::Constraint& c : table.def.constraints()) {
    stored.push_back(
        {c.type() == "c" ? c.check_expr() : "", fmt::format("check constraint \"{}\"", c.name())});
  }
  return RenamedExpressions(names, table, column, new_name, stored, /*pretty=*/false,
                            [&](Binder& binder, const ast::Expr& expr) {
                              return binder.BindCheckExpression(table.def, expr);
                            });
}

}  // namespace basalt::sql
