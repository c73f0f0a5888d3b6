#include "sql/startup_options.h"

#include <catch2/catch.hpp>

namespace basalt::sql {
namespace {

using Settings = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("startup options: -c and -- switches, backslash escapes") {
  auto parsed =
      ParseStartupOptions("-c statement_timeout=5s  -cDateStyle=ISO,\\ DMY\t--lock-timeout=1s");
  REQUIRE(parsed.ok());
  CHECK(*parsed ==
        Settings{{"statement_timeout", "5s"}, {"DateStyle", "ISO, DMY"}, {"lock_timeout", "1s"}});
  parsed = ParseStartupOptions("   ");
  REQUIRE(parsed.ok());
  CHECK(parsed->empty());
}

TEST_CASE("startup options: what PostgreSQL refuses") {
  auto parsed = ParseStartupOptions("-x");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().code() == "42601");
  CHECK(parsed.status().message() == "invalid command-line argument for server process: -x");
  parsed = ParseStartupOptions("-c statement_timeout");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().message() == "-c statement_timeout requires a value");
  parsed = ParseStartupOptions("--work_mem");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().message() == "--work_mem requires a value");
}

}  // namespace
}  // namespace basalt::sql
