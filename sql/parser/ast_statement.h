// Statement nodes of the parsed (unbound) tree, and the pieces they share:
// table references, target lists, ORDER BY items, constraints.
#pragma once

#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/parser/ast_expr.h"
#include "sql/parser/ast_node.h"

namespace basalt::sql::ast {

// A name with its own position (insert column lists, USING lists, ...).
struct Identifier : Node {
  std::string name;
};

// `AS name (col, ...)` after a table reference; `name` empty when absent.
// After a function, the columns may be a column definition list
// (`AS x(a int, b text)`, also `AS (a int)` without a name): their types are
// in `column_types`, beside `columns`, and `definitions_position` is the
// first definition's.
struct Alias : Node {
  std::string name;
  std::vector<std::string> columns;
  std::vector<TypeName> column_types;
  int definitions_position = 0;
};

// One item of a SELECT list or RETURNING list. `alias` is empty when none was
// written (the binder derives the column name, e.g. "?column?"). The position
// is the start of the expression.
struct ResultTarget : Node {
  ExprPtr expr;
  std::string alias;
};

// ---------------------------------------------------------------------------
// Table references (FROM items)

enum class TableRefKind { kTable, kSubquery, kFunction, kJoin };

struct TableRef : KindedNode<TableRefKind> {
  using KindedNode::KindedNode;
};

using TableRefPtr = std::unique_ptr<TableRef>;

// `[ONLY] schema.table [AS] alias [(cols)]`
struct BaseTableRef : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kTable;
  BaseTableRef() : TableRef(kKind) {}
  QualifiedName name;
  Alias alias;
};

// `[LATERAL] (SELECT ...) [AS] alias [(cols)]`
struct SubqueryRef : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kSubquery;
  SubqueryRef();
  ~SubqueryRef() override;
  std::unique_ptr<SelectStmt> select;
  Alias alias;
  bool lateral = false;
};

// `generate_series(1, 10) [AS] alias [(cols)]`
struct FunctionRef : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kFunction;
  FunctionRef() : TableRef(kKind) {}
  ~FunctionRef() override { DeleteIteratively(call); }
  std::unique_ptr<FunctionCall> call;
  Alias alias;
  bool lateral = false;
  bool with_ordinality = false;  // WITH ORDINALITY: a bigint row number column
};

enum class JoinType { kInner, kLeft, kRight, kFull, kCross };

// `left [NATURAL] {[INNER] | LEFT [OUTER] | ... | CROSS} JOIN right
//  [ON cond | USING (cols)]`. The position is that of the JOIN keyword group.
struct JoinRef : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kJoin;
  JoinRef() : TableRef(kKind) {}
  ~JoinRef() override {
    DeleteIteratively(left);  // a chain of joins is built by a loop
    DeleteIteratively(right);
    DeleteIteratively(on);
  }
  JoinType type = JoinType::kInner;
  bool natural = false;
  TableRefPtr left;
  TableRefPtr right;
  ExprPtr on;                             // ON condition, or null
  std::vector<Identifier> using_columns;  // USING (a, b)
  Alias alias;                            // (a JOIN b USING (x)) AS j — rare
};

// ---------------------------------------------------------------------------
// Statements

enum class StatementKind {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kCreateIndex,
  kCreateView,
  kCreateTableAs,
  kRefreshMatView,
  kDrop,
  kTruncate,
  kTransaction,
  kSet,
  kReset,
  kShow,
  kCheckpoint,
  kExplain,
  kLock,
  kClose,
  kDiscard,
  kUnlisten,
  kPrepare,
  kExecute,
  kDeallocate,
  kDeclareCursor,
  kFetch,
  kCreateRole,
  kAlterRole,
  kDropRole,
  kCopy,            // ast_copy.h
  kAlterTable,      // ast_copy.h
  kVacuum,          // ast_copy.h (and ANALYZE)
  kReindex,         // ast_copy.h
  kAlterRelation,   // ast_alter.h
  kCreateSequence,  // ast_sequence.h
  kAlterSequence,   // ast_sequence.h
  kMerge,           // ast_merge.h
  kCreateSchema,    // ast_schema.h
  kAlterSchema,     // ast_schema.h
  kCreateDatabase,  // ast_schema.h
  kDropDatabase,    // ast_schema.h
  kAlterDatabase,   // ast_schema.h
  kComment,         // ast_comment.h
  kCreateType,      // ast_type.h
  kAlterType,       // ast_type.h
  kCreateDomain,    // ast_type.h
  kAlterDomain,     // ast_type.h
};

struct Statement : KindedNode<StatementKind> {
  using KindedNode::KindedNode;

  // The statement's text as the byte range [text_begin, text_end) of the
  // query string: from its first token to the end of its last token, without
  // the terminating semicolon or surrounding whitespace and comments. Set for
  // top-level statements only (0, 0 for subqueries).
  int text_begin = 0;
  int text_end = 0;
};

using StatementPtr = std::unique_ptr<Statement>;

enum class SetOperation { kNone, kUnion, kIntersect, kExcept };

// A query. One of three shapes, told apart by set_operation and values:
//  - a simple SELECT (set_operation == kNone, values empty): the fields from
//    `distinct` to `having`;
//  - a VALUES list (set_operation == kNone, values non-empty);
//  - `left UNION|INTERSECT|EXCEPT [ALL] right` (set_operation != kNone).
// order_by, limit and offset apply to the whole query in every shape.
// FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF table, ...]
// [NOWAIT | SKIP LOCKED]
struct LockingClause {
  enum class Strength { kKeyShare, kShare, kNoKeyUpdate, kUpdate };
  enum class WaitPolicy { kWait, kNoWait, kSkipLocked };
  Strength strength = Strength::kUpdate;
  std::vector<QualifiedName> tables;  // OF ...; empty: every table in FROM
  WaitPolicy wait = WaitPolicy::kWait;
  int position = 0;  // of FOR
};

// `name [(columns)] AS [[NOT] MATERIALIZED] (query)` of a WITH clause.
struct CommonTableExpr : Node {
  enum class Materialized { kDefault, kYes, kNo };
  CommonTableExpr();
  ~CommonTableExpr();
  CommonTableExpr(CommonTableExpr&&) noexcept;
  std::string name;
  std::vector<std::string> columns;
  Materialized materialized = Materialized::kDefault;
  std::unique_ptr<SelectStmt> query;
};

// One item of a GROUP BY list that has grouping sets (gram.y's
// group_by_item): an expression, a parenthesized list (`()` is the empty
// grouping set), ROLLUP (...), CUBE (...) or GROUPING SETS (...).
struct GroupingElement {
  enum class Kind { kExpr, kList, kRollup, kCube, kSets };
  GroupingElement() = default;
  GroupingElement(GroupingElement&&) noexcept = default;
  GroupingElement& operator=(GroupingElement&&) noexcept = default;
  ~GroupingElement() { DeleteIteratively(expr); }
  Kind kind = Kind::kExpr;
  ExprPtr expr;                        // kExpr
  std::vector<GroupingElement> items;  // the other kinds' contents
  int position = 0;
};

struct SelectStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kSelect;
  SelectStmt() : Statement(kKind) {}
  ~SelectStmt() override {
    DeleteIteratively(left);  // a chain of UNIONs is built by a loop
    DeleteIteratively(right);
  }

  // WITH [RECURSIVE] ...: visible in the whole query, any shape.
  std::vector<CommonTableExpr> with;
  bool with_recursive = false;

  bool distinct = false;
  ExprList distinct_on;  // DISTINCT ON (a, b); implies distinct
  std::vector<ResultTarget> targets;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  ExprList group_by;
  // GROUP BY with ROLLUP, CUBE, GROUPING SETS or (): all its items, and
  // group_by is empty.
  std::vector<GroupingElement> grouping_sets;
  ExprPtr having;
  std::vector<std::unique_ptr<WindowDef>> windows;  // WINDOW w AS (...), ...

  std::vector<ExprList> values;  // VALUES (1, 2), (3, 4); may contain Default

  SetOperation set_operation = SetOperation::kNone;
  bool set_all = false;
  std::unique_ptr<SelectStmt> left;
  std::unique_ptr<SelectStmt> right;

  // SELECT ... INTO [TEMPORARY | UNLOGGED] [TABLE] name: in the leftmost
  // simple SELECT of a statement the parser makes the statement CREATE
  // TABLE ... AS (PostgreSQL's transformOptionalSelectInto) and clears it;
  // one left anywhere else is the binder's 42601 `SELECT ... INTO is not
  // allowed here`.
  struct Into {
    QualifiedName name;
    bool temporary = false;
    int position = 0;  // of the name, where PostgreSQL's errors point
  };
  std::optional<Into> into;

  std::vector<OrderByItem> order_by;
  ExprPtr limit;  // null for no LIMIT and for LIMIT ALL
  // FETCH FIRST n ROWS WITH TIES: `limit` is n, and rows that tie with the
  // last one in ORDER BY order come too.
  bool limit_with_ties = false;
  ExprPtr offset;  // null for no OFFSET
  std::vector<LockingClause> locking;
};

// `column = value` of UPDATE's SET; value may be Default.
struct SetClause : Node {
  Identifier column;
  std::vector<std::string> fields;  // SET c.f1.f2 = ...: f1, f2 (composite fields)
  ExprPtr value;
};

// INSERT's ON CONFLICT [(columns) [WHERE ...] | ON CONSTRAINT name]
// DO NOTHING | DO UPDATE SET ... [WHERE ...].
struct OnConflictClause : Node {
  std::vector<Identifier> columns;  // the inference columns; empty: none written
  ExprPtr index_where;              // a partial index's predicate, as written
  std::string constraint;           // ON CONSTRAINT name
  bool do_update = false;
  std::vector<SetClause> set;
  ExprPtr where;
};

// INSERT INTO t [AS alias] [(cols)] {VALUES (...), ... | query | DEFAULT VALUES}
// [ON CONFLICT ...] [RETURNING ...]. Exactly one of: values non-empty, select
// set, default_values.
struct InsertStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kInsert;
  InsertStmt() : Statement(kKind) {}
  // WITH ... before the statement: queries its clauses may read.
  std::vector<CommonTableExpr> with;
  bool with_recursive = false;
  QualifiedName table;
  std::string alias;
  std::vector<Identifier> columns;
  std::vector<ExprList> values;  // items may be Default
  std::unique_ptr<SelectStmt> select;
  bool default_values = false;
  char overriding = 0;  // OVERRIDING SYSTEM VALUE: 's', USER VALUE: 'u'
  std::unique_ptr<OnConflictClause> on_conflict;
  std::vector<ResultTarget> returning;
};

struct UpdateStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kUpdate;
  UpdateStmt() : Statement(kKind) {}
  // WITH ... before the statement: queries its clauses may read.
  std::vector<CommonTableExpr> with;
  bool with_recursive = false;
  QualifiedName table;
  std::string alias;
  std::vector<SetClause> set;
  std::vector<TableRefPtr> from;  // UPDATE ... FROM
  ExprPtr where;
  std::vector<ResultTarget> returning;
};

struct DeleteStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kDelete;
  DeleteStmt() : Statement(kKind) {}
  // WITH ... before the statement: queries its clauses may read.
  std::vector<CommonTableExpr> with;
  bool with_recursive = false;
  QualifiedName table;
  std::string alias;
  std::vector<TableRefPtr> using_tables;  // DELETE ... USING
  ExprPtr where;
  std::vector<ResultTarget> returning;
};

struct SequenceOptions;  // ast_sequence.h

// A column or table constraint. Column constraints leave `columns` empty (the
// column they are written on is implied); table constraints list theirs.
struct Constraint : Node {
  enum class Type {
    kNull,        // NULL (column only)
    kNotNull,     // NOT NULL (column only)
    kDefault,     // DEFAULT expr (column only)
    kPrimaryKey,  // PRIMARY KEY [(cols)]
    kUnique,      // UNIQUE [(cols)]
    kCheck,       // CHECK (expr)
    kForeignKey,  // REFERENCES t [(cols)] / FOREIGN KEY (cols) REFERENCES ...
    kIdentity,    // GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)] (column only)
  };
  Type type = Type::kNull;
  // kIdentity: 'a' (ALWAYS) or 'd' (BY DEFAULT), and its sequence's options.
  char identity = 0;
  std::shared_ptr<SequenceOptions> identity_options;
  std::string name;  // CONSTRAINT name; empty when unnamed
  std::vector<Identifier> columns;
  std::vector<Identifier> including;    // kPrimaryKey, kUnique: INCLUDE (cols)
  ExprPtr expr;                         // kDefault, kCheck
  QualifiedName ref_table;              // kForeignKey
  std::vector<Identifier> ref_columns;  // kForeignKey
  // kForeignKey: pg_constraint's letters, 'a' NO ACTION, 'r' RESTRICT,
  // 'c' CASCADE, 'n' SET NULL, 'd' SET DEFAULT; 's' MATCH SIMPLE, 'f' FULL.
  char on_update = 'a';
  char on_delete = 'a';
  char match_type = 's';
  std::vector<Identifier> delete_set_columns;  // ON DELETE SET NULL (cols)
  bool not_valid = false;                      // NOT VALID
  // [NOT] DEFERRABLE, INITIALLY {DEFERRED | IMMEDIATE} (FOREIGN KEY and
  // UNIQUE; the parser refuses them elsewhere); INITIALLY DEFERRED implies
  // DEFERRABLE.
  bool deferrable = false;
  bool initially_deferred = false;
  bool nulls_not_distinct = false;  // kUnique: UNIQUE NULLS NOT DISTINCT
};

struct ColumnDef : Node {
  std::string name;
  TypeName type;
  std::vector<Constraint> constraints;  // in the order written
};

// `LIKE source [INCLUDING | EXCLUDING option] ...` among CREATE TABLE's
// columns: the source's columns (names, types, NOT NULL) and what the
// options include (PostgreSQL's CREATE_TABLE_LIKE_* bits).
struct TableLikeClause : Node {
  enum Option : uint32_t {
    kComments = 1 << 0,
    kCompression = 1 << 1,
    kConstraints = 1 << 2,
    kDefaults = 1 << 3,
    kGenerated = 1 << 4,
    kIdentity = 1 << 5,
    kIndexes = 1 << 6,
    kStatistics = 1 << 7,
    kStorage = 1 << 8,
    kAll = 0x1FF,
  };
  QualifiedName source;
  uint32_t options = 0;
  // How many of CreateTableStmt::columns come before it.
  size_t column_index = 0;
};

struct CreateTableStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateTable;
  CreateTableStmt() : Statement(kKind) {}
  QualifiedName name;
  bool if_not_exists = false;
  bool temporary = false;
  std::vector<ColumnDef> columns;
  std::vector<TableLikeClause> likes;   // in the order written
  std::vector<Constraint> constraints;  // table constraints
  // WITH (name [= value], ...): storage parameters, as written, lower-case
  // names; the value is empty when none was given.
  std::vector<std::pair<std::string, std::string>> storage_parameters;
  int storage_parameters_position = 0;
  // ON COMMIT of a temporary table: what each commit does to it.
  enum class OnCommit { kPreserveRows, kDeleteRows, kDrop };
  OnCommit on_commit = OnCommit::kPreserveRows;
  int on_commit_position = 0;  // 0: not written
};

// CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON [ONLY] table [USING method]
// ({column | (expression) | f(args)} [ASC | DESC] [NULLS FIRST | LAST], ...)
// [WHERE predicate]
struct IndexElement {
  Identifier column;   // empty name: an expression
  ExprPtr expression;  // `(expr)` or a function call; null for a column
  int position = 0;
  bool descending = false;
  std::optional<bool> nulls_first;  // unset: PostgreSQL's default (DESC: first)
};

struct CreateIndexStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateIndex;
  CreateIndexStmt() : Statement(kKind) {}
  bool unique = false;
  bool concurrently = false;
  bool if_not_exists = false;
  std::string name;  // empty: chosen from the table and column names
  int name_position = 0;
  QualifiedName table;
  std::string method;  // empty: btree
  int method_position = 0;
  std::vector<IndexElement> elements;
  // INCLUDE (...): parsed as elements so the binder gives PostgreSQL's
  // errors for expressions and orderings there.
  std::vector<IndexElement> including;
  bool nulls_not_distinct = false;  // NULLS NOT DISTINCT: NULL keys conflict
  ExprPtr where;                    // a partial index's predicate, or null
};

// `name = value` in a relation's WITH (...) list; the value as written
// (empty when only the name is given, which means true).
struct RelationOption {
  std::string name;
  std::string value;
  int position = 0;
};

// CREATE [OR REPLACE] [TEMP] VIEW name [(column, ...)] [WITH (options)]
//   AS query [WITH [CASCADED | LOCAL] CHECK OPTION]
struct CreateViewStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateView;
  CreateViewStmt();
  ~CreateViewStmt() override;
  QualifiedName name;
  bool or_replace = false;
  bool temporary = false;
  std::vector<Identifier> columns;
  // WITH (check_option = ..., security_barrier, ...) before AS.
  std::vector<RelationOption> options;
  std::unique_ptr<SelectStmt> query;
  // The query as written (from its first token to its last), which the
  // catalog keeps and readers of the view parse again, and the character
  // position of its first token in the statement.
  std::string query_text;
  int query_position = 0;
  // WITH [CASCADED | LOCAL] CHECK OPTION after the query: "cascaded" or
  // "local"; empty when not written.
  std::string check_option;
  int check_option_position = 0;
};

// CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [(column, ...)]
//   [WITH (option = value, ...)] AS query [WITH [NO] DATA]
// and CREATE TABLE ... AS query, which gram.y parses the same way.
struct CreateTableAsStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateTableAs;
  CreateTableAsStmt();
  ~CreateTableAsStmt() override;
  bool materialized = false;
  bool temporary = false;  // CREATE TEMP TABLE ... AS
  bool if_not_exists = false;
  QualifiedName name;
  std::vector<Identifier> columns;
  std::vector<RelationOption> options;
  std::unique_ptr<SelectStmt> query;
  // The query as written, which the catalog keeps for a materialized view,
  // and the character position of its first token in the statement.
  std::string query_text;
  int query_position = 0;
  bool with_data = true;
  // CREATE TEMP TABLE ... ON COMMIT ... AS (as CreateTableStmt's).
  CreateTableStmt::OnCommit on_commit = CreateTableStmt::OnCommit::kPreserveRows;
  int on_commit_position = 0;  // 0: not written
};

// REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]
struct RefreshMatViewStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kRefreshMatView;
  RefreshMatViewStmt() : Statement(kKind) {}
  QualifiedName name;
  bool concurrently = false;
  bool with_data = true;
};

enum class ObjectType {
  kTable,
  kView,
  kMaterializedView,
  kIndex,
  kSchema,
  kSequence,
  kType,
  kDomain
};

// DROP TABLE [IF EXISTS] a, b [CASCADE | RESTRICT]
struct DropStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kDrop;
  DropStmt() : Statement(kKind) {}
  ObjectType object_type = ObjectType::kTable;
  bool concurrently = false;  // DROP INDEX CONCURRENTLY
  std::vector<QualifiedName> names;
  bool if_exists = false;
  bool cascade = false;
};

// TRUNCATE [TABLE] [ONLY] name [*] [, ...] [RESTART IDENTITY | CONTINUE
// IDENTITY] [CASCADE | RESTRICT]
struct TruncateStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kTruncate;
  TruncateStmt() : Statement(kKind) {}
  std::vector<QualifiedName> names;
  bool restart_identity = false;
  bool cascade = false;
};

// LOCK [TABLE] [ONLY] name [*] [, ...] [IN lockmode MODE] [NOWAIT]
struct LockStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kLock;
  LockStmt() : Statement(kKind) {}
  std::vector<QualifiedName> names;
  // PostgreSQL's lock mode number: 1 ACCESS SHARE ... 8 ACCESS EXCLUSIVE
  // (the default), as storage::LockLevel.
  int mode = 8;
  bool nowait = false;
};

// CLOSE name | CLOSE ALL: SQL cursors and protocol portals share one
// namespace.
struct CloseStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kClose;
  CloseStmt() : Statement(kKind) {}
  std::string name;  // empty for ALL
};

// DISCARD ALL | PLANS | SEQUENCES | TEMP | TEMPORARY
struct DiscardStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kDiscard;
  DiscardStmt() : Statement(kKind) {}
  std::string target;  // "ALL", "PLANS", "SEQUENCES" or "TEMP"
};

// UNLISTEN channel | UNLISTEN *
struct UnlistenStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kUnlisten;
  UnlistenStmt() : Statement(kKind) {}
  std::string channel;  // empty for *
};

// PREPARE name [(type, ...)] AS statement. The statement is a SELECT (VALUES,
// WITH), INSERT, UPDATE or DELETE; its $n refer to the listed types, and
// parameters past the list (or all, without one) get their types inferred.
struct PrepareStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kPrepare;
  PrepareStmt() : Statement(kKind) {}
  std::string name;
  std::vector<TypeName> parameter_types;
  StatementPtr statement;  // its position is that of its first token
};

// EXECUTE name [(expr, ...)]
struct ExecuteStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kExecute;
  ExecuteStmt() : Statement(kKind) {}
  ~ExecuteStmt() override { DeleteAll(parameters); }
  std::string name;
  ExprList parameters;  // empty when no list was written (`EXECUTE p()` is an error)
};

// DEALLOCATE [PREPARE] name | ALL. SQL prepared statements and protocol
// statements share one namespace.
struct DeallocateStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kDeallocate;
  DeallocateStmt() : Statement(kKind) {}
  std::string name;  // empty for ALL
};

// DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR
// [{WITH | WITHOUT} HOLD] FOR query. The options before CURSOR may come in
// any order and repeat, as in PostgreSQL's grammar, so both words of a pair
// can be set here: PostgreSQL rejects that in parse analysis, before running
// anything of the statement, with 42P11 "cannot specify both SCROLL and NO
// SCROLL" / "cannot specify both ASENSITIVE and INSENSITIVE" (no position),
// and the executor must do the same. Neither SCROLL nor NO SCROLL: scrolling
// is allowed when the plan supports it cheaply (PostgreSQL's default).
struct DeclareCursorStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kDeclareCursor;
  DeclareCursorStmt() : Statement(kKind) {}
  ~DeclareCursorStmt() override { DeleteIteratively(query); }
  std::string name;
  bool binary = false;
  bool asensitive = false;
  bool insensitive = false;  // the default behaviour anyway in PostgreSQL
  bool scroll = false;
  bool no_scroll = false;
  bool hold = false;                  // WITH HOLD; WITHOUT HOLD is the default
  std::unique_ptr<SelectStmt> query;  // SELECT, VALUES, WITH, (query)
};

// Where FETCH and MOVE go, normalized from the keywords so the executor reads
// one of four moves:
//   (none), NEXT          -> kForward 1          PRIOR -> kBackward 1
//   FIRST                 -> kAbsolute 1         LAST  -> kAbsolute -1
//   ABSOLUTE n            -> kAbsolute n         (0: before the first row;
//                                                 -n: n-th row from the end)
//   RELATIVE n            -> kRelative n         (0: the current row again)
//   n, FORWARD n    (n > 0) -> kForward n        (n < 0) -> kBackward -n
//   BACKWARD n      (n > 0) -> kBackward n       (n < 0) -> kForward -n
//   n, FORWARD n, BACKWARD n with n = 0 -> kRelative 0 (PostgreSQL re-fetches
//                                          the current row for a zero count)
//   ALL, FORWARD ALL      -> kForward, all       BACKWARD ALL -> kBackward, all
// So kForward and kBackward always have count >= 1 or `all`. The counts
// written are PostgreSQL's Iconst: |n| <= 2147483647.
struct FetchDirection {
  enum class Kind { kForward, kBackward, kAbsolute, kRelative };
  Kind kind = Kind::kForward;
  int64_t count = 1;  // 0 when `all`
  bool all = false;   // kForward / kBackward only: every remaining row
};

// FETCH [direction] [FROM | IN] cursor, MOVE [direction] [FROM | IN] cursor.
struct FetchStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kFetch;
  FetchStmt() : Statement(kKind) {}
  bool move = false;  // MOVE: position only, command tag "MOVE n"
  FetchDirection direction;
  std::string cursor;
};

// BEGIN / START TRANSACTION [modes], COMMIT / END, ROLLBACK / ABORT,
// SET TRANSACTION modes.
struct TransactionStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kTransaction;
  enum class Type {
    kBegin,
    kCommit,
    kRollback,
    kSetTransaction,
    kSavepoint,
    kRelease,     // RELEASE [SAVEPOINT] name
    kRollbackTo,  // ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name
    // SET CONSTRAINTS {ALL | name [, ...]} {DEFERRED | IMMEDIATE}: the
    // transaction's timing of its deferrable constraints.
    kSetConstraints,
  };
  TransactionStmt() : Statement(kKind) {}
  Type type = Type::kBegin;
  std::string savepoint;  // kSavepoint, kRelease, kRollbackTo
  // ISOLATION LEVEL, lower case: "read uncommitted", "read committed",
  // "repeatable read", "serializable".
  std::optional<std::string> isolation_level;
  std::optional<bool> read_only;           // READ ONLY / READ WRITE
  std::optional<bool> deferrable;          // [NOT] DEFERRABLE
  bool chain = false;                      // COMMIT AND CHAIN
  bool start_transaction = false;          // spelled START TRANSACTION (its command tag)
  std::vector<QualifiedName> constraints;  // kSetConstraints; empty: ALL
  bool constraints_deferred = false;       // kSetConstraints: DEFERRED
};

// SET [SESSION | LOCAL] name {TO | =} value [, ...] | DEFAULT
// SET TIME ZONE value | LOCAL | DEFAULT  (name "timezone")
// SET NAMES value (name "client_encoding")
// Values are Constants: strings, numbers, and bare words (identifiers and
// keywords such as on/off become kString constants, as PostgreSQL does).
struct SetStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kSet;
  SetStmt() : Statement(kKind) {}
  std::string name;  // lower case; dotted names joined: "myapp.setting"
  bool local = false;
  bool to_default = false;  // SET x TO DEFAULT / SET TIME ZONE LOCAL
  ExprList values;
};

// RESET name | RESET ALL
struct ResetStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kReset;
  ResetStmt() : Statement(kKind) {}
  std::string name;  // empty for ALL
  bool all = false;
};

// SHOW name | SHOW ALL. SHOW TIME ZONE is name "timezone"; SHOW TRANSACTION
// ISOLATION LEVEL is name "transaction_isolation".
struct ShowStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kShow;
  ShowStmt() : Statement(kKind) {}
  std::string name;  // empty for ALL
  bool all = false;
};

struct CheckpointStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCheckpoint;
  CheckpointStmt() : Statement(kKind) {}
};

// EXPLAIN [ANALYZE] [VERBOSE] statement, or EXPLAIN (option [value], ...).
// The parser checks the options as PostgreSQL does (names, Boolean values,
// FORMAT, TIMING / WAL only with ANALYZE) and fills in their defaults.
struct ExplainStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kExplain;
  ExplainStmt() : Statement(kKind) {}
  enum class Format { kText, kJson };
  bool analyze = false;
  bool verbose = false;
  bool costs = true;
  bool timing = true;    // with ANALYZE: each node's times
  bool summary = false;  // Planning Time / Execution Time (default: ANALYZE's)
  bool buffers = false;  // accepted; Basalt has no shared buffers to count
  Format format = Format::kText;
  StatementPtr statement;
};

}  // namespace basalt::sql::ast
