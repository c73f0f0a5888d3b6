// PostgreSQL's time-valued settings (statement_timeout, lock_timeout,
// idle_in_transaction_session_timeout): a number with an optional unit (us,
// ms, s, min, h, d; none means milliseconds), shown in the largest unit that
// divides the value exactly ("1min", "1500ms", "0").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

// Milliseconds, rounded as PostgreSQL rounds (half away from zero). 22023
// for text that is not a number with a valid unit, or a value outside
// 0 .. 2147483647 ms; `name` is the setting's, for the messages.
Result<int64_t> ParseMilliseconds(std::string_view name, std::string_view text);

std::string FormatMilliseconds(int64_t ms);

}  // namespace basalt
