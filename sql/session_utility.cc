// Utility statements: SET/RESET/SHOW, CHECKPOINT, CREATE TABLE, DROP (tables
// and views in session_view.cc, indexes in session_index.cc),
// TRUNCATE.
#include <fmt/format.h>

#include "common/stack_depth.h"
#include "sql/binder/binder.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/ast_printer.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/planner.h"
#include "sql/session_impl.h"

namespace basalt::sql {

std::string SetValueText(const ast::Expr& e) {
  CheckStackDepth();
  if (e.kind() == ast::ExprKind::kConstant) {
    const auto& c = e.As<ast::Constant>();
    switch (c.type) {
      case ast::Constant::Type::kBoolean: return c.bool_value ? "on" : "off";
      case ast::Constant::Type::kNull: return "";
      default: return c.text;
    }
  }
  if (e.kind() == ast::ExprKind::kUnaryOp && e.As<ast::UnaryOp>().op == "-") {
    return "-" + SetValueText(*e.As<ast::UnaryOp>().operand);
  }
  throw Error(sqlstate::kSyntaxError, "SET value must be a constant").WithPosition(e.position);
}

namespace {

void ReportIfNeeded(const Settings& settings, const std::string& name, ResultSink& sink) {
  if (Settings::IsReported(name)) sink.ParameterStatus(name, settings.Get(name).value());
}

}  // namespace

void SessionImpl::ExecuteSet(const ast::SetStmt& stmt, ResultSink& sink) {
  std::string value;
  // search_path is a list of names (PostgreSQL's GUC_LIST_QUOTE): each
  // string or name given is kept quoted as needed, `"$user", public`.
  const bool list_of_names = stmt.name == "search_path";
  for (const ast::ExprPtr& v : stmt.values) {
    if (!value.empty()) value += ", ";
    const bool name = list_of_names && v->kind() == ast::ExprKind::kConstant &&
                      v->As<ast::Constant>().type == ast::Constant::Type::kString;
    value += name ? ast::QuoteName(SetValueText(*v), /*quote_keywords=*/true) : SetValueText(*v);
  }
  auto apply = [&](Settings& settings) -> Result<std::string> {
    return stmt.to_default ? settings.Reset(stmt.name) : settings.Set(stmt.name, value);
  };
  if (stmt.local && state_ != TransactionState::kInBlock) {
    // Its effect would end with this implicit transaction: only validate.
    SendWarning(sink, sqlstate::kNoActiveSqlTransaction,
                "SET LOCAL can only be used in transaction blocks");
    Settings scratch = settings_;
    Result<std::string> checked = apply(scratch);
    if (!checked.ok()) ThrowStatus(checked.status());
    sink.CommandComplete("SET");
    return;
  }
  Result<std::string> name = apply(settings_);
  if (!name.ok()) ThrowStatus(name.status());
  if (!stmt.local && settings_at_commit_) (void)apply(*settings_at_commit_);
  ReportIfNeeded(settings_, *name, sink);
  sink.CommandComplete("SET");
}

Result<std::string> SessionImpl::SetConfig(std::string_view name,
                                           std::optional<std::string_view> value, bool local,
                                           ResultSink* sink) {
  auto apply = [&](Settings& settings) -> Result<std::string> {
    return value ? settings.Set(name, *value) : settings.Reset(name);
  };
  const bool in_block = settings_at_begin_.has_value();
  if (local && !in_block && !settings_before_local_) settings_before_local_ = settings_;
  Result<std::string> canonical = apply(settings_);
  if (!canonical.ok()) return canonical.status();
  if (!local) {
    if (settings_at_commit_) (void)apply(*settings_at_commit_);
    if (settings_before_local_) (void)apply(*settings_before_local_);
  }
  if (sink != nullptr && (!local || in_block)) ReportIfNeeded(settings_, *canonical, *sink);
  // A custom setting reset has no value left: PostgreSQL's is empty.
  Result<std::string> now = settings_.Get(*canonical);
  return now.ok() ? *now : std::string();
}

void SessionImpl::ExecuteReset(const ast::ResetStmt& stmt, ResultSink& sink) {
  if (stmt.all) {
    ResetAllSettings(sink);
  } else {
    Result<std::string> name = settings_.Reset(stmt.name);
    if (!name.ok()) ThrowStatus(name.status());
    if (settings_at_commit_) (void)settings_at_commit_->Reset(stmt.name);
    ReportIfNeeded(settings_, *name, sink);
  }
  sink.CommandComplete("RESET");
}

void SessionImpl::ResetAllSettings(ResultSink& sink) {
  auto before = settings_.Reported();
  settings_.ResetAll();
  if (settings_at_commit_) settings_at_commit_->ResetAll();
  SendChangedParameters(before, sink);
}

void SessionImpl::ExecuteClose(const ast::CloseStmt& stmt, ResultSink& sink) {
  if (stmt.name.empty()) {
    CloseAllPortals();
    sink.CommandComplete("CLOSE CURSOR ALL");
    return;
  }
  auto it = portals_.find(stmt.name);
  if (it == portals_.end()) {
    throw Error(sqlstate::kInvalidCursorName,
                fmt::format("cursor \"{}\" does not exist", stmt.name));
  }
  if (&it->second == running_portal_) {
    throw Error(sqlstate::kInvalidCursorState,
                fmt::format("cannot drop active portal \"{}\"", stmt.name));
  }
  portals_.erase(it);
  sink.CommandComplete("CLOSE CURSOR");
}

void SessionImpl::ExecuteDiscard(const ast::DiscardStmt& stmt, ResultSink& sink) {
  if (stmt.target == "ALL") {
    if (state_ != TransactionState::kIdle) {
      throw Error(sqlstate::kActiveSqlTransaction,
                  "DISCARD ALL cannot run inside a transaction block");
    }
    CloseAllPortals();
    statements_.clear();
    ResetAllSettings(sink);
    store_.locks().ReleaseAllSession(*lock_owner_);
  }
  if (stmt.target == "PLANS") {
    for (auto& [name, statement] : statements_) statement->plan.reset();
  }
  if ((stmt.target == "ALL" || stmt.target == "SEQUENCES") && sequences_ != nullptr) {
    sequences_->Discard();
  }
  // TEMP: no temporary tables yet, so nothing to drop.
  sink.CommandComplete("DISCARD " + stmt.target);
}

void SessionImpl::ExecuteShow(const ast::ShowStmt& stmt, ResultSink& sink) {
  DataType text = DataType::Of(TypeId::kText);
  if (stmt.all) {
    sink.BeginResult({ResultColumn{"name", text, 0, 0}, ResultColumn{"setting", text, 0, 0},
                      ResultColumn{"description", text, 0, 0}});
    std::vector<Row> rows;
    for (const auto& [name, value] : settings_.All()) {
      rows.push_back({Value::String(name), Value::String(value), Value::String("")});
    }
    sink.Rows(rows);
    sink.CommandComplete("SHOW");
    return;
  }
  std::optional<std::string> name = Settings::CanonicalName(stmt.name);
  Result<std::string> value = settings_.Get(stmt.name);
  if (!name || !value.ok()) {
    throw Error(sqlstate::kUndefinedObject,
                fmt::format("unrecognized configuration parameter \"{}\"", stmt.name));
  }
  sink.BeginResult({ResultColumn{*name, text, 0, 0}});
  std::vector<Row> rows{{Value::String(*value)}};
  sink.Rows(rows);
  sink.CommandComplete("SHOW");
}

namespace {

// A name as the user wrote it, for messages: "t" or "s.t".
// 42809 for TRUNCATE of a view.
[[noreturn]] void ThrowNotATable(const catalog::TableEntry& table, std::string hint) {
  Error error(sqlstate::kWrongObjectType, fmt::format("\"{}\" is not a table", table.def.name()));
  if (!hint.empty()) error.WithHint(std::move(hint));
  throw error;
}

}  // namespace

std::string ShownName(const ast::QualifiedName& name) {
  return name.schema.empty() ? name.name : name.schema + "." + name.name;
}

void ThrowUndefinedRelation(const ast::QualifiedName& name) {
  throw Error(sqlstate::kUndefinedTable,
              fmt::format("relation \"{}\" does not exist", ShownName(name)));
}

void SessionImpl::ExecuteCheckpoint(ResultSink& sink) {
  if (!superuser_) {
    throw Error(sqlstate::kInsufficientPrivilege,
                "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT");
  }
  Status st = store_.FlushAndCompact();
  if (!st.ok()) ThrowStatus(st);
  sink.CommandComplete("CHECKPOINT");
}

void SessionImpl::ExecuteCreateTable(const ast::CreateTableStmt& stmt, ResultSink& sink) {
  if (stmt.on_commit_position != 0 && !stmt.temporary) {
    throw Error(sqlstate::kInvalidTableDefinition,
                "ON COMMIT can only be used on temporary tables");
  }
  if (stmt.temporary) EnsureTempNamespace();
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  Binder binder(*snapshot, database_oid_, user_, SearchPath());
  std::unique_ptr<BoundCreateTable> bound = binder.BindCreateTable(stmt);
  const catalog::proto::Table& t = bound->table;
  if (snapshot->RelationNameTaken(t.database_oid(), t.namespace_oid(), t.name())) {
    if (bound->if_not_exists) {
      SendNotice(sink, sqlstate::kDuplicateTable,
                 fmt::format("relation \"{}\" already exists, skipping", t.name()));
      sink.CommandComplete("CREATE TABLE");
      return;
    }
    throw Error(sqlstate::kDuplicateTable, fmt::format("relation \"{}\" already exists", t.name()));
  }
  bound->table.set_owner_oid(role_oid_);
  CreateSerialSequences(&bound->table, std::move(bound->sequences));
  const Oid namespace_oid = bound->table.namespace_oid();
  Status st = writer_.CreateTable(*txn_, std::move(bound->table));
  if (!st.ok()) ThrowStatus(st);
  if (stmt.on_commit != ast::CreateTableStmt::OnCommit::kPreserveRows) {
    auto created = writer_.View()->FindTable(database_oid_, namespace_oid, stmt.name.name);
    if (created != nullptr) on_commit_[created->def.oid()] = stmt.on_commit;
  }
  sink.CommandComplete("CREATE TABLE");
}

void SessionImpl::ExecuteDrop(const ast::DropStmt& stmt, ResultSink& sink) {
  if (stmt.object_type == ast::ObjectType::kIndex) {
    ExecuteDropIndex(stmt, sink);
    return;
  }
  if (stmt.object_type == ast::ObjectType::kSchema) {
    ExecuteDropSchema(stmt, sink);
    return;
  }
  if (stmt.object_type == ast::ObjectType::kType || stmt.object_type == ast::ObjectType::kDomain) {
    ExecuteDropType(stmt, sink);
    return;
  }
  ExecuteDropRelations(stmt, sink);
}

void SessionImpl::ExecuteTruncate(const ast::TruncateStmt& stmt, ResultSink& sink) {
  auto tables = ResolveAndLock(stmt.names, storage::LockLevel::kAccessExclusive,
                               /*nowait=*/false, ThrowUndefinedRelation);
  AddTruncatedReferencingTables(stmt.cascade, &tables, sink);
  for (const auto& table : tables) {
    if (table->computed || table->IsView() || table->IsMaterializedView()) {
      ThrowNotATable(*table, "");
    }
    Status st = writer_.TruncateTable(*txn_, *table);
    if (!st.ok()) ThrowStatus(st);
    storage::Transaction::RowWrites& writes = txn_->row_writes()[table->layout.TableId()];
    writes.truncated = true;
    writes.change_before_truncate =
        static_cast<int64_t>(writes.inserted) - static_cast<int64_t>(writes.deleted);
    // One record (no old row, no new row) tells incremental views to
    // recompute: the rows are gone without a record each.
    if (table->layout.capture_changes)
      txn_->AppendChange(table->layout.TableId(), "", "", table->layout.log_changes);
  }
  if (stmt.restart_identity && sequences_ != nullptr) {
    // RESTART IDENTITY: the sequences the tables' columns own (serial and
    // identity) start over, as ALTER SEQUENCE ... RESTART.
    for (const auto& table : tables) {
      for (const auto& sequence : OwnedSequences(*table)) {
        RestartSequence(*sequence, storage::SequenceState{sequence->def.sequence().start(),
                                                          /*is_called=*/false});
      }
    }
  }
  sink.CommandComplete("TRUNCATE TABLE");
}

void SessionImpl::AddTruncatedReferencingTables(
    bool cascade, std::vector<std::shared_ptr<const catalog::TableEntry>>* tables,
    ResultSink& sink) {
  // As PostgreSQL: a table referenced by a foreign key is truncated only
  // with its referencing tables, listed too or (CASCADE) added, with
  // theirs in turn.
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  for (size_t i = 0; i < tables->size(); ++i) {
    const Oid oid = (*tables)[i]->def.oid();
    for (const auto& other : snapshot->Tables(database_oid_)) {
      bool references = false;
      for (const catalog::proto::Constraint& c : other->def.constraints()) {
        references = references || (c.type() == "f" && c.referenced_table_oid() == oid);
      }
      if (!references) continue;
      bool listed = false;
      for (const auto& table : *tables) listed = listed || table->def.oid() == other->def.oid();
      if (listed) continue;
      if (!cascade) {
        throw Error(sqlstate::kFeatureNotSupported,
                    "cannot truncate a table referenced in a foreign key constraint")
            .WithDetail(fmt::format("Table \"{}\" references \"{}\".", other->def.name(),
                                    (*tables)[i]->def.name()))
            .WithHint(fmt::format("Truncate table \"{}\" at the same time, or use TRUNCATE ... "
                                  "CASCADE.",
                                  other->def.name()));
      }
      SendNotice(sink, sqlstate::kSuccessfulCompletion,
                 fmt::format("truncate cascades to table \"{}\"", other->def.name()));
      LockRelation(*other, storage::LockLevel::kAccessExclusive);
      tables->push_back(other);
    }
  }
}

void SessionImpl::ExecuteLock(const ast::LockStmt& stmt, ResultSink& sink) {
  if (state_ != TransactionState::kInBlock) {
    throw Error(sqlstate::kNoActiveSqlTransaction,
                "LOCK TABLE can only be used in transaction blocks");
  }
  // Any mode, in read-only transactions too (PostgreSQL restricts the
  // strong ones on hot standbys only).
  (void)ResolveAndLock(stmt.names, static_cast<storage::LockLevel>(stmt.mode), stmt.nowait,
                       ThrowUndefinedRelation);
  sink.CommandComplete("LOCK TABLE");
}

}  // namespace basalt::sql
