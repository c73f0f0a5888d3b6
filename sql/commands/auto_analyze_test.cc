#include "sql/commands/auto_analyze.h"

#include <catch2/catch.hpp>

namespace basalt::sql {
namespace {

TEST_CASE("automatic ANALYZE is due past threshold + scale factor x rows", "[auto_analyze]") {
  const AutoAnalyzeSettings settings;  // 50 + 0.1 x rows, as PostgreSQL's defaults
  CHECK_FALSE(AnalyzeDue(0, -1, settings));
  CHECK_FALSE(AnalyzeDue(50, -1, settings));  // never analyzed: as empty
  CHECK(AnalyzeDue(51, -1, settings));
  CHECK_FALSE(AnalyzeDue(150, 1000, settings));  // strictly more, as PostgreSQL
  CHECK(AnalyzeDue(151, 1000, settings));
  AutoAnalyzeSettings only_threshold{.threshold = 0, .scale_factor = 0};
  CHECK_FALSE(AnalyzeDue(0, 10, only_threshold));  // nothing changed: never due
  CHECK(AnalyzeDue(1, 1e9, only_threshold));
}

}  // namespace
}  // namespace basalt::sql
