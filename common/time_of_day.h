// time without time zone as PostgreSQL 15 parses and prints it:
// microseconds since midnight, 00:00:00 to 24:00:00 inclusive.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

inline constexpr int64_t kMicrosPerTimeDay = 86'400'000'000;

// time_in: every form PostgreSQL's DecodeTimeOnly reads
// ("hh:mm[:ss[.ffffff]]", "040506", am/pm, "allballs", "now"; fractions
// past microseconds rounded); a date and a zone are read and ignored. 22007 `invalid input syntax for type time:
// "x"`, 22008 `date/time field value out of range: "x"`.
Result<int64_t> ParseTime(std::string_view text);
// time_out: "04:05:06", "04:05:06.5".
void AppendTimeText(int64_t micros, std::string* out);
// time(p): rounds to p fractional digits.
int64_t RoundTime(int64_t micros, int precision);

}  // namespace basalt
