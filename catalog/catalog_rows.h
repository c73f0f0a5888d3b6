// The rows of pg_catalog's computed relations (pg_class, pg_namespace,
// pg_attribute, pg_index, pg_constraint, ...), produced from a catalog
// snapshot when a statement reads them. The relation shapes are in
// system_relation_specs.cc; a computed relation Basalt has no objects for
// (pg_trigger, pg_policy, ...) has no rows.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_snapshot.h"
#include "common/value.h"

namespace basalt::catalog {

// The rows of the computed relation `relation` of `database`, in its column
// order.
std::vector<Row> CatalogRows(Oid relation, const CatalogSnapshot& snapshot, Oid database);

// Derived OIDs of objects Basalt keeps inside a table's definition. They are
// computed from the OIDs Basalt assigns (16384 and up, far below 2^29), so
// they are stable across restarts and never collide with assigned ones.
Oid PrimaryKeyIndexOid(const proto::Table& table);
// The indexes pg_index lists for a table, in its order: the primary key's
// (nullptr: it has no Table.indexes entry; PrimaryKeyIndexOid), then the
// others but hidden ones.
std::vector<const proto::Index*> ListedIndexes(const proto::Table& table);
// The pg_constraint row of a primary key or of a UNIQUE constraint's index.
Oid ConstraintOid(Oid index_oid);
// The pg_rewrite row of a view's or materialized view's _RETURN rule.
Oid ReturnRuleOid(const proto::Table& view);
// The pg_attrdef row of a column default.
Oid AttrDefOid(const proto::Table& table, int attnum);
// The pg_type row of a relation's row type (pg_class.reltype).
Oid RowTypeOid(const proto::Table& table);

// PostgreSQL's ChooseIndexColumnNames: an index's column names (INCLUDE's
// too) made distinct by a number (expr, expr1, a, a1, ...): pg_attribute's
// names for the index, and what default index names are made of.
std::vector<std::string> ChooseIndexColumnNames(const std::vector<std::string>& names);

}  // namespace basalt::catalog
