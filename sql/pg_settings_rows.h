// pg_settings: every setting a session can SHOW, with PostgreSQL 15's
// description of it (setting_descriptions.h) and the session's value.
#pragma once

#include <vector>

#include "common/value.h"
#include "sql/settings.h"

namespace basalt::sql {

std::vector<Row> PgSettingsRows(const Settings& settings);

}  // namespace basalt::sql
