// The automatic-refresh options of a materialized view: WITH (auto_refresh
// = on, refresh_interval = '10s', max_staleness = '5s') at CREATE, and
// ALTER MATERIALIZED VIEW ... SET / RESET (...). Kept in the view's catalog
// entry (auto_refresh, refresh_interval_us, max_staleness_us), not in
// reloptions: they are Basalt's, like refresh_mode.
#pragma once

#include <string_view>
#include <vector>

#include "catalog/proto/catalog.pb.h"
#include "sql/parser/ast_statement.h"

namespace basalt::sql {

bool IsAutoRefreshOption(std::string_view name);

// Sets (or, with `reset`, clears) the automatic-refresh options among
// `options` on `view`, then checks the result. Setting an interval without
// naming auto_refresh turns automatic refresh on: a trigger is a request
// for it. 22023 for a value that is not a boolean or a positive interval,
// for auto_refresh without a trigger (refresh_interval or max_staleness),
// and for a view maintained immediately (always current already).
void ApplyAutoRefreshOptions(const std::vector<ast::RelationOption>& options, bool reset,
                             catalog::proto::Table* view);

}  // namespace basalt::sql
