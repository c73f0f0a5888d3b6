// current_setting / set_config and txid_current as a client meets them:
// what psql's SQL files cannot show (ParameterStatus, one query string
// holding several statements, ids after a restart).
#include "sql/execution/session_functions.h"

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {
namespace {

using Parameters = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("set_config reports changed parameters as SET does", "[session_functions]") {
  TestEngine f;
  CollectingSink r = f.Run("SELECT set_config('application_name', 'app', false)");
  CHECK(r.rows == Rows{{"app"}});
  CHECK(r.parameters == Parameters{{"application_name", "app"}});
  // Local in a block: reported now, and the old value again at COMMIT.
  f.Run("BEGIN");
  CHECK(f.Run("SELECT set_config('application_name', 'local', true)").parameters ==
        Parameters{{"application_name", "local"}});
  CHECK(f.Run("COMMIT").parameters == Parameters{{"application_name", "app"}});
  // Local outside a block ends with its statement: nothing to report.
  CHECK(f.Run("SELECT set_config('application_name', 'gone', true)").parameters.empty());
  CHECK(f.Run("SHOW application_name").rows == Rows{{"app"}});
}

TEST_CASE("set_config's is_local outside a block lasts for the query string",
          "[session_functions]") {
  TestEngine f;
  CollectingSink r = f.Run(
      "SELECT set_config('app.x', 'one', true); SELECT current_setting('app.x'); "
      "SELECT set_config('app.y', 'kept', false)");
  CHECK(r.rows == Rows{{"one"}, {"one"}, {"kept"}});
  CHECK(f.Run("SELECT current_setting('app.x', true)").rows == Rows{{"NULL"}});
  CHECK(f.Run("SELECT current_setting('app.y')").rows == Rows{{"kept"}});
  // A failed statement takes a local setting with it.
  f.Fail("SELECT set_config('app.z', 'z', true), 1 / 0");
  CHECK(f.Run("SELECT current_setting('app.z', true)").rows == Rows{{"NULL"}});
}

TEST_CASE("transaction ids are stable in a transaction and increase across restarts",
          "[session_functions]") {
  TestEngine f;
  f.Run("BEGIN");
  CHECK(f.Run("SELECT txid_current_if_assigned()").rows == Rows{{"NULL"}});
  const std::string first = f.Run("SELECT txid_current()").rows[0][0];
  CHECK(f.Run("SELECT pg_current_xact_id(), txid_current_if_assigned()").rows ==
        Rows{{first, first}});
  f.Run("COMMIT");
  const std::string second = f.Run("SELECT txid_current()").rows[0][0];
  CHECK(std::stoll(second) > std::stoll(first));
  f.Reopen();
  CHECK(std::stoll(f.Run("SELECT txid_current()").rows[0][0]) > std::stoll(second));
}

}  // namespace
}  // namespace basalt::sql
