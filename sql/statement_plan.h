// A statement bound and planned once: immutable, so a prepared statement
// keeps it for every Execute and several portals run it at once, each with
// its own physical operators (CreatePhysicalPlan) as execution state.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_statement.h"
#include "sql/engine.h"
#include "sql/planner/logical_operator.h"
#include "storage/lock_manager.h"

namespace basalt::sql {

struct StatementPlan {
  // What it was planned against: another catalog snapshot (a DDL committed,
  // or this transaction's own) or another search_path means planning again.
  std::shared_ptr<const catalog::CatalogSnapshot> catalog;
  std::string search_path;
  // Bound against `catalog` with indexes too new for the transaction's
  // snapshot left out (SessionImpl::ReadableCatalog).
  bool indexes_masked = false;
  // The relations it reads or writes and the lock each takes, as PostgreSQL:
  // ACCESS SHARE to read, ROW SHARE for SELECT FOR UPDATE/SHARE, ROW
  // EXCLUSIVE to write.
  struct RelationLock {
    std::shared_ptr<const catalog::TableEntry> table;
    storage::LockLevel level;
  };
  std::vector<RelationLock> locks;
  LogicalOperatorPtr root;  // optimized
  // A query's result columns, or RETURNING's; nullopt for INSERT, UPDATE and
  // DELETE without RETURNING.
  std::optional<std::vector<ResultColumn>> columns;
  // The command tag before the row count: "SELECT ", "INSERT 0 ", ...
  std::string_view tag_prefix;
  std::optional<storage::RowLockStrength> row_lock;  // SELECT ... FOR <strength>
};

// The rows a bound statement returns: a query's columns, or RETURNING's;
// nullopt for a write without RETURNING.
std::optional<std::vector<ResultColumn>> ResultColumnsOf(const BoundStatement& bound);

// Plans a bound SELECT, INSERT, UPDATE or DELETE (0A000 for anything else),
// running the optimizer passes not named in `disabled_passes`.
std::unique_ptr<StatementPlan> PlanStatement(BoundStatement bound,
                                             const std::vector<std::string>& disabled_passes = {});

}  // namespace basalt::sql
