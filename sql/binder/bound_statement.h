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
#include "sql/planner/logical_operator.h"
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

struct BoundSelect;
struct CteUse;

// kSemi and kAnti (made by the decorrelation pass) return the left rows
// that have a match, or none: their rows are the left row only.
enum class JoinType { kInner, kLeft, kRight, kFull, kSemi, kAnti };

enum class TableFunction {
  kGenerateSeries,  // generate_series(start, stop [, step]): int4, int8, numeric
  kUnnest,          // unnest(int[])
  // generate_subscripts(array, dim): the subscripts of one dimension.
  kGenerateSubscripts,
  // regexp_matches(text, pattern [, flags]) -> setof text[] and
  // regexp_split_to_table(text, pattern [, flags]) -> setof text.
  kRegexpMatches,
  kRegexpSplitToTable,
  // Over json or jsonb (the first argument's type): the elements of an
  // array, as json[b] or as text; the keys of an object; an object's
  // pairs as (key, value) rows of two columns, the value as json[b] or
  // text (function_type is the value column's type).
  kJsonArrayElements,
  kJsonArrayElementsText,
  kJsonObjectKeys,
  kJsonEach,
  kJsonEachText,
  // pg_options_to_table(text[]): each "name=value" option (reloptions,
  // fdwoptions) as an (option_name, option_value) row; function_type is text.
  kOptionsToTable,
  // json[b]_to_record(json[b]) and json[b]_to_recordset(json[b]): an
  // object's members (of each object of an array) as the columns of the FROM
  // item's column definition list, BoundTableRef::record_columns
  // (json_record_function.h).
  kJsonToRecord,
  kJsonToRecordset,
};

inline bool ReturnsRecord(TableFunction f) {
  return f == TableFunction::kJsonToRecord || f == TableFunction::kJsonToRecordset;
}

// A column of a function returning record, as its column definition list
// names and types it.
struct RecordColumn {
  std::string name;
  DataType type;
};

// The functions whose rows are (key, value) pairs: a text column first.
inline bool ReturnsPairs(TableFunction f) {
  return f == TableFunction::kJsonEach || f == TableFunction::kJsonEachText ||
         f == TableFunction::kOptionsToTable;
}

// A FROM item. Its rows are the concatenation of its leaves' columns, in
// the order they are written: a table's columns, a subquery's result
// columns, a join's left then right side.
struct BoundTableRef {
  // kWorkTable: a recursive CTE's reference to itself, the rows of the
  // previous iteration (work_table_id names the WITH RECURSIVE instance).
  // kFunction: a set-returning function (generate_series, unnest).
  enum class Kind { kTable, kSubquery, kJoin, kWorkTable, kFunction };
  Kind kind = Kind::kTable;
  int work_table_id = -1;
  std::vector<DataType> work_table_types;
  int width = 0;                                     // columns in its rows
  std::shared_ptr<const catalog::TableEntry> table;  // kTable
  std::unique_ptr<BoundSelect> subquery;             // kSubquery (also VALUES)
  JoinType join_type = JoinType::kInner;             // kJoin
  std::unique_ptr<BoundTableRef> left;
  std::unique_ptr<BoundTableRef> right;
  // kJoin: ON, USING or NATURAL's condition over the columns of the whole
  // FROM row (positions as the scope numbers them); null: a cross join.
  BoundExprPtr condition;
  // kFunction: its arguments, and whether a row number column follows.
  TableFunction function = TableFunction::kGenerateSeries;
  std::vector<BoundExprPtr> arguments;
  bool with_ordinality = false;
  DataType function_type;  // of its value column
  // A function returning record: the columns of its column definition list,
  // in place of the value column. Empty in a target list, where such a
  // function fails at run time (PostgreSQL's "could not determine row type").
  std::vector<RecordColumn> record_columns;
  // Further set-returning functions of a target list run in lockstep with
  // this one (PostgreSQL's ProjectSet): each adds one column, NULL once its
  // function has run out, until all have. They share `lateral_values`.
  std::vector<std::unique_ptr<BoundTableRef>> lockstep;
  // A LATERAL item (or a function reading earlier items): the values it
  // reads from the FROM items before it (over the FROM row), which its
  // kOuterColumn nodes name. The join with those items runs it per row.
  std::vector<BoundExprPtr> lateral_values;

  // How the item was written, for printing the query back (pg_get_viewdef,
  // sql/binder/deparse.cc). kTable, kSubquery (a subquery or a view) and
  // kFunction:
  // the alias written (empty: none) and the item's column names after it;
  // `view` is the view a kSubquery expands. kJoin: a comma between FROM
  // items, CROSS JOIN, or the columns USING or NATURAL merged.
  std::string alias;
  std::vector<std::string> column_names;
  std::shared_ptr<const catalog::TableEntry> view;
  bool comma = false;
  bool cross = false;
  std::vector<std::string> using_columns;
  // LATERAL written before a subquery, or a function reading the FROM items
  // before it (PostgreSQL marks both LATERAL). `cte_name`: the WITH query a
  // kSubquery or kWorkTable item reads.
  bool lateral = false;
  std::string cte_name;
  // A kSubquery item reading a WITH query: the query's use, shared by its
  // references (each has its own binding in `subquery` too).
  std::shared_ptr<CteUse> cte;
  // kFunction: the set-returning functions of the target list
  // (BindTargetFunctions), which print where they were written.
  bool in_target_list = false;
};

// `left UNION | INTERSECT | EXCEPT [ALL] right`: both sides' columns were
// cast to the result's types.
//
// WITH RECURSIVE's `non-recursive UNION [ALL] recursive` is one with
// `recursive` set: `right` runs again and again over the rows the previous
// round added (its kWorkTable reference, `work_table_id`) until a round
// adds none.
struct BoundSetOperation {
  enum class Kind { kUnion, kIntersect, kExcept };
  Kind kind = Kind::kUnion;
  bool all = false;
  bool recursive = false;
  int work_table_id = -1;
  std::unique_ptr<BoundSelect> left;
  std::unique_ptr<BoundSelect> right;
};

// GROUP BY with grouping sets as written, for pg_get_viewdef: PostgreSQL's
// GroupingSet tree once flatten_grouping_sets has dropped the top level's
// empty sets and merged GROUPING SETS nested in GROUPING SETS.
struct BoundGroupingSet {
  enum class Kind { kEmpty, kSimple, kRollup, kCube, kSets };
  Kind kind = Kind::kSimple;
  std::vector<int> keys;                // kSimple: positions in group_by
  std::vector<BoundGroupingSet> items;  // kRollup, kCube, kSets
};

// A query of WITH, kept for pg_get_viewdef (Binder::KeepWithClauses): its
// name, the column names written after it, and its query bound once more
// (references bind their own copies), under its own column names.
struct BoundCte {
  enum class Materialized { kDefault, kYes, kNo };
  std::string name;
  std::vector<std::string> columns;
  Materialized materialized = Materialized::kDefault;
  std::unique_ptr<BoundSelect> query;
};

// A WITH query as its references use it. The planner computes it once per
// execution, read by CTE scans, when it is written MATERIALIZED, read by
// more than one reference (unless NOT MATERIALIZED), recursive, or calls a
// volatile function (PostgreSQL's rule), and when it reads nothing of an
// enclosing query; otherwise each reference plans its own binding, as a
// subquery in FROM (sql/planner/plan_cte.cc).
struct CteUse {
  int id = 0;  // the order of the WITH queries in the statement
  BoundCte::Materialized materialized = BoundCte::Materialized::kDefault;
  int references = 0;  // in the statement's text, as PostgreSQL counts them
  // The planner's decision, taken at the first reference it plans, and the
  // plan the CTE scans share.
  enum class Plan { kUndecided, kExpand, kScan };
  Plan decision = Plan::kUndecided;
  LogicalOperatorPtr plan;
  bool optimized = false;
};

// A query of one of four input shapes: a FROM tree (`from` set), a VALUES
// list (`values` non-empty), a set operation (`set_operation` set), or no
// FROM (a single empty input row). The filter, ordering and limit apply to
// input rows; `targets` then project them.
//
// A grouped query (`grouped`: GROUP BY, HAVING or an aggregate call) first
// folds the rows that pass `where` into one row per group (exactly one row
// without GROUP BY): the `group_by` values, then one value per aggregate
// (kAggregate nodes whose arguments are over the input row). `having`,
// `order_by` and `targets` are then over that row.
struct BoundSelect {
  std::unique_ptr<BoundTableRef> from;
  std::vector<std::vector<BoundExprPtr>> values;
  std::unique_ptr<BoundSetOperation> set_operation;
  BoundExprPtr where;
  bool grouped = false;
  std::vector<BoundExprPtr> group_by;    // over the input row
  std::vector<BoundExprPtr> aggregates;  // kAggregate, each distinct call once
  // GROUP BY ROLLUP / CUBE / GROUPING SETS, or a query calling GROUPING():
  // each grouping set as the positions of its keys in `group_by` (the
  // others are NULL in its rows). Empty: one set of every key.
  std::vector<std::vector<int>> grouping_sets;
  std::vector<BoundGroupingSet> grouping_written;  // as written; empty: no grouping sets
  BoundExprPtr having;                             // over the grouped row; null: none
  // Window function calls (kWindow, over the input or grouped row): their
  // values follow that row, in this order, for `distinct`, `order_by` and
  // `targets`. Calls over the same window are adjacent.
  std::vector<BoundExprPtr> windows;
  // The WINDOW clause, for pg_get_viewdef: kWindow nodes without arguments
  // (over the input or grouped row), each with its window.name.
  std::vector<BoundExprPtr> window_clause;
  // WITH [RECURSIVE], for pg_get_viewdef (Binder::KeepWithClauses).
  bool with_recursive = false;
  std::vector<BoundCte> ctes;
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
  std::vector<ResultColumn> columns;     // one per target
  std::optional<BoundRowLock> row_lock;  // only with a single table in FROM
  // Every table the statement reads (subqueries included), once each: the
  // relations it locks ACCESS SHARE. Filled for the outermost query.
  std::vector<std::shared_ptr<const catalog::TableEntry>> tables_read;

  // The one table of `FROM t`, or null for any other FROM.
  std::shared_ptr<const catalog::TableEntry> SingleTable() const {
    return from != nullptr && from->kind == BoundTableRef::Kind::kTable ? from->table : nullptr;
  }
};

// A subquery in an expression (BoundExprKind::kSubquery). The planner plans
// `select` into `plan` once; every execution runs that plan, per outer row
// when the subquery reads outer values.
struct BoundSubquery {
  std::unique_ptr<BoundSelect> select;
  LogicalOperatorPtr plan;
  bool optimized = false;
  // ANY / ALL: the comparison of the left operand (column 0) with one
  // result value (column 1); for a row of n fields, of the row (columns
  // 0..n-1) with a result row (columns n..2n-1).
  BoundExprPtr test;
  // ANY / ALL: the left operand's fields, the kSubquery node's first
  // children (the values it reads from the outer row follow them).
  int left_width = 1;
  // ARRAY(subquery) of an array column: one array of one more dimension,
  // of that column's array type (as array_agg of arrays).
  DataType array_of_arrays;
};

// Whether `e` (a kSubquery) is `x = ANY (SELECT ...)`, x IN (SELECT ...):
// one value and an `=` test, which a semi join or a hash lookup can answer.
inline bool IsInSubquery(const BoundExpr& e) {
  return e.subquery_kind == SubqueryKind::kAny && e.subquery->left_width == 1 &&
         e.subquery->test->kind == BoundExprKind::kCompare &&
         e.subquery->test->compare_op == CompareOp::kEqual;
}

// RETURNING of INSERT, UPDATE or DELETE: expressions over the table row
// written (the new row of INSERT and UPDATE, the old row of DELETE) and the
// result columns they make. Empty: the statement returns no rows.
struct BoundReturning {
  std::vector<BoundExprPtr> exprs;
  std::vector<ResultColumn> columns;
};

struct BoundAssignment {
  int column = 0;     // position in the table row
  BoundExprPtr expr;  // over the old row, already cast to the column type
};

// INSERT ... ON CONFLICT: the unique key whose duplicate is a conflict, and
// what becomes of the row already there. DO UPDATE's expressions are over
// that row followed by the row proposed for insertion (EXCLUDED).
struct BoundOnConflict {
  static constexpr int kPrimaryKey = -1;
  static constexpr int kAnyUniqueKey = -2;  // DO NOTHING without a target
  int arbiter = kAnyUniqueKey;              // or a position in TableLayout::indexes
  bool do_update = false;
  std::vector<BoundAssignment> assignments;
  BoundExprPtr where;  // null: none
};

// WITH CHECK OPTION of a view written through (bind_view_target.cc): the
// view's WHERE over the table row written, which each new row must make
// true (NULL fails: 44000 `new row violates check option for view "v"`).
struct BoundViewCheck {
  std::string view;
  BoundExprPtr condition;
};

// INSERT: the source query's rows become table rows through `row_exprs`
// (one per table column, over the source's output: assignment casts,
// defaults, NULLs for columns not listed).
struct BoundInsert {
  std::shared_ptr<const catalog::TableEntry> table;
  std::unique_ptr<BoundSelect> source;
  std::vector<BoundExprPtr> row_exprs;
  std::optional<BoundOnConflict> on_conflict;
  BoundReturning returning;
  // Written through views WITH CHECK OPTION: innermost view first.
  std::vector<BoundViewCheck> view_checks;
  std::vector<std::shared_ptr<const catalog::TableEntry>> tables_read;  // by the source
};

// UPDATE and DELETE read rows that are the target table's row, its storage
// key and stored value, then (UPDATE ... FROM, DELETE ... USING) the
// columns of `from`'s items: `where`, the assignments and RETURNING are
// over those rows.
struct BoundUpdate {
  std::shared_ptr<const catalog::TableEntry> table;
  std::unique_ptr<BoundTableRef> from;  // null: no FROM
  BoundExprPtr where;
  std::vector<BoundAssignment> assignments;
  BoundReturning returning;
  std::vector<BoundViewCheck> view_checks;                              // as BoundInsert's
  std::vector<std::shared_ptr<const catalog::TableEntry>> tables_read;  // by subqueries
};

struct BoundDelete {
  std::shared_ptr<const catalog::TableEntry> table;
  std::unique_ptr<BoundTableRef> from;  // USING; null: none
  BoundExprPtr where;
  BoundReturning returning;
  std::vector<std::shared_ptr<const catalog::TableEntry>> tables_read;  // by subqueries
};

// One WHEN clause of MERGE. MATCHED clauses read rows as UPDATE ... FROM
// does: the target's row, its storage key and stored value, then the
// source's columns; NOT MATCHED clauses read the same shape with the
// target's part NULL.
struct BoundMergeAction {
  enum class Kind { kUpdate, kDelete, kInsert, kDoNothing };
  bool matched = true;
  Kind kind = Kind::kDoNothing;
  BoundExprPtr condition;                    // null: unconditional
  std::vector<BoundAssignment> assignments;  // kUpdate
  std::vector<BoundExprPtr> row_exprs;       // kInsert: one per table column
};

// MERGE: the source's rows joined to the target's by `on` (a source row
// without a partner still comes, unless no NOT MATCHED clause exists);
// `actions` in the order written, the first whose condition holds acts.
struct BoundMerge {
  std::shared_ptr<const catalog::TableEntry> table;
  std::unique_ptr<BoundTableRef> source;
  BoundExprPtr on;
  std::vector<BoundMergeAction> actions;
  std::vector<std::shared_ptr<const catalog::TableEntry>> tables_read;  // the source's too
};

struct BoundCreateTable {
  catalog::proto::Table table;  // oid and relation id still 0
  bool if_not_exists = false;
  // The sequences its serial columns own (owned_by_table still 0).
  std::vector<catalog::proto::Table> sequences;
};

// CREATE INDEX (sql/binder/bind_create_index.cc): the index's name is
// chosen, its columns resolved; OID and relation id are still 0.
struct BoundCreateIndex {
  std::shared_ptr<const catalog::TableEntry> table;
  catalog::proto::Index index;
  bool if_not_exists = false;
};

using BoundStatement = std::variant<std::unique_ptr<BoundSelect>, std::unique_ptr<BoundInsert>,
                                    std::unique_ptr<BoundUpdate>, std::unique_ptr<BoundDelete>,
                                    std::unique_ptr<BoundMerge>, std::unique_ptr<BoundCreateTable>>;

}  // namespace basalt::sql
