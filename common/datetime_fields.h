// The fields of dates, timestamps, times and intervals: extract (numeric,
// exact), date_part (double precision) and date_trunc, with PostgreSQL 15's
// field names, results and errors (22023 `unit "x" not recognized for type
// y`, 0A000 `unit "x" not supported for type y`).
#pragma once

#include <optional>
#include <string_view>

#include "common/data_type.h"
#include "common/datetime.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt {

// A timestamp's calendar fields, as PostgreSQL's timestamp2tm (the year is
// astronomical: 0 is 1 BC).
struct TimestampFields {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int64_t micros = 0;  // the fraction of the second
};
TimestampFields FieldsOfTimestamp(int64_t timestamp);
// ISO 8601 week-numbering: the week (1..53) and its year; the day of the
// week, 0 = Sunday.
int IsoWeek(int64_t days);
int64_t IsoYear(int64_t days);
int DayOfWeek(int64_t days);

// extract(field FROM v): `type` is date, time, timestamp, timestamptz or
// interval. Infinite dates and timestamps give NULL for fields that do not
// grow with time and 22003 for the others (numeric has no infinity here).
Result<Value> ExtractField(std::string_view field, const Value& v, TypeId type);
// date_part(field, v): the same field as double precision; infinite input
// gives NULL or +-Infinity.
Result<Value> DatePartField(std::string_view field, const Value& v, TypeId type);
// date_trunc(field, v) for timestamp, timestamptz and interval.
Result<Value> TruncateToField(std::string_view field, const Value& v, TypeId type);

}  // namespace basalt
