// Binder: AST -> bound tree, against one catalog snapshot. The only phase of
// sql/ that looks names up in the catalog; the planner works on what it
// returns. Throws basalt::Error (with the position of the offending name or
// operator) on anything PostgreSQL would reject at parse analysis.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_statement.h"
#include "sql/binder/scope.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// PostgreSQL's limit on the parameters of a statement (a Bind message).
inline constexpr int kMaxParameters = 65535;

// PostgreSQL's makeObjectName: `name1_name2_label`, shortening the longer of
// name1 and name2 one byte at a time until it fits in 63 bytes.
std::string MakeObjectName(const std::string& name1, const std::string& name2,
                           const std::string& label);

// Whether a foreign key column of type `referencing` can look up one of
// type `referenced` by equality: the same type, or two of the integer (or
// of the string) types, whose cross-type equality PostgreSQL's btree
// families have (bind_constraint.cc).
bool KeyTypesCompatible(const DataType& referencing, const DataType& referenced);

// ALTER TABLE ... ADD COLUMN's column (Binder::BindAddedColumn).
struct BoundAddedColumn {
  catalog::proto::Column column;  // attnum and slot still unset
  // The DEFAULT cast to the column's type; null when none.
  BoundExprPtr default_value;
  // PRIMARY KEY, UNIQUE, CHECK and REFERENCES written on the column, added
  // as table constraints once the column exists.
  std::vector<const ast::Constraint*> table_constraints;
  // A serial or identity column: the sequence it owns (owned_by_table and
  // the attnum still to set) and the nextval call that fills the rows.
  std::optional<catalog::proto::Table> sequence;
  std::string sequence_default;
};

// A write through an automatically updatable view (bind_view_target.cc):
// the table written and the view's columns over its row.
enum class ViewWrite { kInsert, kUpdate, kDelete };
struct ViewTarget {
  // One view of the chain (a view over a view over the table).
  struct Level {
    std::shared_ptr<const catalog::TableEntry> view;
    // Per column of the view: the column of the relation below it shows,
    // or -1 (an expression: not updatable).
    std::vector<int> inner;
  };
  std::shared_ptr<const catalog::TableEntry> view;  // the view written
  std::shared_ptr<const catalog::TableEntry> base;  // the table written
  std::vector<Level> levels;                        // `view` first
  // The view's columns over the base table's row, and the base column each
  // one is (-1: none).
  std::vector<BoundExprPtr> columns;
  std::vector<int> base_columns;
  // Every level's WHERE over the base row (null: none), and the WITH CHECK
  // OPTION conditions, innermost view first.
  BoundExprPtr where;
  std::vector<BoundViewCheck> checks;
};

// One LIKE clause of CREATE TABLE (bind_table_like.cc): the source and
// where its columns went.
struct TableLikeCopy {
  std::shared_ptr<const catalog::TableEntry> source;
  uint32_t options = 0;  // ast::TableLikeClause::Option bits
  std::vector<int> source_attnums;
  std::vector<int> new_attnums;
};

// The parsed tree of a view's stored query, shared by all sessions (parsed
// once per text); null when the text is not one SELECT.
std::shared_ptr<const ast::Statement> ParseViewQuery(const std::string& text);

// The set-returning calls of a target-list expression that the query
// expands into rows: the target itself, or one under casts, operators and
// subscripts ((regexp_matches(s, p))[1]); not inside their own arguments.
void CollectSetReturningCalls(const ast::Expr& e, std::vector<const ast::FunctionCall*>* out);

// PostgreSQL's FigureColname: the column name a client sees for `expr`
// without an alias ("?column?" when nothing names it; bind_select.cc).
std::string FigureColumnName(const ast::Expr& expr);

// Whether op is ~~, !~~, ~~* or !~~* (LIKE, NOT LIKE, ILIKE, NOT ILIKE).
bool IsLikeOperator(std::string_view op);
// `subject op pattern` for a LIKE operator: a kLike over text (bpchar keeps
// its padding); a pattern array matches ANY of its elements (ALL: all).
// 42883 for operands that are not strings.
BoundExprPtr BindLikeOperator(std::string_view op, BoundExprPtr subject, BoundExprPtr pattern,
                              bool all, int position);

class Binder {
 public:
  // `snapshot` must outlive the binder; `search_path` lists schema names in
  // lookup order ("$user" is resolved against `user`).
  Binder(const catalog::CatalogSnapshot& snapshot, Oid database, std::string user,
         std::vector<std::string> search_path);

  // Lets the statement use $1..$n of `types` (one per parameter): each is a
  // kParameter of its type (text if still unknown), read at run time from
  // ExecContext::parameters, so the plan serves every execution. `types`
  // must outlive the binder.
  void SetParameterTypes(const std::vector<DataType>* types) {
    parameters_ = types;
    describing_ = nullptr;
  }
  // For Parse: each $n of `types` (unknown where the client left it to
  // inference) binds as a NULL untyped literal that takes its type from the
  // context, as PostgreSQL's unknown literals, or cast to its declared type;
  // a $n past the end adds an untyped parameter, so Parse learns how many
  // there are, and InferParameterTypes their types.
  void DescribeParameters(std::vector<DataType>* types) {
    parameters_ = types;
    describing_ = types;
  }

  // SELECT, INSERT, UPDATE, DELETE, CREATE TABLE.
  BoundStatement Bind(const ast::Statement& statement);

  // A query; nested in another when `parent` is its scope (its outer
  // references are collected in `outer_values`, see Scope).
  std::unique_ptr<BoundSelect> BindSelect(const ast::SelectStmt& select,
                                          const Scope* parent = nullptr,
                                          std::vector<BoundExprPtr>* outer_values = nullptr);
  // The stored query of a view or materialized view, bound with the names
  // it wrote resolved through its recorded references (REFRESH computes a
  // materialized view's rows from it). `position`: the reference's, for
  // the recursion error.
  std::unique_ptr<BoundSelect> BindViewQuery(const std::shared_ptr<const catalog::TableEntry>& view,
                                             int position = 0);
  // For pg_get_viewdef: each query keeps its WITH clause (BoundSelect::ctes),
  // every WITH query bound once more for that.
  void KeepWithClauses() { keep_with_clauses_ = true; }
  std::unique_ptr<BoundInsert> BindInsert(const ast::InsertStmt& insert);
  std::unique_ptr<BoundUpdate> BindUpdate(const ast::UpdateStmt& update);
  std::unique_ptr<BoundMerge> BindMerge(const ast::MergeStmt& merge);
  std::unique_ptr<BoundDelete> BindDelete(const ast::DeleteStmt& del);
  std::unique_ptr<BoundCreateTable> BindCreateTable(const ast::CreateTableStmt& create);
  // REQUIRES: the table is locked (SHARE), so its definition is current.
  std::unique_ptr<BoundCreateIndex> BindCreateIndex(const ast::CreateIndexStmt& create);
  // PostgreSQL's ChooseRelationName: `<table>_<col>_<col>_<label>` cut to 63
  // bytes, then `<label>1`, `<label>2`, ... until no relation of the schema
  // nor any name in `also_taken` has it.
  std::string ChooseIndexName(Oid namespace_oid, const std::string& table,
                              const std::vector<std::string>& columns, const std::string& label,
                              const std::vector<std::string>& also_taken) const;

  // CHECK and FOREIGN KEY constraints (bind_constraint.cc).
  // A CHECK's expression over the columns of `table` (which need not be in
  // the catalog yet): boolean, no subquery or aggregate. Evaluates over the
  // table's row.
  BoundExprPtr BindCheckExpression(const catalog::proto::Table& table, const ast::Expr& expr);
  // A partial index's WHERE over the columns of `table` (bind_create_index.cc):
  // boolean, no subquery or aggregate, nothing volatile (42P17). Evaluates
  // over the table's row.
  BoundExprPtr BindIndexPredicate(const catalog::proto::Table& table, const ast::Expr& expr);
  // An expression index column over the columns of `table`: no subquery,
  // aggregate or anything volatile (42P17). Evaluates over the table's row.
  BoundExprPtr BindIndexExpression(const catalog::proto::Table& table, const ast::Expr& expr);
  // Any of those: a boolean `clause` (null: a value of any type) over the table's row, its
  // aggregates refused as in `aggregate_context` and a subquery with
  // `subquery_error`.
  BoundExprPtr BindRowCondition(const catalog::proto::Table& table, const ast::Expr& expr,
                                const char* clause, const char* aggregate_context,
                                const char* subquery_error);
  // The catalog's form of the CHECK or FOREIGN KEY `constraint` of `table`
  // (CREATE TABLE's, or ALTER TABLE ADD's): named as PostgreSQL names an
  // unnamed one (t_a_check, t_check, t_a_fkey, then ...1, ...2) past the
  // constraint names of the schema and `taken`, to which the name is added.
  // A foreign key's referenced table may be `table` itself. `column_name`:
  // the column a column constraint is written on (empty for a table one).
  catalog::proto::Constraint BindTableConstraint(const catalog::proto::Table& table,
                                                 const ast::Constraint& constraint,
                                                 const std::string& column_name,
                                                 std::vector<std::string>* taken);
  // Whether a constraint of the schema (of any of its tables) is named `name`.
  bool ConstraintNameTaken(Oid namespace_oid, const std::string& name) const;

  // Why `view` is not automatically updatable (PostgreSQL's DETAIL words),
  // or empty; only the view itself is looked at, not a view it reads
  // (CREATE VIEW ... WITH CHECK OPTION, information_schema).
  std::string ViewUpdatableDetail(const std::shared_ptr<const catalog::TableEntry>& view);
  // PostgreSQL's relation_is_updatable: the writes `table` takes, as bits
  // 1 << CMD_UPDATE (4), CMD_INSERT (8) and CMD_DELETE (16); for a view,
  // those its automatic updating allows, limited to the view's `columns`
  // (by position; null: all) and to what the relation below takes.
  int UpdatableEvents(const std::shared_ptr<const catalog::TableEntry>& table,
                      const std::vector<bool>* columns = nullptr);

  // A table by possibly qualified name: 42P01 `relation "x" does not exist`
  // at the name's position, or null when `missing_ok`.
  std::shared_ptr<const catalog::TableEntry> ResolveTable(const ast::QualifiedName& name,
                                                          bool missing_ok = false) const;
  // While a CREATE VIEW's query binds: every relation name it resolves
  // (outside the views it reads) is added to `out` once, with the OID it
  // resolved to, so the view binds to those objects when read.
  void RecordViewReferences(std::vector<catalog::proto::ViewReference>* out) {
    recorded_references_ = out;
  }
  // The table owning the index (or primary key) `name`, looked up as a
  // relation name is (pg_catalog, then the search path); null if none.
  std::shared_ptr<const catalog::TableEntry> ResolveIndexTable(
      const ast::QualifiedName& name) const;
  // The table an INSERT, UPDATE or DELETE writes; a computed pg_catalog
  // view gives PostgreSQL's 55000 `cannot insert into view "pg_locks"`.
  // `action` is "insert into", "update" or "delete from".
  std::shared_ptr<const catalog::TableEntry> ResolveTargetTable(const ast::QualifiedName& name,
                                                                std::string_view action) const;
  // The schema new objects go to: the named one, else the first existing
  // schema of the search path.
  // The schema a new relation `name` goes to: the one it names, else the
  // first of the search_path that exists, passing over the session's
  // temporary schema; a temporary relation goes to that one (42P16 if
  // `name` names another).
  Oid ResolveCreationNamespace(const ast::QualifiedName& name, bool temporary = false) const;
  // The session's temporary schema if it has one (the search_path's
  // pg_temp_<pid> entry, which the session puts there), else null.
  const catalog::proto::Namespace* TempNamespace() const;

  BoundExprPtr BindExpression(const ast::Expr& expr, const Scope& scope);
  // A WHERE-like clause: must be boolean (42804 `argument of WHERE must be
  // type boolean, not type integer`).
  BoundExprPtr BindCondition(const ast::Expr& expr, const Scope& scope, std::string_view clause);
  // nextval of the sequence an identity column owns.
  BoundExprPtr BindIdentityValue(const catalog::TableEntry& table, int column);
  // The column's DEFAULT (an identity column's next value), cast to its
  // type; a NULL constant when it has none.
  BoundExprPtr BindColumnDefault(const catalog::TableEntry& table, int column);
  // The DEFAULT of domain `domain` (or of a domain it is over) as stored
  // text; empty when none (or `domain` is 0).
  std::string DomainDefault(Oid domain) const;
  // A serial column's default, `nextval('schema.sequence'::regclass)`.
  std::string SerialDefault(Oid namespace_oid, const std::string& sequence) const;
  // INSERT's value for an identity column: 428C9 for a value given to a
  // GENERATED ALWAYS one without OVERRIDING SYSTEM VALUE; the sequence's
  // under OVERRIDING USER VALUE; else `value`.
  // `overriding`: InsertStmt::overriding.
  BoundExprPtr IdentityInsertValue(char overriding, const catalog::TableEntry& table, int column,
                                   BoundExprPtr value);
  // INSERT's target columns (bind_insert.cc): the listed ones (42703 for
  // an unknown name, 42701 for a repeated one) with their positions for
  // errors, else every column in order.
  struct InsertColumns {
    std::vector<int> columns;
    std::vector<int> positions;
    bool listed = false;
  };
  InsertColumns BindInsertColumns(const std::vector<ast::Identifier>& names,
                                  const catalog::TableEntry& table);
  // One VALUES row of INSERT (or MERGE's INSERT) as a full table row, its
  // items over `scope`: each cast to its column, DEFAULT and unlisted
  // columns filled in; 42601 when there are more items than columns, or
  // fewer than listed columns.
  std::vector<BoundExprPtr> BindInsertValuesRow(const ast::ExprList& items,
                                                const InsertColumns& targets, char overriding,
                                                const catalog::TableEntry& table,
                                                const Scope& scope);

  // ALTER TABLE's column actions (bind_alter_table.cc). A DEFAULT
  // expression: no column references, cast to `type` (42804 when it
  // cannot be).
  BoundExprPtr BindDefaultExpression(const ast::Expr& expr, const DataType& type,
                                     const std::string& column_name);
  // ADD COLUMN's column: type, NULL / NOT NULL, DEFAULT; its key, CHECK
  // and REFERENCES constraints are returned for the table's constraint
  // path.
  BoundAddedColumn BindAddedColumn(const ast::ColumnDef& def, const catalog::proto::Table& table);
  // An expression over a row of `table` (ALTER COLUMN ... TYPE's USING).
  BoundExprPtr BindRowExpression(const catalog::proto::Table& table, const ast::Expr& expr,
                                 std::string_view clause);

  // Every table read by what was bound so far (FROM items at any depth),
  // once each.
  const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables_read() const {
    return tables_read_;
  }

 private:
  // An INCLUDE element's table column (0-based), or PostgreSQL's error.
  int IncludedColumn(const catalog::TableEntry& table, const ast::IndexElement& element);
  BoundExprPtr BindColumnRef(const ast::ColumnRef& ref, const Scope& scope);
  // The column `ref` names in `scope` or, failing that, in its enclosing
  // scopes (an outer reference); null when none has it.
  BoundExprPtr ResolveColumn(const ast::ColumnRef& ref, const std::string& qualifier,
                             const std::string& column, const Scope& scope);
  // A kOuterColumn reading `outer` (an expression over the parent's row).
  BoundExprPtr OuterValue(BoundExprPtr outer, const Scope& scope, int position);
  // Subqueries in expressions (bind_subquery.cc).
  BoundExprPtr BindSubquery(const ast::Subquery& expr, const Scope& scope);
  BoundExprPtr BindQuantifiedSubquery(const ast::Expr& left, std::string_view op, SubqueryKind kind,
                                      const ast::SelectStmt& select, int position,
                                      const Scope& scope);
  std::shared_ptr<BoundSubquery> BindSubqueryBody(const ast::SelectStmt& select, const Scope& scope,
                                                  std::vector<BoundExprPtr>* outer);

  // FROM (bind_from.cc): the items' tree; adds their names to `scope`.
  // `first_column`: the position of the first item's first column in the
  // rows the scope's expressions read.
  std::unique_ptr<BoundTableRef> BindFrom(const std::vector<ast::TableRefPtr>& from, Scope& scope,
                                          int first_column = 0);
  // `next_column`: the position in the FROM row of the item's first column.
  std::unique_ptr<BoundTableRef> BindTableRef(const ast::TableRef& ref, Scope& scope,
                                              int* next_column);
  std::unique_ptr<BoundTableRef> BindJoin(const ast::JoinRef& join, Scope& scope, int* next_column);
  // bind_table_function.cc: functions in FROM and LATERAL subqueries.
  std::unique_ptr<BoundTableRef> BindTableFunction(const ast::FunctionRef& ref, Scope& scope,
                                                   int* next_column);
  std::unique_ptr<BoundTableRef> BindTableFunctionCall(
      const ast::FunctionCall& call, const ast::Alias& alias, bool with_ordinality, int position,
      bool hidden, Scope& scope, int* next_column,
      std::vector<BoundExprPtr>* lateral_values = nullptr);
  // bind_record_function.cc: json[b]_to_record[set], `out` holding the
  // call's bound arguments; its columns are the alias's column definition
  // list, or in a target list (`hidden`) one record column.
  std::unique_ptr<BoundTableRef> BindRecordFunction(const ast::FunctionCall& call,
                                                    std::pair<TableFunction, bool> function,
                                                    const ast::Alias& alias, bool with_ordinality,
                                                    bool hidden, std::unique_ptr<BoundTableRef> out,
                                                    Scope& scope, int* next_column);
  // generate_series / unnest / regexp_matches ... in the target list
  // (SELECT generate_series(1, 3) [FROM ...], (regexp_matches(s, p))[1]):
  // joined LATERAL after the FROM items, one output row per value
  // (srf_columns_ maps each call to its column).
  void BindTargetFunctions(const ast::SelectStmt& select, Scope& scope, BoundSelect* out);
  // Where a set-returning call of the target list left its value: its
  // column, or the first of several for a function returning rows
  // (_pg_expandarray, jsonb_each), whose value is a record of them.
  struct TargetFunctionColumns {
    int first = 0;
    DataType type;  // the value's; the record's for rows
    bool row = false;
  };
  static BoundExprPtr TargetFunctionValue(const TargetFunctionColumns& columns, int position);
  // bind_view.cc: a view in FROM, its stored query bound as a subquery
  // whose names resolve to the OIDs recorded at CREATE VIEW.
  std::unique_ptr<BoundTableRef> BindView(const ast::BaseTableRef& ref,
                                          std::shared_ptr<const catalog::TableEntry> view,
                                          Scope& scope, int* next_column);
  std::shared_ptr<const catalog::TableEntry> ResolveTableByName(const ast::QualifiedName& name,
                                                                bool missing_ok) const;
  // Writes through views (bind_view_target.cc). The view's query bound,
  // or null with *detail set to PostgreSQL's reason it is not
  // automatically updatable (`check_columns`: INSERT and UPDATE need an
  // updatable column).
  std::unique_ptr<BoundSelect> BindUpdatableViewQuery(
      const std::shared_ptr<const catalog::TableEntry>& view, bool check_columns,
      std::string* detail);
  // The table `view` writes to, or PostgreSQL's 55000 `cannot insert into
  // view "v"` with its reason; `cascaded`: a view above has WITH CASCADED
  // CHECK OPTION.
  std::unique_ptr<ViewTarget> ResolveViewTarget(
      const std::shared_ptr<const catalog::TableEntry>& view, ViewWrite write,
      bool cascaded = false);
  // 0A000 `cannot insert into column "c" of view "v"` when a `modified`
  // column (by view column position) is no column of the relation below.
  static void CheckViewColumns(const ViewTarget& target, std::vector<bool> modified,
                               ViewWrite write);
  // The view's FROM item for the statement's expressions and RETURNING:
  // its columns computed from the base table's row.
  static ScopeItem ViewScopeItem(std::string name, const ViewTarget& target);
  // Adds the FROM item `name` showing a query's `columns` (a subquery's, a
  // CTE's) from *next_column on, renamed by `alias`; advances *next_column.
  void AddQueryItem(std::string name, const std::vector<ResultColumn>& columns,
                    const ast::Alias& alias, Scope& scope, int* next_column);
  // 42712 when a FROM item of the same name is already there.
  static void AddScopeItem(ScopeItem item, Scope& scope);
  void NoteTableRead(const std::shared_ptr<const catalog::TableEntry>& table);

  // `AS x (a, b)`: renames the item's first columns (42P10 for too many).
  static void RenameColumns(const ast::Alias& alias, ScopeItem* item);

  // WITH (bind_cte.cc). PushCtes makes a query's CTEs visible (and checks
  // them) until BindSelect returns; BindCteReference binds a FROM name that
  // is a visible CTE (null when none is).
  // Returns the WITH clause kept for printing (KeepWithClauses), or none.
  std::vector<BoundCte> PushCtes(const ast::SelectStmt& select, const Scope& scope);
  std::vector<BoundCte> PushCtes(const std::vector<ast::CommonTableExpr>& with, bool recursive,
                                 const Scope& scope);
  // INSERT / UPDATE / DELETE / MERGE with its WITH clause visible while it
  // is bound (the frames popped after).
  template <class Statement, class Bind>
  auto BindWithCtes(const Statement& statement, Bind bind) {
    const CteFramesScope frames(cte_frames_);
    if (!statement.with.empty()) PushCtes(statement.with, statement.with_recursive, Scope());
    return bind(statement);
  }
  // `named`: the result columns take the names written after the CTE's.
  std::unique_ptr<BoundSelect> BindCteQuery(size_t frame_index, size_t cte_index,
                                            const Scope& scope, bool named = true);
  // Null when the UNION's right side does not read the CTE.
  std::unique_ptr<BoundSelect> BindRecursiveCte(size_t frame_index, size_t cte_index,
                                                const Scope& scope);
  std::unique_ptr<BoundTableRef> BindCteReference(const ast::BaseTableRef& ref, Scope& scope,
                                                  int* next_column);

  std::unique_ptr<BoundSelect> BindValues(const ast::SelectStmt& select, Scope& scope);
  std::unique_ptr<BoundSelect> BindSetOperation(const ast::SelectStmt& select, Scope& scope);
  void BindLimitAndOffset(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out);
  void ExpandStar(const ast::Star& star, const Scope& scope, BoundSelect* out);
  BoundExprPtr BindConstant(const ast::Constant& constant);
  BoundExprPtr BindParameter(const ast::Parameter& parameter);
  BoundExprPtr BindUnary(const ast::UnaryOp& op, const Scope& scope);
  BoundExprPtr BindBinary(const ast::BinaryOp& op, const Scope& scope);
  // Resolves a binary operator on bound operands (bind_operator.cc).
  BoundExprPtr BindOperator(std::string_view op, BoundExprPtr left, BoundExprPtr right,
                            int position);
  BoundExprPtr BindComparison(std::string_view op, BoundExprPtr left, BoundExprPtr right,
                              int position);
  // left IS [NOT] DISTINCT FROM right (`negated`: NOT).
  BoundExprPtr BindIsDistinct(bool negated, BoundExprPtr left, BoundExprPtr right, int position);
  BoundExprPtr BindLogical(BoundExprKind kind, std::string_view name,
                           std::vector<BoundExprPtr> args, int position);
  BoundExprPtr BindFunction(const ast::FunctionCall& call, const Scope& scope);
  // Catalog and session functions (bind_catalog_function.cc): the bound
  // call, or null if `call` is none of them (its arguments untouched).
  BoundExprPtr BindCatalogFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args);
  BoundExprPtr BindCatalogFunctionByName(std::string_view name, const ast::FunctionCall& call);
  BoundExprPtr BindCase(const ast::Case& expr, const Scope& scope);
  BoundExprPtr BindIn(const ast::In& expr, const Scope& scope);
  BoundExprPtr BindBetween(const ast::Between& expr, const Scope& scope);
  BoundExprPtr BindCast(const ast::Cast& cast, const Scope& scope);
  // ARRAY[...]; cast to an array type (`ARRAY[...]::t[]`), `cast_to`: each
  // element cast to t, as PostgreSQL's transformArrayExpr does.
  BoundExprPtr BindArray(const ast::ArrayConstructor& array, const Scope& scope,
                         const DataType* cast_to = nullptr);
  BoundExprPtr BindAnyAll(const ast::AnyAll& expr, const Scope& scope);
  // a LIKE / ILIKE ANY | ALL (array): a kLike whose pattern is a text[].
  BoundExprPtr BindLikeAnyAll(const ast::AnyAll& expr, const Scope& scope);

  // Aggregate calls and grouping (bind_aggregate.cc).
  BoundExprPtr BindAggregate(const ast::FunctionCall& call, AggregateFunction function,
                             const Scope& scope);
  // The kAggregate node of `function` over bound `args`: PostgreSQL's
  // signature and result type (42883 when none fits), no ORDER BY or FILTER.
  BoundExprPtr MakeAggregateCall(const ast::FunctionCall& call, AggregateFunction function,
                                 std::vector<BoundExprPtr> args);
  // Window function calls (bind_window.cc): `call` has an OVER clause, or
  // names a window function without one (42809).
  // `aggregate`: the aggregate `call` names, if any.
  BoundExprPtr BindWindowCall(const ast::FunctionCall& call, const Scope& scope,
                              std::optional<AggregateFunction> aggregate);
  // The arguments of a window function (not an aggregate), coerced to its
  // signature; sets the call's type.
  void BindWindowArguments(const ast::FunctionCall& call, const Scope& scope, BoundExpr* window);
  // Adds the PARTITION BY and ORDER BY keys and frame offsets of `over`
  // (merged with the WINDOW clause's window it names) to `window`.
  void BindWindowDefinition(const ast::WindowDef& over, const Scope& scope, BoundExpr* window);
  BoundExprPtr BindFrameOffset(const ast::Expr& offset, const Scope& scope, FrameMode mode,
                               const BoundExpr* order_key);
  // The WINDOW clause's rules: names defined once, references to earlier
  // windows that may be extended (42P20, 42704). Returns each window's keys
  // bound (as a kWindow call without arguments), for the grouped-query
  // check, which PostgreSQL applies to unused windows too.
  std::vector<BoundExprPtr> CheckWindowClause(const ast::SelectStmt& select, const Scope& scope);
  // Moves the query's window calls into out->windows, grouped by window,
  // leaving columns after the window operators' input row (`input_width`
  // wide) in their places.
  void ExtractWindows(const ast::SelectStmt& select, int input_width, BoundSelect* out);
  // Adds the call's ORDER BY keys and FILTER condition to `aggregate`.
  void BindAggregateOrderAndFilter(const ast::FunctionCall& call, const Scope& scope,
                                   BoundExpr* aggregate);
  // SELECT DISTINCT ON (bind_distinct_on.cc): checks the expressions against
  // the bound ORDER BY, puts them first in it and sets out->distinct_on.
  void BindDistinctOn(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out);
  // FETCH ... WITH TIES: sets out->limit_with_ties (a NULL literal count is
  // 2201W; a computed NULL is no limit at run time).
  void BindWithTies(const ast::SelectStmt& select, BoundSelect* out);
  // Row constructors and their comparisons (bind_row.cc), expanded into
  // comparisons of their fields as PostgreSQL does.
  static bool IsRowComparisonOperator(std::string_view op);
  BoundExprPtr BindRowComparison(std::string_view op, const ast::Expr& left, const ast::Expr& right,
                                 int position, const Scope& scope);
  BoundExprPtr BindRowIsNull(const ast::RowConstructor& row, bool negated, int position,
                             const Scope& scope);
  BoundExprPtr BindRowIn(const ast::In& in, const Scope& scope);
  BoundExprPtr BindRowBetween(const ast::Between& between, const Scope& scope);
  // A row as a value: ROW(a, b) or (a, b) outside a comparison, and a
  // whole-row reference (a FROM item's name where a column's would be,
  // when no column has the name; nullptr when no item has it): a record.
  BoundExprPtr BindRowValue(const ast::RowConstructor& row, const Scope& scope);
  BoundExprPtr BindWholeRow(const ast::ColumnRef& ref, const Scope& scope);
  // (row).field (42809 when the value is not a row, 42703 without the field).
  BoundExprPtr BindFieldSelect(const ast::FieldSelect& select, const Scope& scope);
  // (row).* in a target list: a column per field.
  void ExpandFieldStar(const ast::FieldSelect& select, const Scope& scope, BoundSelect* out);
  // UPDATE's SET c.f = v: c's new value, c with field f replaced by v (a
  // NULL c's other fields NULL), as PostgreSQL's FieldStore; `current` is
  // an earlier assignment to another field of c, or null.
  BoundExprPtr BindFieldAssignment(const ast::SetClause& set, const DataType& type,
                                   const Scope& scope, BoundExprPtr current);
  // The row of (row).field; `built` when it is made of its fields'
  // expressions (a whole-row reference's columns).
  BoundExprPtr BindRecordForFields(const ast::FieldSelect& select, const Scope& scope, bool* built);
  void BindGroupBy(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out);
  BoundExprPtr BindGroupItem(const ast::Expr& item, const Scope& scope, const BoundSelect& out);
  // GROUP BY with ROLLUP / CUBE / GROUPING SETS / () (bind_grouping_sets.cc):
  // the keys into out->group_by, each set's key positions into
  // out->grouping_sets (the product of the items' sets; 54001 past 4096).
  void BindGroupingSets(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out);
  // The position of a GROUP BY item among out->group_by, added when new.
  int GroupKeyPosition(const ast::Expr& item, const Scope& scope, BoundSelect* out);
  // One GROUP BY element as PostgreSQL keeps it for printing, appended to
  // `into` (out->grouping_written); `top`: an item of GROUP BY itself.
  void AddWrittenGroupingSet(const ast::GroupingElement& e, bool top, const Scope& scope,
                             BoundSelect* out, std::vector<BoundGroupingSet>& into);
  // GROUPING(a, ...) in a grouped clause: each argument becomes its key's
  // position (42803 when it is no group key).
  void ResolveGroupingCall(BoundExpr& call, const BoundSelect& out);
  // An ordered-set aggregate's WITHIN GROUP call (bind_ordered_set.cc),
  // after its direct arguments and key are bound: PostgreSQL's signatures
  // (42883 when none fits) and result type.
  void ResolveOrderedSetCall(const ast::FunctionCall& call, BoundExpr* aggregate);
  // A grouped query's ordered-set call: its direct arguments read group keys
  // only (42803).
  void CheckDirectArguments(const BoundExpr& call, const Scope& scope, const BoundSelect& out);
  // Rewrites an expression of a grouped query's clause over the grouped row:
  // a GROUP BY expression becomes its key column, an aggregate call its
  // value's column (collected in out->aggregates); any other column is 42803.
  void ResolveGrouped(BoundExprPtr& e, const Scope& scope, BoundSelect* out);
  // A table grouped by its whole primary key determines its other columns
  // (PostgreSQL's functional dependency): those the clauses read become
  // further group keys, which split no group.
  void AddDependentKeys(const Scope& scope, BoundSelect* out);

  void BindTargets(const std::vector<ast::ResultTarget>& targets, const Scope& scope,
                   BoundSelect* out);
  void BindInsertReturning(const ast::InsertStmt& insert, BoundInsert* out,
                           const ViewTarget* view = nullptr);
  // INSERT's target columns through a view, as the base table's, once the
  // source's width `n` is known (CheckViewColumns on those it fills).
  InsertColumns ViewInsertColumns(const InsertColumns& columns, size_t n, const ViewTarget& view);
  // The sequences of a CREATE TABLE's serial and identity columns (those
  // LIKE copied with INCLUDING IDENTITY too), and their defaults
  // (bind_sequence.cc).
  void BindSerialColumns(const ast::CreateTableStmt& create,
                         const std::vector<TableLikeCopy>& likes, BoundCreateTable* out) const;
  // CREATE TABLE's LIKE (bind_table_like.cc): the source's columns added to
  // `t` (42P01, 42809 for a sequence or index, 42701 for a name already
  // there); then, once the table's own constraints are in, the copied
  // CHECK constraints and indexes (`taken`: names in use, grown).
  TableLikeCopy AddTableLikeColumns(const ast::TableLikeClause& like, catalog::proto::Table& t);
  void FinishTableLikes(const std::vector<TableLikeCopy>& copies, catalog::proto::Table& t,
                        std::vector<std::string>* taken);
  // The source's identity sequence options for the copy of column `attnum`.
  catalog::proto::SequenceDef LikeIdentityOptions(const TableLikeCopy& copy, int attnum) const;
  // UPDATE's SET list (and ON CONFLICT DO UPDATE's), over `scope`.
  // `view`: the SET list names its columns (0A000 for one that is no
  // column of the table, worded for `write`); the assignments write
  // `table`'s.
  std::vector<BoundAssignment> BindAssignments(const std::vector<ast::SetClause>& set_clauses,
                                               const catalog::TableEntry& table, const Scope& scope,
                                               const ViewTarget* view = nullptr,
                                               ViewWrite write = ViewWrite::kUpdate);
  // ON CONFLICT: the arbiter and the DO UPDATE action (bind_insert.cc).
  void BindOnConflict(const ast::InsertStmt& insert, BoundInsert* out,
                      const ViewTarget* view = nullptr);
  // UPDATE ... FROM and DELETE ... USING (bind_update.cc): the other FROM
  // items, their columns after the target row's storage key and stored
  // value; their names join `scope`, which holds the target's item. Null
  // for none. `merge_source`: MERGE's USING item, whose name may not be
  // the target's (42712 with MERGE's detail).
  // `target_width`: the target's row width (-1: its item's column count;
  // a view's item shows other columns than the table row it reads).
  std::unique_ptr<BoundTableRef> BindJoinedTables(const std::vector<ast::TableRefPtr>& from,
                                                  Scope& scope, bool merge_source = false,
                                                  int target_width = -1);
  // MERGE's WHEN clauses (bind_merge.cc); `scope` holds the target and the
  // source.
  BoundMergeAction BindMergeAction(const ast::MergeWhenClause& clause,
                                   const catalog::TableEntry& table, const Scope& scope);
  // RETURNING's list over the written table's row (bind_update.cc).
  BoundReturning BindReturning(const std::vector<ast::ResultTarget>& targets, const Scope& scope);
  void BindOrderBy(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out);
  // SELECT DISTINCT: moves the targets into out->distinct (bind_select.cc).
  void BindDistinct(const ast::SelectStmt& select, BoundSelect* out);
  void BindLocking(const ast::SelectStmt& select, const Scope& scope, BoundSelect* out);
  BoundExprPtr BindLimit(const ast::Expr& expr, const Scope& scope, std::string_view what);

  // Where aggregate calls may appear, as PostgreSQL's expression kinds: not
  // allowed, `clause` names the place in 42803 `aggregate functions are not
  // allowed in WHERE` (empty: "here").
  struct AggregateRules {
    bool allowed = false;
    std::string_view clause;
  };
  // Sets the rules for the clauses bound while it lives.
  // Window calls follow the same rules (42P20 `window functions are not
  // allowed in WHERE`) unless a WindowRulesScope inside says otherwise.
  class AggregateRulesScope {
   public:
    AggregateRulesScope(Binder* binder, bool allowed, std::string_view clause)
        : binder_(binder), saved_(binder->aggregate_rules_), saved_window_(binder->window_rules_) {
      binder->aggregate_rules_ = AggregateRules{allowed, clause};
      binder->window_rules_ = AggregateRules{allowed, clause};
    }
    ~AggregateRulesScope() {
      binder_->aggregate_rules_ = saved_;
      binder_->window_rules_ = saved_window_;
    }
    AggregateRulesScope(const AggregateRulesScope&) = delete;
    AggregateRulesScope& operator=(const AggregateRulesScope&) = delete;

   private:
    Binder* binder_;
    AggregateRules saved_;
    AggregateRules saved_window_;
  };
  // Where window calls may appear, aggregates' rules aside (HAVING allows
  // aggregates, not windows).
  class WindowRulesScope {
   public:
    WindowRulesScope(Binder* binder, bool allowed, std::string_view clause)
        : binder_(binder), saved_(binder->window_rules_) {
      binder->window_rules_ = AggregateRules{allowed, clause};
    }
    ~WindowRulesScope() { binder_->window_rules_ = saved_; }
    WindowRulesScope(const WindowRulesScope&) = delete;
    WindowRulesScope& operator=(const WindowRulesScope&) = delete;

   private:
    Binder* binder_;
    AggregateRules saved_;
  };

  // Sets a flag (or another member, such as invisible_item_) for the
  // clause being bound; restores it when the clause ends, normally or by an
  // error.
  template <typename T>
  class ScopedFlag {
   public:
    ScopedFlag(T& flag, T value) : flag_(flag), saved_(flag) { flag = value; }
    ~ScopedFlag() { flag_ = saved_; }
    ScopedFlag(const ScopedFlag&) = delete;
    ScopedFlag& operator=(const ScopedFlag&) = delete;

   private:
    T& flag_;
    T saved_;
  };

  const catalog::CatalogSnapshot& snapshot_;
  Oid database_;
  std::string user_;
  std::vector<std::string> search_path_;
  // While binding an expression where columns cannot be referenced (a column
  // DEFAULT), the 0A000 message a column reference raises; null elsewhere.
  const char* column_ref_error_ = nullptr;
  // While binding a CHECK expression: the 0A000 message a subquery raises.
  const char* subquery_error_ = nullptr;
  // A FROM item whose columns exist but cannot be referenced here
  // (INSERT's VALUES and its table, MERGE's NOT MATCHED clauses and the
  // target), for PostgreSQL's 42703 hint naming it.
  const ScopeItem* invisible_item_ = nullptr;

  // False while binding INSERT ... SELECT's query: its untyped literals stay
  // unknown and take the target columns' types (p_resolve_unknowns).
  bool resolve_unknowns_ = true;
  const std::vector<DataType>* parameters_ = nullptr;  // see SetParameterTypes
  std::vector<DataType>* describing_ = nullptr;        // see DescribeParameters
  AggregateRules aggregate_rules_;
  bool inside_aggregate_ = false;  // binding an aggregate call's arguments
  bool found_aggregate_ = false;   // the query being bound calls an aggregate
  // The subqueries in expressions being bound, innermost last: what their
  // enclosing query allowed where the subquery stands, for an aggregate
  // that belongs to that query (its arguments read only the enclosing
  // query's row, PostgreSQL's rule), and whether one was found.
  struct SubqueryLevel {
    std::vector<BoundExprPtr>* outer_values;  // the subquery's
    AggregateRules outer_rules;
    bool outer_inside_aggregate = false;
    bool outer_aggregate = false;
  };
  std::vector<SubqueryLevel> subquery_levels_;
  // How many queries out an aggregate call with these arguments, bound in
  // a subquery, belongs: 0 here, 1 the enclosing query, ... — the query
  // whose columns its arguments read, the nearest of them (PostgreSQL's
  // rule: an aggregate's level is that of the columns it reads). Calls
  // with ORDER BY or FILTER stay the subquery's.
  size_t EnclosingAggregateLevel(const std::vector<BoundExprPtr>& args,
                                 const ast::FunctionCall& call, const Scope& scope) const;
  // Makes such a call (`e`, over the subquery's outer values) that query's
  // aggregate, under the rules of the clause its subquery stands in
  // (42803), and returns what the subquery reads in its place: a value
  // passed down to it. `first_new` holds each level's count of outer
  // values before the call's arguments were bound.
  BoundExprPtr MoveToEnclosingQuery(BoundExprPtr e, const ast::FunctionCall& call, size_t up,
                                    const std::vector<size_t>& first_new);
  AggregateRules window_rules_;
  bool inside_window_ = false;  // binding a window call's arguments
  bool found_window_ = false;   // the query being bound calls a window function
  // The WINDOW clause of the query being bound; null outside a query.
  const std::vector<std::unique_ptr<ast::WindowDef>>* named_windows_ = nullptr;
  // BindSetOperation is binding a side of a UNION / INTERSECT / EXCEPT:
  // the SELECT ... INTO check ran for the whole tree at its top.
  bool inside_set_operation_ = false;
  // ResolveGrouped is in the values a subquery reads from the grouped row.
  bool in_subquery_values_ = false;
  std::vector<std::shared_ptr<const catalog::TableEntry>> tables_read_;
  // The views being expanded, innermost last: ResolveTable looks a name up
  // in the innermost one's references (its view name map) first.
  std::vector<const catalog::TableEntry*> expanding_views_;
  std::vector<catalog::proto::ViewReference>* recorded_references_ = nullptr;  // see Record...

  // The WITH clauses around what is being bound, outermost first; `visible`
  // CTEs of each can be referenced (a CTE sees those before it).
  struct CteDefinition {
    const ast::CommonTableExpr* ast;
    std::unique_ptr<BoundSelect> first_binding;  // for the first reference
    std::shared_ptr<CteUse> use;
  };
  struct CteFrameData {
    std::vector<CteDefinition> ctes;
    bool recursive = false;
  };
  struct CteFrame {
    std::shared_ptr<CteFrameData> data;
    size_t visible = 0;
  };
  // Pops the CTE frames pushed while it lives.
  struct CteFramesScope {
    explicit CteFramesScope(std::vector<CteFrame>& stack) : frames(stack), size(stack.size()) {}
    ~CteFramesScope() { frames.resize(size); }
    CteFramesScope(const CteFramesScope&) = delete;
    CteFramesScope& operator=(const CteFramesScope&) = delete;
    std::vector<CteFrame>& frames;
    size_t size;
  };
  class CteVisibility;
  std::vector<CteFrame> cte_frames_;
  // A recursive CTE's name while its recursive term binds.
  struct WorkTable {
    int id;
    std::string name;
    std::vector<ResultColumn> columns;
    bool referenced;
  };
  std::vector<WorkTable*> work_tables_;
  // The current query's set-returning targets (TargetFunctionValue).
  std::map<const ast::Expr*, TargetFunctionColumns> srf_columns_;
  int next_work_table_id_ = 0;
  int next_cte_id_ = 0;
  // References are counted as written: not while a CTE's query is bound
  // again (for a later reference, or for pg_get_viewdef).
  bool counting_cte_references_ = true;
  bool keep_with_clauses_ = false;
};

}  // namespace basalt::sql
