// CREATE [OR REPLACE] VIEW, and DROP TABLE / DROP VIEW with the views that
// depend on what they drop (RESTRICT: 2BP01; CASCADE: dropped too).
#include <fmt/format.h>

#include <functional>
#include <unordered_set>

#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/binder/storage_parameters.h"
#include "sql/binder/stored_literals.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/ast_printer.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

using TableEntryPtr = std::shared_ptr<const catalog::TableEntry>;

// What DROP calls a relation: "table", "view", "materialized view".
std::string_view KindNoun(const catalog::TableEntry& table) {
  if (table.IsMaterializedView()) return "materialized view";
  if (table.def.relkind() == "S") return "sequence";
  return table.IsView() || table.computed ? "view" : "table";
}

std::string_view KindNoun(ast::ObjectType type) {
  switch (type) {
    case ast::ObjectType::kView: return "view";
    case ast::ObjectType::kMaterializedView: return "materialized view";
    case ast::ObjectType::kSequence: return "sequence";
    default: return "table";
  }
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The view's columns from its bound query, renamed by the column list.
void SetViewColumns(const ast::CreateViewStmt& stmt, const BoundSelect& query,
                    catalog::proto::Table* view) {
  if (stmt.columns.size() > query.columns.size()) {
    throw Error(sqlstate::kSyntaxError, "CREATE VIEW specifies more column names than columns");
  }
  for (size_t i = 0; i < query.columns.size(); ++i) {
    const ResultColumn& result = query.columns[i];
    const std::string& name = i < stmt.columns.size() ? stmt.columns[i].name : result.name;
    CheckNotPseudoType(name, result.type);
    for (const catalog::proto::Column& seen : view->columns()) {
      if (seen.name() == name) {
        throw Error(sqlstate::kDuplicateColumn,
                    fmt::format("column \"{}\" specified more than once", name));
      }
    }
    catalog::proto::Column* c = view->add_columns();
    c->set_attnum(static_cast<int32_t>(i + 1));
    c->set_name(name);
    c->set_type_id(static_cast<uint32_t>(result.type.id));
    c->set_typmod(result.type.typmod);
  }
}

// CREATE OR REPLACE VIEW keeps the existing columns; it may add some.
void CheckReplacedColumns(const catalog::TableEntry& old, const catalog::proto::Table& view) {
  if (view.columns_size() < old.def.columns_size()) {
    throw Error(sqlstate::kInvalidTableDefinition, "cannot drop columns from view");
  }
  for (int i = 0; i < old.def.columns_size(); ++i) {
    const catalog::proto::Column& before = old.def.columns(i);
    const catalog::proto::Column& after = view.columns(i);
    if (before.name() != after.name()) {
      throw Error(sqlstate::kInvalidTableDefinition,
                  fmt::format("cannot change name of view column \"{}\" to \"{}\"", before.name(),
                              after.name()))
          .WithHint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
    }
    const DataType old_type{static_cast<TypeId>(before.type_id()), before.typmod()};
    const DataType new_type{static_cast<TypeId>(after.type_id()), after.typmod()};
    if (old_type.id != new_type.id || old_type.typmod != new_type.typmod) {
      throw Error(sqlstate::kInvalidTableDefinition,
                  fmt::format("cannot change data type of view column \"{}\" from {} to {}",
                              before.name(), old_type.Name(), new_type.Name()));
    }
  }
}

}  // namespace

void SessionImpl::ExecuteCreateView(const ast::CreateViewStmt& stmt, ResultSink& sink) {
  const ast::SelectStmt* leftmost = stmt.query.get();
  while (leftmost->set_operation != ast::SetOperation::kNone && leftmost->left != nullptr) {
    leftmost = leftmost->left.get();
  }
  if (leftmost->into.has_value()) {
    throw Error(sqlstate::kFeatureNotSupported, "views must not contain SELECT INTO");
  }
  if (stmt.temporary) EnsureTempNamespace();
  while (true) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    Binder binder(*snapshot, database_oid_, user_, SearchPath());
    catalog::proto::Table view;
    std::vector<catalog::proto::ViewReference> references;
    binder.RecordViewReferences(&references);
    std::unique_ptr<BoundSelect> query = binder.BindSelect(*stmt.query);
    // As PostgreSQL: a view reading a temporary table is temporary itself.
    bool temporary = stmt.temporary;
    const catalog::proto::Namespace* temp = binder.TempNamespace();
    if (!temporary && temp != nullptr && stmt.name.schema.empty()) {
      for (const auto& table : binder.tables_read()) {
        if (table->def.namespace_oid() != temp->oid()) continue;
        temporary = true;
        break;
      }
    }
    view.set_database_oid(database_oid_);
    view.set_namespace_oid(binder.ResolveCreationNamespace(stmt.name, temporary));
    view.set_name(stmt.name.name);
    view.set_relkind("v");
    view.set_owner_oid(role_oid_);
    view.set_view_query(
        WithLiteralTexts(stmt.query_text, stmt.query_position, DateTimeLiteralTexts(*query)));
    for (catalog::proto::ViewReference& ref : references) *view.add_view_references() = ref;
    SetViewColumns(stmt, *query, &view);
    std::vector<std::pair<std::string, std::string>> options;
    bool check_option = false;
    for (const ast::RelationOption& option : stmt.options) {
      options.emplace_back(option.name, option.value);
      check_option = check_option || option.name == "check_option";
    }
    if (!stmt.check_option.empty()) {
      options.emplace_back("check_option", stmt.check_option);
      check_option = true;
    }
    if (check_option) {
      // PostgreSQL's DefineView: only a view it can write through may
      // check what is written.
      auto entry = std::make_shared<catalog::TableEntry>();
      entry->def = view;
      const std::string detail = binder.ViewUpdatableDetail(entry);
      if (!detail.empty()) {
        throw Error(sqlstate::kFeatureNotSupported,
                    "WITH CHECK OPTION is supported only on automatically updatable views")
            .WithHint(detail);
      }
    }
    for (const std::string& option : CheckViewOptions(options)) view.add_reloptions(option);
    // The relations read stay as they are until the transaction ends, as
    // PostgreSQL's ACCESS SHARE locks at CREATE VIEW; a DDL that committed
    // meanwhile makes the query bind again.
    for (const TableEntryPtr& table : binder.tables_read())
      LockRelation(*table, storage::LockLevel::kAccessShare);
    if (writer_.View()->version() != snapshot->version()) continue;
    if (temporary && !stmt.temporary) {
      SendNotice(sink, sqlstate::kSuccessfulCompletion,
                 fmt::format("view \"{}\" will be a temporary view", stmt.name.name));
    }

    TableEntryPtr existing = snapshot->FindTable(database_oid_, view.namespace_oid(), view.name());
    Status st;
    if (existing != nullptr && stmt.or_replace) {
      if (!existing->IsView()) {
        throw Error(sqlstate::kWrongObjectType,
                    fmt::format("\"{}\" is not a view", existing->def.name()));
      }
      LockRelation(*existing, storage::LockLevel::kAccessExclusive);
      CheckReplacedColumns(*existing, view);
      st = writer_.ReplaceView(*txn_, *existing, std::move(view));
    } else {
      st = writer_.CreateTable(*txn_, std::move(view));
    }
    if (!st.ok()) ThrowStatus(st);
    sink.CommandComplete("CREATE VIEW");
    return;
  }
}

void SessionImpl::ExecuteDropRelations(const ast::DropStmt& stmt, ResultSink& sink) {
  const std::string_view noun = KindNoun(stmt.object_type);
  // Every name is resolved first: DROP TABLE a, missing drops nothing.
  std::vector<TableEntryPtr> targets = ResolveAndLock(
      stmt.names, storage::LockLevel::kAccessExclusive, /*nowait=*/false,
      [&](const ast::QualifiedName& name) {
        const std::string shown = ShownName(name);
        Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
        if (binder.ResolveIndexTable(name) != nullptr) {
          throw Error(sqlstate::kWrongObjectType,
                      fmt::format("\"{}\" is not a {}", name.name, noun))
              .WithHint("Use DROP INDEX to remove an index.");
        }
        if (!stmt.if_exists) {  // DROP says "table", without a position, unlike a query
          throw Error(sqlstate::kUndefinedTable,
                      fmt::format("{} \"{}\" does not exist", noun, shown));
        }
        SendNotice(sink, sqlstate::kSuccessfulCompletion,
                   fmt::format("{} \"{}\" does not exist, skipping", noun, shown));
      });
  for (const TableEntryPtr& table : targets) {
    if (KindNoun(*table) != noun) {
      throw Error(sqlstate::kWrongObjectType,
                  fmt::format("\"{}\" is not a {}", table->def.name(), noun))
          .WithHint(fmt::format("Use DROP {} to remove a {}.", Upper(KindNoun(*table)),
                                KindNoun(*table)));
    }
    if (table->computed) {
      throw Error(sqlstate::kInsufficientPrivilege,
                  fmt::format("permission denied: \"{}\" is a system catalog", table->def.name()));
    }
  }

  RelationDrop drop = PlanRelationDrop(std::move(targets));
  // PostgreSQL's order: the views of the last target first, then the
  // foreign keys.
  std::vector<std::string> depends, cascades;
  for (size_t t = drop.views.size(); t-- > 0;) {
    for (const RelationDrop::Dependent& d : drop.views[t]) {
      depends.push_back(
          fmt::format("{} depends on {}", DescribeRelation(*d.object), DescribeRelation(*d.on)));
      cascades.push_back("drop cascades to " + DescribeRelation(*d.object));
    }
  }
  for (const auto& keys : drop.foreign_keys) {
    for (const RelationDrop::ForeignKey& fk : keys) {
      depends.push_back(
          fmt::format("{} depends on {}", DescribeForeignKey(fk), DescribeRelation(*fk.on)));
      cascades.push_back("drop cascades to " + DescribeForeignKey(fk));
    }
  }
  if (!depends.empty() && !stmt.cascade) {
    ThrowDependentObjects(drop.targets.size() == 1 ? DescribeRelation(*drop.targets[0]) : "",
                          depends);
  }
  ReportCascades(cascades, sink);
  DropPlannedRelations(drop, stmt.cascade, sink);
  sink.CommandComplete("DROP " + Upper(noun));
}

std::string SessionImpl::DescribeRelation(const catalog::TableEntry& table) {
  std::string name = ast::QuoteName(table.def.name(), /*quote_keywords=*/true);
  // Qualified where the search path does not find it by its name alone.
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  bool visible = false;
  std::vector<std::string> path = SearchPath();
  path.insert(path.begin(), "pg_catalog");
  for (const std::string& schema : path) {
    const catalog::proto::Namespace* ns =
        snapshot->FindNamespace(database_oid_, schema == "$user" ? user_ : schema);
    if (ns == nullptr ||
        snapshot->FindTable(database_oid_, ns->oid(), table.def.name()) == nullptr) {
      continue;
    }
    visible = ns->oid() == table.def.namespace_oid();
    break;
  }
  if (!visible) {
    const catalog::proto::Namespace* ns =
        snapshot->NamespaceByOid(database_oid_, table.def.namespace_oid());
    if (ns != nullptr) name = ast::QuoteName(ns->name(), /*quote_keywords=*/true) + "." + name;
  }
  return fmt::format("{} {}", KindNoun(table), name);
}

std::string SessionImpl::DescribeForeignKey(const RelationDrop::ForeignKey& fk) {
  return fmt::format("constraint {} on {}", fk.name, DescribeRelation(*fk.table));
}

void SessionImpl::ThrowDependentObjects(const std::string& object,
                                        const std::vector<std::string>& depends) {
  std::string detail;
  for (const std::string& line : depends) detail += (detail.empty() ? "" : "\n") + line;
  std::string message =
      object.empty() ? "cannot drop desired object(s) because other objects depend on them"
                     : fmt::format("cannot drop {} because other objects depend on it", object);
  throw Error(sqlstate::kDependentObjectsStillExist, std::move(message))
      .WithDetail(std::move(detail))
      .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
}

void SessionImpl::ReportCascades(const std::vector<std::string>& cascades, ResultSink& sink) {
  if (cascades.empty()) return;
  if (cascades.size() == 1) {
    SendNotice(sink, sqlstate::kSuccessfulCompletion, cascades[0]);
    return;
  }
  std::string detail;
  for (const std::string& line : cascades) detail += (detail.empty() ? "" : "\n") + line;
  SendNoticeWithDetail(sink, sqlstate::kSuccessfulCompletion,
                       fmt::format("drop cascades to {} other objects", cascades.size()), detail);
}

SessionImpl::RelationDrop SessionImpl::PlanRelationDrop(std::vector<TableEntryPtr> targets) {
  RelationDrop drop;
  drop.targets = std::move(targets);
  // The views depending on each target, directly or through other views,
  // in PostgreSQL's order: depth first, each object's dependents newest
  // first, reported in reverse of the order they were finished in.
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  for (const TableEntryPtr& table : drop.targets) drop.seen.insert(table->def.oid());
  for (const TableEntryPtr& target : drop.targets) {
    std::vector<RelationDrop::Dependent> finished;
    std::function<void(const TableEntryPtr&)> visit = [&](const TableEntryPtr& object) {
      for (const TableEntryPtr& view : snapshot->DependentViews(database_oid_, object->def.oid())) {
        if (!drop.seen.insert(view->def.oid()).second) continue;
        visit(view);
        finished.push_back({view, object});
      }
    };
    visit(target);
    drop.views.emplace_back(finished.rbegin(), finished.rend());
  }
  // Foreign keys of other tables referencing a target: dropped with
  // CASCADE (the referencing table stays).
  for (const TableEntryPtr& table : drop.targets) {
    std::vector<RelationDrop::ForeignKey>& keys = drop.foreign_keys.emplace_back();
    for (const TableEntryPtr& other : snapshot->Tables(database_oid_)) {
      if (drop.seen.contains(other->def.oid())) continue;
      for (const catalog::proto::Constraint& c : other->def.constraints()) {
        if (c.type() == "f" && c.referenced_table_oid() == table->def.oid()) {
          keys.push_back({other, c.name(), c.oid(), table});
        }
      }
    }
  }
  return drop;
}

void SessionImpl::DropPlannedRelations(RelationDrop& drop, bool cascade, ResultSink& sink) {
  std::vector<TableEntryPtr>& targets = drop.targets;
  for (const auto& views : drop.views) {
    for (const RelationDrop::Dependent& d : views) {
      LockRelation(*d.object, storage::LockLevel::kAccessExclusive);
      targets.push_back(d.object);
    }
  }
  for (const auto& keys : drop.foreign_keys) {
    for (const RelationDrop::ForeignKey& fk : keys) {
      LockRelation(*fk.table, storage::LockLevel::kAccessExclusive);
      Status st = writer_.AlterTableDefinition(*txn_, *fk.table, [&](catalog::proto::Table* t) {
        auto* constraints = t->mutable_constraints();
        for (int i = 0; i < constraints->size(); ++i) {
          if (constraints->Get(i).oid() == fk.oid) {
            constraints->DeleteSubrange(i, 1);
            break;
          }
        }
        return Status::OK();
      });
      if (!st.ok()) ThrowStatus(st);
    }
  }
  DropSequenceDefaults(targets, cascade, sink);
  // The sequences of serial columns go with their tables, without a notice.
  for (size_t i = 0, n = targets.size(); i < n; ++i) {
    for (TableEntryPtr& sequence : OwnedSequences(*targets[i])) {
      if (!drop.seen.insert(sequence->def.oid()).second) continue;
      LockRelation(*sequence, storage::LockLevel::kAccessExclusive);
      targets.push_back(std::move(sequence));
    }
  }
  for (const TableEntryPtr& table : targets) {
    if (table->def.incremental()) {
      WatchTables(table->def, /*watch=*/false);
      DeleteChangeLogPlace(*txn_, table->def.oid());
      if (MaintainedImmediately(table->def)) DeleteKeyLocks(*txn_, table->def.oid());
    }
    Status st = writer_.DropTable(*txn_, *table);
    if (!st.ok()) ThrowStatus(st);
  }
}

}  // namespace basalt::sql
