// FOREIGN KEY constraints at run time: a referencing (child) row's key
// looked up in the referenced (parent) table by its primary key or unique
// index — point reads, never a scan — and locked FOR KEY SHARE, so the
// parent row cannot be deleted or its key changed until the child's
// transaction ends; and the child rows that reference a parent key, found
// among the newest committed rows (plus the transaction's own), so a child
// committed while the parent's writer waited for that lock is seen.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/execution/exec_context.h"
#include "storage/table_store.h"

namespace basalt::sql {

struct ForeignKey {
  const catalog::proto::Constraint* def = nullptr;  // in child->def
  std::shared_ptr<const catalog::TableEntry> child;
  std::shared_ptr<const catalog::TableEntry> parent;
  std::vector<int> columns;         // 0-based positions in the child row
  std::vector<int> parent_columns;  // 0-based positions in the parent row, same order
  // The parent's key the lookup reads: -1 for the primary key, else the
  // position in parent->layout.indexes of a unique index on those columns;
  // key_order[k]: the position in `columns` of the key's k-th column.
  int index = -1;
  std::vector<int> key_order;
};

// The foreign keys of `table` (as referencing table).
std::vector<ForeignKey> ForeignKeysOf(const std::shared_ptr<const catalog::TableEntry>& table,
                                      const ExecContext& ctx);
// The foreign keys referencing `table`, from every table of the database.
std::vector<ForeignKey> ForeignKeysReferencing(
    const std::shared_ptr<const catalog::TableEntry>& table, const ExecContext& ctx);

// Whether the parent row `key` (values in fk.columns' order) names exists
// among the newest committed rows and this transaction's; with `lock`, it
// is locked FOR KEY SHARE first (waiting for a writer of it).
bool ParentKeyExists(const ForeignKey& fk, const Row& key, ExecContext& ctx, bool lock);

// The parent key the child row `row` references (fk.columns' order), or
// nullopt if it needs none: a NULL in its key, or all NULL under MATCH
// FULL, whose mix of NULL and non-NULL is 23503 at once.
std::optional<Row> ReferencingKey(const ForeignKey& fk, const Row& row);

// 23503 unless the child row `row` references an existing parent row (or
// needs none).
void CheckReferencingRow(const ForeignKey& fk, const Row& row, ExecContext& ctx);

// fk's 23503 errors: a child's key without a parent row, a parent's key
// still referenced by a child row (NO ACTION, RESTRICT).
[[noreturn]] void ThrowMissingParent(const ForeignKey& fk, const Row& key);
[[noreturn]] void ThrowStillReferenced(const ForeignKey& fk, const Row& key);

// A child row and the key it references.
struct ReferencingRow {
  storage::StoredRow stored;
  size_t key = 0;  // index into the keys given to FindReferencingRows
};
// The child rows whose key is one of `keys` (values in fk.columns' order,
// none NULL), newest committed versions plus this transaction's writes:
// through an index led by the key's columns if the child has one, else
// by reading the child table once for all the keys.
std::vector<ReferencingRow> FindReferencingRows(const ForeignKey& fk, const std::vector<Row>& keys,
                                                ExecContext& ctx);

// `(a, b)=(1, 2)` for fk's columns of `row` (`parent`: the parent's).
std::string ForeignKeyText(const ForeignKey& fk, const Row& key, bool parent);

}  // namespace basalt::sql
