// CREATE TABLE ... WITH (name = value, ...): PostgreSQL's heap storage
// parameters, checked as its reloptions code checks them, and kept as
// pg_class.reloptions shows them. Basalt accepts them for compatibility
// (pgbench sets fillfactor); none changes how rows are stored.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace basalt::sql {

// "name=value" for each parameter; a missing value reads "true". 22023 for
// an unknown name (`unrecognized parameter "x"`) or a bad value (`value 5
// out of bounds for option "fillfactor"`, `invalid value for integer option
// "fillfactor": abc`, `invalid value for boolean option "x": maybe`).
std::vector<std::string> CheckStorageParameters(
    const std::vector<std::pair<std::string, std::string>>& parameters);

// CREATE VIEW ... WITH (...) [WITH CHECK OPTION]: a view's reloptions
// (check_option: local or cascaded, in any case, kept as written;
// security_barrier and security_invoker: booleans), checked as
// PostgreSQL's view_relopts; the same 22023 errors, and `parameter "x"
// specified more than once`.
std::vector<std::string> CheckViewOptions(
    const std::vector<std::pair<std::string, std::string>>& options);

}  // namespace basalt::sql
