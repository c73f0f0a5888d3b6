#include "sql/binder/binder.h"

#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/coerce.h"
#include "sql/parser/parser.h"

namespace basalt::sql {

Binder::Binder(const catalog::CatalogSnapshot& snapshot, Oid database, std::string user,
               std::vector<std::string> search_path)
    : snapshot_(snapshot),
      database_(database),
      user_(std::move(user)),
      search_path_(std::move(search_path)) {}

BoundStatement Binder::Bind(const ast::Statement& statement) {
  // Each statement keeps the tables it reads, for its ACCESS SHARE locks.
  auto with_reads = [this](auto bound) -> BoundStatement {
    bound->tables_read = tables_read_;
    return bound;
  };
  switch (statement.kind()) {
    case ast::StatementKind::kSelect:
      return with_reads(BindSelect(statement.As<ast::SelectStmt>()));
    case ast::StatementKind::kInsert:
      return with_reads(BindWithCtes(statement.As<ast::InsertStmt>(),
                                     [this](const auto& s) { return BindInsert(s); }));
    case ast::StatementKind::kUpdate:
      return with_reads(BindWithCtes(statement.As<ast::UpdateStmt>(),
                                     [this](const auto& s) { return BindUpdate(s); }));
    case ast::StatementKind::kDelete:
      return with_reads(BindWithCtes(statement.As<ast::DeleteStmt>(),
                                     [this](const auto& s) { return BindDelete(s); }));
    case ast::StatementKind::kMerge:
      return with_reads(BindWithCtes(statement.As<ast::MergeStmt>(),
                                     [this](const auto& s) { return BindMerge(s); }));
    case ast::StatementKind::kCreateTable:
      return BindCreateTable(statement.As<ast::CreateTableStmt>());
    default:
      ThrowAt(sqlstate::kFeatureNotSupported, "statement is not supported here",
              statement.position);
  }
}

std::shared_ptr<const catalog::TableEntry> Binder::ResolveTargetTable(
    const ast::QualifiedName& name, std::string_view action) const {
  std::shared_ptr<const catalog::TableEntry> table = ResolveTable(name);
  if (table->IsView()) {
    // PostgreSQL writes through simple views; Basalt does not yet.
    ThrowAt(sqlstate::kFeatureNotSupported,
            fmt::format("cannot {} view \"{}\": writing through views is not supported yet", action,
                        table->def.name()),
            name.position);
  }
  if (table->IsMaterializedView()) {
    // Without a position: PostgreSQL finds this when the plan starts.
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("cannot change materialized view \"{}\"", table->def.name()));
  }
  if (table->computed) {
    // "insert into" -> "inserting into", "update" -> "updating", ...
    const std::string_view verb = action.substr(0, action.find(' '));
    std::string gerund = std::string(verb.substr(0, verb.size() - (verb.ends_with('e') ? 1 : 0))) +
                         "ing" + std::string(action.substr(verb.size()));
    std::string upper(verb);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    throw Error(sqlstate::kObjectNotInPrerequisiteState,
                fmt::format("cannot {} view \"{}\"", action, table->def.name()))
        .WithDetail(
            "Views that do not select from a single table or view are not automatically "
            "updatable.")
        .WithHint(fmt::format("To enable {} the view, provide an INSTEAD OF {} trigger or an "
                              "unconditional ON {} DO INSTEAD rule.",
                              gerund, upper, upper));
  }
  return table;
}

std::shared_ptr<const catalog::TableEntry> Binder::ResolveTable(const ast::QualifiedName& name,
                                                                bool missing_ok) const {
  if (!expanding_views_.empty()) {
    // Inside a view: the names its query wrote mean what they meant at
    // CREATE VIEW, whatever the reader's search_path.
    for (const catalog::proto::ViewReference& ref :
         expanding_views_.back()->def.view_references()) {
      if (ref.schema() != name.schema || ref.name() != name.name) continue;
      if (auto table = snapshot_.TableByOid(database_, ref.oid())) return table;
      // Dependencies keep it; reached only if the catalog lost it.
      throw Error(sqlstate::kUndefinedTable,
                  fmt::format("relation with OID {} does not exist", ref.oid()));
    }
  }
  std::shared_ptr<const catalog::TableEntry> table = ResolveTableByName(name, missing_ok);
  if (recorded_references_ != nullptr && expanding_views_.empty() && table != nullptr) {
    bool known = false;
    for (const catalog::proto::ViewReference& ref : *recorded_references_) {
      known = known || (ref.schema() == name.schema && ref.name() == name.name);
    }
    if (!known) {
      catalog::proto::ViewReference& ref = recorded_references_->emplace_back();
      ref.set_schema(name.schema);
      ref.set_name(name.name);
      ref.set_oid(table->def.oid());
    }
  }
  return table;
}

std::shared_ptr<const catalog::TableEntry> Binder::ResolveTableByName(
    const ast::QualifiedName& name, bool missing_ok) const {
  auto missing = [&]() -> std::shared_ptr<const catalog::TableEntry> {
    if (missing_ok) return nullptr;
    std::string shown = name.schema.empty() ? name.name : name.schema + "." + name.name;
    ThrowAt(sqlstate::kUndefinedTable, fmt::format("relation \"{}\" does not exist", shown),
            name.position);
  };
  if (!name.catalog.empty()) {
    const catalog::proto::Database* db = snapshot_.FindDatabase(name.catalog);
    if (db == nullptr || db->oid() != database_) {
      ThrowAt(sqlstate::kFeatureNotSupported,
              fmt::format("cross-database references are not implemented: \"{}.{}.{}\"",
                          name.catalog, name.schema, name.name),
              name.position);
    }
  }
  if (!name.schema.empty()) {
    const catalog::proto::Namespace* ns = name.schema == "pg_temp"
                                              ? TempNamespace()
                                              : snapshot_.FindNamespace(database_, name.schema);
    if (ns == nullptr) {
      if (missing_ok) return nullptr;
      ThrowAt(sqlstate::kUndefinedTable,
              fmt::format("relation \"{}.{}\" does not exist", name.schema, name.name),
              name.position);
    }
    auto table = snapshot_.FindTable(database_, ns->oid(), name.name);
    return table != nullptr ? table : missing();
  }
  // pg_catalog is searched first unless the path names it, as in PostgreSQL.
  if (auto t = snapshot_.FindTable(database_, catalog::oids::kPgCatalogNamespace, name.name)) {
    return t;
  }
  for (const std::string& schema : search_path_) {
    const catalog::proto::Namespace* ns =
        snapshot_.FindNamespace(database_, schema == "$user" ? user_ : schema);
    if (ns == nullptr) continue;
    if (auto t = snapshot_.FindTable(database_, ns->oid(), name.name)) return t;
  }
  return missing();
}

const catalog::proto::Namespace* Binder::TempNamespace() const {
  for (const std::string& schema : search_path_) {
    if (!schema.starts_with("pg_temp_")) continue;
    if (const catalog::proto::Namespace* ns = snapshot_.FindNamespace(database_, schema)) return ns;
  }
  return nullptr;
}

Oid Binder::ResolveCreationNamespace(const ast::QualifiedName& name, bool temporary) const {
  if (temporary) {
    const catalog::proto::Namespace* temp = TempNamespace();
    const bool names_temp = name.schema.empty() || name.schema == "pg_temp" ||
                            (temp != nullptr && name.schema == temp->name());
    if (!names_temp) {
      ThrowAt(sqlstate::kInvalidTableDefinition,
              "cannot create temporary relation in non-temporary schema", name.position);
    }
    if (temp == nullptr) {
      throw Error(sqlstate::kInternalError, "the session has no temporary schema");
    }
    return temp->oid();
  }
  if (!name.schema.empty()) {
    const catalog::proto::Namespace* ns = snapshot_.FindNamespace(database_, name.schema);
    if (ns == nullptr) {
      ThrowAt(sqlstate::kInvalidSchemaName,
              fmt::format("schema \"{}\" does not exist", name.schema), name.position);
    }
    return ns->oid();
  }
  for (const std::string& schema : search_path_) {
    if (schema.starts_with("pg_temp_")) continue;  // only TEMP relations go there
    const catalog::proto::Namespace* ns =
        snapshot_.FindNamespace(database_, schema == "$user" ? user_ : schema);
    if (ns != nullptr) return ns->oid();
  }
  ThrowAt(sqlstate::kInvalidSchemaName, "no schema has been selected to create in", name.position);
}

BoundExprPtr Binder::BindIdentityValue(const catalog::TableEntry& table, int column) {
  const int attnum = table.def.columns(column).attnum();
  for (const auto& relation : snapshot_.Tables(database_)) {
    const catalog::proto::SequenceDef& owner = relation->def.sequence();
    if (relation->def.relkind() != "S" || owner.owned_by_table() != table.def.oid() ||
        owner.owned_by_attnum() != attnum) {
      continue;
    }
    auto call = BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(TypeId::kInt8), 0);
    call->function = ScalarFunction::kNextval;
    call->children.push_back(
        BoundExpr::Constant(Value::Int(relation->def.oid()), DataType::Of(TypeId::kRegclass)));
    return CoerceForAssignment(std::move(call), table.ColumnType(column),
                               table.def.columns(column).name());
  }
  throw Error(sqlstate::kInternalError, fmt::format("no sequence for identity column \"{}\"",
                                                    table.def.columns(column).name()));
}

std::string Binder::DomainDefault(Oid domain) const {
  while (domain != 0) {
    const auto def = snapshot_.TypeByOid(database_, domain);
    if (def == nullptr) break;
    if (!def->default_expr().empty()) return def->default_expr();
    domain = def->base_domain_oid();
  }
  return "";
}

BoundExprPtr Binder::BindColumnDefault(const catalog::TableEntry& table, int column) {
  const catalog::proto::Column& c = table.def.columns(column);
  DataType type = table.ColumnType(column);
  if (!c.identity().empty()) return BindIdentityValue(table, column);
  // Without a default of its own, a column of a domain takes the domain's.
  const std::string text =
      c.default_expr().empty() ? DomainDefault(c.domain_oid()) : c.default_expr();
  if (text.empty()) return BoundExpr::Constant(Value::Null(), type);
  ast::ExprPtr parsed = ParseExpression(text);
  BoundExprPtr e = BindExpression(*parsed, Scope{});
  // Positions inside stored text mean nothing to the client's query.
  e->position = 0;
  return CoerceForAssignment(std::move(e), type, c.name());
}

}  // namespace basalt::sql
