// ALTER TABLE's column actions: the column of ADD COLUMN, the expression of
// ALTER COLUMN ... SET DEFAULT, and the USING expression of ALTER COLUMN
// ... TYPE. The session applies them (sql/commands/alter_table_columns.cc).
#include <fmt/format.h>

#include "sql/binder/bind_sequence.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/binder/deparse_text.h"
#include "sql/binder/stored_literals.h"
#include "sql/parser/ast_printer.h"

namespace basalt::sql {

BoundExprPtr Binder::BindDefaultExpression(const ast::Expr& expr, const DataType& type,
                                           const std::string& column_name) {
  column_ref_error_ = "cannot use column reference in DEFAULT expression";
  AggregateRulesScope rules(this, false, "DEFAULT expressions");
  BoundExprPtr e;
  try {
    e = BindExpression(expr, Scope{});
  } catch (Error& error) {
    column_ref_error_ = nullptr;
    error.WithPosition(0);  // PostgreSQL points into no ALTER TABLE's DEFAULT
    throw;
  } catch (...) {
    column_ref_error_ = nullptr;
    throw;
  }
  column_ref_error_ = nullptr;
  const DataType from = e->type;
  BoundExprPtr coerced;
  try {
    coerced = TryCoerce(std::move(e), type, CastContext::kAssignment);
  } catch (Error& error) {
    error.WithPosition(0);
    throw;
  }
  if (coerced == nullptr) {
    throw Error(sqlstate::kDatatypeMismatch,
                fmt::format("column \"{}\" is of type {} but default expression is of type {}",
                            column_name, type.Name(), TypeNameForMessage(from)))
        .WithHint("You will need to rewrite or cast the expression.");
  }
  return coerced;
}

BoundAddedColumn Binder::BindAddedColumn(const ast::ColumnDef& def,
                                         const catalog::proto::Table& table) {
  BoundAddedColumn out;
  const std::optional<TypeId> serial = SerialType(def.type);
  const DataType type = serial ? DataType::Of(*serial) : BindTypeName(def.type);
  if (!IsStorableType(type.id)) {
    throw Error(sqlstate::kFeatureNotSupported,
                fmt::format("type {} is not supported yet", type.Name()))
        .WithPosition(def.type.position);
  }
  catalog::proto::Column& c = out.column;
  c.set_name(def.name);
  c.set_type_id(static_cast<uint32_t>(type.id));
  if (!serial) c.set_domain_oid(BindDomainName(def.type).value_or(0));
  c.set_typmod(type.typmod);
  if (serial) c.set_not_null(true);
  const ast::Constraint* identity = nullptr;
  bool saw_null = false;
  bool saw_not_null = false;
  for (const ast::Constraint& con : def.constraints) {
    using Type = ast::Constraint::Type;
    switch (con.type) {
      case Type::kNull:
      case Type::kNotNull: {
        const bool not_null = con.type == Type::kNotNull;
        if (not_null ? saw_null : saw_not_null) {
          throw Error(sqlstate::kSyntaxError,
                      fmt::format("conflicting NULL/NOT NULL declarations for column \"{}\" of "
                                  "table \"{}\"",
                                  def.name, table.name()))
              .WithPosition(con.position);
        }
        (not_null ? saw_not_null : saw_null) = true;
        c.set_not_null(not_null);
        break;
      }
      case Type::kDefault:
        if (serial || identity != nullptr) {
          throw Error(sqlstate::kSyntaxError,
                      fmt::format("{} specified for column \"{}\" of table \"{}\"",
                                  serial ? "multiple default values" : "both default and identity",
                                  def.name, table.name()));
        }
        if (out.default_value != nullptr) {
          throw Error(sqlstate::kSyntaxError,
                      fmt::format("multiple default values specified for column \"{}\" of table "
                                  "\"{}\"",
                                  def.name, table.name()))
              .WithPosition(con.position);
        }
        out.default_value = BindDefaultExpression(*con.expr, type, def.name);
        c.set_default_expr(ast::ToString(*con.expr, DateTimeLiteralTexts(*out.default_value)));
        break;
      case Type::kIdentity:
        if (type.id != TypeId::kInt2 && type.id != TypeId::kInt4 && type.id != TypeId::kInt8) {
          throw Error(sqlstate::kInvalidParameterValue,
                      "identity column type must be smallint, integer, or bigint");
        }
        if (out.default_value != nullptr || identity != nullptr) {
          throw Error(sqlstate::kSyntaxError,
                      fmt::format("{} specified for column \"{}\" of table \"{}\"",
                                  identity != nullptr ? "multiple identity specifications"
                                                      : "both default and identity",
                                  def.name, table.name()))
              .WithPosition(con.position);
        }
        identity = &con;
        c.set_identity(std::string(1, con.identity));
        c.set_not_null(true);
        break;
      case Type::kPrimaryKey:
        c.set_not_null(true);
        out.table_constraints.push_back(&con);
        break;
      case Type::kUnique:
      case Type::kCheck:
      case Type::kForeignKey: out.table_constraints.push_back(&con); break;
    }
  }
  if (serial || identity != nullptr) {
    // The sequence the column owns, named as CREATE TABLE names it; the
    // session creates it, then fills the existing rows from it.
    const std::string name =
        ChooseIndexName(table.namespace_oid(), table.name(), {def.name}, "seq", {});
    catalog::proto::SequenceDef options =
        serial ? DefaultSequenceOptions(type.id)
               : ResolveIdentityOptions(*identity->identity_options, type.id);
    out.sequence =
        NewSequenceTable(table.database_oid(), table.namespace_oid(), name, std::move(options));
    out.sequence_default = SerialDefault(table.namespace_oid(), name);
    if (serial) c.set_default_expr(out.sequence_default);
  }
  return out;
}

BoundExprPtr Binder::BindRowExpression(const catalog::proto::Table& table, const ast::Expr& expr,
                                       std::string_view clause) {
  auto entry = std::make_shared<catalog::TableEntry>();
  entry->def = table;
  entry->layout = catalog::MakeTableLayout(table);
  Scope scope;
  scope.items.push_back(TableScopeItem(table.name(), entry, 0));
  AggregateRulesScope rules(this, false, clause);
  const char* saved = subquery_error_;
  subquery_error_ = "cannot use subquery in transform expression";
  BoundExprPtr e;
  try {
    e = BindExpression(expr, scope);
  } catch (...) {
    subquery_error_ = saved;
    throw;
  }
  subquery_error_ = saved;
  return e;
}

}  // namespace basalt::sql
