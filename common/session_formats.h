// How the session on this thread prints and reads values: bytea_output,
// DateStyle (output style and the order of day, month and year in input)
// and IntervalStyle. Per thread, like the session's TimeZone
// (common/time_zone.h): pool threads move between sessions, so a session's
// entry points set them for their thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace basalt {

enum class ByteaOutput { kHex, kEscape };
// DateStyle's first part: ISO "2024-01-31 12:00:00", SQL "01/31/2024
// 12:00:00", Postgres "Wed Jan 31 12:00:00 2024", German "31.01.2024".
// XSD ("2024-01-31T12:00:00+01:00") is no setting: JSON output uses it.
enum class DateStyle { kIso, kSql, kPostgres, kGerman, kXsd };
// DateStyle's second part: how "01/02/03" is read (and the order SQL and
// Postgres output print day and month in).
enum class DateOrder { kMdy, kDmy, kYmd };
enum class IntervalStyle { kPostgres, kPostgresVerbose, kSqlStandard, kIso8601 };

struct SessionFormats {
  ByteaOutput bytea_output = ByteaOutput::kHex;
  DateStyle date_style = DateStyle::kIso;
  DateOrder date_order = DateOrder::kMdy;
  IntervalStyle interval_style = IntervalStyle::kPostgres;
  // When the session's transaction began (microseconds since 2000-01-01
  // UTC): what 'now', 'today', ... read, as in PostgreSQL. 0 outside a
  // transaction: the clock.
  int64_t transaction_start = 0;
};

// The transaction's start, or the clock outside one.
int64_t TransactionStartOrNow();

// The formats of this thread's session (PostgreSQL's defaults when none).
const SessionFormats& CurrentSessionFormats();
void SetSessionFormats(const SessionFormats& formats);
// Sets the formats for a session's entry point and restores the thread's
// previous ones when it returns.
class ScopedSessionFormats {
 public:
  explicit ScopedSessionFormats(const SessionFormats& formats);
  ~ScopedSessionFormats();
  ScopedSessionFormats(const ScopedSessionFormats&) = delete;
  ScopedSessionFormats& operator=(const ScopedSessionFormats&) = delete;

 private:
  SessionFormats previous_;
};

// The settings' canonical texts ("SQL, DMY", "iso_8601", "escape") read
// into the formats; anything else keeps the default.
SessionFormats SessionFormatsFromSettings(std::string_view bytea_output,
                                          std::string_view date_style,
                                          std::string_view interval_style);

}  // namespace basalt
