// The names behind OIDs, for the text forms of regclass, regtype, regproc,
// regnamespace and regrole. Their output and input functions consult the
// catalog, as PostgreSQL's do; common/ has no catalog, so the session
// running a statement installs a resolver for its thread
// (ScopedObjectNames) and value_text.cc asks it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/data_type.h"
#include "common/status.h"

namespace basalt {

class ObjectNames {
 public:
  virtual ~ObjectNames() = default;
  // The text form of `oid` as a value of `type` (a reg* type): the name,
  // schema-qualified when the search_path does not find it; nullopt when no
  // such object exists (the OID is printed).
  virtual std::optional<std::string> Name(TypeId type, Oid oid) const = 0;
  // The OID `text` names as a value of `type` (regclass 'public.t', regtype
  // 'integer', ...): PostgreSQL's errors (42P01, 42704, 42883, ...) when
  // there is none.
  virtual Result<Oid> Lookup(TypeId type, std::string_view text) const = 0;
  // A role's name unquoted, and a role by its exact name (aclitem's text
  // forms); nullopt when there is none.
  virtual std::optional<std::string> RoleName(Oid oid) const = 0;
  virtual std::optional<Oid> RoleOid(std::string_view name) const = 0;
};

// The resolver of the statement running on this thread, or null.
const ObjectNames* CurrentObjectNames();

// Installs `names` for this thread until destroyed (restoring the previous).
class ScopedObjectNames {
 public:
  explicit ScopedObjectNames(const ObjectNames* names);
  ~ScopedObjectNames();
  ScopedObjectNames(const ScopedObjectNames&) = delete;
  ScopedObjectNames& operator=(const ScopedObjectNames&) = delete;

 private:
  const ObjectNames* previous_;
};

}  // namespace basalt
