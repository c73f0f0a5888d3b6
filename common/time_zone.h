// Time zones as PostgreSQL's TimeZone setting names them: IANA zones read
// from the system's tzdata (TZif files under /usr/share/zoneinfo, names
// matched case-insensitively as PostgreSQL does), and POSIX TZ strings
// ("UTC+3", "<-05>+05", "EST5EDT,M3.2.0,M11.1.0"). A timestamptz is an
// instant (UTC microseconds since 2000-01-01); the session's zone decides
// how it is read and printed, and where local calendar arithmetic lands.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace basalt {

class TimeZone {
 public:
  // A local time type: seconds east of UTC, and its abbreviation ("CET").
  struct LocalType {
    int32_t offset = 0;
    bool daylight = false;
    std::string abbreviation;
  };
  // A POSIX TZ rule (the footer of a TZif file, or a whole setting).
  struct PosixRule {
    struct Day {
      enum class Kind { kJulianNoLeap, kZeroBased, kMonthWeekDay } kind = Kind::kMonthWeekDay;
      int month = 0, week = 0, day = 0;  // Mm.w.d; `day` alone for Jn and n
      int32_t seconds = 7200;            // the local time of the change
    };
    LocalType standard;
    std::optional<LocalType> daylight;
    Day start, end;
  };

  static const TimeZone& Utc();
  // The zone `name` denotes, or nullptr. Zones are immutable and cached.
  static std::shared_ptr<const TimeZone> Find(std::string_view name);
  // A fixed offset (seconds east of UTC), named as PostgreSQL names
  // `SET TIME ZONE -5`: "<-05>+05".
  static std::shared_ptr<const TimeZone> FixedOffset(int32_t seconds_east);

  // The canonical name: the file's own spelling ("Europe/Berlin" for
  // "europe/berlin"), or the POSIX string as given.
  const std::string& name() const { return name_; }

  // The local time type at an instant (UTC microseconds since 2000-01-01).
  const LocalType& TypeAt(int64_t utc_micros) const;
  int32_t OffsetAt(int64_t utc_micros) const { return TypeAt(utc_micros).offset; }
  // The offset that turns a local wall-clock time into an instant. A time a
  // transition skips or repeats takes the smaller of the offsets around it,
  // as PostgreSQL (the time before a spring-forward gap, standard time in a
  // fall-back overlap).
  int32_t OffsetForLocal(int64_t local_micros) const;
  // The offset of a zone that never changes it ("UTC", "Etc/GMT-3",
  // "<+05>-05"), else nullopt: PostgreSQL's pg_get_timezone_offset.
  std::optional<int32_t> ConstantOffset() const;

 private:
  TimeZone() = default;
  static std::shared_ptr<const TimeZone> Load(const std::string& path, std::string name);
  static std::shared_ptr<const TimeZone> FromPosix(std::string_view text, std::string name);
  const LocalType& TypeAtUnix(int64_t unix_seconds) const;

  std::string name_;
  std::vector<int64_t> transitions_;       // Unix seconds, ascending
  std::vector<uint8_t> transition_types_;  // index into types_ per transition
  std::vector<LocalType> types_;
  std::optional<PosixRule> rule_;  // after the last transition
};

// The TimeZone of the session whose work runs on this thread (UTC when none
// is set). Sessions set it on every entry, since pool threads move between
// sessions.
const TimeZone& SessionTimeZone();
// The same as set (null when none is), for a thread that works for the
// session too (a parallel query's worker).
std::shared_ptr<const TimeZone> SessionTimeZoneSetting();
void SetSessionTimeZone(std::shared_ptr<const TimeZone> zone);
// Sets the zone for a session's entry point and restores the thread's
// previous one when it returns.
class ScopedSessionTimeZone {
 public:
  explicit ScopedSessionTimeZone(std::shared_ptr<const TimeZone> zone);
  ~ScopedSessionTimeZone();
  ScopedSessionTimeZone(const ScopedSessionTimeZone&) = delete;
  ScopedSessionTimeZone& operator=(const ScopedSessionTimeZone&) = delete;

 private:
  std::shared_ptr<const TimeZone> previous_;
};

// Local wall-clock microseconds of an instant in the session's zone, and
// back; infinities unchanged.
int64_t UtcToLocal(int64_t utc_micros);
int64_t LocalToUtc(int64_t local_micros);

// time_zone_posix.cc: parses a POSIX TZ rule (nullopt if `text` is not
// one), and the local time type it gives at an instant.
std::optional<TimeZone::PosixRule> ParsePosixRule(std::string_view text);
const TimeZone::LocalType& PosixRuleTypeAt(const TimeZone::PosixRule& rule, int64_t unix_seconds);

}  // namespace basalt
