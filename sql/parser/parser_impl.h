// The recursive-descent parser's internals, shared by the parse_*.cc files
// (one per concern). Not part of the facade: include sql/parser/parser.h.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "sql/parser/ast.h"
#include "sql/parser/lexer.h"

namespace basalt::sql {

// An integer constant the parser makes up (FETCH FIRST ROW ONLY means 1).
ast::ExprPtr MakeIntegerConstant(int64_t value, int position);

class Parser {
 public:
  Parser(std::string_view sql, std::vector<Token> tokens) : sql_(sql), tokens_(std::move(tokens)) {}

  // parser.cc
  std::vector<ast::StatementPtr> ParseAll();
  ast::ExprPtr ParseStandaloneExpression();

 private:
  // --- token cursor (parser.cc) ---
  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& Advance() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool AtEnd() const { return Peek().type == TokenType::kEnd; }
  bool PeekWord(std::string_view word, size_t ahead = 0) const { return Peek(ahead).IsWord(word); }
  bool PeekOp(std::string_view op, size_t ahead = 0) const { return Peek(ahead).IsOp(op); }
  bool AcceptWord(std::string_view word);
  bool AcceptOp(std::string_view op);
  const Token& ExpectWord(std::string_view word);
  const Token& ExpectOp(std::string_view op);
  // `syntax error at or near "<token>"` (or `at end of input`) at `token`.
  [[noreturn]] void SyntaxError(const Token& token) const;
  [[noreturn]] void SyntaxErrorHere() const { SyntaxError(Peek()); }
  // A 42601 error with its own message at `token`.
  [[noreturn]] void ErrorAt(const Token& token, std::string message, std::string hint = "") const;

  // --- names (parser.cc) ---
  // PostgreSQL's name classes: ColId (column/table names: identifiers,
  // unreserved and col_name keywords), type_function_name (identifiers,
  // unreserved and type_func_name keywords) and ColLabel (any word).
  bool PeekColId(size_t ahead = 0) const;
  bool PeekTypeFunctionName(size_t ahead = 0) const;
  bool PeekColLabel(size_t ahead = 0) const;
  std::string ParseColId();
  std::string ParseColLabel();
  ast::QualifiedName ParseQualifiedName();
  std::vector<ast::Identifier> ParseColumnList();  // '(' ColId, ... ')'

  // --- statements (parser.cc dispatches) ---
  // A top-level query whose leftmost SELECT has INTO, as CREATE TABLE AS.
  ast::StatementPtr SelectIntoAsCreateTable(std::unique_ptr<ast::SelectStmt> select);
  ast::StatementPtr ParseStatement();

  // parse_select.cc
  std::unique_ptr<ast::SelectStmt> ParseSelect();
  // WITH [RECURSIVE] name AS (...), ...: empty when the next word is not WITH.
  std::vector<ast::CommonTableExpr> ParseWithClause(bool* recursive);
  std::unique_ptr<ast::SelectStmt> ParseSelectAfterWith(std::vector<ast::CommonTableExpr> with,
                                                        bool recursive);
  // WITH ... INSERT / UPDATE / DELETE / MERGE, or WITH ... SELECT.
  ast::StatementPtr ParseWithStatement();
  ast::CommonTableExpr ParseCommonTableExpr();
  std::unique_ptr<ast::SelectStmt> ParseSelectSetOperation(int min_precedence);
  std::unique_ptr<ast::SelectStmt> ParseSelectTerm();
  std::unique_ptr<ast::SelectStmt> ParseSimpleSelect();
  std::unique_ptr<ast::SelectStmt> ParseTableCommand();
  std::unique_ptr<ast::SelectStmt> ParseValues();
  void ParseSelectTail(ast::SelectStmt& select);
  std::vector<ast::ResultTarget> ParseTargetList();
  ast::ResultTarget ParseTarget();
  std::vector<ast::TableRefPtr> ParseFromList();
  ast::TableRefPtr ParseTableRef();
  ast::TableRefPtr ParsePrimaryTableRef();
  ast::TableRefPtr ParseJoin(ast::TableRefPtr left);
  bool PeekJoin() const;
  ast::Alias ParseOptionalAlias();
  ast::Alias ParseFunctionAlias();  // also a column definition list
  std::vector<ast::OrderByItem> ParseOrderBy();
  // parse_window.cc
  std::unique_ptr<ast::WindowDef> ParseOverClause();
  std::unique_ptr<ast::WindowDef> ParseWindowSpecification();
  ast::WindowFrameBound ParseFrameBound();
  void ParseWindowFrame(ast::WindowDef& window);
  void ParseWindowClause(ast::SelectStmt& select);
  ast::LockingClause ParseLockingClause();
  bool PeekSelectStart(size_t ahead = 0) const;

  // parse_dml.cc
  std::unique_ptr<ast::OnConflictClause> ParseOnConflict();
  std::vector<ast::SetClause> ParseSetClauses();
  ast::StatementPtr ParseInsert();
  ast::StatementPtr ParseUpdate();
  ast::StatementPtr ParseDelete();
  std::vector<ast::ResultTarget> ParseOptionalReturning();
  std::string ParseOptionalRelationAlias(bool allow_set);
  // parse_merge.cc
  ast::StatementPtr ParseMerge();
  ast::MergeWhenClause ParseMergeWhenClause();
  void ParseMergeInsert(ast::MergeWhenClause& clause);

  // parse_ddl.cc
  ast::StatementPtr ParseCreate();
  ast::StatementPtr ParseCreateTable(const Token& create, bool temporary);
  // LIKE source [INCLUDING | EXCLUDING option] ... of CREATE TABLE.
  ast::TableLikeClause ParseTableLike();
  ast::StatementPtr ParseCreateIndex(const Token& create);
  ast::StatementPtr ParseCreateView(const Token& create, bool or_replace, bool temporary);
  // parse_matview.cc
  ast::StatementPtr ParseCreateMaterializedView(const Token& create);
  // The rest of CREATE TABLE / MATERIALIZED VIEW name ... AS query.
  ast::StatementPtr ParseCreateTableAs(const Token& create, bool materialized, bool if_not_exists,
                                       ast::QualifiedName name, bool temporary = false);
  ast::StatementPtr ParseRefresh();
  // '(' name [= value], ... ')'
  std::vector<ast::RelationOption> ParseRelationOptions();
  ast::ColumnDef ParseColumnDef();
  bool ParseColumnConstraint(ast::Constraint& out);
  ast::Constraint ParseTableConstraint();
  // After UNIQUE (or CREATE INDEX's columns): true for NULLS NOT DISTINCT.
  bool ParseNullsDistinct();
  std::vector<ast::IndexElement> ParseIndexElements();
  void ParseReferences(ast::Constraint& constraint);
  // parse_constraint_attributes.cc
  struct ConstraintAttributesSeen {
    size_t constraint = SIZE_MAX;  // the column constraint they apply to
    bool deferrability = false;
    bool initially = false;
  };
  bool ParseColumnConstraintAttribute(ast::ColumnDef& column, ConstraintAttributesSeen& seen);
  void RefuseDeferrableKeys(const ast::Constraint& constraint);
  void ParseTableConstraintAttributes(ast::Constraint& constraint);
  ast::StatementPtr ParseSetConstraints();
  ast::StatementPtr ParseDrop();
  ast::StatementPtr ParseTruncate();
  // [ONLY] name [*] [, ...]: TRUNCATE's and LOCK's tables.
  std::vector<ast::QualifiedName> ParseRelationList();
  ast::StatementPtr ParseLock();
  // CLOSE, DISCARD, UNLISTEN.
  ast::StatementPtr ParseSessionCleanup();

  // parse_role.cc: CREATE ROLE / USER / GROUP, ALTER ROLE / USER, DROP
  // ROLE / USER / GROUP.
  ast::StatementPtr ParseCreateRole(const Token& create);
  // parse_schema.cc
  ast::StatementPtr ParseCreateSchema(const Token& create);
  ast::StatementPtr ParseAlterSchema();
  // parse_create_type.cc
  ast::StatementPtr ParseCreateType(const Token& create);
  ast::StatementPtr ParseAlterType();
  ast::StatementPtr ParseCreateDomain(const Token& create);
  ast::StatementPtr ParseAlterDomain();
  ast::StatementPtr ParseCreateDatabase(const Token& create);
  ast::StatementPtr ParseDropDatabase();
  ast::StatementPtr ParseAlterDatabase();
  template <typename Stmt>
  ast::StatementPtr ParseRenameOrOwner(std::unique_ptr<Stmt> stmt);
  ast::StatementPtr ParseAlterRole();
  ast::StatementPtr ParseDropRole();
  // A role name where PostgreSQL's RoleSpec may also be CURRENT_USER,
  // CURRENT_ROLE or SESSION_USER (kept as those words, upper case).
  std::string ParseRoleSpec();
  // One option of CREATE / ALTER ROLE; false when the next token starts none.
  bool ParseRoleOption(std::vector<ast::RoleOption>& options, bool create);

  // parse_utility.cc
  ast::StatementPtr ParseTransaction();
  void ParseTransactionModes(ast::TransactionStmt& stmt);
  ast::StatementPtr ParseSet();
  ast::ExprPtr ParseSetValue();
  std::string ParseVariableName();
  // A parameter name as SHOW and RESET take it, with PostgreSQL's multi-word
  // spellings (TIME ZONE, TRANSACTION ISOLATION LEVEL, SESSION AUTHORIZATION).
  std::string ParseConfigurationName();
  ast::StatementPtr ParseReset();
  ast::StatementPtr ParseShow();
  ast::StatementPtr ParseExplain();
  // parse_copy.cc
  ast::StatementPtr ParseCopy();
  std::vector<std::pair<std::string, std::string>> ParseStorageParameters();
  ast::StatementPtr ParseAlterTable();
  // One action of ALTER TABLE's list (parse_alter_table.cc).
  ast::AlterTableCommand ParseAlterTableCommand();
  // parse_alter.cc: ALTER [MATERIALIZED] VIEW, and the catalog-only actions
  // of ALTER TABLE (RENAME, SET SCHEMA, OWNER TO, SET / RESET (...)).
  ast::StatementPtr ParseAlterView(const Token& alter);  // and ALTER INDEX
  ast::StatementPtr ParseAlterRelationAction(const Token& alter, ast::ObjectType type,
                                             bool if_exists, ast::QualifiedName name);
  ast::StatementPtr ParseVacuum();  // VACUUM and ANALYZE
  ast::StatementPtr ParseReindex();
  ast::StatementPtr ParseComment();  // parse_comment.cc
  // parse_sequence.cc
  ast::StatementPtr ParseCreateSequence(const Token& create, bool temporary);
  ast::StatementPtr ParseAlterSequence(const Token& alter);
  // The options up to the statement's end, or to `)` (an identity column's).
  ast::SequenceOptions ParseSequenceOptions(bool alter, bool in_parentheses = false);
  int64_t ParseSequenceNumber();
  bool ParseOldCopyOption(ast::CopyStmt& stmt);
  void ParseCopyOptionArgument(ast::CopyOption& option);
  std::vector<ast::Identifier> ParseBareColumnList();
  std::string ParseStringConstant();

  // parse_cursor.cc
  // Whether the statement ends at token `ahead` (end of input or ";").
  bool PeekStatementEnd(size_t ahead = 0) const;
  ast::StatementPtr ParsePrepare();
  ast::StatementPtr ParseExecute();
  ast::StatementPtr ParseDeallocate();
  ast::StatementPtr ParseDeclareCursor();
  // FETCH and MOVE.
  ast::StatementPtr ParseFetch();
  // An optional sign: true for `-`.
  bool AcceptSign();
  // gram.y's SignedIconst: [+|-] an integer of at most 2147483647.
  bool PeekSignedIconst() const;
  int64_t ParseSignedIconst();

  // parse_type.cc
  ast::ExprPtr ParseArrayConstructor(int position);
  ast::TypeName ParseTypeName();
  bool PeekTypeKeyword() const;  // int, double, varchar, timestamp, ...
  int32_t ParseTypeModifier(bool allow_sign = false);
  void ParseIntervalFields(ast::TypeName& type);

  // parse_expr.cc
 public:
  // Binding strengths, PostgreSQL's gram.y precedence from loosest to
  // tightest.
  enum Precedence {
    kPrecLowest = 0,
    kPrecOr,
    kPrecAnd,
    kPrecNot,
    kPrecIs,
    kPrecComparison,
    kPrecLike,  // BETWEEN IN LIKE ILIKE SIMILAR
    kPrecOp,    // any other operator, e.g. ||
    kPrecAdd,
    kPrecMul,
    kPrecExp,
    kPrecAt,  // AT TIME ZONE
    kPrecUnary,
    kPrecTypecast,
  };

 private:
  ast::ExprPtr ParseExpr(int min_precedence = kPrecLowest);
  ast::ExprPtr ParsePrefix();
  ast::ExprPtr ParsePrimary();
  ast::ExprPtr ParsePostfixIs(ast::ExprPtr left, const Token& is);
  // OPERATOR(pg_catalog.op) after the word OPERATOR: the operator's spelling.
  std::string ParseQualifiedOperator();
  // COLLATE name after the word COLLATE: 42704 unless a collation Basalt's
  // bytewise comparison matches (default, C, POSIX).
  // The collation name after COLLATE (at `position`, 0: errors without
  // one): one of the collations Basalt's bytewise comparison is (C, POSIX,
  // default, ucs_basic, C.utf8), else 42704.
  void ParseCollation(int position);
  // ON COMMIT {PRESERVE ROWS | DELETE ROWS | DROP}, if written next.
  void ParseOnCommit(ast::CreateTableStmt::OnCommit* on_commit, int* position);
  ast::ExprPtr ParseWordExpression();
  ast::ExprPtr ParseFunctionArgs(std::vector<std::string> name, const Token& start);
  ast::ExprPtr ParseSpecialFunction(const Token& word);
  ast::ExprPtr ParseCase();
  ast::ExprPtr ParseParenthesized();
  ast::ExprPtr ParseOverlaps(ast::ExprPtr left_row);
  std::unique_ptr<ast::SelectStmt> ParseParenthesizedSelect();
  ast::ExprList ParseExprList();
  ast::ExprList ParseCallArguments(ast::FunctionCall* call);
  // GROUP BY's list, into select.group_by or, with grouping sets,
  // select.grouping_sets.
  void ParseGroupBy(ast::SelectStmt& select);
  ast::GroupingElement ParseGroupingElement(bool in_sets);
  ast::GroupingElement ListOrExpr(ast::ExprPtr expr, int position);
  // Whether a SELECT (VALUES, WITH) follows the run of "(" tokens that
  // starts at token index `first` (possibly empty).
  bool SelectAfterParens(size_t first);
  // Infix binding strength of the operator at the cursor, or -1.
  int PeekInfixPrecedence() const;

  std::string_view sql_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  // The last run of consecutive "(" tokens ParseParenthesized looked past:
  // [begin, end) token indexes, and whether a SELECT starts after it. Every
  // "(" of `((((...` asks the same question; the answer is cached so the
  // look-ahead stays linear.
  size_t paren_run_begin_ = 0;
  size_t paren_run_end_ = 0;
  bool paren_run_selects_ = false;
  // Token indexes where a parenthesized SELECT failed to parse, with the
  // error. `((((SELECT 1) + 1) + 1) ...)` is tried as a subquery at every
  // level, and each try fails inside the same inner parentheses: without
  // this memo each level would parse all the inner ones again (quadratic).
  std::unordered_map<size_t, Error> failed_selects_;
};

}  // namespace basalt::sql
