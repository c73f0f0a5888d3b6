// CREATE TYPE ... AS ENUM, ALTER TYPE and DROP TYPE / DROP DOMAIN, with
// PostgreSQL's rules: labels of at most 63 bytes, ADD VALUE between two
// labels taking the midpoint of their sort orders (common/enum_value.h:
// stored values never change), DROP refusing (2BP01) or cascading to the
// columns, domains and views that use the type.
#include <fmt/format.h>

#include <algorithm>

#include "catalog/composite_type.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/catalog_names.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/ast_printer.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

using TypePtr = std::shared_ptr<const catalog::proto::UserType>;
using TableEntryPtr = std::shared_ptr<const catalog::TableEntry>;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

// NAMEDATALEN - 1, as pg_enum.enumlabel is a name.
constexpr size_t kMaxLabelBytes = 63;

void CheckLabel(const std::string& label) {
  if (label.size() > kMaxLabelBytes) {
    throw Error(sqlstate::kInvalidParameterValue, fmt::format("invalid enum label \"{}\"", label))
        .WithDetail(fmt::format("Labels must be {} bytes or less.", kMaxLabelBytes));
  }
}

Error NotALabel(const std::string& label) {
  return Error(sqlstate::kInvalidParameterValue,
               fmt::format("\"{}\" is not an existing enum label", label));
}

int FindLabel(const catalog::proto::UserType& type, const std::string& label) {
  for (int i = 0; i < type.labels_size(); ++i) {
    if (type.labels(i).label() == label) return i;
  }
  return -1;
}

// Whether `type` is the enum `oid` or an array of it.
bool IsOfType(const DataType& type, Oid oid) {
  return type.IsUserDefined() && static_cast<Oid>(type.typmod) == oid;
}

}  // namespace

std::string SessionImpl::DescribeType(const catalog::proto::UserType& type) {
  CatalogNames names(writer_.View(), database_oid_, user_, SearchPath());
  return names.UserTypeName(type);
}

TypePtr SessionImpl::FindUserType(const ast::QualifiedName& name) {
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  CatalogNames names(snapshot, database_oid_, user_, SearchPath());
  std::optional<Oid> oid = names.UserTypeNamed(name.schema, name.name);
  return oid ? snapshot->TypeByOid(database_oid_, *oid) : nullptr;
}

TypePtr SessionImpl::ResolveOwnedType(const ast::QualifiedName& name) {
  TypePtr type = FindUserType(name);
  if (type == nullptr) {
    ast::TypeName type_name;
    type_name.schema = name.schema;
    type_name.name = name.name;
    std::optional<DataType> builtin;
    try {
      builtin = BindTypeName(type_name);
    } catch (const Error&) {  // no such type at all
    }
    if (builtin) {
      throw Error(sqlstate::kDependentObjectsStillExist,
                  fmt::format("cannot drop type {} because it is required by the database system",
                              builtin->Name()));
    }
    throw Error(sqlstate::kUndefinedObject,
                fmt::format("type \"{}\" does not exist", ShownName(name)));
  }
  if (!superuser_ && type->owner_oid() != role_oid_) {
    throw Error(sqlstate::kInsufficientPrivilege,
                fmt::format("must be owner of type {}", DescribeType(*type)));
  }
  return type;
}

catalog::proto::UserType SessionImpl::NewUserType(const ast::QualifiedName& name,
                                                  const std::string& kind) {
  Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
  catalog::proto::UserType type;
  type.set_database_oid(database_oid_);
  type.set_namespace_oid(binder.ResolveCreationNamespace(name));
  type.set_name(name.name);
  type.set_owner_oid(role_oid_);
  type.set_kind(kind);
  return type;
}

void SessionImpl::ExecuteCreateType(const ast::CreateTypeStmt& stmt, ResultSink& sink) {
  if (stmt.composite) {
    ExecuteCreateCompositeType(stmt, sink);
    return;
  }
  catalog::proto::UserType type = NewUserType(stmt.name, "e");
  for (const std::string& label : stmt.labels) {
    CheckLabel(label);
    if (FindLabel(type, label) >= 0) {
      // PostgreSQL's unique index on pg_enum reports it.
      throw Error(sqlstate::kUniqueViolation,
                  "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"")
          .WithDetail(fmt::format("Key (enumtypid, enumlabel)=({}, {}) already exists.", type.oid(),
                                  label));
    }
    catalog::proto::EnumLabel* added = type.add_labels();
    added->set_label(label);
    added->set_sort_order(type.labels_size());
  }
  Check(writer_.CreateType(*txn_, std::move(type)));
  sink.CommandComplete("CREATE TYPE");
}

void SessionImpl::ExecuteCreateCompositeType(const ast::CreateTypeStmt& stmt, ResultSink& sink) {
  catalog::proto::UserType type = NewUserType(stmt.name, "c");
  for (const ast::CompositeFieldDef& def : stmt.fields) {
    for (const catalog::proto::CompositeField& field : type.fields()) {
      if (field.name() == def.name) {
        throw Error(sqlstate::kDuplicateColumn,
                    fmt::format("column \"{}\" specified more than once", def.name));
      }
    }
    const DataType field_type = BindTypeName(def.type);
    CheckNotPseudoType(def.name, field_type);
    if (!IsStorableType(field_type.id)) {
      throw Error(sqlstate::kFeatureNotSupported,
                  fmt::format("type {} is not supported yet", field_type.Name()))
          .WithPosition(def.type.position);
    }
    catalog::proto::CompositeField* field = type.add_fields();
    field->set_name(def.name);
    field->set_type_id(static_cast<uint32_t>(field_type.id));
    field->set_typmod(field_type.typmod);
    field->set_domain_oid(BindDomainName(def.type).value_or(0));
  }
  Check(writer_.CreateType(*txn_, std::move(type)));
  sink.CommandComplete("CREATE TYPE");
}

void SessionImpl::ExecuteAlterType(const ast::AlterTypeStmt& stmt, ResultSink& sink) {
  using Action = ast::AlterTypeStmt::Action;
  const TypePtr found = ResolveOwnedType(stmt.name);
  Result<catalog::proto::UserType> locked = writer_.LockType(*txn_, *found);
  Check(locked.status());
  catalog::proto::UserType type = *locked;
  if ((stmt.action == Action::kAddValue || stmt.action == Action::kRenameValue) &&
      type.kind() != "e") {
    throw Error(sqlstate::kWrongObjectType, fmt::format("{} is not an enum", type.name()));
  }
  switch (stmt.action) {
    case Action::kAddValue: {
      CheckLabel(stmt.label);
      if (FindLabel(type, stmt.label) >= 0) {
        const std::string message = fmt::format("enum label \"{}\" already exists", stmt.label);
        if (!stmt.if_not_exists) throw Error(sqlstate::kDuplicateObject, message);
        SendNotice(sink, sqlstate::kDuplicateObject, message + ", skipping");
        sink.CommandComplete("ALTER TYPE");
        return;
      }
      // The new label's place: after `index` - 1 and before `index`.
      int index = type.labels_size();
      if (!stmt.neighbor.empty()) {
        const int neighbor = FindLabel(type, stmt.neighbor);
        if (neighbor < 0) throw NotALabel(stmt.neighbor);
        index = stmt.before ? neighbor : neighbor + 1;
      }
      const auto& labels = type.labels();
      double order = 1;
      if (labels.empty()) {
        order = 1;
      } else if (index == 0) {
        order = labels[0].sort_order() - 1;
      } else if (index == labels.size()) {
        order = labels[index - 1].sort_order() + 1;
      } else {
        const double low = labels[index - 1].sort_order();
        const double high = labels[index].sort_order();
        order = low + (high - low) / 2;
        if (order <= low || order >= high) {
          throw Error(
              sqlstate::kProgramLimitExceeded,
              fmt::format("no room for a new label between \"{}\" and \"{}\" of enum {}",
                          labels[index - 1].label(), labels[index].label(), DescribeType(type)));
        }
      }
      catalog::proto::EnumLabel added;
      added.set_label(stmt.label);
      added.set_sort_order(order);
      auto* mutable_labels = type.mutable_labels();
      mutable_labels->Add(std::move(added));
      // Rotate the new (last) label into its place.
      for (int i = mutable_labels->size() - 1; i > index; --i)
        mutable_labels->SwapElements(i, i - 1);
      break;
    }
    case Action::kRenameValue: {
      const int label = FindLabel(type, stmt.label);
      if (label < 0) throw NotALabel(stmt.label);
      if (FindLabel(type, stmt.new_value) >= 0) {
        throw Error(sqlstate::kDuplicateObject,
                    fmt::format("enum label \"{}\" already exists", stmt.new_value));
      }
      CheckLabel(stmt.new_value);
      type.mutable_labels(label)->set_label(stmt.new_value);
      break;
    }
    case Action::kRename:
    case Action::kOwner:
    case Action::kSetSchema: AlterTypeIdentity(stmt.action, stmt.new_value, &type); break;
  }
  Check(writer_.AlterType(*txn_, *locked, std::move(type)));
  sink.CommandComplete("ALTER TYPE");
}

void SessionImpl::AlterTypeIdentity(ast::AlterTypeStmt::Action action, const std::string& value,
                                    catalog::proto::UserType* type) {
  using Action = ast::AlterTypeStmt::Action;
  if (action == Action::kRename) {
    type->set_name(value);
  } else if (action == Action::kOwner) {
    const catalog::proto::Role& role = ResolveRoleSpec(*writer_.View(), value);
    if (!superuser_ && role.oid() != role_oid_) {
      throw Error(sqlstate::kInsufficientPrivilege,
                  fmt::format("must be member of role \"{}\"", role.name()));
    }
    type->set_owner_oid(role.oid());
  } else {
    const catalog::proto::Namespace* ns = writer_.View()->FindNamespace(database_oid_, value);
    if (ns == nullptr) {
      throw Error(sqlstate::kInvalidSchemaName, fmt::format("schema \"{}\" does not exist", value));
    }
    type->set_namespace_oid(ns->oid());
  }
}

void SessionImpl::PlanTypeDependents(const catalog::proto::UserType& type,
                                     const std::unordered_set<Oid>& skip, TypeDrop* drop,
                                     std::vector<std::string>* depends,
                                     std::vector<std::string>* cascades) {
  const std::string name = DescribeType(type);
  auto add = [&](std::string object, const std::string& on) {
    depends->push_back(fmt::format("{} depends on type {}", object, on));
    cascades->push_back("drop cascades to " + object);
  };
  std::vector<TableEntryPtr> relations = writer_.View()->Tables(database_oid_);
  const std::vector<TypePtr> types = writer_.View()->Types(database_oid_);
  // Columns of tables and of composite types, as PostgreSQL reaches them:
  // the array type's first, each kind in the order they were made.
  struct Column {
    Oid owner;  // the table, or the composite type's pg_class row
    bool of_composite;
    std::string name;
    std::string object;
  };
  for (bool array : {true, false}) {
    std::vector<Column> columns;
    auto uses = [&](const DataType& column_type, Oid domain) {
      return (!array && domain == type.oid()) ||
             (IsOfType(column_type, type.oid()) && column_type.IsArray() == array);
    };
    for (const TableEntryPtr& table : relations) {
      if (table->computed || table->IsView() || table->IsMaterializedView() ||
          skip.contains(table->def.oid())) {
        continue;
      }
      for (int i = 0; i < table->def.columns_size(); ++i) {
        if (!uses(table->ColumnType(i), table->def.columns(i).domain_oid())) continue;
        const std::string& column = table->def.columns(i).name();
        columns.push_back({table->def.oid(), false, column,
                           fmt::format("column {} of {}", ast::QuoteName(column, true),
                                       DescribeRelation(*table))});
      }
    }
    for (const TypePtr& other : types) {
      for (const catalog::proto::CompositeField& field : other->fields()) {
        if (!uses(catalog::CompositeFieldType(field), field.domain_oid())) continue;
        columns.push_back({other->relation_oid(), true, field.name(),
                           fmt::format("column {} of composite type {}",
                                       ast::QuoteName(field.name(), true), DescribeType(*other))});
      }
    }
    std::stable_sort(columns.begin(), columns.end(),
                     [](const Column& a, const Column& b) { return a.owner < b.owner; });
    for (const Column& column : columns) {
      add(column.object, array ? name + "[]" : name);
      if (column.of_composite) {
        drop->composite_fields.push_back(column.object);
      } else {
        drop->columns.push_back({column.owner, column.name});
      }
    }
  }
  // Domains over it, and what depends on them in turn.
  for (const TypePtr& other : types) {
    if (other->base_domain_oid() != type.oid()) continue;
    add("type " + DescribeType(*other), name);
    drop->types.push_back(other);
    PlanTypeDependents(*other, skip, drop, depends, cascades);
  }
  for (const TableEntryPtr& view : relations) {
    // A view or materialized view returning the type goes whole.
    if ((!view->IsView() && !view->IsMaterializedView()) || skip.contains(view->def.oid())) {
      continue;
    }
    bool uses = false;
    for (int i = 0; i < view->def.columns_size(); ++i) {
      uses = uses || IsOfType(view->ColumnType(i), type.oid());
    }
    if (!uses) continue;
    add(DescribeRelation(*view), name);
    drop->views.push_back(view);
  }
}

void SessionImpl::DropTypeDependents(TypeDrop& drop, ResultSink& sink) {
  if (!drop.composite_fields.empty()) {
    throw Error(sqlstate::kFeatureNotSupported,
                fmt::format("cannot drop {} yet", drop.composite_fields.front()))
        .WithHint("Drop or recreate the composite type first.");
  }
  if (!drop.views.empty()) {
    for (const TableEntryPtr& view : drop.views) {
      LockRelation(*view, storage::LockLevel::kAccessExclusive);
    }
    RelationDrop views = PlanRelationDrop(drop.views);
    DropPlannedRelations(views, /*cascade=*/true, sink);
  }
  for (const auto& [table_oid, column] : drop.columns) {
    // Each drop changes the table's definition: the newest one each time.
    TableEntryPtr table = writer_.View()->TableByOid(database_oid_, table_oid);
    if (table == nullptr) continue;  // dropped with a view above
    LockRelation(*table, storage::LockLevel::kAccessExclusive);
    ast::AlterTableCommand command;
    command.column = column;
    command.cascade = true;
    DropColumn(table, command, sink);
  }
  for (const TypePtr& type : drop.types) {
    Check(writer_.LockType(*txn_, *type).status());
    Check(writer_.DropType(*txn_, *type));
  }
}

void SessionImpl::ExecuteDropType(const ast::DropStmt& stmt, ResultSink& sink) {
  std::vector<TypePtr> types;
  for (const ast::QualifiedName& name : stmt.names) {
    if (FindUserType(name) == nullptr && stmt.if_exists) {
      SendNotice(sink, sqlstate::kSuccessfulCompletion,
                 fmt::format("type \"{}\" does not exist, skipping", ShownName(name)));
      continue;
    }
    types.push_back(ResolveOwnedType(name));
    if (stmt.object_type == ast::ObjectType::kDomain && types.back()->kind() != "d") {
      throw Error(sqlstate::kWrongObjectType, fmt::format("\"{}\" is not a domain", name.name));
    }
  }
  for (const TypePtr& type : types) Check(writer_.LockType(*txn_, *type).status());
  TypeDrop drop;
  std::vector<std::string> depends, cascades;
  for (const TypePtr& type : types) PlanTypeDependents(*type, {}, &drop, &depends, &cascades);
  if (!depends.empty() && !stmt.cascade) {
    ThrowDependentObjects(types.size() == 1 ? "type " + DescribeType(*types[0]) : "", depends);
  }
  ReportCascades(cascades, sink);
  DropTypeDependents(drop, sink);
  for (const TypePtr& type : types) Check(writer_.DropType(*txn_, *type));
  sink.CommandComplete(stmt.object_type == ast::ObjectType::kDomain ? "DROP DOMAIN" : "DROP TYPE");
}

}  // namespace basalt::sql
