// pg_settings' description of each setting (setting_descriptions.cc,
// generated from PostgreSQL 15's pg_settings).
#pragma once

#include <vector>

namespace basalt::sql {

struct SettingDescription {
  const char* name;
  const char* unit;  // "" when the setting has none; "kB", "8kB", "ms", "s", "min"
  const char* category;
  const char* short_desc;
  const char* extra_desc;  // nullptr: NULL
  const char* context;
  const char* vartype;  // bool, integer, real, string, enum
  const char* min_val;  // nullptr: NULL
  const char* max_val;
  std::vector<const char*> enumvals;  // empty: NULL
};

// In the order of their names, case-insensitively.
const std::vector<SettingDescription>& SettingDescriptions();

}  // namespace basalt::sql
