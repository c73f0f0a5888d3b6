// Session settings (GUCs): the subset of PostgreSQL's run-time parameters
// clients set or read, with their defaults, validation and which of them are
// reported to the client in ParameterStatus.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace basalt::sql {

class Settings {
 public:
  // `user` fills session_authorization; `superuser` is_superuser.
  Settings(std::string user, bool superuser);

  // The canonical name ("DateStyle" for "datestyle"), or nullopt when the
  // parameter does not exist. Dotted custom names ("app.x") always exist.
  static std::optional<std::string> CanonicalName(std::string_view name);

  // Validates and stores; returns the canonical name. 42704 `unrecognized
  // configuration parameter "x"`, 22023 for a bad value, 55P02 for a
  // read-only parameter.
  Result<std::string> Set(std::string_view name, std::string_view value);
  // Set, and make the value the one RESET and SET ... DEFAULT return to
  // (PostgreSQL's reset_val: startup parameters such as application_name).
  Result<std::string> SetSessionDefault(std::string_view name, std::string_view value);
  Result<std::string> Reset(std::string_view name);
  void ResetAll();
  // 42704 for unknown names.
  Result<std::string> Get(std::string_view name) const;

  // Whether changes of this parameter are sent as ParameterStatus.
  static bool IsReported(std::string_view canonical_name);
  // PostgreSQL 15's startup ParameterStatus list, in its order.
  std::vector<std::pair<std::string, std::string>> Reported() const;
  // SHOW ALL: (name, value) in name order.
  std::vector<std::pair<std::string, std::string>> All() const;

  // pg_settings' view of a setting: where its value came from ("default",
  // "configuration file", "client" for startup parameters, "session"),
  // the value RESET returns to and the built-in default.
  struct Origin {
    std::string source;
    std::string reset_value;
    std::string boot_value;
  };
  Origin OriginOf(std::string_view name) const;
  // A stored value counted in pg_settings' unit (kB, 8kB, ms, s, min; as is
  // for no unit).
  static std::string InUnit(std::string_view name, const std::string& value, std::string_view unit);

  // A time-valued setting (statement_timeout, lock_timeout, ...) in ms.
  int64_t Milliseconds(std::string_view name) const;
  // A memory setting (work_mem, basalt.max_query_memory) in bytes.
  int64_t Bytes(std::string_view name) const;

  // Changes the default of a setting for every session started afterwards
  // (the server's configuration file: basalt.max_query_memory). Validated
  // as SET validates. Call at start-up, before sessions exist.
  static Status SetServerDefault(std::string_view name, std::string_view value);

  // synchronous_commit: whether a commit waits for its WAL sync (every
  // value but off).
  bool SynchronousCommit() const { return values_.at("synchronous_commit") != "off"; }
  bool MatviewReadYourWrites() const {
    return values_.at("basalt.matview_read_your_writes") == "on";
  }

  // search_path as a list of schema names ("$user" kept as is).
  std::vector<std::string> SearchPath() const;
  // search_path as set: a cached plan is current only under the same text.
  const std::string& SearchPathText() const { return values_.at("search_path"); }

 private:
  std::map<std::string, std::string, std::less<>> values_;  // by lower-case name
  std::map<std::string, std::string> reset_values_;         // overrides of the defaults
  // Milliseconds() runs several times per statement: the last text parsed
  // for each name and its value, so the hot path neither lowers nor parses.
  struct ParsedMilliseconds {
    std::string text;
    int64_t ms = 0;
  };
  mutable std::map<std::string, ParsedMilliseconds, std::less<>> milliseconds_;
};

}  // namespace basalt::sql
