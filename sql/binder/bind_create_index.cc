// CREATE INDEX: the table, the key columns (table columns or expressions)
// with their order, and the name (PostgreSQL's default names: t_a_idx,
// t_a_b_idx, t_lower_idx, t_expr_idx, then t_a_idx1, ...).
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "catalog/catalog_rows.h"
#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/deparse.h"
#include "sql/binder/stored_literals.h"
#include "sql/catalog_names.h"
#include "sql/parser/parser.h"

namespace basalt::sql {

namespace {

constexpr size_t kMaxNameBytes = 63;  // PostgreSQL's NAMEDATALEN - 1

// PostgreSQL's CheckPredicate: only immutable functions. Basalt's volatile
// and clock-reading functions are the ones constant folding leaves alone.
void CheckImmutable(const BoundExpr& e, const char* what) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kFunction && !e.IsFoldableNode()) {
    throw Error(sqlstate::kInvalidObjectDefinition,
                fmt::format("functions in index {} must be marked IMMUTABLE", what));
  }
  for (const BoundExprPtr& child : e.children) CheckImmutable(*child, what);
}

// The table's columns `e` reads, as 0-based positions.
void CollectPredicateColumns(const BoundExpr& e, std::set<int>* columns) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn) columns->insert(e.column_index);
  for (const BoundExprPtr& child : e.children) CollectPredicateColumns(*child, columns);
}

// An index expression or predicate as it is kept: as pg_get_expr prints it
// (pretty), SQL that binds again, with date / time values in ISO form.
std::optional<std::string> StoredTableExpression(const BoundExpr& e,
                                                 const catalog::TableEntry& table,
                                                 const CatalogNames& names) {
  ScopedStoredTextFormats formats;
  return DeparseTableExpression(e, table, names, /*pretty=*/true);
}

}  // namespace

std::string MakeObjectName(const std::string& name1, const std::string& name2,
                           const std::string& label) {
  size_t overhead = (name2.empty() ? 0 : 1) + (label.empty() ? 0 : label.size() + 1);
  size_t available = kMaxNameBytes - overhead;
  size_t chars1 = name1.size();
  size_t chars2 = name2.size();
  while (chars1 + chars2 > available) {
    if (chars1 > chars2) {
      --chars1;
    } else {
      --chars2;
    }
  }
  std::string out = name1.substr(0, chars1);
  if (!name2.empty()) out += "_" + name2.substr(0, chars2);
  if (!label.empty()) out += "_" + label;
  return out;
}

std::string Binder::ChooseIndexName(Oid namespace_oid, const std::string& table,
                                    const std::vector<std::string>& columns,
                                    const std::string& label,
                                    const std::vector<std::string>& also_taken) const {
  // ChooseIndexNameAddition: the column names joined by '_', at most 63 bytes.
  std::string addition;
  for (const std::string& column : columns) {
    if (!addition.empty()) addition += "_";
    addition += column;
    if (addition.size() >= kMaxNameBytes) {
      addition.resize(kMaxNameBytes);
      break;
    }
  }
  for (int pass = 0;; ++pass) {
    std::string name =
        MakeObjectName(table, addition, pass == 0 ? label : label + std::to_string(pass));
    bool taken = snapshot_.RelationNameTaken(database_, namespace_oid, name);
    for (const std::string& other : also_taken) taken = taken || other == name;
    if (!taken) return name;
  }
}

std::shared_ptr<const catalog::TableEntry> Binder::ResolveIndexTable(
    const ast::QualifiedName& name) const {
  if (!name.schema.empty()) {
    const catalog::proto::Namespace* ns = snapshot_.FindNamespace(database_, name.schema);
    return ns == nullptr ? nullptr : snapshot_.FindIndexTable(database_, ns->oid(), name.name);
  }
  if (auto t = snapshot_.FindIndexTable(database_, catalog::oids::kPgCatalogNamespace, name.name)) {
    return t;
  }
  for (const std::string& schema : search_path_) {
    const catalog::proto::Namespace* ns =
        snapshot_.FindNamespace(database_, schema == "$user" ? user_ : schema);
    if (ns == nullptr) continue;
    // A table of that name earlier in the path hides the index, as in
    // PostgreSQL's single relation namespace.
    if (snapshot_.FindTable(database_, ns->oid(), name.name) != nullptr) return nullptr;
    if (auto t = snapshot_.FindIndexTable(database_, ns->oid(), name.name)) return t;
  }
  return nullptr;
}

// An INCLUDE element's table column, with ComputeIndexAttrs' errors for
// what only key columns may have.
int Binder::IncludedColumn(const catalog::TableEntry& table, const ast::IndexElement& element) {
  int column = -1;
  if (element.expression != nullptr) {
    // `((b))` is the column b, as for key columns.
    BoundExprPtr expression = BindIndexExpression(table.def, *element.expression);
    if (expression->kind != BoundExprKind::kColumn) {
      throw Error(sqlstate::kFeatureNotSupported,
                  "expressions are not supported in included columns");
    }
    column = expression->column_index;
  } else {
    column = table.FindColumn(element.column.name);
    if (column < 0) {
      throw Error(sqlstate::kUndefinedColumn,
                  fmt::format("column \"{}\" does not exist", element.column.name));
    }
  }
  if (element.descending) {
    throw Error(sqlstate::kInvalidObjectDefinition,
                "including column does not support ASC/DESC options");
  }
  if (element.nulls_first.has_value()) {
    throw Error(sqlstate::kInvalidObjectDefinition,
                "including column does not support NULLS FIRST/LAST options");
  }
  return column;
}

std::unique_ptr<BoundCreateIndex> Binder::BindCreateIndex(const ast::CreateIndexStmt& create) {
  if (!create.method.empty() && create.method != "btree") {
    static const char* const kKnown[] = {"hash", "gist", "gin", "spgist", "brin"};
    for (const char* known : kKnown) {
      if (create.method == known) {
        ThrowAt(sqlstate::kFeatureNotSupported,
                fmt::format("access method \"{}\" is not supported yet", create.method),
                create.method_position);
      }
    }
    throw Error(sqlstate::kUndefinedObject,
                fmt::format("access method \"{}\" does not exist", create.method));
  }
  auto out = std::make_unique<BoundCreateIndex>();
  out->if_not_exists = create.if_not_exists;
  out->table = ResolveTable(create.table);
  const catalog::TableEntry& table = *out->table;
  if (table.computed || table.IsView()) {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("cannot create index on relation \"{}\"", table.def.name()))
        .WithDetail("This operation is not supported for views.");
  }
  catalog::proto::Index& index = out->index;
  index.set_unique(create.unique);
  index.set_nulls_not_distinct(create.nulls_not_distinct);
  std::vector<std::string> names;
  CatalogNames catalog_names(
      std::shared_ptr<const catalog::CatalogSnapshot>(std::shared_ptr<void>(), &snapshot_),
      database_, user_, search_path_);
  for (const ast::IndexElement& element : create.elements) {
    catalog::proto::IndexColumn* c = index.add_columns();
    c->set_descending(element.descending);
    c->set_nulls_first(element.nulls_first.value_or(element.descending));
    BoundExprPtr expression;
    int column = -1;
    if (element.expression != nullptr) {
      expression = BindIndexExpression(table.def, *element.expression);
      // `((a))` is the column a (PostgreSQL's transformIndexStmt).
      if (expression->kind == BoundExprKind::kColumn) column = expression->column_index;
    } else {
      column = table.FindColumn(element.column.name);
      if (column < 0) {  // PostgreSQL gives no position here
        throw Error(sqlstate::kUndefinedColumn,
                    fmt::format("column \"{}\" does not exist", element.column.name));
      }
    }
    if (column >= 0) {
      if (!HasBtreeOrdering(table.ColumnType(column).id)) {
        ThrowNoBtreeOrdering(table.ColumnType(column).id);
      }
      c->set_attnum(table.def.columns(column).attnum());
      names.push_back(table.def.columns(column).name());
      continue;
    }
    if (!HasBtreeOrdering(expression->type.id)) ThrowNoBtreeOrdering(expression->type.id);
    std::optional<std::string> text = StoredTableExpression(*expression, table, catalog_names);
    if (!text) {
      throw Error(sqlstate::kFeatureNotSupported, "this index expression cannot be stored yet");
    }
    c->set_attnum(0);
    c->set_expression(*text);
    c->set_expression_type_id(static_cast<int32_t>(expression->type.id));
    c->set_expression_typmod(expression->type.typmod);
    std::set<int> columns;
    CollectPredicateColumns(*expression, &columns);
    for (int read : columns) c->add_expression_attnums(table.def.columns(read).attnum());
    // FigureIndexColname: a function's or column's name, else "expr".
    std::string name = FigureColumnName(*element.expression);
    names.push_back(name == "?column?" ? "expr" : name);
  }
  for (const ast::IndexElement& element : create.including) {
    const int column = IncludedColumn(table, element);
    index.add_included_attnums(table.def.columns(column).attnum());
    names.push_back(table.def.columns(column).name());
  }
  const std::vector<std::string> taken = catalog::ChooseIndexColumnNames(names);
  for (int k = 0; k < index.columns_size(); ++k) {
    if (!index.columns(k).expression().empty()) {
      index.mutable_columns(k)->set_expression_name(taken[static_cast<size_t>(k)]);
    }
  }
  index.set_name(create.name.empty() ? ChooseIndexName(table.def.namespace_oid(), table.def.name(),
                                                       taken, "idx", {})
                                     : create.name);
  if (create.where != nullptr) {
    BoundExprPtr predicate = BindIndexPredicate(table.def, *create.where);
    std::optional<std::string> text = StoredTableExpression(*predicate, table, catalog_names);
    if (!text) {
      throw Error(sqlstate::kFeatureNotSupported, "this index predicate cannot be stored yet");
    }
    index.set_predicate(*text);
    std::set<int> columns;
    CollectPredicateColumns(*predicate, &columns);
    for (int column : columns) index.add_predicate_attnums(table.def.columns(column).attnum());
  }
  return out;
}

BoundExprPtr Binder::BindIndexPredicate(const catalog::proto::Table& table, const ast::Expr& expr) {
  BoundExprPtr e = BindRowCondition(table, expr, "WHERE", "index predicates",
                                    "cannot use subquery in index predicate");
  CheckImmutable(*e, "predicate");
  return e;
}

BoundExprPtr Binder::BindIndexExpression(const catalog::proto::Table& table,
                                         const ast::Expr& expr) {
  BoundExprPtr e = BindRowCondition(table, expr, nullptr, "index expressions",
                                    "cannot use subquery in index expression");
  CheckImmutable(*e, "expression");
  return e;
}

std::vector<std::string> RenamedIndexPredicates(const CatalogNames& names,
                                                const catalog::TableEntry& table, int column,
                                                const std::string& new_name) {
  std::vector<StoredExpression> stored;
  for (const catalog::proto::Index& index : table.def.indexes()) {
    stored.push_back(
        {index.predicate(), fmt::format("the predicate of index \"{}\"", index.name())});
  }
  return RenamedExpressions(names, table, column, new_name, stored, /*pretty=*/true,
                            [&](Binder& binder, const ast::Expr& expr) {
                              return binder.BindIndexPredicate(table.def, expr);
                            });
}

std::vector<std::string> RenamedIndexExpressions(const CatalogNames& names,
                                                 const catalog::TableEntry& table, int column,
                                                 const std::string& new_name) {
  std::vector<StoredExpression> stored;
  for (const catalog::proto::Index& index : table.def.indexes()) {
    for (const catalog::proto::IndexColumn& c : index.columns()) {
      stored.push_back(
          {c.expression(), fmt::format("an expression of index \"{}\"", index.name())});
    }
  }
  return RenamedExpressions(names, table, column, new_name, stored, /*pretty=*/true,
                            [&](Binder& binder, const ast::Expr& expr) {
                              return binder.BindIndexExpression(table.def, expr);
                            });
}

void ThrowNoBtreeOrdering(TypeId id) {
  throw Error(sqlstate::kUndefinedObject,
              fmt::format("data type {} has no default operator class for access method \"btree\"",
                          DataType::Of(id).Name()))
      .WithHint(
          "You must specify an operator class for the index or define a default operator "
          "class for the data type.");
}

}  // namespace basalt::sql
