// A role's attributes with PostgreSQL's meaning (pg_authid's columns), for
// the pg_roles / pg_authid / pg_user views and the login checks: the proto
// fields that are unset by default read here as PostgreSQL's defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/proto/catalog.pb.h"

namespace basalt::catalog {

// rolconnlimit: -1 is no limit.
inline int32_t RoleConnectionLimit(const proto::Role& role) {
  return role.has_connection_limit() ? role.connection_limit() : -1;
}
// rolinherit: true unless NOINHERIT.
inline bool RoleInherit(const proto::Role& role) {
  return !role.has_inherit() || role.inherit();
}
// rolvaliduntil as timestamptz microseconds since 2000-01-01; nullopt: NULL.
inline std::optional<int64_t> RoleValidUntil(const proto::Role& role) {
  return role.has_valid_until() ? std::optional<int64_t>(role.valid_until()) : std::nullopt;
}
// rolpassword (pg_authid only, superusers only): the verifier, or NULL.
inline std::optional<std::string> RolePassword(const proto::Role& role) {
  return role.password().empty() ? std::nullopt : std::optional<std::string>(role.password());
}
// pg_roles.rolconfig / pg_db_role_setting.setconfig: "name=value" items.
inline std::vector<std::string> RoleConfig(const proto::Role& role) {
  std::vector<std::string> config;
  for (const proto::RoleSetting& setting : role.settings()) {
    config.push_back(setting.name() + "=" + setting.value());
  }
  return config;
}

}  // namespace basalt::catalog
