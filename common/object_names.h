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

  // User-defined types (CREATE TYPE, CREATE DOMAIN). The type an OID names:
  // an enum ({kEnum, oid}) or composite type ({kComposite, oid}), its array
  // type ({kEnumArray or kCompositeArray, the type's OID}),
  // or a domain's base type (a domain's values are its base type's);
  // nullopt when it names none.
  virtual std::optional<DataType> UserType(Oid /*oid*/) const { return std::nullopt; }
  // Whether `oid` is a domain (CREATE DOMAIN).
  virtual bool IsDomain(Oid /*oid*/) const { return false; }
  // The user-defined type a possibly qualified name finds (unqualified:
  // through the search_path), or nullopt.
  virtual std::optional<Oid> UserTypeNamed(std::string_view /*schema*/,
                                           std::string_view /*name*/) const {
    return std::nullopt;
  }
  // An enum's label with this sort order, and a label's sort order;
  // nullopt when the enum has no such label.
  virtual std::optional<std::string> EnumLabel(Oid /*type*/, double /*sort_order*/) const {
    return std::nullopt;
  }
  virtual std::optional<double> EnumSortOrder(Oid /*type*/, std::string_view /*label*/) const {
    return std::nullopt;
  }
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
