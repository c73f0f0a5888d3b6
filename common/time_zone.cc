#include "common/time_zone.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "common/datetime.h"

namespace basalt {
namespace {

constexpr const char* kZoneDirectory = "/usr/share/zoneinfo";
// 2000-01-01 00:00:00 UTC in Unix seconds.
constexpr int64_t kUnixSecondsAt2000 = 946'684'800;

int64_t UnixSeconds(int64_t micros) {
  const int64_t seconds = micros / kMicrosPerSecond;
  return (micros % kMicrosPerSecond < 0 ? seconds - 1 : seconds) + kUnixSecondsAt2000;
}

bool IsInfinite(int64_t micros) {
  return micros == kTimestampNegInfinity || micros == kTimestampPosInfinity;
}

// Reads big-endian integers from a TZif file, failing past its end.
class TzifReader {
 public:
  explicit TzifReader(const std::string& bytes) : bytes_(bytes) {}
  bool Skip(size_t n) {
    if (bytes_.size() - pos_ < n) return false;
    pos_ += n;
    return true;
  }
  bool Integer(size_t width, int64_t* out) {
    if (bytes_.size() - pos_ < width) return false;
    uint64_t v = 0;
    for (size_t i = 0; i < width; ++i) v = v << 8 | static_cast<uint8_t>(bytes_[pos_++]);
    // Sign-extend 4-byte values.
    *out = width == 4 ? static_cast<int32_t>(v) : static_cast<int64_t>(v);
    return true;
  }
  std::string_view Rest() const { return std::string_view(bytes_).substr(pos_); }
  size_t pos() const { return pos_; }

 private:
  const std::string& bytes_;
  size_t pos_ = 0;
};

struct TzifCounts {
  int64_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
};

bool ReadHeader(TzifReader& r, char* version, TzifCounts* c) {
  const std::string_view header = r.Rest();
  if (header.size() < 44 || header.substr(0, 4) != "TZif") return false;
  *version = header[4];
  r.Skip(20);  // magic, version, reserved
  for (int64_t* field : {&c->isut, &c->isstd, &c->leap, &c->time, &c->type, &c->chars}) {
    if (!r.Integer(4, field) || *field < 0 || *field > 1'000'000) return false;
  }
  return c->type > 0;
}

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// The path under the zone directory whose components match `name`
// case-insensitively, preferring exact matches; empty if none.
std::string FindZoneFile(std::string_view name, std::string* canonical) {
  namespace fs = std::filesystem;
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos ||
      name.find('\0') != std::string_view::npos) {
    return {};
  }
  fs::path path = kZoneDirectory;
  canonical->clear();
  std::error_code ec;
  size_t begin = 0;
  while (begin <= name.size()) {
    const size_t end = std::min(name.find('/', begin), name.size());
    const std::string part(name.substr(begin, end - begin));
    if (part.empty()) return {};
    std::string found;
    if (fs::exists(path / part, ec)) {
      found = part;
    } else {
      for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
        const std::string candidate = entry.path().filename().string();
        if (SameIgnoringCase(candidate, part)) {
          found = candidate;
          break;
        }
      }
    }
    if (found.empty()) return {};
    path /= found;
    *canonical += (canonical->empty() ? "" : "/") + found;
    begin = end + 1;
  }
  return fs::is_regular_file(path, ec) ? path.string() : std::string();
}

std::mutex cache_mutex;
std::unordered_map<std::string, std::shared_ptr<const TimeZone>>& Cache() {
  static auto* cache = new std::unordered_map<std::string, std::shared_ptr<const TimeZone>>();
  return *cache;
}

thread_local std::shared_ptr<const TimeZone> session_zone;

}  // namespace

const TimeZone& TimeZone::Utc() {
  static const std::shared_ptr<const TimeZone> utc = FromPosix("UTC0", "UTC");
  return *utc;
}

std::shared_ptr<const TimeZone> TimeZone::Find(std::string_view name) {
  const std::string key(name);
  {
    std::lock_guard lock(cache_mutex);
    auto it = Cache().find(key);
    if (it != Cache().end()) return it->second;
  }
  std::string canonical;
  const std::string path = FindZoneFile(name, &canonical);
  std::shared_ptr<const TimeZone> zone =
      path.empty() ? FromPosix(name, key) : Load(path, std::move(canonical));
  if (zone == nullptr) return nullptr;
  std::lock_guard lock(cache_mutex);
  return Cache().emplace(key, std::move(zone)).first->second;
}

std::shared_ptr<const TimeZone> TimeZone::FixedOffset(int32_t seconds_east) {
  return Find("<" + UtcOffsetText(seconds_east) + ">" + UtcOffsetText(-seconds_east));
}

std::shared_ptr<const TimeZone> TimeZone::FromPosix(std::string_view text, std::string name) {
  std::optional<PosixRule> rule = ParsePosixRule(text);
  if (!rule) return nullptr;
  std::shared_ptr<TimeZone> zone(new TimeZone());
  zone->name_ = std::move(name);
  zone->types_.push_back(rule->standard);
  zone->rule_ = std::move(rule);
  return zone;
}

std::shared_ptr<const TimeZone> TimeZone::Load(const std::string& path, std::string name) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  TzifReader r(bytes);
  char version = 0;
  TzifCounts c;
  if (!ReadHeader(r, &version, &c)) return nullptr;
  size_t time_width = 4;
  if (version >= '2') {
    // Skip the 32-bit block; the 64-bit one follows with its own header.
    if (!r.Skip(static_cast<size_t>(c.time * 5 + c.type * 6 + c.chars + c.leap * 8 + c.isstd +
                                    c.isut)) ||
        !ReadHeader(r, &version, &c)) {
      return nullptr;
    }
    time_width = 8;
  }
  std::shared_ptr<TimeZone> zone(new TimeZone());
  zone->name_ = std::move(name);
  zone->transitions_.resize(static_cast<size_t>(c.time));
  for (int64_t& t : zone->transitions_) {
    if (!r.Integer(time_width, &t)) return nullptr;
  }
  for (int64_t i = 0; i < c.time; ++i) {
    int64_t type = 0;
    if (!r.Integer(1, &type) || type >= c.type) return nullptr;
    zone->transition_types_.push_back(static_cast<uint8_t>(type));
  }
  std::vector<int64_t> abbreviation_index;
  for (int64_t i = 0; i < c.type; ++i) {
    int64_t offset = 0, daylight = 0, index = 0;
    if (!r.Integer(4, &offset) || !r.Integer(1, &daylight) || !r.Integer(1, &index)) return nullptr;
    zone->types_.push_back({static_cast<int32_t>(offset), daylight != 0, ""});
    abbreviation_index.push_back(index);
  }
  const std::string_view chars = r.Rest().substr(0, static_cast<size_t>(c.chars));
  if (!r.Skip(static_cast<size_t>(c.chars + c.leap * (time_width + 4) + c.isstd + c.isut))) {
    return nullptr;
  }
  for (size_t i = 0; i < zone->types_.size(); ++i) {
    const size_t at = static_cast<size_t>(abbreviation_index[i]);
    if (at < chars.size()) {
      zone->types_[i].abbreviation = std::string(chars.substr(at, chars.find('\0', at) - at));
    }
  }
  // The footer: "\n<POSIX TZ>\n", for instants after the last transition.
  const std::string_view footer = r.Rest();
  if (time_width == 8 && footer.size() > 2 && footer.front() == '\n') {
    const size_t end = footer.find('\n', 1);
    if (end != std::string_view::npos && end > 1)
      zone->rule_ = ParsePosixRule(footer.substr(1, end - 1));
  }
  return zone;
}

std::optional<int32_t> TimeZone::ConstantOffset() const {
  const int32_t offset = types_.front().offset;
  for (const LocalType& type : types_) {
    if (type.offset != offset) return std::nullopt;
  }
  if (rule_ && (rule_->daylight || rule_->standard.offset != offset)) return std::nullopt;
  return offset;
}

const TimeZone::LocalType& TimeZone::TypeAtUnix(int64_t unix_seconds) const {
  if (transitions_.empty() || unix_seconds >= transitions_.back()) {
    if (rule_) return PosixRuleTypeAt(*rule_, unix_seconds);
    if (transitions_.empty()) return types_.front();
    return types_[transition_types_.back()];
  }
  const auto next = std::upper_bound(transitions_.begin(), transitions_.end(), unix_seconds);
  // Before the first transition: the first type (the zone's local mean time).
  if (next == transitions_.begin()) return types_.front();
  return types_[transition_types_[static_cast<size_t>(next - transitions_.begin() - 1)]];
}

const TimeZone::LocalType& TimeZone::TypeAt(int64_t utc_micros) const {
  return TypeAtUnix(UnixSeconds(utc_micros));
}

int32_t TimeZone::OffsetForLocal(int64_t local_micros) const {
  const int64_t local = UnixSeconds(local_micros);
  // The offsets a day either side; an offset fits if it maps the local time
  // to an instant where that offset is in effect.
  const int32_t before = TypeAtUnix(local - 86'400).offset;
  const int32_t after = TypeAtUnix(local + 86'400).offset;
  const bool before_fits = TypeAtUnix(local - before).offset == before;
  const bool after_fits = TypeAtUnix(local - after).offset == after;
  if (before_fits != after_fits) return before_fits ? before : after;
  return std::min(before, after);
}

const TimeZone& SessionTimeZone() {
  return session_zone != nullptr ? *session_zone : TimeZone::Utc();
}

std::shared_ptr<const TimeZone> SessionTimeZoneSetting() {
  return session_zone;
}

void SetSessionTimeZone(std::shared_ptr<const TimeZone> zone) {
  session_zone = std::move(zone);
}

ScopedSessionTimeZone::ScopedSessionTimeZone(std::shared_ptr<const TimeZone> zone)
    : previous_(std::exchange(session_zone, std::move(zone))) {}

ScopedSessionTimeZone::~ScopedSessionTimeZone() {
  session_zone = std::move(previous_);
}

int64_t UtcToLocal(int64_t utc_micros) {
  if (IsInfinite(utc_micros)) return utc_micros;
  return utc_micros + int64_t{SessionTimeZone().OffsetAt(utc_micros)} * kMicrosPerSecond;
}

int64_t LocalToUtc(int64_t local_micros) {
  if (IsInfinite(local_micros)) return local_micros;
  return local_micros - int64_t{SessionTimeZone().OffsetForLocal(local_micros)} * kMicrosPerSecond;
}

}  // namespace basalt
