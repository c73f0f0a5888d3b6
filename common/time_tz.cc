#include "common/time_tz.h"

#include <fmt/format.h>

#include "common/datetime.h"
#include "common/datetime_decode.h"
#include "common/session_formats.h"
#include "common/time_of_day.h"
#include "common/time_zone.h"

namespace basalt {
namespace {

constexpr int kOffsetBits = 18;
constexpr int64_t kOffsetBias = int64_t{1} << (kOffsetBits - 1);
constexpr int64_t kOffsetMask = (int64_t{1} << kOffsetBits) - 1;

// The local date whose zone rules a zone name follows: the transaction's
// date in the session's zone, as PostgreSQL's GetCurrentDateTime.
int64_t TodayLocalMidnight() {
  const int64_t local = UtcToLocal(TransactionStartOrNow());
  int64_t days = local / kMicrosPerDay;
  if (local % kMicrosPerDay < 0) --days;
  return days * kMicrosPerDay;
}

}  // namespace

int64_t PackTimeTz(TimeTz t) {
  return (t.micros << kOffsetBits) | (int64_t{t.offset_east} + kOffsetBias);
}

TimeTz UnpackTimeTz(int64_t packed) {
  return {packed >> kOffsetBits, static_cast<int32_t>((packed & kOffsetMask) - kOffsetBias)};
}

Result<int64_t> ParseTimeTz(std::string_view text) {
  BASALT_ASSIGN_OR_RETURN(DecodedDateTime v, DecodeTimeText(text, "time with time zone"));
  const int64_t day = v.has_date ? v.Days() * kMicrosPerDay : TodayLocalMidnight();
  return PackTimeTz({v.TimeOfDay(), DecodedOffsetAt(v, day + v.TimeOfDay())});
}

int64_t RoundTimeTz(int64_t packed, int precision) {
  if (precision < 0) return packed;
  TimeTz t = UnpackTimeTz(packed);
  t.micros = RoundTime(t.micros, precision);
  return PackTimeTz(t);
}

void AppendUtcOffset(int32_t offset_east, std::string* out) {
  const int32_t magnitude = offset_east < 0 ? -offset_east : offset_east;
  fmt::format_to(std::back_inserter(*out), "{}{:02}", offset_east < 0 ? '-' : '+',
                 magnitude / 3600);
  const int32_t minutes = magnitude / 60 % 60, seconds = magnitude % 60;
  if (minutes != 0 || seconds != 0) fmt::format_to(std::back_inserter(*out), ":{:02}", minutes);
  if (seconds != 0) fmt::format_to(std::back_inserter(*out), ":{:02}", seconds);
}

void AppendTimeTzText(int64_t packed, std::string* out) {
  const TimeTz t = UnpackTimeTz(packed);
  AppendTimeText(t.micros, out);
  AppendUtcOffset(t.offset_east, out);
}

int CompareTimeTz(int64_t a, int64_t b) {
  const TimeTz x = UnpackTimeTz(a), y = UnpackTimeTz(b);
  const int64_t utc_x = x.micros - int64_t{x.offset_east} * kMicrosPerSecond;
  const int64_t utc_y = y.micros - int64_t{y.offset_east} * kMicrosPerSecond;
  if (utc_x != utc_y) return utc_x < utc_y ? -1 : 1;
  // PostgreSQL orders equal instants by its zone field, seconds west.
  if (x.offset_east != y.offset_east) return x.offset_east > y.offset_east ? -1 : 1;
  return 0;
}

int64_t TimeTzFromTimestampTz(int64_t utc_micros) {
  const int32_t offset = SessionTimeZone().OffsetAt(utc_micros);
  int64_t local = (utc_micros + int64_t{offset} * kMicrosPerSecond) % kMicrosPerDay;
  if (local < 0) local += kMicrosPerDay;
  return PackTimeTz({local, offset});
}

int64_t TimeTzFromTime(int64_t micros) {
  const int32_t offset = SessionTimeZone().OffsetForLocal(TodayLocalMidnight() + micros);
  return PackTimeTz({micros, offset});
}

int64_t TimeTzAtOffset(int64_t packed, int32_t offset_east) {
  const TimeTz t = UnpackTimeTz(packed);
  int64_t micros =
      (t.micros + (int64_t{offset_east} - t.offset_east) * kMicrosPerSecond) % kMicrosPerDay;
  if (micros < 0) micros += kMicrosPerDay;
  return PackTimeTz({micros, offset_east});
}

}  // namespace basalt
