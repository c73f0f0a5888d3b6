// PostgreSQL's date and time input (datetime.c's ParseDateTime,
// DecodeDateTime and DecodeTimeOnly, written anew): the text is split into
// fields (a date, a time, a number, a word, a signed zone), and each field
// is read by what it looks like and which fields came before it, so every
// form PostgreSQL accepts reads as it does there: "January 8, 1999",
// "1999-Jan-08", "08-Jan-99", "19990108", "1999.008", "J2451187",
// "Wed Dec 17 07:37:16 1997 PST", "20011225T040506.789-07",
// "y2001m02d04", "allballs", "today", "now", ... Numeric dates are read in
// the session's DateStyle order (common/session_formats.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "common/status.h"
#include "common/time_zone.h"

namespace basalt {

enum class DateTimeKind { kFields, kEpoch, kInfinity, kNegInfinity };

struct DecodedDateTime {
  DateTimeKind kind = DateTimeKind::kFields;
  int64_t year = 2000;  // astronomical: 0 is 1 BC
  int64_t month = 1;
  int64_t day = 1;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t micros = 0;  // of the second
  bool has_date = false;
  // The zone the text names: a fixed offset (seconds east of UTC), or a
  // zone whose offset depends on the date; neither means the session's.
  std::optional<int32_t> offset_east;
  std::shared_ptr<const TimeZone> zone;

  // Days since 2000-01-01 (the year clamped far beyond the valid range,
  // which callers check); microseconds after midnight.
  int64_t Days() const;
  int64_t TimeOfDay() const;
};

// date_in's, timestamp_in's and timestamptz_in's reading; errors as
// PostgreSQL reports them for `type_name`: 22007 `invalid input syntax for
// type date: "x"`, 22008 `date/time field value out of range: "x"` (with
// the datestyle HINT when a month or day is out of range), 22009 `time
// zone displacement out of range: "x"`, 22023 `time zone "x" not
// recognized`.
Result<DecodedDateTime> DecodeDateTimeText(std::string_view text, std::string_view type_name);
// time_in's and timetz_in's: a time, optionally with a date and a zone.
Result<DecodedDateTime> DecodeTimeText(std::string_view text, std::string_view type_name);

// The offset east of UTC the decoded value's zone has at its local time
// `local_micros` (a timestamp's, or a time's on its date): the written
// offset, the named zone's, or the session's.
int32_t DecodedOffsetAt(const DecodedDateTime& value, int64_t local_micros);

}  // namespace basalt
