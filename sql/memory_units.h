// Memory-valued settings (work_mem, basalt.max_query_memory) as PostgreSQL's
// GUC machinery reads and prints them: a number of kilobytes, or a number
// (fractions allowed) with a unit B, kB, MB, GB or TB (case-sensitive, as
// PostgreSQL); printed in the largest unit that divides it ("4MB", "64kB").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt::sql {

// Kilobytes; 22023 for a bad number or unit, or a value outside
// [min_kb, max_kb] (PostgreSQL's messages, naming `name`).
Result<int64_t> ParseMemoryKb(std::string_view name, std::string_view text, int64_t min_kb,
                              int64_t max_kb);
std::string FormatMemoryKb(int64_t kb);

}  // namespace basalt::sql
