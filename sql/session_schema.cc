// CREATE / ALTER / DROP SCHEMA, with PostgreSQL 15's checks, messages and
// CASCADE reports. A schema's relations are dropped as DROP TABLE drops
// them (PlanRelationDrop), each reported with what depends on it.
#include <fmt/format.h>

#include <algorithm>

#include "catalog/oids.h"
#include "sql/execution/evaluate.h"
#include "sql/forwarding_result_sink.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

using TableEntryPtr = std::shared_ptr<const catalog::TableEntry>;

void CheckSchemaName(const std::string& name) {
  if (name.starts_with("pg_")) {
    throw Error(sqlstate::kReservedName, fmt::format("unacceptable schema name \"{}\"", name))
        .WithDetail("The prefix \"pg_\" is reserved for system schemas.");
  }
}

Error SchemaMissing(const std::string& name) {
  return Error(sqlstate::kInvalidSchemaName, fmt::format("schema \"{}\" does not exist", name));
}

// The schemas Basalt itself reads by name.
bool IsSystemSchema(const catalog::proto::Namespace& ns) {
  return ns.oid() != catalog::oids::kPublicNamespace && ns.oid() < catalog::oids::kFirstUserOid;
}

}  // namespace

const catalog::proto::Role& SessionImpl::ResolveRoleSpec(const catalog::CatalogSnapshot& snapshot,
                                                         const std::string& spec) {
  // No SET ROLE yet: CURRENT_USER, CURRENT_ROLE and SESSION_USER are all
  // the login role.
  const bool current = spec == "CURRENT_USER" || spec == "CURRENT_ROLE" || spec == "SESSION_USER";
  const catalog::proto::Role* role =
      current ? snapshot.RoleByOid(role_oid_) : snapshot.FindRole(spec);
  if (role == nullptr) {
    throw Error(sqlstate::kUndefinedObject, fmt::format("role \"{}\" does not exist", spec));
  }
  return *role;
}

void SessionImpl::ExecuteCreateSchema(const ast::CreateSchemaStmt& stmt, ResultSink& sink) {
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  Oid owner = role_oid_;
  std::string name = stmt.name;
  if (!stmt.authorization.empty()) {
    const catalog::proto::Role& role = ResolveRoleSpec(*snapshot, stmt.authorization);
    owner = role.oid();
    if (name.empty()) name = role.name();
  }
  // CREATE on the database: its owner's, or a superuser's (there is no
  // GRANT yet); giving the schema to another role takes membership in it.
  const catalog::proto::Database* database = nullptr;
  for (const catalog::proto::Database* db : snapshot->Databases()) {
    if (db->oid() == database_oid_) database = db;
  }
  if (!superuser_ && (database == nullptr || database->owner_oid() != role_oid_)) {
    throw Error(sqlstate::kInsufficientPrivilege,
                fmt::format("permission denied for database {}",
                            database == nullptr ? "" : database->name()));
  }
  if (!superuser_ && owner != role_oid_) {
    throw Error(sqlstate::kInsufficientPrivilege,
                fmt::format("must be member of role \"{}\"", snapshot->RoleByOid(owner)->name()));
  }
  if (stmt.if_not_exists && snapshot->FindNamespace(database_oid_, name) != nullptr) {
    SendNotice(sink, sqlstate::kSuccessfulCompletion,
               fmt::format("schema \"{}\" already exists, skipping", name));
    sink.CommandComplete("CREATE SCHEMA");
    return;
  }
  CheckSchemaName(name);
  catalog::proto::Namespace ns;
  ns.set_name(name);
  ns.set_database_oid(database_oid_);
  ns.set_owner_oid(owner);
  Status st = writer_.CreateNamespace(*txn_, std::move(ns));
  if (!st.ok()) ThrowStatus(st);
  if (!stmt.elements.empty()) CreateSchemaElements(stmt, name, sink);
  sink.CommandComplete("CREATE SCHEMA");
}

namespace {

// Where a schema element's results go: its notices reach the client, its
// command tag does not (CREATE SCHEMA has one).
class SchemaElementSink final : public ForwardingResultSink {
 public:
  using ForwardingResultSink::ForwardingResultSink;
  void BeginResult(const std::vector<ResultColumn>&) override {}
  void Rows(std::span<const Row>) override {}
  void CommandComplete(std::string_view) override {}
  void EmptyQuery() override {}
};

// The schema a schema element names its object (an index: its table) in;
// empty when unqualified.
const std::string& ElementSchema(const ast::Statement& element) {
  switch (element.kind()) {
    case ast::StatementKind::kCreateTable: return element.As<ast::CreateTableStmt>().name.schema;
    case ast::StatementKind::kCreateView: return element.As<ast::CreateViewStmt>().name.schema;
    case ast::StatementKind::kCreateIndex: return element.As<ast::CreateIndexStmt>().table.schema;
    default: return element.As<ast::CreateSequenceStmt>().name.schema;
  }
}

// PostgreSQL's order of schema elements (transformCreateSchemaStmt):
// sequences, tables, views, then indexes, whatever order they are written
// in, so a view may read a table written after it.
int ElementRank(const ast::Statement& element) {
  switch (element.kind()) {
    case ast::StatementKind::kCreateSequence: return 0;
    case ast::StatementKind::kCreateTable: return 1;
    case ast::StatementKind::kCreateView: return 2;
    default: return 3;
  }
}

}  // namespace

void SessionImpl::CreateSchemaElements(const ast::CreateSchemaStmt& stmt, const std::string& schema,
                                       ResultSink& sink) {
  std::vector<const ast::Statement*> elements;
  for (const ast::StatementPtr& element : stmt.elements) {
    const std::string& named = ElementSchema(*element);
    if (!named.empty() && named != schema) {
      throw Error(sqlstate::kInvalidSchemaDefinition,
                  fmt::format("CREATE specifies a schema ({}) different from the one being "
                              "created ({})",
                              named, schema));
    }
    elements.push_back(element.get());
  }
  std::stable_sort(elements.begin(), elements.end(),
                   [](const auto* a, const auto* b) { return ElementRank(*a) < ElementRank(*b); });
  // Unqualified names are made in the new schema and find what earlier
  // elements made there: it leads the search path meanwhile.
  std::vector<std::string> path = SearchPath();
  path.insert(path.begin(), schema);
  search_path_override_ = std::move(path);
  struct RestorePath {
    std::optional<std::vector<std::string>>& path;
    ~RestorePath() { path.reset(); }
  } restore{search_path_override_};
  SchemaElementSink element_sink(sink);
  for (const ast::Statement* element : elements) {
    switch (element->kind()) {
      case ast::StatementKind::kCreateTable: {
        const auto& create = element->As<ast::CreateTableStmt>();
        if (create.temporary) {
          throw Error(sqlstate::kInvalidTableDefinition,
                      "cannot create temporary relation in non-temporary schema")
              .WithPosition(create.name.position);
        }
        ExecuteCreateTable(create, element_sink);
        break;
      }
      case ast::StatementKind::kCreateView:
        ExecuteCreateView(element->As<ast::CreateViewStmt>(), element_sink);
        break;
      case ast::StatementKind::kCreateIndex: {
        const auto& create = element->As<ast::CreateIndexStmt>();
        if (create.concurrently) {  // PreventInTransactionBlock, not at top level
          throw Error(sqlstate::kActiveSqlTransaction,
                      "CREATE INDEX CONCURRENTLY cannot be executed from a function");
        }
        ExecuteCreateIndex(create, element_sink);
        break;
      }
      default: ExecuteCreateSequence(element->As<ast::CreateSequenceStmt>(), element_sink); break;
    }
  }
}

void SessionImpl::ExecuteAlterSchema(const ast::AlterSchemaStmt& stmt, ResultSink& sink) {
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  const catalog::proto::Namespace* found = snapshot->FindNamespace(database_oid_, stmt.name);
  if (found == nullptr) throw SchemaMissing(stmt.name);
  if (IsSystemSchema(*found)) {
    throw Error(sqlstate::kFeatureNotSupported,
                fmt::format("schema \"{}\" cannot be altered", stmt.name));
  }
  if (!superuser_ && found->owner_oid() != role_oid_) {
    throw Error(sqlstate::kInsufficientPrivilege,
                fmt::format("must be owner of schema {}", stmt.name));
  }
  Result<catalog::proto::Namespace> locked = writer_.LockNamespace(*txn_, *found);
  if (!locked.ok()) ThrowStatus(locked.status());
  catalog::proto::Namespace ns = *locked;
  if (stmt.rename) {
    CheckSchemaName(stmt.new_value);
    ns.set_name(stmt.new_value);
  } else {
    const catalog::proto::Role& role = ResolveRoleSpec(*snapshot, stmt.new_value);
    if (!superuser_ && role.oid() != role_oid_) {
      throw Error(sqlstate::kInsufficientPrivilege,
                  fmt::format("must be member of role \"{}\"", role.name()));
    }
    ns.set_owner_oid(role.oid());
  }
  Status st = writer_.AlterNamespace(*txn_, *locked, std::move(ns));
  if (!st.ok()) ThrowStatus(st);
  sink.CommandComplete("ALTER SCHEMA");
}

void SessionImpl::ExecuteDropSchema(const ast::DropStmt& stmt, ResultSink& sink) {
  // Every name is resolved first: DROP SCHEMA a, missing drops nothing.
  std::vector<catalog::proto::Namespace> schemas;
  {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    for (const ast::QualifiedName& name : stmt.names) {
      const catalog::proto::Namespace* ns = snapshot->FindNamespace(database_oid_, name.name);
      if (ns == nullptr) {
        if (!stmt.if_exists) throw SchemaMissing(name.name);
        SendNotice(sink, sqlstate::kSuccessfulCompletion,
                   fmt::format("schema \"{}\" does not exist, skipping", name.name));
        continue;
      }
      if (IsSystemSchema(*ns)) {
        throw Error(sqlstate::kDependentObjectsStillExist,
                    fmt::format("cannot drop schema {} because it is required by the database "
                                "system",
                                ns->name()));
      }
      if (!superuser_ && ns->owner_oid() != role_oid_) {
        throw Error(sqlstate::kInsufficientPrivilege,
                    fmt::format("must be owner of schema {}", ns->name()));
      }
      schemas.push_back(*ns);
    }
  }
  // Locked, no relation can be created in them any more: what they hold
  // now is what goes.
  for (const catalog::proto::Namespace& ns : schemas) {
    Result<catalog::proto::Namespace> locked = writer_.LockNamespace(*txn_, ns);
    if (!locked.ok()) ThrowStatus(locked.status());
  }
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  std::vector<TableEntryPtr> members;
  std::vector<std::string> schema_of;  // each member's schema, for the report
  for (const catalog::proto::Namespace& ns : schemas) {
    std::vector<TableEntryPtr> held;
    for (const TableEntryPtr& table : snapshot->Tables(database_oid_)) {
      if (!table->computed && table->def.namespace_oid() == ns.oid()) held.push_back(table);
    }
    std::sort(held.begin(), held.end(), [](const TableEntryPtr& a, const TableEntryPtr& b) {
      return a->def.oid() < b->def.oid();
    });
    for (TableEntryPtr& table : held) {
      members.push_back(std::move(table));
      schema_of.push_back(ns.name());
    }
  }
  for (const TableEntryPtr& table : members) {
    LockRelation(*table, storage::LockLevel::kAccessExclusive);
  }
  RelationDrop drop = PlanRelationDrop(members);
  std::vector<std::string> depends, cascades;
  // The schemas' types, with the columns and views elsewhere using them.
  std::vector<std::shared_ptr<const catalog::proto::UserType>> types;
  TypeDrop type_drop;
  for (const catalog::proto::Namespace& ns : schemas) {
    for (const auto& type : snapshot->Types(database_oid_)) {
      if (type->namespace_oid() != ns.oid()) continue;
      Result<catalog::proto::UserType> locked = writer_.LockType(*txn_, *type);
      if (!locked.ok()) ThrowStatus(locked.status());
      const std::string member = "type " + DescribeType(*type);
      depends.push_back(fmt::format("{} depends on schema {}", member, ns.name()));
      cascades.push_back("drop cascades to " + member);
      PlanTypeDependents(*type, drop.seen, &type_drop, &depends, &cascades);
      types.push_back(type);
    }
  }
  for (size_t i = 0; i < members.size(); ++i) {
    // A sequence a dropped column owns (serial) goes with it, unreported.
    const Oid owner = members[i]->def.sequence().owned_by_table();
    if (members[i]->def.relkind() == "S" && owner != 0 && drop.seen.contains(owner)) continue;
    const std::string member = DescribeRelation(*members[i]);
    depends.push_back(fmt::format("{} depends on schema {}", member, schema_of[i]));
    cascades.push_back("drop cascades to " + member);
    for (const RelationDrop::Dependent& d : drop.views[i]) {
      depends.push_back(
          fmt::format("{} depends on {}", DescribeRelation(*d.object), DescribeRelation(*d.on)));
      cascades.push_back("drop cascades to " + DescribeRelation(*d.object));
    }
    for (const RelationDrop::ForeignKey& fk : drop.foreign_keys[i]) {
      depends.push_back(
          fmt::format("{} depends on {}", DescribeForeignKey(fk), DescribeRelation(*fk.on)));
      cascades.push_back("drop cascades to " + DescribeForeignKey(fk));
    }
  }
  if (!depends.empty() && !stmt.cascade) {
    ThrowDependentObjects(schemas.size() == 1 ? "schema " + schemas[0].name() : "", depends);
  }
  ReportCascades(cascades, sink);
  DropTypeDependents(type_drop, sink);
  DropPlannedRelations(drop, stmt.cascade, sink);
  for (const auto& type : types) {
    Status st = writer_.DropType(*txn_, *type);
    if (!st.ok()) ThrowStatus(st);
  }
  for (const catalog::proto::Namespace& ns : schemas) {
    Status st = writer_.DropNamespace(*txn_, ns);
    if (!st.ok()) ThrowStatus(st);
  }
  sink.CommandComplete("DROP SCHEMA");
}

}  // namespace basalt::sql
