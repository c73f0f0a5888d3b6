#include "sql/catalog_names.h"

#include <fmt/format.h>

#include <cctype>

#include "catalog/builtin_types.h"
#include "catalog/catalog_rows.h"
#include "common/error.h"
#include "sql/binder/coerce.h"
#include "sql/parser/ast_printer.h"
#include "sql/parser/parser.h"

namespace basalt::sql {

std::vector<std::string> SplitQualifiedName(std::string_view text) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (true) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::string part;
    if (i < text.size() && text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size()) return {};
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            part += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        part += text[i++];
      }
    } else {
      while (i < text.size() && text[i] != '.' &&
             !std::isspace(static_cast<unsigned char>(text[i]))) {
        part += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++])));
      }
      if (part.empty()) return {};
    }
    parts.push_back(std::move(part));
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size()) return parts;
    if (text[i] != '.') return {};
    ++i;
  }
}

namespace {

// The type names between the parentheses of a regprocedure's text
// ("f(integer, numeric(10,2))"), split at the commas outside parentheses.
std::vector<std::string> ArgumentTypeNames(std::string_view text) {
  std::string_view inside = text.substr(text.find('(') + 1);
  inside = inside.substr(0, inside.rfind(')'));
  std::vector<std::string> names;
  std::string current;
  int depth = 0;
  for (char c : inside) {
    if (c == ',' && depth == 0) {
      names.push_back(current);
      current.clear();
      continue;
    }
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    current += c;
  }
  if (!names.empty() || current.find_first_not_of(' ') != std::string::npos) {
    names.push_back(current);
  }
  return names;
}

}  // namespace

CatalogNames::CatalogNames(std::shared_ptr<const catalog::CatalogSnapshot> snapshot, Oid database,
                           std::string user, std::vector<std::string> search_path)
    : snapshot_(std::move(snapshot)),
      database_(database),
      user_(std::move(user)),
      search_path_(std::move(search_path)) {}

std::vector<Oid> CatalogNames::SearchedSchemas(bool implicit) const {
  std::vector<Oid> out;
  bool names_pg_catalog = false;
  for (const std::string& schema : search_path_) names_pg_catalog |= schema == "pg_catalog";
  if (implicit && !names_pg_catalog) out.push_back(catalog::oids::kPgCatalogNamespace);
  for (const std::string& schema : search_path_) {
    const catalog::proto::Namespace* ns =
        snapshot_->FindNamespace(database_, schema == "$user" ? user_ : schema);
    if (ns != nullptr) out.push_back(ns->oid());
  }
  return out;
}

Oid CatalogNames::RelationInSchema(Oid namespace_oid, std::string_view name) const {
  if (auto t = snapshot_->FindTable(database_, namespace_oid, name)) return t->def.oid();
  if (auto t = snapshot_->FindIndexTable(database_, namespace_oid, name)) {
    if (t->def.primary_key_name() == name) return catalog::PrimaryKeyIndexOid(t->def);
    for (const catalog::proto::Index& index : t->def.indexes()) {
      if (index.name() == name) return index.oid();
    }
  }
  return 0;
}

std::shared_ptr<const catalog::TableEntry> CatalogNames::Table(Oid oid) const {
  return snapshot_->TableByOid(database_, oid);
}

std::shared_ptr<const catalog::TableEntry> CatalogNames::IndexTable(Oid oid) const {
  for (const auto& t : snapshot_->Tables(database_)) {
    if (!t->def.primary_key_name().empty() && catalog::PrimaryKeyIndexOid(t->def) == oid) return t;
    for (const catalog::proto::Index& index : t->def.indexes()) {
      if (index.oid() == oid) return t;
    }
  }
  return nullptr;
}

bool CatalogNames::RelationIsVisible(Oid oid) const {
  std::string name;
  if (auto t = Table(oid)) {
    name = t->def.name();
  } else if (auto owner = IndexTable(oid)) {
    if (catalog::PrimaryKeyIndexOid(owner->def) == oid) name = owner->def.primary_key_name();
    for (const catalog::proto::Index& index : owner->def.indexes()) {
      if (index.oid() == oid) name = index.name();
    }
  } else {
    return false;
  }
  for (Oid schema : SearchedSchemas(true)) {
    if (Oid found = RelationInSchema(schema, name); found != 0) return found == oid;
  }
  return false;
}

std::string CatalogNames::QualifiedRelationName(Oid namespace_oid, const std::string& name,
                                                Oid oid) const {
  if (RelationIsVisible(oid)) return ast::QuoteName(name, true);
  const catalog::proto::Namespace* ns = snapshot_->NamespaceByOid(database_, namespace_oid);
  std::string schema = ns != nullptr ? ns->name() : std::to_string(namespace_oid);
  return ast::QuoteName(schema, true) + "." + ast::QuoteName(name, true);
}

std::optional<std::string> CatalogNames::RoleName(Oid oid) const {
  if (const catalog::proto::Role* role = snapshot_->RoleByOid(oid)) return role->name();
  for (const Row& row : catalog::CatalogRows(1260, *snapshot_, database_)) {
    if (static_cast<Oid>(row[0].AsInt()) == oid) return row[1].AsString();
  }
  return std::nullopt;
}

std::optional<Oid> CatalogNames::RoleOid(std::string_view name) const {
  for (const Row& row : catalog::CatalogRows(1260, *snapshot_, database_)) {
    if (row[1].AsString() == name) return static_cast<Oid>(row[0].AsInt());
  }
  return std::nullopt;
}

bool CatalogNames::IsDomain(Oid oid) const {
  auto type = snapshot_->TypeByOid(database_, oid);
  return type != nullptr && type->kind() == "d";
}

std::optional<DataType> CatalogNames::UserType(Oid oid) const {
  if (auto type = snapshot_->TypeByOid(database_, oid)) {
    if (type->kind() == "d") {
      return DataType{static_cast<TypeId>(type->base_type_id()), type->base_typmod()};
    }
    const TypeId id = type->kind() == "c" ? TypeId::kComposite : TypeId::kEnum;
    return DataType{id, static_cast<int32_t>(oid)};
  }
  if (auto type = snapshot_->TypeByArrayOid(database_, oid)) {
    const TypeId id = type->kind() == "c" ? TypeId::kCompositeArray : TypeId::kEnumArray;
    return DataType{id, static_cast<int32_t>(type->oid())};
  }
  return std::nullopt;
}

std::optional<Oid> CatalogNames::UserTypeNamed(std::string_view schema,
                                               std::string_view name) const {
  if (!schema.empty()) {
    const catalog::proto::Namespace* ns = snapshot_->FindNamespace(database_, schema);
    if (ns == nullptr) return std::nullopt;
    auto type = snapshot_->FindType(database_, ns->oid(), name);
    return type == nullptr ? std::nullopt : std::optional(type->oid());
  }
  for (Oid ns : SearchedSchemas(true)) {
    if (auto type = snapshot_->FindType(database_, ns, name)) return type->oid();
  }
  return std::nullopt;
}

std::optional<std::string> CatalogNames::EnumLabel(Oid type, double sort_order) const {
  if (auto found = snapshot_->TypeByOid(database_, type)) {
    for (const catalog::proto::EnumLabel& label : found->labels()) {
      if (label.sort_order() == sort_order) return label.label();
    }
  }
  return std::nullopt;
}

std::optional<double> CatalogNames::EnumSortOrder(Oid type, std::string_view label) const {
  if (auto found = snapshot_->TypeByOid(database_, type)) {
    for (const catalog::proto::EnumLabel& l : found->labels()) {
      if (l.label() == label) return l.sort_order();
    }
  }
  return std::nullopt;
}

std::optional<bool> CatalogNames::UserTypeIsVisible(Oid oid) const {
  auto type = snapshot_->TypeByOid(database_, oid);
  if (type == nullptr) type = snapshot_->TypeByArrayOid(database_, oid);
  if (type == nullptr) return std::nullopt;
  return UserTypeNamed("", type->name()) == type->oid();
}

std::shared_ptr<const catalog::proto::UserType> CatalogNames::CompositeTypeOfRelation(
    Oid relation) const {
  for (const auto& type : snapshot_->Types(database_)) {
    if (type->kind() == "c" && type->relation_oid() == relation) return type;
  }
  return nullptr;
}

std::string CatalogNames::UserTypeName(const catalog::proto::UserType& type) const {
  if (UserTypeNamed("", type.name()) == type.oid()) return ast::QuoteName(type.name(), true);
  const catalog::proto::Namespace* ns = snapshot_->NamespaceByOid(database_, type.namespace_oid());
  std::string schema = ns != nullptr ? ns->name() : std::to_string(type.namespace_oid());
  return ast::QuoteName(schema, true) + "." + ast::QuoteName(type.name(), true);
}

std::string CatalogNames::FormatType(Oid type, std::optional<int32_t> typmod) const {
  if (auto user = snapshot_->TypeByOid(database_, type)) return UserTypeName(*user);
  if (auto user = snapshot_->TypeByArrayOid(database_, type)) return UserTypeName(*user) + "[]";
  if (std::optional<DataType> known = DataType::FromOid(type, typmod.value_or(-1))) {
    // A typmod on a type without one is ignored, as format_type does.
    return typmod ? known->Name() : known->BaseName();
  }
  if (const catalog::InformationSchemaDomain* domain =
          catalog::InformationSchemaDomainByOid(type)) {
    // Qualified, as format_type names a type outside the search path.
    return std::string("information_schema.") + domain->typname;
  }
  const catalog::BuiltinType* builtin = catalog::BuiltinTypeByOid(type);
  if (builtin == nullptr) return "???";
  if (builtin->typcategory == 'A' && builtin->typelem != 0) {
    return FormatType(builtin->typelem, typmod) + "[]";
  }
  return ast::QuoteName(builtin->typname, /*quote_keywords=*/true);  // "any"
}

std::optional<std::string> CatalogNames::Name(TypeId type, Oid oid) const {
  switch (type) {
    case TypeId::kRegclass: {
      if (auto t = Table(oid)) {
        return QualifiedRelationName(t->def.namespace_oid(), t->def.name(), oid);
      }
      if (auto owner = IndexTable(oid)) {
        std::string name = owner->def.primary_key_name();
        for (const catalog::proto::Index& index : owner->def.indexes()) {
          if (index.oid() == oid) name = index.name();
        }
        return QualifiedRelationName(owner->def.namespace_oid(), name, oid);
      }
      return std::nullopt;
    }
    case TypeId::kRegtype:
      if (UserType(oid)) return FormatType(oid);
      if (catalog::BuiltinTypeByOid(oid) == nullptr &&
          catalog::InformationSchemaDomainByOid(oid) == nullptr) {
        return std::nullopt;
      }
      return FormatType(oid);
    case TypeId::kRegproc:
    case TypeId::kRegprocedure: {
      const catalog::BuiltinProc* proc = catalog::BuiltinProcByOid(oid);
      if (proc == nullptr) return std::nullopt;
      if (type == TypeId::kRegproc) return std::string(proc->proname);
      std::string args;
      std::string_view list = proc->proargtypes;
      while (!list.empty()) {
        size_t end = std::min(list.find(' '), list.size());
        if (!args.empty()) args += ",";
        args += FormatType(static_cast<Oid>(std::stoul(std::string(list.substr(0, end)))));
        list.remove_prefix(std::min(end + 1, list.size()));
      }
      return fmt::format("{}({})", proc->proname, args);
    }
    case TypeId::kRegnamespace: {
      const catalog::proto::Namespace* ns = snapshot_->NamespaceByOid(database_, oid);
      if (ns == nullptr) return std::nullopt;
      return ast::QuoteName(ns->name(), true);
    }
    case TypeId::kRegrole: {
      std::optional<std::string> name = RoleName(oid);
      if (!name) return std::nullopt;
      return ast::QuoteName(*name, true);
    }
    default: return std::nullopt;
  }
}

Result<Oid> CatalogNames::Lookup(TypeId type, std::string_view text) const {
  auto invalid_name = [&] {
    return Status::Error(sqlstate::kInvalidName, fmt::format("invalid name syntax"));
  };
  switch (type) {
    case TypeId::kRegclass: {
      std::vector<std::string> parts = SplitQualifiedName(text);
      if (parts.empty() || parts.size() > 3) return invalid_name();
      const std::string& name = parts.back();
      if (parts.size() >= 2) {
        const std::string& schema = parts[parts.size() - 2];
        const catalog::proto::Namespace* ns = snapshot_->FindNamespace(database_, schema);
        if (ns == nullptr) {
          return Status::Error(sqlstate::kInvalidSchemaName,
                               fmt::format("schema \"{}\" does not exist", schema));
        }
        if (Oid oid = RelationInSchema(ns->oid(), name); oid != 0) return oid;
      } else {
        for (Oid schema : SearchedSchemas(true)) {
          if (Oid oid = RelationInSchema(schema, name); oid != 0) return oid;
        }
      }
      return Status::Error(sqlstate::kUndefinedTable,
                           fmt::format("relation \"{}\" does not exist", text));
    }
    case TypeId::kRegtype: {
      try {
        ast::ExprPtr parsed = ParseExpression(fmt::format("NULL::{}", text));
        if (parsed->kind() != ast::ExprKind::kCast) return invalid_name();
        const ast::TypeName& name = parsed->As<ast::Cast>().type;
        // The pseudo-types ('anyelement'::regtype) name no type a value
        // can have: only their pg_type rows know them.
        if (name.array_bounds == 0 && name.modifiers.empty() &&
            (name.schema.empty() || name.schema == "pg_catalog")) {
          for (const catalog::BuiltinType& builtin : catalog::BuiltinTypes()) {
            if (builtin.typtype == 'p' && name.name == builtin.typname) return builtin.oid;
          }
        }
        if (std::optional<Oid> domain = BindDomainName(name)) return *domain;
        return BindTypeName(name).oid();
      } catch (const Error& e) {
        if (e.code() == sqlstate::kSyntaxError) {
          return Status::Error(sqlstate::kUndefinedObject,
                               fmt::format("type \"{}\" does not exist", text));
        }
        return Status::Error(e.code(), e.message());
      }
    }
    case TypeId::kRegproc:
    case TypeId::kRegprocedure: {
      std::vector<std::string> parts = SplitQualifiedName(text.substr(0, text.find('(')));
      if (parts.empty() || (parts.size() == 2 && parts[0] != "pg_catalog")) {
        return Status::Error(sqlstate::kUndefinedFunction,
                             fmt::format("function \"{}\" does not exist", text));
      }
      // regprocedure names the argument types: only that overload matches.
      std::optional<std::vector<Oid>> argument_types;
      if (type == TypeId::kRegprocedure && text.find('(') != std::string_view::npos) {
        argument_types.emplace();
        for (const std::string& name : ArgumentTypeNames(text)) {
          Result<Oid> argument = Lookup(TypeId::kRegtype, name);
          if (!argument.ok()) return argument.status();
          argument_types->push_back(*argument);
        }
      }
      Oid found = 0;
      for (const catalog::BuiltinProc& proc : catalog::BuiltinProcs()) {
        if (proc.proname != parts.back()) continue;
        if (argument_types && catalog::OidList(proc.proargtypes) != *argument_types) continue;
        if (found != 0 && type == TypeId::kRegproc) {
          return Status::Error(sqlstate::kAmbiguousFunction,
                               fmt::format("more than one function named \"{}\"", text));
        }
        if (found == 0) found = proc.oid;
      }
      if (found == 0) {
        return Status::Error(sqlstate::kUndefinedFunction,
                             fmt::format("function \"{}\" does not exist", text));
      }
      return found;
    }
    case TypeId::kRegnamespace: {
      std::vector<std::string> parts = SplitQualifiedName(text);
      if (parts.size() != 1) return invalid_name();
      const catalog::proto::Namespace* ns = snapshot_->FindNamespace(database_, parts[0]);
      if (ns == nullptr) {
        return Status::Error(sqlstate::kInvalidSchemaName,
                             fmt::format("schema \"{}\" does not exist", parts[0]));
      }
      return ns->oid();
    }
    case TypeId::kRegrole: {
      std::vector<std::string> parts = SplitQualifiedName(text);
      if (parts.size() != 1) return invalid_name();
      for (const Row& row : catalog::CatalogRows(1260, *snapshot_, database_)) {
        if (row[1].AsString() == parts[0]) return static_cast<Oid>(row[0].AsInt());
      }
      return Status::Error(sqlstate::kUndefinedObject,
                           fmt::format("role \"{}\" does not exist", parts[0]));
    }
    default: return Status::Internal("not a reg* type");
  }
}

}  // namespace basalt::sql
