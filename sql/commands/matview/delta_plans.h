// An incremental view's delta plans, kept between refreshes by the session
// (docs/materialized-views.md, "Cached delta plans").
//
// A refresh of a one-row change used to bind, plan and optimize the view's
// query four times: once for its shape and once per delta term. The plans
// depend only on the catalog, the session's disabled planner passes and
// roughly how many changed rows stand in for each changed table (the join
// order and the index-join choice follow that count), so they are kept:
// a term's optimized plan holds LogicalValues nodes marked with the changed
// input they stand for, and each run sets their rows.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/data_type.h"
#include "sql/commands/matview/additive_groups.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

// A table a plan scans.
struct ScannedTable {
  Oid oid = 0;
  std::string name;
};

// What refresh_incremental.cc's Prepare learns from the view's plan, which
// is the same at every refresh.
struct DeltaShape {
  std::optional<AdditiveGroups> additive;  // kGroups views with additive aggregates
  bool through_joins = false;              // JoinDelta follows the plan
  // Why JoinDelta cannot follow the plan ("" if it can), found when first
  // needed: for an inner-join plan, when many inputs changed and JoinDelta
  // would take over from the delta terms.
  std::optional<std::string> join_delta_blocker;
  std::vector<ScannedTable> scans;         // the plan's, in plan order
  std::vector<std::vector<int>> branches;  // UNION ALL branches' paths
  std::string unsupported;                 // why the delta rules do not follow it
};

// One view's plans, valid for one catalog version and set of disabled passes.
struct ViewDeltaPlans {
  uint64_t catalog_version = 0;
  std::string disabled_passes;
  std::optional<DeltaShape> shape;
  // Per plan maker (a tag of the call site): the tables of its scans.
  std::map<std::string, std::vector<ScannedTable>> scans;
  // Per term (tag, members, signs, size classes): its optimized plan.
  std::map<std::string, LogicalOperatorPtr> terms;
};

class DeltaPlanCache {
 public:
  // The plans of `view`, emptied when the catalog or the passes changed.
  ViewDeltaPlans& For(Oid view, uint64_t catalog_version, const std::string& disabled_passes) {
    if (views_.size() > kMaxViews && !views_.contains(view)) views_.clear();
    ViewDeltaPlans& plans = views_[view];
    if (plans.catalog_version != catalog_version || plans.disabled_passes != disabled_passes) {
      plans = ViewDeltaPlans{};
      plans.catalog_version = catalog_version;
      plans.disabled_passes = disabled_passes;
    }
    if (plans.terms.size() > kMaxTermsPerView) plans.terms.clear();
    return plans;
  }

 private:
  // Bounds on what a session keeps (a view's terms grow with 2^inputs).
  static constexpr size_t kMaxViews = 64;
  static constexpr size_t kMaxTermsPerView = 256;
  std::unordered_map<Oid, ViewDeltaPlans> views_;
};

}  // namespace basalt::sql
