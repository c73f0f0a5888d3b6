// CREATE TABLE: column types, NOT NULL, DEFAULT, PRIMARY KEY -> a table
// definition ready for the catalog (OID and relation id assigned there).
#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/parser/ast_printer.h"

namespace basalt::sql {

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
      if (existing.name() == def.name) {  // PostgreSQL gives no position here
        throw Error(sqlstate::kDuplicateColumn,
                    fmt::format("column \"{}\" specified more than once", def.name));
      }
    }
    DataType type = BindTypeName(def.type);
    if (type.id == TypeId::kInt4Array) {
      ThrowAt(sqlstate::kFeatureNotSupported, "type integer[] is not supported yet",
              def.type.position);
    }
    catalog::proto::Column* c = t.add_columns();
    c->set_attnum(t.columns_size());
    c->set_name(def.name);
    c->set_type_id(static_cast<uint32_t>(type.id));
    c->set_typmod(type.typmod);
    bool saw_null = false;
    bool saw_not_null = false;
    for (const ast::Constraint& con : def.constraints) {
      switch (con.type) {
        case ast::Constraint::Type::kNull:
        case ast::Constraint::Type::kNotNull: {
          bool not_null = con.type == ast::Constraint::Type::kNotNull;
          if (not_null ? saw_null : saw_not_null) {
            ThrowAt(sqlstate::kSyntaxError,
                    fmt::format("conflicting NULL/NOT NULL declarations for column \"{}\" of "
                                "table \"{}\"",
                                def.name, t.name()),
                    con.position);
          }
          (not_null ? saw_not_null : saw_null) = true;
          c->set_not_null(not_null);
          break;
        }
        case ast::Constraint::Type::kDefault: {
          if (!c->default_expr().empty()) {
            ThrowAt(sqlstate::kSyntaxError,
                    fmt::format("multiple default values specified for column \"{}\" of table "
                                "\"{}\"",
                                def.name, t.name()),
                    con.position);
          }
          // Bound now to reject bad defaults at CREATE time; stored as text.
          column_ref_error_ = "cannot use column reference in DEFAULT expression";
          AggregateRulesScope rules(this, false, "DEFAULT expressions");
          BoundExprPtr e;
          try {
            e = BindExpression(*con.expr, Scope{});
          } catch (...) {
            column_ref_error_ = nullptr;
            throw;
          }
          column_ref_error_ = nullptr;
          DataType from = e->type;
          if (TryCoerce(std::move(e), type, CastContext::kAssignment) == nullptr) {
            throw Error(sqlstate::kDatatypeMismatch,
                        fmt::format("column \"{}\" is of type {} but default expression is of "
                                    "type {}",
                                    def.name, type.Name(), TypeNameForMessage(from)))
                .WithHint("You will need to rewrite or cast the expression.");
          }
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
                fmt::format("column \"{}\" named in key does not exist", id.name), con.position);
      }
      for (int attnum : t.primary_key_attnums()) {
        if (attnum == t.columns(index).attnum()) {
          ThrowAt(sqlstate::kDuplicateColumn,
                  fmt::format("column \"{}\" appears twice in primary key constraint", id.name),
                  con.position);
        }
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
    // A key needs a btree ordering, which xid lacks.
    for (int attnum : t.primary_key_attnums()) {
      if (static_cast<TypeId>(t.columns(attnum - 1).type_id()) == TypeId::kXid) {
        throw Error(sqlstate::kUndefinedObject,
                    "data type xid has no default operator class for access method \"btree\"")
            .WithHint(
                "You must specify an operator class for the index or define a default operator "
                "class for the data type.");
      }
    }
  }
  return out;
}

}  // namespace basalt::sql
