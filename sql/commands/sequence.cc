// CREATE SEQUENCE, ALTER SEQUENCE, and the sequences of serial columns.
// The options are catalog data (transactional); the values are not
// (storage::SequenceValues, through SessionSequences).
#include <fmt/format.h>

#include "sql/binder/bind_sequence.h"
#include "sql/binder/binder.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

// OWNED BY table.column: the column's table and attnum; (0, 0) for NONE.
std::pair<Oid, int> ResolveOwnedBy(const Binder& binder, const ast::QualifiedName& name,
                                   int position) {
  if (name.name.empty()) return {0, 0};
  if (name.schema.empty()) {
    throw Error(sqlstate::kInvalidParameterValue, "invalid OWNED BY option")
        .WithHint("Specify OWNED BY table.column or OWNED BY NONE.");
  }
  // table.column arrives as schema.name: [schema.]table is all but the last.
  ast::QualifiedName table_name;
  table_name.position = position;
  const size_t dot = name.schema.rfind('.');
  table_name.name = dot == std::string::npos ? name.schema : name.schema.substr(dot + 1);
  if (dot != std::string::npos) table_name.schema = name.schema.substr(0, dot);
  auto table = binder.ResolveTable(table_name);
  const int column = table->FindColumn(name.name);
  if (column < 0) {
    throw Error(sqlstate::kUndefinedColumn,
                fmt::format("column \"{}\" of relation \"{}\" does not exist", name.name,
                            table->def.name()));
  }
  return {table->def.oid(), table->def.columns(column).attnum()};
}

}  // namespace

void SessionImpl::ExecuteCreateSequence(const ast::CreateSequenceStmt& stmt, ResultSink& sink) {
  if (stmt.temporary) EnsureTempNamespace();
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  Binder binder(*snapshot, database_oid_, user_, SearchPath());
  // PostgreSQL reports a temporary sequence's wrong schema without a position.
  ast::QualifiedName unplaced = stmt.name;
  unplaced.position = 0;
  const Oid namespace_oid = binder.ResolveCreationNamespace(unplaced, stmt.temporary);
  catalog::proto::SequenceDef options = ResolveSequenceOptions(stmt.options, nullptr, nullptr);
  if (stmt.options.owned_by) {
    auto [table, attnum] =
        ResolveOwnedBy(binder, *stmt.options.owned_by, stmt.options.owned_by_position);
    options.set_owned_by_table(table);
    options.set_owned_by_attnum(attnum);
  }
  if (snapshot->RelationNameTaken(database_oid_, namespace_oid, stmt.name.name)) {
    if (stmt.if_not_exists) {
      SendNotice(sink, sqlstate::kDuplicateTable,
                 fmt::format("relation \"{}\" already exists, skipping", stmt.name.name));
      sink.CommandComplete("CREATE SEQUENCE");
      return;
    }
    throw Error(sqlstate::kDuplicateTable,
                fmt::format("relation \"{}\" already exists", stmt.name.name));
  }
  catalog::proto::Table sequence =
      NewSequenceTable(database_oid_, namespace_oid, stmt.name.name, std::move(options));
  sequence.set_owner_oid(role_oid_);
  Status st = writer_.CreateTable(*txn_, std::move(sequence));
  if (!st.ok()) ThrowStatus(st);
  sink.CommandComplete("CREATE SEQUENCE");
}

void SessionImpl::ExecuteAlterSequence(const ast::AlterSequenceStmt& stmt, ResultSink& sink) {
  auto targets = ResolveAndLock(
      {stmt.name}, storage::LockLevel::kShareRowExclusive,
      /*nowait=*/false, [&](const ast::QualifiedName& name) {
        if (!stmt.if_exists) ThrowUndefinedRelation(name);
        SendNotice(sink, sqlstate::kSuccessfulCompletion,
                   fmt::format("relation \"{}\" does not exist, skipping", ShownName(name)));
      });
  if (targets.empty()) {
    sink.CommandComplete("ALTER SEQUENCE");
    return;
  }
  const catalog::TableEntry& sequence = *targets[0];
  if (sequence.def.relkind() != "S") {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("\"{}\" is not a sequence", sequence.def.name()));
  }
  std::optional<int64_t> restart;
  catalog::proto::SequenceDef options =
      ResolveSequenceOptions(stmt.options, &sequence.def.sequence(), &restart);
  if (stmt.options.owned_by) {
    Binder binder(*writer_.View(), database_oid_, user_, SearchPath());
    auto [table, attnum] =
        ResolveOwnedBy(binder, *stmt.options.owned_by, stmt.options.owned_by_position);
    options.set_owned_by_table(table);
    options.set_owned_by_attnum(attnum);
  }
  Status st = writer_.AlterTableDefinition(*txn_, sequence, [&](catalog::proto::Table* t) {
    *t->mutable_sequence() = options;
    return Status::OK();
  });
  if (!st.ok()) ThrowStatus(st);
  // The state is stored again as it stands (or restarted): what was
  // reserved ahead under the old options must not carry over.
  if (sequences_ != nullptr) {
    if (restart) {
      RestartSequence(sequence, storage::SequenceState{*restart, false});
    } else {
      sequences_->Reset(sequence, sequences_->Read(sequence).state);
    }
  }
  sink.CommandComplete("ALTER SEQUENCE");
}

void SessionImpl::RestartSequence(const catalog::TableEntry& sequence,
                                  const storage::SequenceState& state) {
  sequence_restarts_.emplace_back(sequence.def.oid(), sequences_->Read(sequence).state);
  sequences_->Reset(sequence, state);
}

void SessionImpl::UndoSequenceRestarts(size_t keep) {
  while (sequence_restarts_.size() > keep) {
    const auto& [oid, state] = sequence_restarts_.back();
    // Best effort: a failure to write it back leaves the restarted state.
    try {
      if (sequences_ != nullptr) sequences_->Reset(oid, state);
    } catch (const Error&) {
    }
    sequence_restarts_.pop_back();
  }
}

void SessionImpl::CreateSerialSequences(catalog::proto::Table* table,
                                        std::vector<catalog::proto::Table> sequences) {
  if (table->oid() == 0) {
    Result<Oid> oid = catalog_.NewOid();
    if (!oid.ok()) ThrowStatus(oid.status());
    table->set_oid(*oid);
  }
  for (catalog::proto::Table& sequence : sequences) {
    sequence.mutable_sequence()->set_owned_by_table(table->oid());
    sequence.set_owner_oid(table->owner_oid());
    Status st = writer_.CreateTable(*txn_, std::move(sequence));
    if (!st.ok()) ThrowStatus(st);
  }
}

std::vector<std::shared_ptr<const catalog::TableEntry>> SessionImpl::OwnedSequences(
    const catalog::TableEntry& table) {
  std::vector<std::shared_ptr<const catalog::TableEntry>> owned;
  for (const auto& relation : writer_.View()->Tables(database_oid_)) {
    if (relation->def.relkind() == "S" &&
        relation->def.sequence().owned_by_table() == table.def.oid()) {
      owned.push_back(relation);
    }
  }
  return owned;
}

void SessionImpl::DropSequenceDefaults(
    const std::vector<std::shared_ptr<const catalog::TableEntry>>& targets, bool cascade,
    ResultSink& sink) {
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  auto dropped = [&](Oid oid) {
    for (const auto& t : targets) {
      if (t->def.oid() == oid) return true;
    }
    return false;
  };
  for (const auto& sequence : targets) {
    const catalog::proto::SequenceDef& owner = sequence->def.sequence();
    if (sequence->def.relkind() != "S" || owner.owned_by_table() == 0 ||
        dropped(owner.owned_by_table())) {
      continue;
    }
    auto table = snapshot->TableByOid(database_oid_, owner.owned_by_table());
    if (table == nullptr || owner.owned_by_attnum() < 1 ||
        owner.owned_by_attnum() > table->def.columns_size()) {
      continue;
    }
    const catalog::proto::Column& column = table->def.columns(owner.owned_by_attnum() - 1);
    // A serial column's default draws from the sequence it owns.
    if (column.default_expr().find("nextval(") == std::string::npos) continue;
    const std::string what =
        fmt::format("default value for column {} of table {}", column.name(), table->def.name());
    if (!cascade) {
      throw Error(sqlstate::kDependentObjectsStillExist,
                  fmt::format("cannot drop sequence {} because other objects depend on it",
                              sequence->def.name()))
          .WithDetail(fmt::format("{} depends on sequence {}", what, sequence->def.name()))
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    SendNotice(sink, sqlstate::kSuccessfulCompletion, "drop cascades to " + what);
    LockRelation(*table, storage::LockLevel::kAccessExclusive);
    Status st = writer_.AlterTableDefinition(*txn_, *table, [&](catalog::proto::Table* t) {
      t->mutable_columns(owner.owned_by_attnum() - 1)->clear_default_expr();
      return Status::OK();
    });
    if (!st.ok()) ThrowStatus(st);
  }
}

}  // namespace basalt::sql
