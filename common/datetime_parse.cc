// The date and timestamp input functions over PostgreSQL's field decoding
// (common/datetime_decode.h).
#include <fmt/format.h>

#include "common/datetime.h"
#include "common/datetime_decode.h"
#include "common/sqlstate.h"

namespace basalt {
namespace {

// IS_VALID_JULIAN: from 4714-11-01 BC to 5874898-05-31, the range the
// Julian-day arithmetic handles; finer range checks follow.
bool IsValidJulian(const DecodedDateTime& v) {
  return (v.year > -4713 || (v.year == -4713 && v.month >= 11)) &&
         (v.year < 5'874'898 || (v.year == 5'874'898 && v.month < 6));
}

Status OutOfRange(std::string_view what, std::string_view text) {
  return Status::Error(sqlstate::kDatetimeFieldOverflow,
                       fmt::format("{} out of range: \"{}\"", what, text));
}

// timestamp and timestamptz input; `with_zone` applies the zone.
Result<int64_t> ParseTimestampImpl(std::string_view text, bool with_zone) {
  BASALT_ASSIGN_OR_RETURN(
      DecodedDateTime v,
      DecodeDateTimeText(text, with_zone ? "timestamp with time zone" : "timestamp"));
  switch (v.kind) {
    case DateTimeKind::kEpoch: return DaysFromCivil(1970, 1, 1) * kMicrosPerDay;
    case DateTimeKind::kInfinity: return kTimestampPosInfinity;
    case DateTimeKind::kNegInfinity: return kTimestampNegInfinity;
    case DateTimeKind::kFields: break;
  }
  if (!IsValidJulian(v)) return OutOfRange("timestamp", text);
  int64_t micros = v.Days() * kMicrosPerDay + v.TimeOfDay();
  if (with_zone) micros -= int64_t{DecodedOffsetAt(v, micros)} * kMicrosPerSecond;
  if (micros < kMinTimestamp || micros >= kEndTimestamp) return OutOfRange("timestamp", text);
  return micros;
}

}  // namespace

Result<int64_t> ParseDate(std::string_view text) {
  BASALT_ASSIGN_OR_RETURN(DecodedDateTime v, DecodeDateTimeText(text, "date"));
  switch (v.kind) {
    case DateTimeKind::kEpoch: return DaysFromCivil(1970, 1, 1);
    case DateTimeKind::kInfinity: return kDatePosInfinity;
    case DateTimeKind::kNegInfinity: return kDateNegInfinity;
    case DateTimeKind::kFields: break;
  }
  // A time of day is accepted and dropped, as PostgreSQL's date_in.
  if (!IsValidJulian(v)) return OutOfRange("date", text);
  const int64_t days = v.Days();
  if (days < kMinDate || days >= kEndDate) return OutOfRange("date", text);
  return days;
}

Result<int64_t> ParseTimestamp(std::string_view text) {
  return ParseTimestampImpl(text, false);
}

Result<int64_t> ParseTimestampTz(std::string_view text) {
  return ParseTimestampImpl(text, true);
}

}  // namespace basalt
