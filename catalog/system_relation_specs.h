// The shapes of pg_catalog's relations as PostgreSQL 15 has them
// (system_relation_specs.cc and system_view_specs.cc, generated from a
// PostgreSQL 15 server).
#pragma once

#include <vector>

#include "common/data_type.h"

namespace basalt::catalog {

struct SystemRelationSpec {
  const char* name;
  Oid oid;
  char relkind;  // 'r' for a catalog table, 'v' for a system view
  // "name type,name type,...": the columns in order, with PostgreSQL's type
  // names (typname: int4, _text, ...).
  const char* columns;
};

// pg_catalog's catalog tables (system_relation_specs.cc) and system views
// (system_view_specs.cc).
const std::vector<SystemRelationSpec>& CatalogTableSpecs();
const std::vector<SystemRelationSpec>& SystemViewSpecs();
// information_schema's views Basalt defines (information_schema_specs.cc,
// generated likewise); their column types are information_schema's domains.
const std::vector<SystemRelationSpec>& InformationSchemaSpecs();

}  // namespace basalt::catalog
