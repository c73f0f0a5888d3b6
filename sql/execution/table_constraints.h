// The CHECK and FOREIGN KEY constraints one statement's writes of a table
// must keep. The writers (INSERT, UPDATE, DELETE, COPY FROM) call Before*
// for each row before they write it and Finish once their rows are
// written:
//  - CHECK is tested on each new row at once (23514), before the write, as
//    PostgreSQL's ExecConstraints;
//  - the foreign keys of the rows written are checked at Finish, as
//    PostgreSQL's RI triggers fire at the end of the statement (so a
//    statement may insert a parent and its child in either order): the
//    parent is looked up by its key and locked FOR KEY SHARE (23503);
//  - rows of other tables referencing a key the statement deleted or
//    changed get their ON DELETE / ON UPDATE action at Finish: NO ACTION
//    and RESTRICT fail with 23503, CASCADE / SET NULL / SET DEFAULT write
//    the referencing rows, whose own constraints and referencing rows are
//    handled the same way, iteratively (a chain of cascades is a work
//    list, not a recursion);
//  - a deferrable UNIQUE constraint's new keys are checked at Finish too
//    (PostgreSQL checks a deferrable one at the statement's end);
//  - a deferrable constraint that is deferred now queues its checks for
//    COMMIT instead (deferred_constraints.h).
// A table without constraints and not referenced costs one check per row.
#pragma once

#include <memory>
#include <vector>

#include "catalog/catalog.h"
#include "sql/execution/exec_context.h"
#include "storage/table_store.h"

namespace basalt::sql {

class TableConstraints {
 public:
  explicit TableConstraints(std::shared_ptr<const catalog::TableEntry> table);
  ~TableConstraints();
  TableConstraints(const TableConstraints&) = delete;
  TableConstraints& operator=(const TableConstraints&) = delete;

  void BeforeInsert(const Row& row, ExecContext& ctx);
  // `old_row` is locked; if the new row changes a key other rows reference,
  // the lock is raised to FOR UPDATE (KEY SHARE holders are waited for).
  void BeforeUpdate(const storage::LockedRow& old_row, const Row& new_row, ExecContext& ctx);
  void BeforeDelete(const storage::LockedRow& old_row, ExecContext& ctx);
  void Finish(ExecContext& ctx);

 private:
  struct TableState;
  TableState& StateOf(const std::shared_ptr<const catalog::TableEntry>& table);
  void BeforeInsert(TableState& state, const Row& row, ExecContext& ctx);
  void BeforeUpdate(TableState& state, const storage::LockedRow& old_row, const Row& new_row,
                    ExecContext& ctx);
  void BeforeDelete(TableState& state, const storage::LockedRow& old_row, ExecContext& ctx);
  // The referencing rows' actions for the keys `state`'s table lost.
  void ApplyActions(TableState& state, ExecContext& ctx);
  // The keys the statement gave deferrable unique indexes: checked now, or
  // queued while their constraint is deferred.
  void CheckUniqueKeys(TableState& state, ExecContext& ctx);

  // [0]: the statement's table; then the tables cascades reached.
  std::vector<std::unique_ptr<TableState>> tables_;
};

}  // namespace basalt::sql
