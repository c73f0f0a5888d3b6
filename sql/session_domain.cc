// CREATE DOMAIN and ALTER DOMAIN (DROP DOMAIN is session_type.cc's DROP
// TYPE): a domain is a user-defined type (catalog::proto::UserType, kind
// "d") whose values are its base type's; columns of it keep the base type
// and name the domain (Column.domain_oid), and its NOT NULL and CHECK
// constraints are checked where values are cast to it or written to such
// a column (sql/execution/domain_checks.h).
#include <fmt/format.h>

#include <algorithm>

#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/binder/deparse.h"
#include "sql/binder/stored_literals.h"
#include "sql/catalog_names.h"
#include "sql/execution/domain_checks.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/ast_printer.h"
#include "sql/session_impl.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

using TypePtr = std::shared_ptr<const catalog::proto::UserType>;
using Constraint = ast::Constraint;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

DataType BaseType(const catalog::proto::UserType& domain) {
  return DataType{static_cast<TypeId>(domain.base_type_id()), domain.base_typmod()};
}

int FindCheck(const catalog::proto::UserType& domain, const std::string& name) {
  for (int i = 0; i < domain.checks_size(); ++i) {
    if (domain.checks(i).name() == name) return i;
  }
  return -1;
}

}  // namespace

std::string SessionImpl::BindDomainDefault(const DataType& base, const ast::Expr& expr) {
  Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
  BoundExprPtr e = binder.BindExpression(expr, Scope{});
  const DataType from = e->type;
  BoundExprPtr coerced = TryCoerce(std::move(e), base, CastContext::kAssignment);
  if (coerced == nullptr) {
    throw Error(sqlstate::kDatatypeMismatch,
                fmt::format("column \"{}\" is of type {} but default expression is of type {}",
                            "value", base.Name(), TypeNameForMessage(from)))
        .WithHint("You will need to rewrite or cast the expression.");
  }
  // Stored as PostgreSQL's typdefault shows it: the coerced expression.
  CatalogNames names(writer_.View(), database_oid_, user_, SearchPath());
  const ScopedStoredTextFormats stored_formats;
  std::optional<std::string> text = DeparseDomainExpression(*coerced, base, names, false);
  return text.value_or(ast::ToString(expr, DateTimeLiteralTexts(*coerced)));
}

void SessionImpl::AddDomainCheck(catalog::proto::UserType* domain, const Constraint& constraint) {
  Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
  BoundExprPtr e =
      binder.BindCheckExpression(DomainValueTable(BaseType(*domain)), *constraint.expr);
  std::string name = constraint.name;
  if (name.empty()) {
    // PostgreSQL's ChooseConstraintName: <domain>_check, then _check1, ...
    for (int pass = 0; name.empty() || FindCheck(*domain, name) >= 0; ++pass) {
      name = MakeObjectName(domain->name(), "", pass == 0 ? "check" : fmt::format("check{}", pass));
    }
  } else if (FindCheck(*domain, name) >= 0) {
    throw Error(
        sqlstate::kDuplicateObject,
        fmt::format("constraint \"{}\" for domain \"{}\" already exists", name, domain->name()));
  }
  catalog::proto::DomainCheck* check = domain->add_checks();
  check->set_name(name);
  check->set_check_expr(ast::ToString(*constraint.expr, DateTimeLiteralTexts(*e)));
  check->set_not_valid(constraint.not_valid);
}

void SessionImpl::ExecuteCreateDomain(const ast::CreateDomainStmt& stmt, ResultSink& sink) {
  catalog::proto::UserType domain = NewUserType(stmt.name, "d");
  DataType base;
  try {
    base = BindTypeName(stmt.type);
  } catch (Error& e) {
    throw e.WithPosition(0);  // PostgreSQL points at no position here
  }
  if (!IsStorableType(base.id)) {
    throw Error(sqlstate::kFeatureNotSupported,
                fmt::format("type {} is not supported yet", base.Name()))
        .WithPosition(stmt.type.position);
  }
  domain.set_base_type_id(static_cast<uint32_t>(base.id));
  domain.set_base_typmod(base.typmod);
  domain.set_base_domain_oid(BindDomainName(stmt.type).value_or(0));
  bool saw_null = false;
  for (const Constraint& constraint : stmt.constraints) {
    switch (constraint.type) {
      case Constraint::Type::kNull:
      case Constraint::Type::kNotNull: {
        const bool not_null = constraint.type == Constraint::Type::kNotNull;
        if ((not_null && saw_null) || (!not_null && domain.not_null())) {
          throw Error(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL constraints");
        }
        saw_null = saw_null || !not_null;
        domain.set_not_null(not_null);
        break;
      }
      case Constraint::Type::kDefault:
        if (!domain.default_expr().empty()) {
          throw Error(sqlstate::kSyntaxError, "multiple default expressions")
              .WithPosition(constraint.position);
        }
        domain.set_default_expr(BindDomainDefault(base, *constraint.expr));
        break;
      case Constraint::Type::kCheck: AddDomainCheck(&domain, constraint); break;
      default:
        throw Error(sqlstate::kSyntaxError, "this constraint is not possible for domains")
            .WithPosition(constraint.position);
    }
  }
  Check(writer_.CreateType(*txn_, std::move(domain)));
  sink.CommandComplete("CREATE DOMAIN");
}

void SessionImpl::ValidateDomainColumns(Oid domain, const std::string& what) {
  ExecContext ctx = NewExecContext(nullptr, nullptr);
  const DomainChecks checks(domain, ctx);
  for (const auto& table : writer_.View()->Tables(database_oid_)) {
    if (table->computed || table->IsView()) continue;
    std::vector<int> columns;
    for (int i = 0; i < table->def.columns_size(); ++i) {
      if (table->def.columns(i).domain_oid() == domain) columns.push_back(i);
    }
    if (columns.empty()) continue;
    LockRelation(*table, storage::LockLevel::kShare);
    storage::TableStore store(store_, &table->layout);
    std::unique_ptr<storage::RowIterator> rows = store.Scan(*txn_);
    storage::StoredRow row;
    while (true) {
      Result<bool> more = rows->Next(&row);
      Check(more.status());
      if (!*more) break;
      ctx.CheckForInterrupts();
      for (int column : columns) {
        const Value& v = row.row[static_cast<size_t>(column)];
        if (checks.Meets(v, ctx)) continue;
        const bool null = v.is_null();
        throw Error(null ? sqlstate::kNotNullViolation : sqlstate::kCheckViolation,
                    fmt::format("column \"{}\" of table \"{}\" contains {}",
                                table->def.columns(column).name(), table->def.name(),
                                null ? "null values" : what));
      }
    }
  }
}

void SessionImpl::ExecuteAlterDomain(const ast::AlterDomainStmt& stmt, ResultSink& sink) {
  using Action = ast::AlterDomainStmt::Action;
  const TypePtr found = ResolveOwnedType(stmt.name);
  if (found->kind() != "d") {
    throw Error(sqlstate::kWrongObjectType, fmt::format("{} is not a domain", found->name()));
  }
  Result<catalog::proto::UserType> locked = writer_.LockType(*txn_, *found);
  Check(locked.status());
  catalog::proto::UserType domain = *locked;
  // What the rows of its columns must meet once the change is made.
  std::string validate;
  switch (stmt.action) {
    case Action::kSetDefault:
      domain.set_default_expr(BindDomainDefault(BaseType(domain), *stmt.default_expr));
      break;
    case Action::kDropDefault: domain.clear_default_expr(); break;
    case Action::kSetNotNull:
      validate = domain.not_null() ? "" : "null values";
      domain.set_not_null(true);
      break;
    case Action::kDropNotNull: domain.set_not_null(false); break;
    case Action::kAddConstraint:
      if (stmt.constraint.type == Constraint::Type::kNotNull) {
        validate = domain.not_null() ? "" : "null values";
        domain.set_not_null(true);
        break;
      }
      if (stmt.constraint.type != Constraint::Type::kCheck) {
        throw Error(sqlstate::kSyntaxError, "this constraint is not possible for domains");
      }
      AddDomainCheck(&domain, stmt.constraint);
      if (!stmt.constraint.not_valid) validate = "values that violate the new constraint";
      break;
    case Action::kDropConstraint:
    case Action::kValidateConstraint:
    case Action::kRenameConstraint: {
      const int check = FindCheck(domain, stmt.constraint_name);
      if (check < 0) {
        const std::string message = fmt::format("constraint \"{}\" of domain \"{}\" does not exist",
                                                stmt.constraint_name, domain.name());
        if (!stmt.if_exists) throw Error(sqlstate::kUndefinedObject, message);
        SendNotice(sink, sqlstate::kSuccessfulCompletion, message + ", skipping");
        sink.CommandComplete("ALTER DOMAIN");
        return;
      }
      if (stmt.action == Action::kDropConstraint) {
        domain.mutable_checks()->DeleteSubrange(check, 1);
      } else if (stmt.action == Action::kValidateConstraint) {
        if (domain.checks(check).not_valid()) validate = "values that violate the new constraint";
        domain.mutable_checks(check)->set_not_valid(false);
      } else {
        if (FindCheck(domain, stmt.new_value) >= 0) {
          throw Error(sqlstate::kDuplicateObject,
                      fmt::format("constraint \"{}\" for domain \"{}\" already exists",
                                  stmt.new_value, domain.name()));
        }
        domain.mutable_checks(check)->set_name(stmt.new_value);
      }
      break;
    }
    case Action::kRename:
    case Action::kOwner:
    case Action::kSetSchema:
      AlterTypeIdentity(stmt.action == Action::kRename  ? ast::AlterTypeStmt::Action::kRename
                        : stmt.action == Action::kOwner ? ast::AlterTypeStmt::Action::kOwner
                                                        : ast::AlterTypeStmt::Action::kSetSchema,
                        stmt.new_value, &domain);
      break;
  }
  Check(writer_.AlterType(*txn_, *locked, std::move(domain)));
  if (!validate.empty()) ValidateDomainColumns(found->oid(), validate);
  sink.CommandComplete("ALTER DOMAIN");
}

}  // namespace basalt::sql
