// INSERT, UPDATE, DELETE and MERGE operators. They drain their input,
// write through storage::TableStore in the statement's transaction, count
// the rows in ExecContext::rows_affected and return RETURNING's rows (none
// without it): all of them after the last write, as PostgreSQL finishes the
// statement before the first row reaches the client. UPDATE, DELETE and
// MERGE collect all target rows before writing, so a scan never meets rows
// the statement itself moved (the Halloween problem).
//
// UPDATE, DELETE and MERGE lock each target row and act on the version the
// lock returns. Under READ COMMITTED that is the newest committed one: if it
// is not the version the scan saw, the WHERE clause (MERGE: ON) is checked
// again on it and the row is skipped if it no longer qualifies or is gone
// (PostgreSQL's EvalPlanQual), so concurrent `SET v = v + 1` lose nothing.
// Under snapshot isolation the lock fails with 40001 instead.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_statement.h"
#include "sql/execution/physical_operator.h"

namespace basalt::sql {

class TableConstraints;  // table_constraints.h

// 23502 `null value in column "a" of relation "t" violates not-null
// constraint`, DETAIL `Failing row contains (...).`, if `row` breaks one.
void CheckNotNull(const catalog::TableEntry& table, const Row& row);

// Raises a failed write of `row`; a 23505 from storage gets PostgreSQL's
// DETAIL `Key (id)=(1) already exists.` (storage knows no column names).
// `(a, b)=(1, 2)`: the key columns' names and the row's values, for 23505
// details.
std::string IndexKeyText(const catalog::TableEntry& table, const Row& row,
                         const std::vector<int>& columns);
// The same for `index`'s key of `row`: an expression column is named as
// pg_get_indexdef prints it, `(lower(email))=(x)`.
std::string IndexKeyText(const catalog::TableEntry& table, const storage::IndexLayout& index,
                         const Row& row);
[[noreturn]] void ThrowWriteFailure(const catalog::TableEntry& table, const Row& row,
                                    const Status& status);

// The steps every writer of a row takes, in PostgreSQL's order. Inserts
// `row`, which passed CheckNotNull, after its CHECK constraints
// (`constraints`); *key: its storage key, when wanted.
void WriteNewRow(const catalog::TableEntry& table, storage::TableStore& store,
                 TableConstraints& constraints, const Row& row, ExecContext& ctx,
                 std::string* key = nullptr);
// Replaces the locked row by `new_row` after NOT NULL and its constraints.
void WriteUpdatedRow(const catalog::TableEntry& table, storage::TableStore& store,
                     TableConstraints& constraints, const storage::LockedRow& locked,
                     const Row& new_row, ExecContext& ctx);
// Deletes the locked row after its referencing rows' actions are noted.
void WriteDeletedRow(storage::TableStore& store, TableConstraints& constraints,
                     const storage::LockedRow& locked, ExecContext& ctx);

// Every row `input` yields. UPDATE, DELETE and MERGE collect their target
// rows before writing, so a scan never meets rows the statement itself
// moved (the Halloween problem).
std::vector<Row> DrainRows(PhysicalOperator& input, ExecContext& ctx);

// The table row `old_row` becomes under `assignments` (`old_row` may carry
// more columns: a scanned row's key and stored value, joined rows); every
// SET expression sees the old row, as in PostgreSQL.
Row AssignedRow(const catalog::TableEntry& table, const std::vector<BoundAssignment>& assignments,
                const Row& old_row, ExecContext& ctx);

// Whether `new_row` gives the table's key other values than `old_row` (as
// PostgreSQL decides between FOR UPDATE and FOR NO KEY UPDATE: by the
// values, not by the SET list).
bool ChangesKey(const catalog::TableEntry& table, const Row& old_row, const Row& new_row);

// WITH CHECK OPTION of the views a row was written through, innermost
// first: 44000 `new row violates check option for view "v"` (DETAIL
// `Failing row contains (...).`) unless each condition is true on `row`.
// Tested after the row is written, as PostgreSQL's ExecWithCheckOptions.
void CheckViewOptions(const catalog::TableEntry& table, const std::vector<BoundViewCheck>& checks,
                      const Row& row, ExecContext& ctx);

// RETURNING's rows of a write, computed as each row is written.
class ReturningRows {
 public:
  explicit ReturningRows(const std::vector<BoundExprPtr>& exprs) : exprs_(exprs) {}
  void Add(const Row& written, ExecContext& ctx);
  // The next rows kept; false when all were handed out.
  bool Next(RowBatch* batch);

 private:
  const std::vector<BoundExprPtr>& exprs_;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

// The part every write operator shares: the write runs once, on the first
// Next; RETURNING's rows follow.
class ModifyTable : public PhysicalOperator {
 public:
  bool Next(ExecContext& ctx, RowBatch* batch) final;

 protected:
  ModifyTable(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
              const std::vector<BoundExprPtr>& returning)
      : table_(std::move(table)), returning_(returning) {
    children_.push_back(std::move(child));
  }
  virtual void Write(ExecContext& ctx) = 0;

  std::shared_ptr<const catalog::TableEntry> table_;
  ReturningRows returning_;

 private:
  bool written_ = false;
};

// `on_conflict`: INSERT ... ON CONFLICT's arbiter and action; null without.
class Insert : public ModifyTable {
 public:
  Insert(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
         const std::vector<BoundExprPtr>& row_exprs, const BoundOnConflict* on_conflict,
         const std::vector<BoundExprPtr>& returning, const std::vector<BoundViewCheck>& view_checks)
      : ModifyTable(std::move(child), std::move(table), returning),
        row_exprs_(row_exprs),
        on_conflict_(on_conflict),
        view_checks_(view_checks) {}
  std::string Describe() const override { return "Insert on " + table_->def.name(); }

 private:
  void Write(ExecContext& ctx) override;
  // ON CONFLICT (insert_on_conflict.cc): true if `row` conflicts with a row
  // already there, which DO NOTHING leaves and DO UPDATE changes; false if
  // `row` is to be inserted (DO UPDATE's new row passes `constraints`).
  // `written`: the keys of the rows this statement
  // inserted or updated (21000 if DO UPDATE meets one again).
  bool ResolveConflict(storage::TableStore& store, TableConstraints& constraints, const Row& row,
                       ExecContext& ctx, std::unordered_set<std::string>& written);

  const std::vector<BoundExprPtr>& row_exprs_;
  const BoundOnConflict* on_conflict_;
  const std::vector<BoundViewCheck>& view_checks_;
};

// Input rows are a table row, its storage key and stored value
// (TableScan/PointLookup with emit_key), then, for UPDATE ... FROM, the
// joined FROM items' columns (see BoundUpdate); `recheck` (the WHERE
// clause; null: none), the assignments and RETURNING read them. `joined`:
// a target row may come several times, joined with several FROM rows; the
// first updates it and the others are skipped, as in PostgreSQL.
class Update : public ModifyTable {
 public:
  Update(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
         const std::vector<BoundAssignment>& assignments, const BoundExpr* recheck,
         const std::vector<BoundExprPtr>& returning, bool joined,
         const std::vector<BoundViewCheck>& view_checks)
      : ModifyTable(std::move(child), std::move(table), returning),
        assignments_(assignments),
        recheck_(recheck),
        joined_(joined),
        view_checks_(view_checks) {}
  std::string Describe() const override { return "Update on " + table_->def.name(); }

 private:
  void Write(ExecContext& ctx) override;
  // The table row `old_row` becomes (`old_row` may carry more columns: a
  // scanned row's key and stored value).
  Row NewRow(const Row& old_row, ExecContext& ctx) const;

  const std::vector<BoundAssignment>& assignments_;
  const BoundExpr* recheck_;
  bool joined_;
  const std::vector<BoundViewCheck>& view_checks_;
};

// As Update: DELETE ... USING's rows carry the USING items' columns, and a
// target row joined with several of their rows is deleted once.
class Delete : public ModifyTable {
 public:
  Delete(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
         const BoundExpr* recheck, const std::vector<BoundExprPtr>& returning, bool joined)
      : ModifyTable(std::move(child), std::move(table), returning),
        recheck_(recheck),
        joined_(joined) {}
  std::string Describe() const override { return "Delete on " + table_->def.name(); }

 private:
  void Write(ExecContext& ctx) override;

  const BoundExpr* recheck_;
  bool joined_;
};

// MERGE (merge.cc). Input rows are UPDATE ... FROM's: the target's row,
// storage key and stored value, then the source's columns; a source row
// no target row matched has the target's part NULL. Each row takes the
// first WHEN clause of its kind whose condition holds. A matched row is
// locked before it is changed; if it changed since the scan (READ
// COMMITTED), `on` is checked again on the newest version with the same
// source row and the clauses are evaluated again from the first; a row
// gone or no longer matching takes the NOT MATCHED clauses, as in
// PostgreSQL 15. A target row changed twice by one MERGE is 21000.
class Merge : public ModifyTable {
 public:
  Merge(PhysicalOperatorPtr child, std::shared_ptr<const catalog::TableEntry> table,
        const BoundExpr* on, const std::vector<BoundMergeAction>& actions)
      : ModifyTable(std::move(child), std::move(table), kNoReturning), on_(on), actions_(actions) {}
  std::string Describe() const override { return "Merge on " + table_->def.name(); }

 private:
  inline static const std::vector<BoundExprPtr> kNoReturning;

  void Write(ExecContext& ctx) override;
  // The first clause for a matched (or not matched) row whose condition
  // holds on `row`; null: none.
  const BoundMergeAction* ChooseAction(bool matched, const Row& row, ExecContext& ctx) const;
  // WHEN MATCHED on `joined`; false when the target row is gone or no
  // longer matches, so the NOT MATCHED clauses apply. `changed`: the keys
  // of the target rows this statement updated or deleted.
  bool MergeMatched(storage::TableStore& store, TableConstraints& constraints, const Row& joined,
                    ExecContext& ctx, std::unordered_set<std::string>& changed);
  void MergeNotMatched(storage::TableStore& store, TableConstraints& constraints, const Row& joined,
                       ExecContext& ctx);

  const BoundExpr* on_;
  const std::vector<BoundMergeAction>& actions_;
};

}  // namespace basalt::sql
