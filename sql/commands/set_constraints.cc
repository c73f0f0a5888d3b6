// SET CONSTRAINTS {ALL | name [, ...]} {DEFERRED | IMMEDIATE}: the block's
// timing of its deferrable constraints (execution/deferred_constraints.h),
// with PostgreSQL's lookup (AfterTriggerSetState): an unqualified name is
// every constraint so named in the first schema of the search_path having
// one; a named constraint that is not deferrable cannot be DEFERRED; going
// IMMEDIATE checks the pending keys of the constraints concerned at once.
#include <fmt/format.h>

#include "sql/catalog_names.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

struct NamedConstraint {
  Oid oid = 0;
  bool deferrable = false;
};

// The constraints named `name` in schema `namespace_oid`, by the OID the
// deferred checks know them by (DeferredConstraints::Pending::constraint).
std::vector<NamedConstraint> ConstraintsNamed(const catalog::CatalogSnapshot& snapshot,
                                              Oid database, Oid namespace_oid,
                                              const std::string& name) {
  std::vector<NamedConstraint> out;
  for (const auto& entry : snapshot.Tables(database)) {
    const catalog::proto::Table& t = entry->def;
    if (t.namespace_oid() != namespace_oid) continue;
    if (t.primary_key_name() == name) out.push_back(NamedConstraint{});  // never deferrable
    for (const catalog::proto::Index& index : t.indexes()) {
      if (index.constraint() && index.name() == name) {
        out.push_back(NamedConstraint{index.oid(), index.deferrable()});
      }
    }
    for (const catalog::proto::Constraint& c : t.constraints()) {
      if (c.name() == name) out.push_back(NamedConstraint{c.oid(), c.deferrable()});
    }
  }
  return out;
}

}  // namespace

void SessionImpl::ExecuteSetConstraints(const ast::TransactionStmt& stmt, ResultSink& sink) {
  if (state_ == TransactionState::kFailed) {
    throw Error(sqlstate::kInFailedSqlTransaction,
                "current transaction is aborted, commands ignored until end of transaction block");
  }
  const bool in_block = state_ == TransactionState::kInBlock;
  if (!in_block) {
    SendWarning(sink, sqlstate::kNoActiveSqlTransaction,
                "SET CONSTRAINTS can only be used in transaction blocks");
  }
  const bool deferred = stmt.constraints_deferred;
  std::vector<Oid> named;
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  for (const ast::QualifiedName& name : stmt.constraints) {
    std::vector<Oid> schemas;
    if (!name.schema.empty()) {
      const catalog::proto::Namespace* schema = snapshot->FindNamespace(database_oid_, name.schema);
      if (schema == nullptr) {
        throw Error(sqlstate::kInvalidSchemaName,
                    fmt::format("schema \"{}\" does not exist", name.schema));
      }
      schemas.push_back(schema->oid());
    } else {
      schemas = CatalogNames(snapshot, database_oid_, user_, SearchPath()).SearchedSchemas(true);
    }
    bool found = false;
    for (Oid schema : schemas) {
      for (const NamedConstraint& c :
           ConstraintsNamed(*snapshot, database_oid_, schema, name.name)) {
        if (c.deferrable) {
          named.push_back(c.oid);
        } else if (deferred) {
          throw Error(sqlstate::kWrongObjectType,
                      fmt::format("constraint \"{}\" is not deferrable", name.name));
        }
        found = true;
      }
      if (found) break;
    }
    if (!found) {
      throw Error(sqlstate::kUndefinedObject,
                  fmt::format("constraint \"{}\" does not exist", name.name));
    }
  }
  // Outside a block the modes would end with the statement's implicit
  // transaction: only the names are checked.
  if (in_block) {
    if (stmt.constraints.empty()) deferred_.SetAll(deferred);
    for (Oid oid : named) deferred_.Set(oid, deferred);
    if (!deferred && !deferred_.empty() && txn_ != nullptr) {
      EnsureTransaction();
      ExecContext ctx = NewExecContext(nullptr, &sink);
      deferred_.CheckPending(ctx, /*all=*/false);
    }
  }
  sink.CommandComplete("SET CONSTRAINTS");
}

}  // namespace basalt::sql
