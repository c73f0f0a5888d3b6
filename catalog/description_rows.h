// Comments (COMMENT ON) as pg_description and pg_shdescription show them,
// computed from the comment fields of the catalog's messages
// (docs/formats/catalog.md, "Comments").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_snapshot.h"
#include "common/value.h"

namespace basalt::catalog {

// pg_class OIDs of the catalogs an object is described in
// (pg_description.classoid, pg_shdescription.classoid).
inline constexpr Oid kPgClassOid = 1259;
inline constexpr Oid kPgNamespaceOid = 2615;
inline constexpr Oid kPgConstraintOid = 2606;
inline constexpr Oid kPgDatabaseOid = 1262;
inline constexpr Oid kPgAuthidOid = 1260;
inline constexpr Oid kPgTypeOid = 1247;
inline constexpr Oid kPgProcOid = 1255;
inline constexpr Oid kPgExtensionOid = 3079;

// One comment: pg_description's (objoid, classoid, objsubid, description).
struct Description {
  Oid objoid = 0;
  Oid classoid = 0;
  int objsubid = 0;  // a column's attnum; 0 for the object itself
  std::string text;
};

// initdb's comments on the built-in types, functions, operators and
// collations and on plpgsql, the same in every database: the functions'
// (builtin_proc_description_rows.cc), the other objects'
// (builtin_description_rows.cc), and both together.
struct BuiltinDescription {
  Oid objoid;
  Oid classoid;
  const char* text;
};
const std::vector<BuiltinDescription>& BuiltinFunctionDescriptions();
const std::vector<BuiltinDescription>& BuiltinObjectDescriptions();
const std::vector<BuiltinDescription>& BuiltinDescriptions();

// The comments on `database`'s objects (pg_description), and on databases
// and roles (pg_shdescription).
std::vector<Description> Descriptions(const CatalogSnapshot& snapshot, Oid database);
std::vector<Description> SharedDescriptions(const CatalogSnapshot& snapshot);

// obj_description / col_description: the comment on (objoid, objsubid)
// described in `classoid`, any catalog when 0; nullopt when none.
std::optional<std::string> FindDescription(const CatalogSnapshot& snapshot, Oid database,
                                           Oid objoid, Oid classoid, int objsubid);
// shobj_description.
std::optional<std::string> FindSharedDescription(const CatalogSnapshot& snapshot, Oid objoid,
                                                 Oid classoid);

// The rows of pg_description and pg_shdescription.
std::vector<Row> PgDescriptionRows(const CatalogSnapshot& snapshot, Oid database);
std::vector<Row> PgShdescriptionRows(const CatalogSnapshot& snapshot);

}  // namespace basalt::catalog
