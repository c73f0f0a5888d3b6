// information_schema's views, defined in SQL over pg_catalog as PostgreSQL's
// information_schema.sql defines them: bound like any view when read, so
// clients' introspection queries need no special handling.
#pragma once

#include <string_view>

namespace basalt::catalog {

// The query of the information_schema view `name`, or empty if Basalt has
// no such view.
std::string_view InformationSchemaViewQuery(std::string_view name);

}  // namespace basalt::catalog
