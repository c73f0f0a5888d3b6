// CREATE TABLE: column types, NOT NULL, DEFAULT, PRIMARY KEY -> a table
// definition ready for the catalog (OID and relation id assigned there).
#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/parser/ast_printer.h"

namespace basalt::sql {

namespace {

bool ReferencesColumns(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kColumn) return true;
  for (const BoundExprPtr& c : e.children) {
    if (ReferencesColumns(*c)) return true;
  }
  return false;
}

}  // namespace

std::unique_ptr<BoundCreateTable> Binder::BindCreateTable(const ast::CreateTableStmt& create) {
  if (create.temporary) {
    ThrowAt(sqlstate::kFeatureNotSupported, "temporary tables are not supported yet",
            create.position);
  }
  auto out = std::make_unique<BoundCreateTable>();
  out->if_not_exists = create.if_not_exists;
  catalog::proto::Table& t = out->table;
  t.set_database_oid(database_);
  t.set_namespace_oid(ResolveCreationNamespace(create.name));
  t.set_name(create.name.name);
  t.set_relkind("r");

  std::vector<const ast::Constraint*> primary_keys;
  int primary_key_position = 0;
  for (const ast::ColumnDef& def : create.columns) {
    for (const catalog::proto::Column& existing : t.columns()) {
      if (existing.name() == def.name) {
        ThrowAt(sqlstate::kDuplicateColumn,
                fmt::format("column \"{}\" specified more than once", def.name), def.position);
      }
    }
    DataType type = BindTypeName(def.type);
    catalog::proto::Column* c = t.add_columns();
    c->set_attnum(t.columns_size());
    c->set_name(def.name);
    c->set_type_id(static_cast<uint32_t>(type.id));
    c->set_typmod(type.typmod);
    for (const ast::Constraint& con : def.constraints) {
      switch (con.type) {
        case ast::Constraint::Type::kNull: break;
        case ast::Constraint::Type::kNotNull: c->set_not_null(true); break;
        case ast::Constraint::Type::kDefault: {
          // Bound now to reject bad defaults at CREATE time; stored as text.
          BoundExprPtr e = BindExpression(*con.expr, Scope{});
          if (ReferencesColumns(*e)) {
            ThrowAt(sqlstate::kFeatureNotSupported,
                    "cannot use column reference in DEFAULT expression", con.expr->position);
          }
          CoerceForAssignment(std::move(e), type, def.name);
          c->set_default_expr(ast::ToString(*con.expr));
          break;
        }
        case ast::Constraint::Type::kPrimaryKey:
          primary_keys.push_back(&con);
          primary_key_position = con.position;
          if (!con.name.empty()) t.set_primary_key_name(con.name);
          t.clear_primary_key_attnums();
          t.add_primary_key_attnums(c->attnum());
          break;
        default:
          ThrowAt(sqlstate::kFeatureNotSupported,
                  "UNIQUE, CHECK and FOREIGN KEY constraints are not supported yet", con.position);
      }
    }
  }
  for (const ast::Constraint& con : create.constraints) {
    if (con.type != ast::Constraint::Type::kPrimaryKey) {
      ThrowAt(sqlstate::kFeatureNotSupported,
              "UNIQUE, CHECK and FOREIGN KEY constraints are not supported yet", con.position);
    }
    primary_keys.push_back(&con);
    primary_key_position = con.position;
    if (!con.name.empty()) t.set_primary_key_name(con.name);
    t.clear_primary_key_attnums();
    for (const ast::Identifier& id : con.columns) {
      int index = -1;
      for (int i = 0; i < t.columns_size(); ++i) {
        if (t.columns(i).name() == id.name) index = i;
      }
      if (index < 0) {
        ThrowAt(sqlstate::kUndefinedColumn,
                fmt::format("column \"{}\" named in key does not exist", id.name), id.position);
      }
      t.add_primary_key_attnums(t.columns(index).attnum());
    }
  }
  if (primary_keys.size() > 1) {
    ThrowAt(sqlstate::kInvalidTableDefinition,
            fmt::format("multiple primary keys for table \"{}\" are not allowed", t.name()),
            primary_key_position);
  }
  if (!primary_keys.empty()) {
    if (t.primary_key_name().empty()) t.set_primary_key_name(t.name() + "_pkey");
    // PRIMARY KEY implies NOT NULL.
    for (int attnum : t.primary_key_attnums()) t.mutable_columns(attnum - 1)->set_not_null(true);
  }
  return out;
}

}  // namespace basalt::sql
