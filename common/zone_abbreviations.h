// Time zone abbreviations in timestamp input and AT TIME ZONE ('PST',
// 'CEST'): PostgreSQL 15's default set, each a fixed offset.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace basalt {

// Seconds east of UTC, or nullopt for a word that is no abbreviation
// (case-insensitive).
std::optional<int32_t> ZoneAbbreviationOffset(std::string_view abbreviation);

}  // namespace basalt
