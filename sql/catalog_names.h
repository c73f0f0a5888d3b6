// Names of catalog objects as a session sees them: by OID to text (the
// output of regclass, regtype, ... and of format_type, pg_get_userbyid),
// text to OID (their input), and visibility through the search_path
// (pg_table_is_visible). PostgreSQL's namespace.c and regproc.c rules:
// pg_catalog is searched first unless the search_path names it, and a name
// is schema-qualified where the search_path would not find it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/object_names.h"

namespace basalt::sql {

class CatalogNames : public ObjectNames {
 public:
  CatalogNames(std::shared_ptr<const catalog::CatalogSnapshot> snapshot, Oid database,
               std::string user, std::vector<std::string> search_path);

  std::optional<std::string> Name(TypeId type, Oid oid) const override;
  Result<Oid> Lookup(TypeId type, std::string_view text) const override;

  // The schemas searched, in order, as OIDs: pg_catalog first unless the
  // path names it; with `implicit` false, only the ones the path names
  // (current_schemas(false)).
  std::vector<Oid> SearchedSchemas(bool implicit) const;
  // User-defined types (common/object_names.h).
  std::optional<DataType> UserType(Oid oid) const override;
  bool IsDomain(Oid oid) const override;
  std::optional<Oid> UserTypeNamed(std::string_view schema, std::string_view name) const override;
  std::optional<std::string> EnumLabel(Oid type, double sort_order) const override;
  std::optional<double> EnumSortOrder(Oid type, std::string_view label) const override;
  // pg_type_is_visible of a user-defined type (or its array type): whether
  // its unqualified name finds it; nullopt when `oid` is no such type.
  std::optional<bool> UserTypeIsVisible(Oid oid) const;
  // The composite type whose pg_class row `relation` is, or null.
  std::shared_ptr<const catalog::proto::UserType> CompositeTypeOfRelation(Oid relation) const;
  // The type's name as format_type prints it: schema-qualified unless the
  // search_path finds it.
  std::string UserTypeName(const catalog::proto::UserType& type) const;

  // Whether an unqualified name finds relation `oid` (table, view or index).
  bool RelationIsVisible(Oid oid) const;
  // The relation or index named `name` in the schema, or 0.
  Oid RelationInSchema(Oid namespace_oid, std::string_view name) const;
  // The role's name, or nullopt.
  std::optional<std::string> RoleName(Oid oid) const override;
  std::optional<Oid> RoleOid(std::string_view name) const override;
  // The table with relation `oid` (not an index), or null.
  std::shared_ptr<const catalog::TableEntry> Table(Oid oid) const;
  // The table owning index `oid` (the primary key's derived OID too), or
  // null.
  std::shared_ptr<const catalog::TableEntry> IndexTable(Oid oid) const;
  // format_type(type, typmod): "integer", "character varying(10)", "text[]".
  // Without a typmod (format_type(type, NULL), a regtype's text), bpchar is
  // "character"; with typmod -1 it is "bpchar".
  std::string FormatType(Oid type, std::optional<int32_t> typmod = std::nullopt) const;

  const catalog::CatalogSnapshot& snapshot() const { return *snapshot_; }
  Oid database() const { return database_; }
  const std::string& user() const { return user_; }
  const std::vector<std::string>& search_path() const { return search_path_; }

 private:
  std::string QualifiedRelationName(Oid namespace_oid, const std::string& name, Oid oid) const;

  std::shared_ptr<const catalog::CatalogSnapshot> snapshot_;
  Oid database_;
  std::string user_;
  std::vector<std::string> search_path_;
};

// The names as of each call: a session's current catalog view and
// search_path, which statements of one query string may change.
class CurrentCatalogNames : public ObjectNames {
 public:
  explicit CurrentCatalogNames(std::function<CatalogNames()> make) : make_(std::move(make)) {}
  std::optional<std::string> Name(TypeId type, Oid oid) const override {
    return make_().Name(type, oid);
  }
  Result<Oid> Lookup(TypeId type, std::string_view text) const override {
    return make_().Lookup(type, text);
  }
  std::optional<std::string> RoleName(Oid oid) const override { return make_().RoleName(oid); }
  std::optional<Oid> RoleOid(std::string_view name) const override { return make_().RoleOid(name); }
  std::optional<DataType> UserType(Oid oid) const override { return make_().UserType(oid); }
  bool IsDomain(Oid oid) const override { return make_().IsDomain(oid); }
  std::optional<Oid> UserTypeNamed(std::string_view schema, std::string_view name) const override {
    return make_().UserTypeNamed(schema, name);
  }
  std::optional<std::string> EnumLabel(Oid type, double sort_order) const override {
    return make_().EnumLabel(type, sort_order);
  }
  std::optional<double> EnumSortOrder(Oid type, std::string_view label) const override {
    return make_().EnumSortOrder(type, label);
  }

 private:
  std::function<CatalogNames()> make_;
};

// Splits a possibly qualified, possibly quoted name ("public.t",
// "\"My T\"") into its parts, folding unquoted parts to lower case; empty
// on a syntax error.
std::vector<std::string> SplitQualifiedName(std::string_view text);

}  // namespace basalt::sql
