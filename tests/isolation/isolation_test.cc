// CTest entry for one isolation spec: `isolation_test --spec specs/x.spec`
// starts Basalt (TestServer), runs the spec and compares the transcript with
// expected/x.out, which PostgreSQL 15 wrote. With BASALT_REFERENCE_CONNINFO
// set it runs against that server instead (to check that the expected files
// still match PostgreSQL).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "tests/integration/test_server.h"
#include "tests/isolation/runner.h"

namespace {

std::string spec_path;  // --spec

}  // namespace

TEST_CASE("isolation spec gives PostgreSQL's outcome") {
  REQUIRE_FALSE(spec_path.empty());
  const basalt::isolation::Spec spec = basalt::isolation::LoadSpec(spec_path);
  std::optional<basalt::testing::TestServer> server;
  std::string conninfo;
  const char* reference = std::getenv("BASALT_REFERENCE_CONNINFO");
  if (reference != nullptr && *reference != '\0') {
    conninfo = reference;
  } else {
    server.emplace();
    conninfo = server->ConnInfo();
  }
  const std::string actual = basalt::isolation::RunSpec(spec, conninfo);
  const std::string diff =
      basalt::isolation::Diff(basalt::isolation::ExpectedPath(spec_path), actual);
  if (!diff.empty()) {
    // Printed as is: Catch would wrap the diff's long lines.
    std::cout << diff << std::flush;
    FAIL_CHECK(spec_path << " differs from its expected output (diff above)");
  }
}

int main(int argc, char** argv) {
  Catch::Session session;
  using Catch::clara::Opt;
  session.cli(session.cli() | Opt(spec_path, "spec")["--spec"]("the isolation spec to run"));
  if (const int rc = session.applyCommandLine(argc, argv); rc != 0) return rc;
  return session.run();
}
