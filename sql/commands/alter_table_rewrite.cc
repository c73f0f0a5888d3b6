// ALTER TABLE's rewrites: ALTER COLUMN ... [SET DATA] TYPE ... [USING
// expr], and ADD COLUMN with a volatile DEFAULT. Each row is read in the
// old layout, transformed, and written under the same key (or its new
// primary key value) into new relations, with its index entries, in
// unlocked batches nobody else sees until the ALTER commits (as ADD
// PRIMARY KEY's rewrite and TRUNCATE's new relation); a rollback removes
// them (CatalogWriter::RewriteTable registers them).
#include <fmt/format.h>

#include <unordered_set>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/commands/alter_table_columns.h"
#include "sql/execution/domain_checks.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "sql/parser/ast_printer.h"
#include "sql/parser/parser.h"
#include "sql/session_impl.h"
#include "storage/index_key.h"
#include "storage/key_codec.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

using TableEntryPtr = std::shared_ptr<const catalog::TableEntry>;

constexpr size_t kEntriesPerBatch = 4096;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

}  // namespace

void SessionImpl::RewriteRows(const catalog::TableEntry& table,
                              const catalog::TableEntry& rewritten,
                              const std::function<Row(Row, ExecContext&)>& transform) {
  const storage::TableLayout& layout = rewritten.layout;
  storage::TableStore old_rows(store_, &table.layout);
  std::unique_ptr<storage::RowIterator> it = old_rows.Scan(*txn_);
  ExecContext ctx = NewExecContext(nullptr, nullptr);
  std::vector<std::pair<std::string, std::string>> batch;
  // A new type can make two keys equal (1.2 and 1.4 as integer): each key
  // of the primary key or a unique index is checked against those written
  // before, read back through `written` only when its hash was seen.
  std::unique_ptr<storage::Transaction> written = store_.Begin();
  std::unordered_set<uint64_t> seen_hashes;
  std::unordered_set<std::string> batch_keys;
  // Under REPEATABLE READ the statements after the ALTER read at its
  // snapshot, which would not show rows written outside the transaction:
  // there the rows go into it (unlocked: the relations are new).
  storage::Transaction& reader = repeatable_read_ ? *txn_ : *written;
  auto flush = [&] {
    Check(interrupt_.Check());
    if (repeatable_read_) {
      for (const auto& [key, value] : batch) {
        Check(txn_->PutNew(storage::ColumnFamily::kData, key, value));
      }
    } else {
      Check(store_.WriteUnlocked(storage::ColumnFamily::kData, batch, /*sync=*/false));
      written->RefreshSnapshot();
    }
    batch.clear();
    batch_keys.clear();
  };
  // `index`: the unique index the key is of; null for the primary key.
  auto check_unique = [&](const std::string& key, const std::string& name, const Row& row,
                          const storage::IndexLayout* index) {
    if (seen_hashes.insert(std::hash<std::string>{}(key)).second) {
      batch_keys.insert(key);
      return;
    }
    bool found = batch_keys.contains(key);
    std::string existing;
    if (!found) Check(reader.Get(storage::ColumnFamily::kData, key, &existing, &found));
    if (found) {
      throw Error(sqlstate::kUniqueViolation,
                  fmt::format("could not create unique index \"{}\"", name))
          .WithDetail(fmt::format("Key {} is duplicated.",
                                  index != nullptr
                                      ? IndexKeyText(rewritten, *index, row)
                                      : IndexKeyText(rewritten, row, layout.primary_key)));
    }
    batch_keys.insert(key);
  };
  storage::StoredRow stored;
  while (true) {
    Result<bool> more = it->Next(&stored);
    Check(more.status());
    if (!*more) break;
    ctx.CheckForInterrupts();
    Row row = transform(std::move(stored.row), ctx);
    std::string key = storage::RelationPrefix(layout.relation_id);
    if (layout.primary_key.empty()) {
      // Hidden row ids come from the new relation's own counter, which
      // later INSERTs draw from too.
      Result<uint64_t> row_id = store_.NextRowId(layout.relation_id);
      Check(row_id.status());
      storage::AppendRowId(*row_id, &key);
    } else {
      for (int c : layout.primary_key) {
        storage::AppendKeyValue(row[static_cast<size_t>(c)],
                                layout.column_types[static_cast<size_t>(c)], &key);
      }
      check_unique(key, layout.primary_key_name, row, nullptr);
    }
    for (const storage::IndexLayout& index : layout.indexes) {
      if (!storage::IndexCoversRow(index, row)) continue;
      std::string entry = storage::IndexEntryKey(index, layout.column_types, row, key);
      if (storage::IndexEntryIsUnique(index, row)) {
        check_unique(entry, index.name, row, &index);
      }
      batch.emplace_back(std::move(entry),
                         storage::IndexEntryValue(index, layout.column_types, row, key));
    }
    std::string value;
    storage::EncodeTableRow(layout, row, &value);
    batch.emplace_back(std::move(key), std::move(value));
    if (batch.size() >= kEntriesPerBatch) flush();
  }
  if (!batch.empty()) flush();
  // The statement's next actions read the rows written outside its
  // transaction.
  if (!repeatable_read_) txn_->RefreshSnapshot();
}

void SessionImpl::AlterColumnType(const TableEntryPtr& table, int column,
                                  const ast::AlterTableCommand& command) {
  const catalog::proto::Column& old_column = table->def.columns(column);
  const std::string& name = old_column.name();
  const DataType new_type = BindTypeName(command.type);
  if (!IsStorableType(new_type.id)) {
    throw Error(sqlstate::kFeatureNotSupported,
                fmt::format("type {} is not supported yet", new_type.Name()))
        .WithPosition(command.type.position);
  }
  const std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  Binder binder(*snapshot, database_oid_, user_, SearchPath());
  BoundExprPtr value;
  if (command.expr != nullptr) {
    BoundExprPtr e = binder.BindRowExpression(table->def, *command.expr, "transform expressions");
    value = TryCoerce(std::move(e), new_type, CastContext::kAssignment);
    if (value == nullptr) {
      throw Error(sqlstate::kDatatypeMismatch,
                  fmt::format("result of USING clause for column \"{}\" cannot be cast "
                              "automatically to type {}",
                              name, new_type.Name()))
          .WithHint("You might need to add an explicit cast.");
    }
  } else {
    value = TryCoerce(BoundExpr::Column(column, table->ColumnType(column)), new_type,
                      CastContext::kAssignment);
    if (value == nullptr) {
      throw Error(sqlstate::kDatatypeMismatch,
                  fmt::format("column \"{}\" cannot be cast automatically to type {}", name,
                              new_type.Name()))
          .WithHint(fmt::format("You might need to specify \"USING {}::{}\".", ast::QuoteName(name),
                                new_type.Name()));
    }
  }
  // The default must still fit the column.
  if (!old_column.default_expr().empty()) {
    ast::ExprPtr parsed = ParseExpression(old_column.default_expr());
    BoundExprPtr e = binder.BindExpression(*parsed, Scope{});
    if (TryCoerce(std::move(e), new_type, CastContext::kAssignment) == nullptr) {
      throw Error(sqlstate::kDatatypeMismatch,
                  fmt::format("default for column \"{}\" cannot be cast automatically to type {}",
                              name, new_type.Name()));
    }
  }
  for (int attnum : table->def.primary_key_attnums()) {
    if (attnum == old_column.attnum() && !HasBtreeOrdering(new_type.id)) {
      ThrowNoBtreeOrdering(new_type.id);
    }
  }
  // Foreign keys on the column, its own and those of other tables naming
  // it, must still compare.
  const Oid table_oid = table->def.oid();
  for (const TableEntryPtr& other : snapshot->Tables(table->def.database_oid())) {
    for (const catalog::proto::Constraint& fk : other->def.constraints()) {
      if (fk.type() != "f") continue;
      const TableEntryPtr referenced =
          fk.referenced_table_oid() == other->def.oid()
              ? other
              : snapshot->TableByOid(other->def.database_oid(), fk.referenced_table_oid());
      if (referenced == nullptr) continue;
      for (int i = 0; i < fk.attnums_size() && i < fk.referenced_attnums_size(); ++i) {
        const bool from_here =
            other->def.oid() == table_oid && fk.attnums(i) == old_column.attnum();
        const bool to_here = fk.referenced_table_oid() == table_oid &&
                             fk.referenced_attnums(i) == old_column.attnum();
        if (!from_here && !to_here) continue;
        const catalog::proto::Column& from = other->def.columns(fk.attnums(i) - 1);
        const catalog::proto::Column& to = referenced->def.columns(fk.referenced_attnums(i) - 1);
        const DataType from_type =
            from_here ? new_type : DataType{static_cast<TypeId>(from.type_id()), from.typmod()};
        const DataType to_type =
            to_here ? new_type : DataType{static_cast<TypeId>(to.type_id()), to.typmod()};
        if (!KeyTypesCompatible(from_type, to_type)) {
          throw Error(sqlstate::kDatatypeMismatch,
                      fmt::format("foreign key constraint \"{}\" cannot be implemented", fk.name()))
              .WithDetail(fmt::format("Key columns \"{}\" and \"{}\" are of incompatible "
                                      "types: {} and {}.",
                                      from.name(), to.name(), TypeNameForMessage(from_type),
                                      TypeNameForMessage(to_type)));
        }
      }
    }
  }
  // As PostgreSQL, the cast is checked before what depends on the column.
  for (const TableEntryPtr& view :
       ViewsReadingColumn(snapshot, database_oid_, user_, SearchPath(), *table, column)) {
    throw Error(sqlstate::kFeatureNotSupported,
                "cannot alter type of a column used by a view or rule")
        .WithDetail(fmt::format("rule _RETURN on {} {} depends on column \"{}\"",
                                view->IsMaterializedView() ? "materialized view" : "view",
                                view->def.name(), name));
  }
  const Oid database = table->def.database_oid();
  const Oid oid = table->def.oid();
  const bool not_null = old_column.not_null();
  const Oid domain = BindDomainName(command.type).value_or(0);
  Result<catalog::proto::Table> rewritten =
      writer_.RewriteTable(*txn_, *table, [&](catalog::proto::Table* t) {
        catalog::proto::Column* c = t->mutable_columns(column);
        // The column moves to a new slot (the old one, with its old type,
        // is dropped), so change records written before still read right.
        for (int i = 0; i < t->columns_size(); ++i) {
          t->mutable_columns(i)->set_slot(catalog::ColumnSlot(*t, i));
        }
        catalog::proto::DroppedColumn* dropped = t->add_dropped_columns();
        dropped->set_slot(c->slot());
        dropped->set_type_id(c->type_id());
        dropped->set_typmod(c->typmod());
        c->set_slot(catalog::NextColumnSlot(*t));
        c->set_type_id(static_cast<uint32_t>(new_type.id));
        c->set_typmod(new_type.typmod);
        c->set_domain_oid(domain);
        c->clear_missing_value();
        t->set_schema_version(t->schema_version() + 1);
        return Status::OK();
      });
  Check(rewritten.status());
  const TableEntryPtr after = writer_.View()->TableByOid(database, oid);
  RewriteRows(*table, *after, [&](Row row, ExecContext& ctx) {
    Value v = Evaluate(*value, row, &ctx);
    if (domain != 0) DomainChecks::Of(domain, ctx).Check(v, ctx);
    if (v.is_null() && not_null) ThrowContainsNulls(*table, name);
    row[static_cast<size_t>(column)] = std::move(v);
    return row;
  });
  // CHECK constraints see the new values.
  for (const catalog::proto::Constraint& c : after->def.constraints()) {
    if (c.type() == "c") ValidateConstraintRows(after, c.name());
  }
}

}  // namespace basalt::sql
