#include "sql/execution/table_constraints.h"

#include <optional>

#include "sql/binder/binder.h"
#include "sql/execution/check_constraints.h"
#include "sql/execution/deferred_constraints.h"
#include "sql/execution/domain_checks.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/foreign_keys.h"
#include "sql/execution/modify_table.h"
#include "sql/execution/unique_keys.h"

namespace basalt::sql {

namespace {

bool SameValue(const Value& a, const Value& b, const DataType& type) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null();
  return CompareValues(a, b, type) == 0;
}

// The values of `columns` of `row`, or nullopt if one is NULL (a key with
// a NULL references nothing and is referenced by nothing).
std::optional<Row> KeyOf(const Row& row, const std::vector<int>& columns) {
  Row key;
  for (int column : columns) {
    if (row[static_cast<size_t>(column)].is_null()) return std::nullopt;
    key.push_back(row[static_cast<size_t>(column)]);
  }
  return key;
}

bool KeyChanges(const catalog::TableEntry& table, const std::vector<int>& columns,
                const Row& old_row, const Row& new_row) {
  for (int column : columns) {
    const size_t c = static_cast<size_t>(column);
    if (!SameValue(old_row[c], new_row[c], table.ColumnType(column))) return true;
  }
  return false;
}

}  // namespace

struct TableConstraints::TableState {
  std::shared_ptr<const catalog::TableEntry> table;
  bool has_checks = false;
  bool has_domains = false;  // columns of a domain (CREATE DOMAIN)
  bool has_foreign_keys = false;
  bool has_deferrable_unique = false;
  std::unique_ptr<CheckConstraints> checks;             // bound on first use
  std::optional<std::vector<ForeignKey>> foreign_keys;  // this table's, found on first use
  std::optional<std::vector<ForeignKey>> referencing;   // those referencing it
  // Rows written whose foreign keys are checked at Finish.
  std::vector<Row> written;
  // Rows deleted (no new row) or whose referenced key changed.
  struct Change {
    Row old_row;
    std::optional<Row> new_row;
  };
  std::vector<Change> changes;
  // Keys given to deferrable unique indexes: (position in
  // table->layout.indexes, key), checked at Finish or queued.
  std::vector<std::pair<size_t, Row>> unique_keys;

  void AddUniqueKeys(const Row& new_row, const Row* old_row) {
    if (!has_deferrable_unique) return;
    for (size_t i = 0; i < table->layout.indexes.size(); ++i) {
      const storage::IndexLayout& index = table->layout.indexes[i];
      if (!index.deferrable_unique) continue;
      // As PostgreSQL, an entry an UPDATE leaves as it was is not checked.
      if (old_row != nullptr) {
        std::vector<int> columns;
        for (const storage::IndexLayout::KeyColumn& c : index.columns) columns.push_back(c.column);
        if (!KeyChanges(*table, columns, *old_row, new_row)) continue;
      }
      if (std::optional<Row> key = UniqueKeyOf(index, new_row)) {
        unique_keys.emplace_back(i, std::move(*key));
      }
    }
  }

  const std::vector<ForeignKey>& Referencing(const ExecContext& ctx) {
    if (!referencing) referencing = ForeignKeysReferencing(table, ctx);
    return *referencing;
  }
  const std::vector<ForeignKey>& ForeignKeys(const ExecContext& ctx) {
    if (!foreign_keys) foreign_keys = ForeignKeysOf(table, ctx);
    return *foreign_keys;
  }
  void Check(const Row& row, ExecContext& ctx) {
    if (has_domains) CheckDomainColumns(*table, row, ctx);
    if (!has_checks) return;
    if (checks == nullptr) checks = std::make_unique<CheckConstraints>(*table, ctx);
    checks->Check(row, ctx);
  }
};

TableConstraints::TableConstraints(std::shared_ptr<const catalog::TableEntry> table) {
  StateOf(table);
}

TableConstraints::~TableConstraints() = default;

TableConstraints::TableState& TableConstraints::StateOf(
    const std::shared_ptr<const catalog::TableEntry>& table) {
  for (const std::unique_ptr<TableState>& state : tables_) {
    if (state->table->def.oid() == table->def.oid()) return *state;
  }
  auto state = std::make_unique<TableState>();
  state->table = table;
  for (const catalog::proto::Constraint& c : table->def.constraints()) {
    state->has_checks = state->has_checks || c.type() == "c";
    state->has_foreign_keys = state->has_foreign_keys || c.type() == "f";
  }
  state->has_domains = HasDomainColumns(*table);
  for (const storage::IndexLayout& index : table->layout.indexes) {
    state->has_deferrable_unique = state->has_deferrable_unique || index.deferrable_unique;
  }
  tables_.push_back(std::move(state));
  return *tables_.back();
}

void TableConstraints::BeforeInsert(const Row& row, ExecContext& ctx) {
  BeforeInsert(*tables_[0], row, ctx);
}
void TableConstraints::BeforeUpdate(const storage::LockedRow& old_row, const Row& new_row,
                                    ExecContext& ctx) {
  BeforeUpdate(*tables_[0], old_row, new_row, ctx);
}
void TableConstraints::BeforeDelete(const storage::LockedRow& old_row, ExecContext& ctx) {
  BeforeDelete(*tables_[0], old_row, ctx);
}

void TableConstraints::BeforeInsert(TableState& state, const Row& row, ExecContext& ctx) {
  state.Check(row, ctx);
  if (state.has_foreign_keys) state.written.push_back(row);
  state.AddUniqueKeys(row, nullptr);
}

void TableConstraints::BeforeUpdate(TableState& state, const storage::LockedRow& old_row,
                                    const Row& new_row, ExecContext& ctx) {
  state.Check(new_row, ctx);
  state.AddUniqueKeys(new_row, &old_row.row);
  const catalog::TableEntry& table = *state.table;
  if (state.has_foreign_keys) {
    // As PostgreSQL, a row whose key stays the same is not checked again.
    bool changed = false;
    for (const ForeignKey& fk : state.ForeignKeys(ctx)) {
      changed = changed || KeyChanges(table, fk.columns, old_row.row, new_row);
    }
    if (changed) state.written.push_back(new_row);
  }
  bool referenced_key_changes = false;
  for (const ForeignKey& fk : state.Referencing(ctx)) {
    referenced_key_changes =
        referenced_key_changes || (KeyOf(old_row.row, fk.parent_columns) &&
                                   KeyChanges(table, fk.parent_columns, old_row.row, new_row));
  }
  if (!referenced_key_changes) return;
  // A unique key other than the primary key changes under a FOR NO KEY
  // UPDATE lock, which KEY SHARE does not block: take FOR UPDATE, so a
  // child inserted meanwhile has committed (and is seen) or waits for us.
  storage::TableStore store(ctx.store, &table.layout);
  storage::LockedRow relocked;
  Result<bool> locked =
      store.LockRow(ctx.txn, old_row.key, &relocked, storage::RowLockStrength::kUpdate);
  if (!locked.ok()) ThrowStatus(locked.status());
  state.changes.push_back({old_row.row, new_row});
}

void TableConstraints::BeforeDelete(TableState& state, const storage::LockedRow& old_row,
                                    ExecContext& ctx) {
  for (const ForeignKey& fk : state.Referencing(ctx)) {
    if (KeyOf(old_row.row, fk.parent_columns)) {
      state.changes.push_back({old_row.row, std::nullopt});
      return;
    }
  }
}

void TableConstraints::Finish(ExecContext& ctx) {
  // Actions may write rows of any table reached, which adds work there:
  // go round until no table has any left.
  for (bool more = true; more;) {
    more = false;
    for (size_t i = 0; i < tables_.size(); ++i) {
      TableState& state = *tables_[i];
      if (!state.changes.empty()) {
        ApplyActions(state, ctx);
        more = true;
      }
      if (!state.unique_keys.empty()) {
        CheckUniqueKeys(state, ctx);
        more = true;
      }
      if (!state.written.empty()) {
        std::vector<Row> written = std::move(state.written);
        state.written.clear();
        for (const ForeignKey& fk : state.ForeignKeys(ctx)) {
          const bool deferred = ctx.deferred != nullptr && ctx.deferred->IsDeferred(*fk.def);
          for (const Row& row : written) {
            ctx.CheckForInterrupts();
            if (!deferred) {
              CheckReferencingRow(fk, row, ctx);
            } else if (std::optional<Row> key = ReferencingKey(fk, row)) {
              ctx.deferred->AddReferencingKey(fk, std::move(*key));
            }
          }
        }
        more = true;
      }
    }
  }
}

void TableConstraints::CheckUniqueKeys(TableState& state, ExecContext& ctx) {
  std::vector<std::pair<size_t, Row>> keys = std::move(state.unique_keys);
  state.unique_keys.clear();
  const catalog::TableEntry& table = *state.table;
  for (const auto& [i, key] : keys) {
    ctx.CheckForInterrupts();
    const catalog::proto::Index& def = table.def.indexes(static_cast<int>(i));
    if (ctx.deferred != nullptr && ctx.deferred->IsDeferred(def)) {
      ctx.deferred->AddUniqueKey(table, def, key);
    } else {
      CheckUniqueKey(table, table.layout.indexes[i], key, ctx);
    }
  }
}

void TableConstraints::ApplyActions(TableState& state, ExecContext& ctx) {
  std::vector<TableState::Change> changes = std::move(state.changes);
  state.changes.clear();
  const catalog::TableEntry& parent = *state.table;
  for (const ForeignKey& fk : state.Referencing(ctx)) {
    const bool deferred = ctx.deferred != nullptr && ctx.deferred->IsDeferred(*fk.def);
    // The keys lost, each with its change.
    std::vector<Row> keys;
    std::vector<const TableState::Change*> key_changes;
    for (const TableState::Change& change : changes) {
      std::optional<Row> key = KeyOf(change.old_row, fk.parent_columns);
      if (!key) continue;
      if (change.new_row &&
          !KeyChanges(parent, fk.parent_columns, change.old_row, *change.new_row)) {
        continue;
      }
      // A deferred NO ACTION is checked when the transaction ends.
      const char action = (change.new_row ? fk.def->on_update() : fk.def->on_delete())[0];
      if (deferred && action == 'a') {
        ctx.deferred->AddReferencedKey(fk, std::move(*key));
        continue;
      }
      keys.push_back(std::move(*key));
      key_changes.push_back(&change);
    }
    std::vector<ReferencingRow> rows = FindReferencingRows(fk, keys, ctx);
    if (rows.empty()) continue;
    const catalog::TableEntry& child = *fk.child;
    TableState& child_state = StateOf(fk.child);
    storage::TableStore store(ctx.store, &child.layout);
    std::unique_ptr<Binder> binder;  // SET DEFAULT's defaults
    for (const ReferencingRow& referencing : rows) {
      ctx.CheckForInterrupts();
      const Row& key = keys[referencing.key];
      const TableState::Change& change = *key_changes[referencing.key];
      const bool deleted = !change.new_row.has_value();
      const char action = (deleted ? fk.def->on_delete() : fk.def->on_update())[0];
      if (action == 'a' || action == 'r') {
        // NO ACTION passes if the key is there again (another row took it
        // in the same statement); RESTRICT never does.
        if (action == 'a' && ParentKeyExists(fk, key, ctx, /*lock=*/false)) continue;
        ThrowStillReferenced(fk, key);
      }
      storage::LockedRow locked;
      Result<bool> found = store.LockRow(ctx.txn, referencing.stored.key, &locked,
                                         storage::RowLockStrength::kUpdate);
      if (!found.ok()) ThrowStatus(found.status());
      // Gone, or no longer referencing the key, since it was found.
      if (!*found || !KeyOf(locked.row, fk.columns) ||
          KeyChanges(child, fk.columns, locked.row, referencing.stored.row)) {
        continue;
      }
      if (action == 'c' && deleted) {
        BeforeDelete(child_state, locked, ctx);
        Status st = store.Delete(ctx.txn, locked);
        if (!st.ok()) ThrowStatus(st);
        continue;
      }
      Row new_row = locked.row;
      if (action == 'c') {
        for (size_t i = 0; i < fk.columns.size(); ++i) {
          new_row[static_cast<size_t>(fk.columns[i])] =
              (*change.new_row)[static_cast<size_t>(fk.parent_columns[i])];
        }
      } else {
        std::vector<int> set = fk.columns;
        if (deleted && fk.def->delete_set_attnums_size() > 0) {
          set.clear();
          for (int attnum : fk.def->delete_set_attnums()) set.push_back(attnum - 1);
        }
        for (int column : set) {
          Value value = Value::Null();
          if (action == 'd') {
            if (binder == nullptr) {
              binder = std::make_unique<Binder>(*ctx.catalog, ctx.database_oid, ctx.user,
                                                ctx.search_path);
            }
            value = Evaluate(*binder->BindColumnDefault(child, column), Row{}, &ctx);
          }
          new_row[static_cast<size_t>(column)] = std::move(value);
        }
      }
      CheckNotNull(child, new_row);
      BeforeUpdate(child_state, locked, new_row, ctx);
      Status st = store.Update(ctx.txn, locked, new_row);
      if (!st.ok()) ThrowWriteFailure(child, new_row, st);
    }
  }
}

}  // namespace basalt::sql
