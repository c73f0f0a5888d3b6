// COPY, ALTER TABLE ... ADD constraint, VACUUM and ANALYZE.
#include <algorithm>

#include <fmt/format.h>

#include "sql/parser/parser_impl.h"

namespace basalt::sql {

namespace {

ast::CopyOption Option(const Token& at, std::string name, std::optional<std::string> value = {}) {
  ast::CopyOption option;
  option.position = at.position;
  option.name = std::move(name);
  option.value = std::move(value);
  return option;
}

}  // namespace

// A string constant (`DELIMITER AS ','`): PostgreSQL's Sconst.
std::string Parser::ParseStringConstant() {
  if (Peek().type != TokenType::kString) SyntaxErrorHere();
  return Advance().text;
}

// copy_generic_opt_arg: a boolean or string word, a number, `*`, a
// parenthesized list, or nothing.
void Parser::ParseCopyOptionArgument(ast::CopyOption& option) {
  if (AcceptOp("*")) {
    option.star = true;
    option.has_columns = true;
    return;
  }
  if (AcceptOp("(")) {
    option.has_columns = true;
    do {
      ast::Identifier column;
      column.position = Peek().position;
      const Token& t = Peek();
      if (t.type != TokenType::kString && !PeekColLabel()) SyntaxErrorHere();
      column.name = Advance().text;
      option.columns.push_back(std::move(column));
    } while (AcceptOp(","));
    ExpectOp(")");
    return;
  }
  const Token& t = Peek();
  if (t.IsOp("-") || t.IsOp("+")) {
    const std::string sign = t.text == "-" ? "-" : "";
    Advance();
    if (Peek().type != TokenType::kInteger && Peek().type != TokenType::kDecimal) {
      SyntaxErrorHere();
    }
    option.value = sign + Advance().text;
    return;
  }
  if (t.type == TokenType::kString || t.type == TokenType::kInteger ||
      t.type == TokenType::kDecimal || t.type == TokenType::kIdentifier ||
      t.type == TokenType::kQuotedIdentifier) {
    option.value = Advance().text;
  }
}

// The old option list: BINARY, FREEZE, DELIMITER [AS] 'x', NULL [AS] 'x',
// CSV, HEADER, QUOTE [AS] 'q', ESCAPE [AS] 'e', FORCE QUOTE cols | *, FORCE
// NOT NULL cols, FORCE NULL cols, ENCODING 'e'.
bool Parser::ParseOldCopyOption(ast::CopyStmt& stmt) {
  const Token& at = Peek();
  auto string_option = [&](std::string name) {
    Advance();
    AcceptWord("as");
    stmt.options.push_back(Option(at, std::move(name), ParseStringConstant()));
  };
  if (PeekWord("binary")) {
    Advance();
    stmt.options.push_back(Option(at, "format", "binary"));
  } else if (PeekWord("csv")) {
    Advance();
    stmt.options.push_back(Option(at, "format", "csv"));
  } else if (PeekWord("freeze") || PeekWord("header")) {
    stmt.options.push_back(Option(at, Advance().text, "true"));
  } else if (PeekWord("delimiter")) {
    string_option("delimiter");
  } else if (PeekWord("null")) {
    string_option("null");
  } else if (PeekWord("quote")) {
    string_option("quote");
  } else if (PeekWord("escape")) {
    string_option("escape");
  } else if (PeekWord("encoding")) {
    Advance();
    stmt.options.push_back(Option(at, "encoding", ParseStringConstant()));
  } else if (PeekWord("force")) {
    Advance();
    ast::CopyOption option = Option(at, "");
    if (AcceptWord("quote")) {
      option.name = "force_quote";
      if (AcceptOp("*")) {
        option.star = true;
      } else {
        option.columns = ParseBareColumnList();
      }
    } else if (AcceptWord("not")) {
      ExpectWord("null");
      option.name = "force_not_null";
      option.columns = ParseBareColumnList();
    } else {
      ExpectWord("null");
      option.name = "force_null";
      option.columns = ParseBareColumnList();
    }
    option.has_columns = true;
    stmt.options.push_back(std::move(option));
  } else {
    return false;
  }
  return true;
}

// columnList without parentheses, as the old FORCE options write it.
std::vector<ast::Identifier> Parser::ParseBareColumnList() {
  std::vector<ast::Identifier> columns;
  do {
    ast::Identifier column;
    column.position = Peek().position;
    column.name = ParseColId();
    columns.push_back(std::move(column));
  } while (AcceptOp(","));
  return columns;
}

ast::StatementPtr Parser::ParseCopy() {
  auto stmt = std::make_unique<ast::CopyStmt>();
  ExpectWord("copy");
  // COPY BINARY t ...: the oldest spelling of the binary format.
  if (PeekWord("binary") && !PeekWord("from", 1) && !PeekWord("to", 1)) {
    stmt->options.push_back(Option(Advance(), "format", "binary"));
  }
  if (AcceptOp("(")) {
    const Token& first = Peek();
    stmt->query = ParseSelect();
    stmt->query->position = first.position;
    ExpectOp(")");
    ExpectWord("to");
  } else {
    stmt->table = ParseQualifiedName();
    if (PeekOp("(")) stmt->columns = ParseColumnList();
    if (AcceptWord("from")) {
      stmt->from = true;
    } else {
      ExpectWord("to");
    }
  }
  stmt->target_position = Peek().position;
  if (AcceptWord("program")) {
    ParseStringConstant();
    stmt->client = false;
  } else if (Peek().type == TokenType::kString) {
    Advance();
    stmt->client = false;
  } else if (!AcceptWord(stmt->from ? "stdin" : "stdout")) {
    SyntaxErrorHere();
  }
  // copy_delimiter: [USING] DELIMITERS 'x', before the options.
  if (PeekWord("delimiters") || (PeekWord("using") && PeekWord("delimiters", 1))) {
    AcceptWord("using");
    const Token& at = Advance();
    stmt->options.push_back(Option(at, "delimiter", ParseStringConstant()));
  }
  const bool with = AcceptWord("with");
  if (PeekOp("(") && (with || !PeekSelectStart(1))) {
    Advance();
    do {
      const Token& at = Peek();
      ast::CopyOption option = Option(at, ParseColLabel());
      ParseCopyOptionArgument(option);
      stmt->options.push_back(std::move(option));
    } while (AcceptOp(","));
    ExpectOp(")");
  } else {
    while (ParseOldCopyOption(*stmt)) {
    }
  }
  if (PeekWord("where")) {
    throw Error(sqlstate::kFeatureNotSupported, "COPY FROM ... WHERE is not supported yet")
        .WithPosition(Peek().position);
  }
  return stmt;
}

ast::StatementPtr Parser::ParseAlterTable() {
  const Token& alter = ExpectWord("alter");
  if (!AcceptWord("table")) {
    throw Error(sqlstate::kFeatureNotSupported, "ALTER " + Peek().text + " is not supported yet")
        .WithPosition(alter.position);
  }
  auto stmt = std::make_unique<ast::AlterTableStmt>();
  if (PeekWord("if") && PeekWord("exists", 1)) {
    Advance();
    Advance();
    stmt->if_exists = true;
  }
  AcceptWord("only");
  stmt->table = ParseQualifiedName();
  AcceptOp("*");
  using Action = ast::AlterTableStmt::Action;
  if ((PeekWord("drop") || PeekWord("validate") || PeekWord("rename")) &&
      PeekWord("constraint", 1)) {
    const std::string verb = Advance().text;
    Advance();
    if (verb == "drop" && PeekWord("if") && PeekWord("exists", 1)) {
      pos_ += 2;
      stmt->missing_ok = true;
    }
    stmt->constraint = ParseColId();
    if (verb == "drop") {
      stmt->action = Action::kDropConstraint;
      if (!AcceptWord("cascade")) AcceptWord("restrict");
    } else if (verb == "validate") {
      stmt->action = Action::kValidateConstraint;
    } else {
      stmt->action = Action::kRenameConstraint;
      ExpectWord("to");
      stmt->new_name = ParseColId();
    }
    if (PeekOp(",")) {
      throw Error(sqlstate::kFeatureNotSupported, "this form of ALTER TABLE is not supported yet")
          .WithPosition(Peek().position);
    }
    return stmt;
  }
  if (!PeekWord("add") && !PeekWord("drop") && !PeekWord("alter")) {
    return ParseAlterRelationAction(alter, ast::ObjectType::kTable, stmt->if_exists,
                                    std::move(stmt->table));
  }
  do {
    stmt->commands.push_back(ParseAlterTableCommand());
  } while (AcceptOp(","));
  // A list of constraints alone keeps its own path (session_alter_table.cc).
  const bool only_constraints = std::all_of(
      stmt->commands.begin(), stmt->commands.end(), [](const ast::AlterTableCommand& c) {
        return c.kind == ast::AlterTableCommand::Kind::kAddConstraint;
      });
  if (only_constraints) {
    for (ast::AlterTableCommand& c : stmt->commands) {
      stmt->add_constraints.push_back(std::move(c.constraint));
    }
    stmt->commands.clear();
  } else {
    stmt->action = Action::kCommands;
  }
  return stmt;
}

ast::StatementPtr Parser::ParseVacuum() {
  auto stmt = std::make_unique<ast::VacuumStmt>();
  const std::string word = Advance().text;
  stmt->vacuum = word == "vacuum";
  stmt->analyze = !stmt->vacuum;
  if (AcceptOp("(")) {
    // (FULL, FREEZE, VERBOSE, ANALYZE, SKIP_LOCKED, PARALLEL n, ...): each
    // accepted; only ANALYZE changes what Basalt does (nothing, yet).
    do {
      std::string option = ParseColLabel();
      if (option == "analyze" || option == "analyse") stmt->analyze = true;
      const Token& v = Peek();
      if (v.type == TokenType::kIdentifier || v.type == TokenType::kString ||
          v.type == TokenType::kInteger) {
        if ((option == "analyze" || option == "analyse") &&
            (v.IsWord("false") || v.IsWord("off") || v.text == "0")) {
          stmt->analyze = !stmt->vacuum;
        }
        Advance();
      }
    } while (AcceptOp(","));
    ExpectOp(")");
  } else {
    while (true) {
      if (stmt->vacuum && (AcceptWord("full") || AcceptWord("freeze"))) continue;
      if (AcceptWord("verbose")) continue;
      if (stmt->vacuum && (AcceptWord("analyze") || AcceptWord("analyse"))) {
        stmt->analyze = true;
        continue;
      }
      break;
    }
  }
  if (!AtEnd() && !PeekOp(";")) {
    do {
      stmt->tables.push_back(ParseQualifiedName());
      if (PeekOp("(")) ParseColumnList();
    } while (AcceptOp(","));
  }
  return stmt;
}

ast::StatementPtr Parser::ParseReindex() {
  using Target = ast::ReindexStmt::Target;
  auto stmt = std::make_unique<ast::ReindexStmt>();
  Advance();  // REINDEX
  if (AcceptOp("(")) {
    do {
      const int position = Peek().position;
      const std::string option = ParseColLabel();
      bool on = true;
      const Token& v = Peek();
      if (option == "tablespace") {
        ParseColId();  // accepted: Basalt has one storage place
        continue;
      }
      if (v.type == TokenType::kIdentifier || v.type == TokenType::kString ||
          v.type == TokenType::kInteger) {
        on = !(v.IsWord("false") || v.IsWord("off") || v.text == "0");
        Advance();
      }
      if (option == "concurrently") {
        stmt->concurrently = on;
      } else if (option != "verbose") {
        throw Error(sqlstate::kSyntaxError,
                    fmt::format("unrecognized REINDEX option \"{}\"", option))
            .WithPosition(position);
      }
    } while (AcceptOp(","));
    ExpectOp(")");
  }
  if (AcceptWord("index")) {
    stmt->target = Target::kIndex;
  } else if (AcceptWord("table")) {
    stmt->target = Target::kTable;
  } else if (AcceptWord("schema")) {
    stmt->target = Target::kSchema;
  } else if (AcceptWord("database")) {
    stmt->target = Target::kDatabase;
  } else if (AcceptWord("system")) {
    stmt->target = Target::kSystem;
  } else {
    SyntaxError(Peek());
  }
  if (AcceptWord("concurrently")) stmt->concurrently = true;
  if (stmt->target == Target::kIndex || stmt->target == Target::kTable) {
    stmt->name = ParseQualifiedName();
  } else {
    stmt->name.name = ParseColId();
  }
  return stmt;
}

}  // namespace basalt::sql
