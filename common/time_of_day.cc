#include "common/time_of_day.h"

#include <fmt/format.h>

#include "common/datetime_decode.h"

namespace basalt {
Result<int64_t> ParseTime(std::string_view text) {
  BASALT_ASSIGN_OR_RETURN(DecodedDateTime v, DecodeTimeText(text, "time"));
  return v.TimeOfDay();  // a zone is read and ignored, as in time_in
}

void AppendTimeText(int64_t micros, std::string* out) {
  const int64_t seconds = micros / 1'000'000;
  const int64_t fraction = micros % 1'000'000;
  fmt::format_to(std::back_inserter(*out), "{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60,
                 seconds % 60);
  if (fraction != 0) {
    std::string digits = fmt::format("{:06}", fraction);
    while (digits.back() == '0') digits.pop_back();
    out->push_back('.');
    out->append(digits);
  }
}

int64_t RoundTime(int64_t micros, int precision) {
  if (precision < 0 || precision >= 6) return micros;
  int64_t unit = 1;
  for (int i = precision; i < 6; ++i) unit *= 10;
  return (micros + unit / 2) / unit * unit;
}

}  // namespace basalt
