// pg_catalog's system views that Basalt defines in SQL over the computed
// catalog relations, as PostgreSQL's system_views.sql does: they are bound
// like any view when read, so every query shape works over them.
#pragma once

#include <string_view>

namespace basalt::catalog {

// The query of the system view `name`, or empty if `name` is none (a
// computed relation).
std::string_view SystemViewQuery(std::string_view name);

}  // namespace basalt::catalog
