#include "sql/settings.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <memory>

#include <fmt/format.h>

#include "common/time_units.h"
#include "common/time_zone.h"
#include "sql/memory_units.h"

namespace basalt::sql {

namespace {

struct SettingDef {
  const char* name;
  const char* default_value;
  bool reported;
  bool read_only;
  bool set_at_server_start = false;  // read-only: the server's configuration sets it
};

// Names as PostgreSQL spells them (SHOW's column header, ParameterStatus).
constexpr SettingDef kSettings[] = {
    {"application_name", "", true, false},
    // Basalt's: a SELECT from an incremental materialized view first brings
    // it up to the session's own last commit (read_your_writes.cc).
    {"basalt.matview_read_your_writes", "off", false, false},
    // Basalt's: what one query's operators may hold in memory in all
    // before it fails with 53200 (sql/execution/query_memory.h).
    {"basalt.max_query_memory", "1GB", false, false},
    // Basalt's: index builds report their progress in NOTICE lines
    // (sql/session_index_build.cc).
    {"basalt.progress_notices", "off", false, false},
    {"block_size", "8192", false, true},
    {"bytea_output", "hex", false, false},
    {"client_encoding", "UTF8", true, false},
    {"client_min_messages", "notice", false, false},
    {"DateStyle", "ISO, MDY", true, false},
    {"deadlock_timeout", "1s", false, false},
    // Basalt's: the refresh_mode of a materialized view created without one.
    {"default_matview_refresh_mode", "full", false, false},
    {"default_transaction_isolation", "read committed", false, false},
    {"default_transaction_read_only", "off", true, false},
    {"enable_bitmapscan", "on", false, false},
    {"enable_indexscan", "on", false, false},
    {"enable_seqscan", "on", false, false},
    {"extra_float_digits", "1", false, false},
    {"idle_in_transaction_session_timeout", "0", false, false},
    {"in_hot_standby", "off", true, true},
    {"integer_datetimes", "on", true, true},
    {"IntervalStyle", "postgres", true, false},
    {"is_superuser", "off", true, true},
    {"lc_collate", "C.UTF-8", false, true},
    {"lc_ctype", "C.UTF-8", false, true},
    {"lock_timeout", "0", false, false},
    {"max_connections", "100", false, true, true},
    {"max_function_args", "100", false, true},
    {"max_identifier_length", "63", false, true},
    {"max_index_keys", "32", false, true},
    // Parallel aggregation (sql/execution/parallel_aggregate.h): threads
    // started besides the statement's own; 0 runs every query on one.
    {"max_parallel_workers_per_gather", "2", false, false},
    {"min_parallel_table_scan_size", "8MB", false, false},
    {"password_encryption", "scram-sha-256", false, false},
    // No effect: there is no row-level security to apply (pg_dump sets it
    // off to be told if rows would be hidden; none ever are).
    {"row_security", "on", false, false},
    {"search_path", "\"$user\", public", false, false},
    {"server_encoding", "UTF8", true, true},
    {"server_version", "15.0", true, true},
    {"server_version_num", "150000", false, true},
    {"session_authorization", "", true, false},
    {"standard_conforming_strings", "on", true, false},
    {"statement_timeout", "0", false, false},
    {"synchronous_commit", "on", false, false},
    // No effect: scans never start in the middle of a table (pg_dump sets
    // it off).
    {"synchronize_seqscans", "on", false, false},
    {"TimeZone", "Etc/UTC", true, false},
    {"transaction_isolation", "read committed", false, false},
    {"transaction_read_only", "off", false, false},
    {"work_mem", "4MB", false, false},
    // An index build's sort chunks (sql/execution/build_index.h).
    {"maintenance_work_mem", "64MB", false, false},
};

// PostgreSQL's work_mem and maintenance_work_mem ranges, in kB;
// basalt.max_query_memory's, which has no int32 limit.
constexpr int64_t kMinMemoryKb = 64;
constexpr int64_t kMinMaintenanceMemoryKb = 1024;
constexpr int64_t kMaxWorkMemKb = 2147483647;
constexpr int64_t kMaxQueryMemoryKb = int64_t{1} << 40;

int64_t MinMemoryKb(std::string_view name) {
  return name == "maintenance_work_mem" ? kMinMaintenanceMemoryKb : kMinMemoryKb;
}

int64_t MaxMemoryKb(std::string_view name) {
  return name == "basalt.max_query_memory" ? kMaxQueryMemoryKb : kMaxWorkMemKb;
}

// Defaults the server's configuration changed (SetServerDefault), by
// lower-case name. Written at start-up only, before any session exists.
std::map<std::string, std::string>& ServerDefaults() {
  static std::map<std::string, std::string> defaults;
  return defaults;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Status CannotChange(const SettingDef& def) {
  return Status::Error("55P02", def.set_at_server_start
                                    ? fmt::format("parameter \"{}\" cannot be changed without "
                                                  "restarting the server",
                                                  def.name)
                                    : fmt::format("parameter \"{}\" cannot be changed", def.name));
}

const SettingDef* Find(std::string_view name) {
  std::string lower = Lower(name);
  for (const SettingDef& d : kSettings) {
    if (Lower(d.name) == lower) return &d;
  }
  return nullptr;
}

Status BadValue(std::string_view name, std::string_view value) {
  return Status::Error(sqlstate::kInvalidParameterValue,
                       fmt::format("invalid value for parameter \"{}\": \"{}\"", name, value));
}

// Validates and normalizes a value the way PostgreSQL's check hooks do for
// the parameters where clients depend on the normalized form.
// An integer setting's value within [min, max], as PostgreSQL checks it.
Result<std::string> IntegerSetting(std::string_view name, std::string_view value, int min,
                                   int max) {
  int v = 0;
  try {
    size_t used = 0;
    v = std::stoi(std::string(value), &used);
    if (used != value.size()) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         fmt::format("invalid value for parameter \"{}\": \"{}\"", name, value));
  }
  if (v < min || v > max) {
    return Status::Error(
        sqlstate::kInvalidParameterValue,
        fmt::format("{} is outside the valid range for parameter \"{}\" ({} .. {})", v, name, min,
                    max));
  }
  return std::to_string(v);
}

// DateStyle as PostgreSQL's check_datestyle reads it: a comma-separated
// list of an output style (ISO, SQL, Postgres, German) and a field order
// (YMD, DMY / Euro..., MDY / US / NonEuro...), either kept from `current`
// when not given; German alone also means DMY; DEFAULT is "ISO, MDY".
// Stored as PostgreSQL shows it: "SQL, DMY".
Result<std::string> NormalizeDateStyle(std::string_view value, std::string_view current) {
  std::string style(current.substr(0, current.find(',')));
  std::string order(current.substr(current.rfind(' ') + 1));
  bool have_style = false, have_order = false, conflict = false;
  auto set_style = [&](std::string_view s) {
    conflict |= have_style && style != s;
    style = s;
    have_style = true;
  };
  auto set_order = [&](std::string_view o) {
    conflict |= have_order && order != o;
    order = o;
    have_order = true;
  };
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view item = value.substr(start, comma - start);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) {
      item.remove_prefix(1);
    }
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) {
      item.remove_suffix(1);
    }
    const std::string token = Upper(item);
    if (token.empty() || token.find_first_of(" \t\n") != std::string::npos) {
      return BadValue("DateStyle", value).WithDetail("List syntax is invalid.");
    }
    if (token == "ISO") {
      set_style("ISO");
    } else if (token == "SQL") {
      set_style("SQL");
    } else if (token.starts_with("POSTGRES")) {
      set_style("Postgres");
    } else if (token == "GERMAN") {
      set_style("German");
      if (!have_order) order = "DMY";
    } else if (token == "YMD") {
      set_order("YMD");
    } else if (token == "DMY" || token.starts_with("EURO")) {
      set_order("DMY");
    } else if (token == "MDY" || token == "US" || token.starts_with("NONEURO")) {
      set_order("MDY");
    } else if (token == "DEFAULT") {
      if (!have_style) style = "ISO";
      if (!have_order) order = "MDY";
    } else {
      return BadValue("DateStyle", value)
          .WithDetail(fmt::format("Unrecognized key word: \"{}\".", Lower(item)));
    }
    start = comma + 1;
  }
  if (conflict) {
    return BadValue("DateStyle", value).WithDetail("Conflicting \"datestyle\" specifications.");
  }
  return style + ", " + order;
}

Result<std::string> Normalize(const SettingDef& def, std::string_view value,
                              std::string_view current) {
  std::string name = def.name;
  if (name == "client_encoding") {
    // PostgreSQL compares encoding names without their punctuation and case,
    // so asyncpg's quoted 'utf-8' is UTF8.
    std::string clean;
    for (char c : value) {
      if (std::isalnum(static_cast<unsigned char>(c))) clean += static_cast<char>(std::toupper(c));
    }
    if (clean == "UTF8" || clean == "UNICODE") return std::string("UTF8");
    // PostgreSQL's other encodings exist but Basalt converts none of them:
    // refused as PostgreSQL refuses a conversion it lacks.
    static constexpr std::string_view kOtherEncodings[] = {
        "SQL_ASCII",     "EUC_JP",     "EUC_CN",     "EUC_KR",     "EUC_TW",        "EUC_JIS_2004",
        "MULE_INTERNAL", "LATIN1",     "LATIN2",     "LATIN3",     "LATIN4",        "LATIN5",
        "LATIN6",        "LATIN7",     "LATIN8",     "LATIN9",     "LATIN10",       "WIN1256",
        "WIN1258",       "WIN866",     "WIN874",     "KOI8R",      "WIN1251",       "WIN1252",
        "ISO_8859_5",    "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250",       "WIN1253",
        "WIN1254",       "WIN1255",    "WIN1257",    "KOI8U",      "SJIS",          "BIG5",
        "GBK",           "UHC",        "GB18030",    "JOHAB",      "SHIFT_JIS_2004"};
    for (std::string_view encoding : kOtherEncodings) {
      std::string encoding_clean;
      for (char c : encoding) {
        if (std::isalnum(static_cast<unsigned char>(c))) encoding_clean += c;
      }
      if (clean == encoding_clean) {
        return BadValue(name, value)
            .WithDetail(fmt::format("Conversion between {} and UTF8 is not supported.", encoding));
      }
    }
    return BadValue(name, value);
  }
  if (name == "bytea_output") {
    // How bytea values print (common/bytea.h); the session applies it.
    const std::string lower = Lower(value);
    if (lower == "hex" || lower == "escape") return lower;
    return BadValue(name, value).WithHint("Available values: escape, hex.");
  }
  if (name == "password_encryption") {
    // How CREATE / ALTER ROLE ... PASSWORD store a new password.
    const std::string lower = Lower(value);
    if (lower == "scram-sha-256" || lower == "md5") return lower;
    return BadValue(name, value).WithHint("Available values: md5, scram-sha-256.");
  }
  if (name == "DateStyle") return NormalizeDateStyle(value, current);
  if (name == "IntervalStyle") {
    const std::string lower = Lower(value);
    for (std::string_view style : {"postgres", "postgres_verbose", "sql_standard", "iso_8601"}) {
      if (lower == style) return lower;
    }
    // An enum parameter's error names it as the SET statement's lower-cased
    // identifier did.
    return BadValue(Lower(name), value)
        .WithHint("Available values: postgres, postgres_verbose, sql_standard, iso_8601.");
  }
  if (name == "max_parallel_workers_per_gather") return IntegerSetting(name, value, 0, 1024);
  if (name == "min_parallel_table_scan_size") {
    // A number without a unit counts 8kB blocks, as PostgreSQL's.
    const bool blocks = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
    BASALT_ASSIGN_OR_RETURN(int64_t kb, ParseMemoryKb(name, value, 0, kMaxWorkMemKb / 8));
    return FormatMemoryKb(blocks ? kb * 8 : kb);
  }
  if (name == "extra_float_digits") return IntegerSetting(name, value, -15, 3);
  if (name == "enable_seqscan" || name == "enable_indexscan" || name == "enable_bitmapscan" ||
      name == "basalt.matview_read_your_writes" || name == "basalt.progress_notices" ||
      name == "row_security" || name == "synchronize_seqscans") {
    // Planner switches (sql/session_index.cc); Basalt has no bitmap scans,
    // so enable_bitmapscan changes nothing.
    std::string l = Lower(value);
    if (l == "on" || l == "true" || l == "yes" || l == "1") return std::string("on");
    if (l == "off" || l == "false" || l == "no" || l == "0") return std::string("off");
    return Status::Error(sqlstate::kInvalidParameterValue,
                         fmt::format("parameter \"{}\" requires a Boolean value", name));
  }
  if (name == "standard_conforming_strings") {
    std::string l = Lower(value);
    if (l == "on" || l == "true" || l == "1") return std::string("on");
    if (l == "off" || l == "false" || l == "0") {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "standard_conforming_strings = off is not supported");
    }
    return BadValue(name, value);
  }
  if (name == "TimeZone") {
    // check_timezone: a number is hours east of UTC; else a zone name or a
    // POSIX rule, kept in its canonical spelling.
    char* end = nullptr;
    const std::string text(value);
    const double hours = std::strtod(text.c_str(), &end);
    std::shared_ptr<const TimeZone> zone;
    if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(hours) &&
        std::abs(hours) < 168) {
      zone = TimeZone::FixedOffset(static_cast<int32_t>(std::lround(hours * 3600)));
    } else {
      zone = TimeZone::Find(value);
    }
    if (zone == nullptr) return BadValue(name, value);
    return zone->name();
  }
  if (name == "statement_timeout" || name == "lock_timeout" || name == "deadlock_timeout" ||
      name == "idle_in_transaction_session_timeout") {
    BASALT_ASSIGN_OR_RETURN(int64_t ms, ParseMilliseconds(name, value));
    return FormatMilliseconds(ms);
  }
  if (name == "work_mem" || name == "maintenance_work_mem" || name == "basalt.max_query_memory") {
    BASALT_ASSIGN_OR_RETURN(int64_t kb,
                            ParseMemoryKb(name, value, MinMemoryKb(name), MaxMemoryKb(name)));
    return FormatMemoryKb(kb);
  }
  if (name == "synchronous_commit") {
    // PostgreSQL's enum with its hidden boolean spellings; without standbys
    // local, remote_write and remote_apply all wait for the local WAL sync.
    std::string l = Lower(value);
    if (l == "local" || l == "remote_write" || l == "remote_apply" || l == "on" || l == "off") {
      return l;
    }
    if (l == "true" || l == "yes" || l == "1") return std::string("on");
    if (l == "false" || l == "no" || l == "0") return std::string("off");
    return BadValue(name, value)
        .WithHint("Available values: local, remote_write, remote_apply, on, off.");
  }
  if (name == "default_matview_refresh_mode") {
    std::string l = Lower(value);
    if (l == "full" || l == "incremental" || l == "auto") return l;
    return BadValue(name, value).WithHint("Available values: full, incremental, auto.");
  }
  if (name == "transaction_isolation" || name == "default_transaction_isolation") {
    std::string l = Lower(value);
    if (l == "read committed" || l == "repeatable read" || l == "serializable" ||
        l == "read uncommitted") {
      return l;
    }
    return BadValue(name, value);
  }
  return std::string(value);
}

}  // namespace

Settings::Settings(std::string user, bool superuser) {
  for (const SettingDef& d : kSettings) values_[Lower(d.name)] = d.default_value;
  for (const auto& [name, value] : ServerDefaults()) {
    values_[name] = value;
    reset_values_[name] = value;
  }
  values_["session_authorization"] = std::move(user);
  values_["is_superuser"] = superuser ? "on" : "off";
}

std::optional<std::string> Settings::CanonicalName(std::string_view name) {
  if (const SettingDef* d = Find(name)) return std::string(d->name);
  if (name.find('.') != std::string_view::npos) return Lower(name);
  return std::nullopt;
}

Result<std::string> Settings::Set(std::string_view name, std::string_view value) {
  const SettingDef* def = Find(name);
  if (def == nullptr) {
    if (name.find('.') != std::string_view::npos) {
      values_[Lower(name)] = std::string(value);
      return Lower(name);
    }
    return Status::Error(sqlstate::kUndefinedObject,
                         fmt::format("unrecognized configuration parameter \"{}\"", name));
  }
  if (def->read_only) return CannotChange(*def);
  BASALT_ASSIGN_OR_RETURN(std::string normalized,
                          Normalize(*def, value, values_[Lower(def->name)]));
  values_[Lower(def->name)] = std::move(normalized);
  return std::string(def->name);
}

Result<std::string> Settings::SetSessionDefault(std::string_view name, std::string_view value) {
  BASALT_ASSIGN_OR_RETURN(std::string canonical, Set(name, value));
  reset_values_[Lower(canonical)] = values_[Lower(canonical)];
  return canonical;
}

Result<std::string> Settings::Reset(std::string_view name) {
  const SettingDef* def = Find(name);
  if (def == nullptr) {
    if (name.find('.') != std::string_view::npos) {
      values_.erase(Lower(name));
      return Lower(name);
    }
    return Status::Error(sqlstate::kUndefinedObject,
                         fmt::format("unrecognized configuration parameter \"{}\"", name));
  }
  if (def->read_only) return CannotChange(*def);
  if (std::string_view(def->name) != "session_authorization") {
    auto reset = reset_values_.find(Lower(def->name));
    values_[Lower(def->name)] = reset != reset_values_.end() ? reset->second : def->default_value;
  }
  return std::string(def->name);
}

void Settings::ResetAll() {
  for (const SettingDef& d : kSettings) {
    if (d.read_only || std::string_view(d.name) == "session_authorization") continue;
    auto reset = reset_values_.find(Lower(d.name));
    values_[Lower(d.name)] = reset != reset_values_.end() ? reset->second : d.default_value;
  }
}

Result<std::string> Settings::Get(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) it = values_.find(Lower(name));
  if (it == values_.end()) {
    return Status::Error(sqlstate::kUndefinedObject,
                         fmt::format("unrecognized configuration parameter \"{}\"", name));
  }
  return it->second;
}

bool Settings::IsReported(std::string_view canonical_name) {
  const SettingDef* d = Find(canonical_name);
  return d != nullptr && d->reported;
}

std::vector<std::pair<std::string, std::string>> Settings::Reported() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const SettingDef& d : kSettings) {
    if (d.reported) out.emplace_back(d.name, values_.at(Lower(d.name)));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Settings::All() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const SettingDef& d : kSettings) out.emplace_back(d.name, values_.at(Lower(d.name)));
  return out;
}

Settings::Origin Settings::OriginOf(std::string_view name) const {
  const SettingDef* def = Find(name);
  if (def == nullptr) return Origin{"session", "", ""};
  const std::string lower = Lower(def->name);
  Origin origin{"default", def->default_value, def->default_value};
  const auto server = ServerDefaults().find(lower);
  if (server != ServerDefaults().end()) origin.source = "configuration file";
  const auto reset = reset_values_.find(lower);
  if (reset != reset_values_.end()) {
    origin.reset_value = reset->second;
    if (server == ServerDefaults().end() || server->second != reset->second) {
      origin.source = "client";
    }
  }
  if (values_.at(lower) != origin.reset_value) origin.source = "session";
  return origin;
}

std::string Settings::InUnit(std::string_view name, const std::string& value,
                             std::string_view unit) {
  const std::string lower = Lower(name);
  if (unit == "kB" || unit == "8kB") {
    Result<int64_t> kb = ParseMemoryKb(lower, value, 0, kMaxQueryMemoryKb);
    if (!kb.ok()) return value;
    return std::to_string(unit == "kB" ? kb.value() : kb.value() / 8);
  }
  if (unit == "ms" || unit == "s" || unit == "min") {
    Result<int64_t> ms = ParseMilliseconds(lower, value);
    if (!ms.ok()) return value;
    return std::to_string(unit == "ms" ? ms.value() : ms.value() / (unit == "s" ? 1000 : 60000));
  }
  return value;
}

int64_t Settings::Milliseconds(std::string_view name) const {
  auto value = values_.find(name);  // callers pass lower-case names
  if (value == values_.end()) value = values_.find(Lower(name));
  const std::string& text = value->second;
  auto cached = milliseconds_.find(name);
  if (cached != milliseconds_.end() && cached->second.text == text) return cached->second.ms;
  Result<int64_t> ms = ParseMilliseconds(name, text);
  milliseconds_[std::string(name)] = ParsedMilliseconds{text, ms.ok() ? ms.value() : 0};
  return ms.ok() ? ms.value() : 0;
}

int64_t Settings::Bytes(std::string_view name) const {
  auto value = values_.find(name);  // callers pass lower-case names
  if (value == values_.end()) value = values_.find(Lower(name));
  // Stored values were validated: parsing again cannot fail.
  Result<int64_t> kb = ParseMemoryKb(name, value->second, 0, MaxMemoryKb(name));
  return (kb.ok() ? kb.value() : kMinMemoryKb) * 1024;
}

Status Settings::SetServerDefault(std::string_view name, std::string_view value) {
  const SettingDef* def = Find(name);
  if (def == nullptr || (def->read_only && !def->set_at_server_start)) {
    return Status::Error(sqlstate::kUndefinedObject,
                         fmt::format("unrecognized configuration parameter \"{}\"", name));
  }
  auto server_default = ServerDefaults().find(Lower(def->name));
  BASALT_ASSIGN_OR_RETURN(std::string normalized, Normalize(*def, value,
                                                            server_default != ServerDefaults().end()
                                                                ? server_default->second
                                                                : std::string(def->default_value)));
  ServerDefaults()[Lower(def->name)] = std::move(normalized);
  return Status::OK();
}

std::vector<std::string> Settings::SearchPath() const {
  std::vector<std::string> out;
  std::string token;
  auto flush = [&] {
    size_t b = token.find_first_not_of(' ');
    size_t e = token.find_last_not_of(' ');
    std::string t = b == std::string::npos ? "" : token.substr(b, e - b + 1);
    if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
    if (!t.empty()) out.push_back(t);
    token.clear();
  };
  for (char c : values_.at("search_path")) {
    if (c == ',') {
      flush();
    } else {
      token += c;
    }
  }
  flush();
  return out;
}

}  // namespace basalt::sql
