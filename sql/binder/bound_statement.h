// Bound statements: what the planner consumes. Names are resolved to
// catalog entries (held by shared_ptr, so a plan keeps its snapshot's
// definitions alive), expressions are typed.
#pragma once

#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"
#include "sql/engine.h"
#include "storage/table_store.h"

namespace basalt::sql {

struct BoundOrderBy {
  BoundExprPtr expr;  // over the input (or grouped) row, before projection
  bool descending = false;
  bool nulls_first = false;
};

// SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE of the table in
// FROM: the strongest clause's strength, NOWAIT if any clause says so, else
// SKIP LOCKED if any does (PostgreSQL's rules for repeated clauses).
struct BoundRowLock {
  storage::RowLockStrength strength = storage::RowLockStrength::kUpdate;
  bool nowait = false;
  bool skip_locked = false;
};

// A query of one of three input shapes: a table (`table` set), a VALUES list
// (`values` non-empty), or no FROM (a single empty input row). The filter,
// ordering and limit apply to input rows; `targets` then project them.
//
// A grouped query (`grouped`: GROUP BY, HAVING or an aggregate call) first
// folds the rows that pass `where` into one row per group (exactly one row
// without GROUP BY): the `group_by` values, then one value per aggregate
// (kAggregate nodes whose arguments are over the input row). `having`,
// `order_by` and `targets` are then over that row.
struct BoundSelect {
  std::shared_ptr<const catalog::TableEntry> table;
  std::vector<std::vector<BoundExprPtr>> values;
  BoundExprPtr where;
  bool grouped = false;
  std::vector<BoundExprPtr> group_by;    // over the input row
  std::vector<BoundExprPtr> aggregates;  // kAggregate, each distinct call once
  BoundExprPtr having;                   // over the grouped row; null: none
  // SELECT DISTINCT: the target expressions (over the input or grouped
  // row), whose distinct combinations are the result rows; `order_by` and
  // `targets` are then over those rows. Empty without DISTINCT.
  std::vector<BoundExprPtr> distinct;
  std::vector<BoundOrderBy> order_by;
  // SELECT DISTINCT ON (...): the first `distinct_on` keys of `order_by` are
  // the DISTINCT ON expressions; of the sorted rows, the first of each run
  // with equal values of them is kept. 0 without DISTINCT ON.
  size_t distinct_on = 0;
  BoundExprPtr limit;  // int8, null: none
  // FETCH FIRST n ROWS WITH TIES: rows past the n-th that tie with it on
  // `order_by` are returned too.
  bool limit_with_ties = false;
  BoundExprPtr offset;  // int8, null: none
  std::vector<BoundExprPtr> targets;
  std::vector<ResultColumn> columns;  // one per target
  std::optional<BoundRowLock> row_lock;
};

// INSERT: the source query's rows become table rows through `row_exprs`
// (one per table column, over the source's output: assignment casts,
// defaults, NULLs for columns not listed).
struct BoundInsert {
  std::shared_ptr<const catalog::TableEntry> table;
  std::unique_ptr<BoundSelect> source;
  std::vector<BoundExprPtr> row_exprs;
};

struct BoundAssignment {
  int column = 0;     // position in the table row
  BoundExprPtr expr;  // over the old row, already cast to the column type
};

struct BoundUpdate {
  std::shared_ptr<const catalog::TableEntry> table;
  BoundExprPtr where;
  std::vector<BoundAssignment> assignments;
};

struct BoundDelete {
  std::shared_ptr<const catalog::TableEntry> table;
  BoundExprPtr where;
};

struct BoundCreateTable {
  catalog::proto::Table table;  // oid and relation id still 0
  bool if_not_exists = false;
};

using BoundStatement = std::variant<std::unique_ptr<BoundSelect>, std::unique_ptr<BoundInsert>,
                                    std::unique_ptr<BoundUpdate>, std::unique_ptr<BoundDelete>,
                                    std::unique_ptr<BoundCreateTable>>;

}  // namespace basalt::sql
