// Which views an incremental refresh maintains, and how: the query shapes
// the delta rules cover (docs/materialized-views.md, "Incremental refresh").
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_statement.h"

namespace basalt::sql {

struct IncrementalShape {
  enum class Kind {
    // Filter and project over inner joins of tables: the view is a bag of
    // rows, each changed row of a table adds or removes the rows it joins.
    kRows,
    // GROUP BY with aggregates, or DISTINCT, over such a core: the groups a
    // change touches are computed again.
    kGroups,
  };
  Kind kind = Kind::kRows;
  // The view columns (0-based) of the maintenance key, which the view's
  // hidden index is on: kRows every column; kGroups each GROUP BY (or
  // DISTINCT) expression's column, in their order (empty for an aggregate
  // without GROUP BY: the view's one row).
  std::vector<int> key_columns;
  // Why the delta rules do not cover the query ("outer joins"); empty when
  // they do.
  std::string unsupported;
  // How many times the query reads each table (by OID): a table read twice
  // (a self join) joins its own changes.
  std::map<Oid, int> reads;
};

// The stored relations (tables, materialized views) a view reads, as
// `catalog` has them: those whose changes an incremental view applies
// (incremental_setup.cc).
std::vector<std::shared_ptr<const catalog::TableEntry>> TablesWatchedBy(
    const catalog::CatalogSnapshot& catalog, const catalog::proto::Table& view);

// `schema.name` of `view`, each part quoted where SQL needs it.
std::string QualifiedViewName(const catalog::CatalogSnapshot& catalog,
                              const catalog::proto::Table& view);

// `REFRESH MATERIALIZED VIEW schema.name` for `view`: the statement the
// server runs on its own behalf (automatic refresh, read-your-writes).
std::string RefreshStatement(const catalog::CatalogSnapshot& catalog,
                             const catalog::proto::Table& view);

// Whether a materialized view is maintained inside each writing
// transaction (refresh_mode = 'immediate').
inline bool MaintainedImmediately(const catalog::proto::Table& view) {
  return view.refresh_mode() == "immediate";
}

// The shape of a materialized view's bound query.
IncrementalShape AnalyzeIncrementalShape(const BoundSelect& query);

// A refresh_mode value as written: "full", "incremental", "auto" or
// "immediate"; 22023
// otherwise, as PostgreSQL's enum storage parameters.
std::string CheckedRefreshMode(const std::string& value);

}  // namespace basalt::sql
