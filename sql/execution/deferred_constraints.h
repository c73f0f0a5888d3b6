// The deferred FOREIGN KEY and UNIQUE checks of one transaction and its SET
// CONSTRAINTS modes. A deferrable constraint that is deferred now (SET
// CONSTRAINTS, else INITIALLY DEFERRED) does not check at the end of a
// statement (table_constraints.h): the statement queues the keys here, and
// they are checked at COMMIT or when SET CONSTRAINTS makes the constraint
// IMMEDIATE, as PostgreSQL fires its deferred triggers. A queued key is
// checked against the rows as they are then, so a child whose parent came
// later, or that was deleted since, passes, and so does a duplicate gone
// again. RESTRICT and the writing
// actions (CASCADE, SET NULL, SET DEFAULT) are never deferred, as in
// PostgreSQL. Savepoints mark the queue and the modes; ROLLBACK TO drops
// what was queued or set after the mark.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "catalog/catalog.h"
#include "sql/execution/exec_context.h"
#include "sql/execution/foreign_keys.h"

namespace basalt::sql {

class DeferredConstraints {
 public:
  // Whether the constraint's checks wait for the end of the transaction
  // now: a FOREIGN KEY, or a UNIQUE constraint's index.
  bool IsDeferred(const catalog::proto::Constraint& c) const;
  bool IsDeferred(const catalog::proto::Index& index) const;

  // SET CONSTRAINTS ALL / names {DEFERRED | IMMEDIATE}. REQUIRES: the named
  // constraint is deferrable.
  void SetAll(bool deferred);
  void Set(Oid constraint, bool deferred);

  // A written child row's key (fk.columns' order, no NULL), which must
  // name a parent row at the check.
  void AddReferencingKey(const ForeignKey& fk, Row key);
  // NO ACTION: a parent key deleted or changed (same order), which no child
  // row may reference at the check unless a parent row has it again.
  void AddReferencedKey(const ForeignKey& fk, Row key);
  // A key (the index's column order, no NULL) written to the deferrable
  // unique index `index` of `table`: at most one row may have it.
  void AddUniqueKey(const catalog::TableEntry& table, const catalog::proto::Index& index, Row key);

  // Checks, in the order queued, the keys of the constraints no longer
  // deferred — every one with `all` (COMMIT) — and forgets them; 23503 on
  // the first that fails.
  void CheckPending(ExecContext& ctx, bool all);
  bool empty() const { return pending_.empty(); }

  struct Mark {
    size_t pending = 0;
    std::optional<bool> all;
    std::map<Oid, bool> named;
  };
  Mark mark() const { return Mark{pending_.size(), all_, named_}; }
  void RollbackTo(const Mark& mark);
  // The transaction ended.
  void Clear();

 private:
  enum class Kind { kReferencing, kReferenced, kUnique };
  struct Pending {
    Kind kind = Kind::kReferencing;
    Oid table = 0;       // the table the constraint belongs to
    Oid constraint = 0;  // the FOREIGN KEY's, or the unique index's OID
    bool initially_deferred = false;
    Row key;
  };
  bool IsDeferred(Oid constraint, bool deferrable, bool initially_deferred) const;
  void Add(const ForeignKey& fk, Row key, Kind kind);
  // The check of one pending key; `foreign_keys`: those resolved so far,
  // by constraint OID (nullopt: dropped since the key was queued).
  static void Check(const Pending& pending, ExecContext& ctx,
                    std::map<Oid, std::optional<ForeignKey>>& foreign_keys);

  std::vector<Pending> pending_;
  std::optional<bool> all_;    // SET CONSTRAINTS ALL's, until the next one
  std::map<Oid, bool> named_;  // SET CONSTRAINTS name's, by Pending::constraint
};

}  // namespace basalt::sql
