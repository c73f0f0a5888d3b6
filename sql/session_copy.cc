// COPY: FROM STDIN through the bulk loader (sql/copy/copy_from.h), TO
// STDOUT from a table scan or a query's plan. COPY FROM is a statement that
// spans messages: it sends CopyInResponse and returns; the client's
// CopyData / CopyDone / CopyFail then reach CopyData(), CopyDone() and
// CopyFail() here.
#include <fmt/format.h>

#include "common/object_names.h"
#include "common/session_formats.h"
#include "sql/binder/binder.h"
#include "sql/copy/copy_options.h"
#include "sql/copy/copy_output.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"
#include "storage/table_store.h"

namespace basalt::sql {

void SessionImpl::ExecuteCopy(const ast::CopyStmt& stmt, ResultSink& sink) {
  if (!stmt.client) {
    throw Error(sqlstate::kFeatureNotSupported,
                "COPY to or from a file or program is not supported")
        .WithHint("Use COPY ... FROM STDIN or TO STDOUT, such as psql's \\copy.")
        .WithPosition(stmt.target_position);
  }
  if (stmt.from) {
    StartCopyFrom(stmt, sink);
  } else {
    ExecuteCopyTo(stmt, sink);
  }
}

bool SessionImpl::RelationIsPrivate(const catalog::TableEntry& table) const {
  if (!savepoints_.empty()) return false;
  std::shared_ptr<const catalog::TableEntry> committed =
      catalog_.Current()->TableByOid(table.def.database_oid(), table.def.oid());
  return committed == nullptr || committed->def.relation_id() != table.def.relation_id();
}

void SessionImpl::StartCopyFrom(const ast::CopyStmt& stmt, ResultSink& sink) {
  auto tables =
      ResolveAndLock({stmt.table}, storage::LockLevel::kRowExclusive, /*nowait=*/false,
                     [](const ast::QualifiedName& name) {
                       throw Error(sqlstate::kUndefinedTable,
                                   fmt::format("relation \"{}\" does not exist", ShownName(name)));
                     });
  std::shared_ptr<const catalog::TableEntry> table = tables.at(0);
  if (table->IsView()) {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("cannot copy to view \"{}\"", table->def.name()))
        .WithHint("To enable copying to a view, provide an INSTEAD OF INSERT trigger.");
  }
  if (table->computed) {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("cannot copy to non-table relation \"{}\"", table->def.name()));
  }
  std::vector<int> columns = ResolveCopyColumns(*table, stmt.columns);
  std::vector<std::string> names;
  for (int c : columns) names.push_back(table->def.columns(c).name());
  const CopyOptions options = ResolveCopyOptions(stmt, names, table.get());
  const bool is_private = RelationIsPrivate(*table);
  if (options.freeze && !is_private) {
    throw Error(sqlstate::kObjectNotInPrerequisiteState,
                "cannot perform COPY FREEZE because the table was not created or truncated in "
                "the current subtransaction");
  }
  // The columns the COPY leaves out take their defaults.
  std::vector<BoundExprPtr> defaults(static_cast<size_t>(table->def.columns_size()));
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  Binder binder(*snapshot, database_oid_, user_, SearchPath());
  for (int c = 0; c < table->def.columns_size(); ++c) {
    if (std::find(columns.begin(), columns.end(), c) != columns.end()) continue;
    if (table->def.columns(c).default_expr().empty()) continue;
    defaults[static_cast<size_t>(c)] = binder.BindColumnDefault(*table, c);
  }
  bool has_unique = !table->layout.primary_key.empty();
  for (const storage::IndexLayout& index : table->layout.indexes) {
    has_unique |= index.unique || index.deferrable_unique;
  }
  // Straight to the store only where no check or reader can miss a row:
  // see copy_from.h. REPEATABLE READ's snapshot would not show such rows.
  const bool direct =
      is_private && !has_unique && !repeatable_read_ && !table->layout.capture_changes;
  if (direct) writer_.AddFilledRelation(table->layout.relation_id);
  copy_in_ = std::make_unique<CopyInState>();
  copy_in_->loader = std::make_unique<CopyFromLoader>(table, std::move(columns),
                                                      std::move(defaults), options, direct);
  copy_in_->context = std::make_unique<ExecContext>(NewExecContext(nullptr, nullptr));
  copy_in_->time_zone = TimeZoneSetting();
  copy_in_->formats = FormatsSetting();
  sink.CopyInResponse(options.binary(), names.size());
}

void SessionImpl::CopyData(std::string_view bytes) {
  if (copy_in_ == nullptr) return;
  ScopedObjectNames names(&object_names_);  // enum labels, reg* names
  ScopedSessionTimeZone zone(copy_in_->time_zone);
  ScopedSessionFormats formats(copy_in_->formats);
  try {
    copy_in_->loader->Feed(bytes, *copy_in_->context);
  } catch (...) {
    AbortCopy();
    throw;
  }
}

void SessionImpl::CopyDone(ResultSink& sink) {
  if (copy_in_ == nullptr) return;
  ScopedObjectNames names(&object_names_);
  ScopedSessionTimeZone zone(copy_in_->time_zone);
  ScopedSessionFormats formats(copy_in_->formats);
  std::unique_ptr<CopyInState> copy;
  try {
    ExecContext ctx = NewExecContext(nullptr, &sink);
    const uint64_t rows = copy_in_->loader->Finish(ctx);
    copy = std::move(copy_in_);
    sink.CommandComplete(fmt::format("COPY {}", rows));
  } catch (...) {
    AbortCopy();
    throw;
  }
  if (!copy->simple_query) return;  // Sync ends the extended protocol's transaction
  held_query_text_ = std::move(copy->query_text);
  query_text_ = held_query_text_;
  RunSimpleQueryStatements(std::move(copy->statements), copy->next_statement, sink);
}

void SessionImpl::CopyFail(std::string_view message) {
  if (copy_in_ == nullptr) return;
  AbortCopy();
  throw Error(sqlstate::kQueryCanceled, fmt::format("COPY from stdin failed: {}", message));
}

void SessionImpl::AbortCopy() {
  copy_in_.reset();
  AbortAfterError();
}

void SessionImpl::ExecuteCopyTo(const ast::CopyStmt& stmt, ResultSink& sink) {
  std::vector<DataType> types;
  std::vector<std::string> names;
  std::shared_ptr<const catalog::TableEntry> table;
  std::vector<int> columns;
  std::shared_ptr<const StatementPlan> plan;
  if (stmt.query != nullptr) {
    plan = PlanAndLock(*stmt.query, nullptr);
    if (!plan->columns) {
      throw Error(sqlstate::kFeatureNotSupported, "COPY query must have a RETURNING clause");
    }
    for (const ResultColumn& column : *plan->columns) {
      types.push_back(column.type);
      names.push_back(column.name);
    }
  } else {
    auto tables = ResolveAndLock(
        {stmt.table}, storage::LockLevel::kAccessShare,
        /*nowait=*/false, [](const ast::QualifiedName& name) {
          throw Error(sqlstate::kUndefinedTable,
                      fmt::format("relation \"{}\" does not exist", ShownName(name)));
        });
    table = tables.at(0);
    if (table->IsView()) {
      throw Error(sqlstate::kWrongObjectType,
                  fmt::format("cannot copy from view \"{}\"", table->def.name()))
          .WithHint("Try the COPY (SELECT ...) TO variant.");
    }
    if (table->computed) {
      throw Error(sqlstate::kWrongObjectType,
                  fmt::format("cannot copy from non-table relation \"{}\"", table->def.name()))
          .WithHint("Try the COPY (SELECT ...) TO variant.");
    }
    columns = ResolveCopyColumns(*table, stmt.columns);
    for (int c : columns) {
      types.push_back(table->ColumnType(c));
      names.push_back(table->def.columns(c).name());
    }
  }
  const CopyOptions options = ResolveCopyOptions(stmt, names, table.get());
  CopyOutput output(options, types);
  sink.CopyOutResponse(options.binary(), names.size());
  // One CopyData per row, as PostgreSQL: clients (psycopg) parse each
  // message as one row. The binary header goes with the first row, the
  // text header line alone.
  std::string message = output.Start(names);
  if (options.header && !options.binary()) {
    sink.CopyData(message);
    message.clear();
  }
  uint64_t rows = 0;
  ExecContext ctx = NewExecContext(nullptr, &sink);
  auto send_row = [&](const Row& row) {
    output.AppendRow(row, &message);
    sink.CopyData(message);
    message.clear();
    if (++rows % 1024 == 0) ctx.CheckForInterrupts();
  };
  if (plan != nullptr) {
    PhysicalOperatorPtr root = OpenPlan(*plan);
    RowBatch batch;
    while (root->Next(ctx, &batch)) {
      for (const Row& row : batch) send_row(row);
    }
  } else {
    storage::TableStore store(store_, &table->layout);
    std::unique_ptr<storage::RowIterator> it = store.Scan(*txn_);
    Row stored(table->layout.column_types.size());
    Row row(columns.size());
    std::vector<bool> wanted(table->layout.column_types.size(), false);
    for (int c : columns) wanted[static_cast<size_t>(c)] = true;
    while (true) {
      Result<bool> more = it->Advance();
      if (!more.ok()) ThrowStatus(more.status());
      if (!*more) break;
      Status st = it->DecodeColumns(wanted, &stored);
      if (!st.ok()) ThrowStatus(st);
      for (size_t i = 0; i < columns.size(); ++i) {
        row[i] = std::move(stored[static_cast<size_t>(columns[i])]);
      }
      send_row(row);
    }
  }
  message += output.Finish();
  if (!message.empty()) sink.CopyData(message);
  sink.CopyDone();
  sink.CommandComplete(fmt::format("COPY {}", rows));
}

}  // namespace basalt::sql
