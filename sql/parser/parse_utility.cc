// Utility statements: transaction control, SET / RESET / SHOW, EXPLAIN.
#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "sql/parser/parser_impl.h"

namespace basalt::sql {

ast::StatementPtr Parser::ParseTransaction() {
  using Type = ast::TransactionStmt::Type;
  auto stmt = std::make_unique<ast::TransactionStmt>();
  const Token& t = Advance();
  if (t.IsWord("begin") || t.IsWord("start")) {
    stmt->type = Type::kBegin;
    if (t.IsWord("start")) {
      ExpectWord("transaction");
      stmt->start_transaction = true;
    } else if (!AcceptWord("work")) {
      AcceptWord("transaction");
    }
    ParseTransactionModes(*stmt);
    return stmt;
  }
  if (t.IsWord("savepoint")) {
    stmt->type = Type::kSavepoint;
    stmt->savepoint = ParseColId();
    return stmt;
  }
  if (t.IsWord("release")) {
    stmt->type = Type::kRelease;
    AcceptWord("savepoint");
    stmt->savepoint = ParseColId();
    return stmt;
  }
  stmt->type = t.IsWord("commit") || t.IsWord("end") ? Type::kCommit : Type::kRollback;
  if (!AcceptWord("work")) AcceptWord("transaction");
  if (t.IsWord("rollback") && AcceptWord("to")) {
    stmt->type = Type::kRollbackTo;
    AcceptWord("savepoint");
    stmt->savepoint = ParseColId();
    return stmt;
  }
  if (AcceptWord("and")) {
    stmt->chain = !AcceptWord("no");
    ExpectWord("chain");
  }
  return stmt;
}

void Parser::ParseTransactionModes(ast::TransactionStmt& stmt) {
  bool first = true;
  while (true) {
    if (!first && PeekOp(",") &&
        (PeekWord("isolation", 1) || PeekWord("read", 1) || PeekWord("deferrable", 1) ||
         PeekWord("not", 1))) {
      Advance();
    }
    if (AcceptWord("isolation")) {
      ExpectWord("level");
      if (AcceptWord("serializable")) {
        stmt.isolation_level = "serializable";
      } else if (AcceptWord("repeatable")) {
        ExpectWord("read");
        stmt.isolation_level = "repeatable read";
      } else {
        ExpectWord("read");
        if (AcceptWord("committed")) {
          stmt.isolation_level = "read committed";
        } else {
          ExpectWord("uncommitted");
          stmt.isolation_level = "read uncommitted";
        }
      }
    } else if (AcceptWord("read")) {
      if (AcceptWord("only")) {
        stmt.read_only = true;
      } else {
        ExpectWord("write");
        stmt.read_only = false;
      }
    } else if (AcceptWord("deferrable")) {
      stmt.deferrable = true;
    } else if (PeekWord("not") && PeekWord("deferrable", 1)) {
      Advance();
      Advance();
      stmt.deferrable = false;
    } else {
      return;
    }
    first = false;
  }
}

std::string Parser::ParseVariableName() {
  std::string name = ParseColId();
  while (AcceptOp(".")) name += "." + ParseColId();
  return name;
}

// A SET value: a string, a signed number, or a bare word (kept as a string,
// as PostgreSQL does for on/off/identifiers).
ast::ExprPtr Parser::ParseSetValue() {
  const Token& t = Peek();
  if (t.type == TokenType::kString || t.type == TokenType::kInteger ||
      t.type == TokenType::kDecimal ||
      ((t.IsOp("-") || t.IsOp("+")) &&
       (Peek(1).type == TokenType::kInteger || Peek(1).type == TokenType::kDecimal))) {
    return ParsePrefix();
  }
  if (t.type == TokenType::kQuotedIdentifier ||
      (t.type == TokenType::kIdentifier &&
       (t.keyword != KeywordCategory::kReserved || t.text == "true" || t.text == "false" ||
        t.text == "on"))) {
    Advance();
    auto constant = std::make_unique<ast::Constant>();
    constant->position = t.position;
    constant->type = ast::Constant::Type::kString;
    constant->text = t.text;
    return constant;
  }
  SyntaxError(t);
}

ast::StatementPtr Parser::ParseSet() {
  auto stmt = std::make_unique<ast::SetStmt>();
  ExpectWord("set");
  if (AcceptWord("local")) {
    stmt->local = true;
  } else {
    AcceptWord("session");
  }
  if (PeekWord("transaction") && !PeekOp("=", 1) && !PeekWord("to", 1)) {
    Advance();
    auto modes = std::make_unique<ast::TransactionStmt>();
    modes->type = ast::TransactionStmt::Type::kSetTransaction;
    ParseTransactionModes(*modes);
    if (!modes->isolation_level && !modes->read_only && !modes->deferrable) SyntaxErrorHere();
    return modes;
  }
  if (PeekWord("constraints") && !PeekOp("=", 1) && !PeekWord("to", 1)) {
    return ParseSetConstraints();
  }
  if (PeekWord("time") && PeekWord("zone", 1)) {
    Advance();
    Advance();
    stmt->name = "timezone";
    if (AcceptWord("local") || AcceptWord("default")) {
      stmt->to_default = true;
    } else {
      stmt->values.push_back(ParseSetValue());
    }
    return stmt;
  }
  if (AcceptWord("names")) {
    stmt->name = "client_encoding";
    if (AtEnd() || PeekOp(";")) {
      stmt->to_default = true;
    } else {
      stmt->values.push_back(ParseSetValue());
    }
    return stmt;
  }
  if (PeekWord("schema") && Peek(1).type == TokenType::kString) {
    Advance();
    stmt->name = "search_path";
    stmt->values.push_back(ParseSetValue());
    return stmt;
  }
  stmt->name = ParseVariableName();
  if (!AcceptWord("to")) ExpectOp("=");
  if (AcceptWord("default")) {
    stmt->to_default = true;
    return stmt;
  }
  do {
    stmt->values.push_back(ParseSetValue());
  } while (AcceptOp(","));
  return stmt;
}

ast::StatementPtr Parser::ParseReset() {
  auto stmt = std::make_unique<ast::ResetStmt>();
  ExpectWord("reset");
  if (AcceptWord("all")) {
    stmt->all = true;
  } else {
    stmt->name = ParseConfigurationName();
  }
  return stmt;
}

ast::StatementPtr Parser::ParseShow() {
  auto stmt = std::make_unique<ast::ShowStmt>();
  ExpectWord("show");
  if (AcceptWord("all")) {
    stmt->all = true;
  } else {
    stmt->name = ParseConfigurationName();
  }
  return stmt;
}

std::string Parser::ParseConfigurationName() {
  if (PeekWord("time") && PeekWord("zone", 1)) {
    Advance();
    Advance();
    return "timezone";
  }
  if (PeekWord("transaction") && PeekWord("isolation", 1)) {
    Advance();
    Advance();
    ExpectWord("level");
    return "transaction_isolation";
  }
  if (PeekWord("session") && PeekWord("authorization", 1)) {
    Advance();
    Advance();
    return "session_authorization";
  }
  return ParseVariableName();
}

ast::StatementPtr Parser::ParseExplain() {
  auto stmt = std::make_unique<ast::ExplainStmt>();
  ExpectWord("explain");
  std::optional<bool> timing;
  std::optional<bool> summary;
  bool wal = false;
  if (AcceptOp("(")) {
    do {
      const Token& name = Peek();
      const int position = name.position;
      std::string option = ParseColLabel();
      // The value: a word, a string or a number; none means true.
      std::optional<std::string> value;
      const Token& v = Peek();
      if (v.type == TokenType::kIdentifier || v.type == TokenType::kString ||
          v.type == TokenType::kInteger || v.type == TokenType::kDecimal) {
        value = v.text;
        Advance();
      }
      auto boolean = [&]() {
        if (!value) return true;
        std::string text = *value;
        for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (text == "true" || text == "on" || text == "1" || text == "yes") return true;
        if (text == "false" || text == "off" || text == "0" || text == "no") return false;
        throw Error(sqlstate::kSyntaxError, option + " requires a Boolean value");
      };
      if (option == "analyze" || option == "analyse") {
        stmt->analyze = boolean();
      } else if (option == "verbose") {
        stmt->verbose = boolean();
      } else if (option == "costs") {
        stmt->costs = boolean();
      } else if (option == "buffers") {
        stmt->buffers = boolean();
      } else if (option == "settings") {
        (void)boolean();
      } else if (option == "wal") {
        wal = boolean();
      } else if (option == "timing") {
        timing = boolean();
      } else if (option == "summary") {
        summary = boolean();
      } else if (option == "format") {
        if (!value) throw Error(sqlstate::kSyntaxError, "format requires a parameter");
        const std::string format = *value;
        if (format == "text") {
          stmt->format = ast::ExplainStmt::Format::kText;
        } else if (format == "json") {
          stmt->format = ast::ExplainStmt::Format::kJson;
        } else if (format == "xml" || format == "yaml") {
          throw Error(sqlstate::kFeatureNotSupported,
                      fmt::format("EXPLAIN (FORMAT {}) is not supported", format))
              .WithPosition(position);
        } else {
          throw Error(
              sqlstate::kInvalidParameterValue,
              fmt::format("unrecognized value for EXPLAIN option \"format\": \"{}\"", format))
              .WithPosition(position);
        }
      } else {
        throw Error(sqlstate::kSyntaxError,
                    fmt::format("unrecognized EXPLAIN option \"{}\"", option))
            .WithPosition(position);
      }
    } while (AcceptOp(","));
    ExpectOp(")");
  } else {
    if (AcceptWord("analyze") || AcceptWord("analyse")) stmt->analyze = true;
    if (AcceptWord("verbose")) stmt->verbose = true;
  }
  if (wal && !stmt->analyze) {
    throw Error(sqlstate::kInvalidParameterValue, "EXPLAIN option WAL requires ANALYZE");
  }
  if (timing.value_or(false) && !stmt->analyze) {
    throw Error(sqlstate::kInvalidParameterValue, "EXPLAIN option TIMING requires ANALYZE");
  }
  stmt->timing = timing.value_or(stmt->analyze);
  stmt->summary = summary.value_or(stmt->analyze);
  const Token& first = Peek();
  stmt->statement = ParseStatement();
  stmt->statement->position = first.position;
  return stmt;
}

ast::StatementPtr Parser::ParseSessionCleanup() {
  const std::string word = Advance().text;
  if (word == "close") {
    auto stmt = std::make_unique<ast::CloseStmt>();
    if (!AcceptWord("all")) stmt->name = ParseColId();
    return stmt;
  }
  if (word == "discard") {
    auto stmt = std::make_unique<ast::DiscardStmt>();
    if (AcceptWord("all")) {
      stmt->target = "ALL";
    } else if (AcceptWord("plans")) {
      stmt->target = "PLANS";
    } else if (AcceptWord("sequences")) {
      stmt->target = "SEQUENCES";
    } else if (AcceptWord("temp") || AcceptWord("temporary")) {
      stmt->target = "TEMP";
    } else {
      SyntaxError(Peek());
    }
    return stmt;
  }
  auto stmt = std::make_unique<ast::UnlistenStmt>();
  if (!AcceptOp("*")) stmt->channel = ParseColId();
  return stmt;
}

}  // namespace basalt::sql
