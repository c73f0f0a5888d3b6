// CREATE ROLE / USER / GROUP, ALTER ROLE / USER, DROP ROLE / USER / GROUP,
// as PostgreSQL 15's gram.y takes them (CreateRoleStmt, AlterRoleStmt,
// AlterRoleSetStmt, RenameStmt for roles, DropRoleStmt).
#include <cctype>

#include <fmt/format.h>

#include "sql/parser/parser_impl.h"

namespace basalt::sql {

namespace {

using Kind = ast::RoleOption::Kind;

// The options spelled as one word (gram.y's IDENT branch of
// AlterOptRoleElem): the kind and its flag.
bool WordOption(std::string_view word, Kind* kind, bool* flag) {
  struct Entry {
    std::string_view word;
    Kind kind;
    bool flag;
  };
  static constexpr Entry kWords[] = {
      {"superuser", Kind::kSuperuser, true},
      {"nosuperuser", Kind::kSuperuser, false},
      {"createrole", Kind::kCreateRole, true},
      {"nocreaterole", Kind::kCreateRole, false},
      {"replication", Kind::kReplication, true},
      {"noreplication", Kind::kReplication, false},
      {"createdb", Kind::kCreateDb, true},
      {"nocreatedb", Kind::kCreateDb, false},
      {"login", Kind::kLogin, true},
      {"nologin", Kind::kLogin, false},
      {"bypassrls", Kind::kBypassRls, true},
      {"nobypassrls", Kind::kBypassRls, false},
      {"noinherit", Kind::kInherit, false},
  };
  for (const Entry& e : kWords) {
    if (e.word != word) continue;
    *kind = e.kind;
    *flag = e.flag;
    return true;
  }
  return false;
}

}  // namespace

std::string Parser::ParseRoleSpec() {
  const Token& t = Peek();
  if (t.type == TokenType::kIdentifier &&
      (t.text == "current_user" || t.text == "current_role" || t.text == "session_user")) {
    Advance();
    std::string upper;
    for (char c : t.text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
  }
  if (t.type != TokenType::kQuotedIdentifier &&
      (t.type != TokenType::kIdentifier || t.keyword == KeywordCategory::kReserved)) {
    SyntaxError(t);
  }
  if (t.text == "none") {
    throw Error(sqlstate::kReservedName, "role name \"none\" is reserved").WithPosition(t.position);
  }
  return Advance().text;
}

bool Parser::ParseRoleOption(std::vector<ast::RoleOption>& options, bool create) {
  const Token& first = Peek();
  if (first.type != TokenType::kIdentifier) return false;
  ast::RoleOption option;
  option.position = first.position;
  auto add = [&](ast::RoleOption o) {
    // gram.y's errorConflictingDefElem: each option at most once.
    for (const ast::RoleOption& seen : options) {
      if (seen.kind == o.kind) {
        throw Error(sqlstate::kSyntaxError, "conflicting or redundant options")
            .WithPosition(o.position);
      }
    }
    options.push_back(std::move(o));
  };
  if (AcceptWord("encrypted")) {
    ExpectWord("password");
    if (Peek().type != TokenType::kString) SyntaxErrorHere();
    option.kind = Kind::kPassword;
    option.text = Advance().text;
    add(std::move(option));
    return true;
  }
  if (PeekWord("unencrypted") && PeekWord("password", 1)) {
    throw Error(sqlstate::kFeatureNotSupported, "UNENCRYPTED PASSWORD is no longer supported")
        .WithHint("Remove UNENCRYPTED to store the password in encrypted form instead.")
        .WithPosition(first.position);
  }
  if (AcceptWord("password")) {
    option.kind = Kind::kPassword;
    if (AcceptWord("null")) {
      option.text = std::nullopt;
    } else if (Peek().type == TokenType::kString) {
      option.text = Advance().text;
    } else {
      SyntaxErrorHere();
    }
    add(std::move(option));
    return true;
  }
  if (AcceptWord("inherit")) {
    option.kind = Kind::kInherit;
    add(std::move(option));
    return true;
  }
  if (PeekWord("connection") && PeekWord("limit", 1)) {
    Advance();
    Advance();
    option.kind = Kind::kConnectionLimit;
    option.number = ParseSignedIconst();
    add(std::move(option));
    return true;
  }
  if (PeekWord("valid") && PeekWord("until", 1)) {
    Advance();
    Advance();
    if (Peek().type != TokenType::kString) SyntaxErrorHere();
    option.kind = Kind::kValidUntil;
    option.text = Advance().text;
    add(std::move(option));
    return true;
  }
  if (create && (PeekWord("in") || PeekWord("role") || PeekWord("admin") || PeekWord("user"))) {
    throw Error(sqlstate::kFeatureNotSupported, "role memberships are not supported yet")
        .WithPosition(first.position);
  }
  if (create && PeekWord("sysid")) {
    // PostgreSQL ignores it too (with a NOTICE).
    Advance();
    if (Peek().type != TokenType::kInteger) SyntaxErrorHere();
    Advance();
    return true;
  }
  // Keywords of gram.y that end the option list (a statement's end, or the
  // RENAME / SET / RESET of ALTER ROLE) are no options.
  if (first.text == "rename" || first.text == "set" || first.text == "reset") return false;
  bool flag = true;
  if (!WordOption(first.text, &option.kind, &flag)) {
    if (first.keyword != KeywordCategory::kNone) SyntaxError(first);
    throw Error(sqlstate::kSyntaxError, fmt::format("unrecognized role option \"{}\"", first.text))
        .WithPosition(first.position);
  }
  Advance();
  option.flag = flag;
  add(std::move(option));
  return true;
}

ast::StatementPtr Parser::ParseCreateRole(const Token& create) {
  auto stmt = std::make_unique<ast::CreateRoleStmt>();
  stmt->position = create.position;
  stmt->login_by_default = PeekWord("user");
  Advance();  // ROLE | USER | GROUP
  const Token& name = Peek();
  stmt->name = ParseRoleSpec();
  if (stmt->name == "CURRENT_USER" || stmt->name == "CURRENT_ROLE" ||
      stmt->name == "SESSION_USER") {
    throw Error(sqlstate::kReservedName,
                fmt::format("{} cannot be used as a role name here", stmt->name))
        .WithPosition(name.position);
  }
  if (stmt->name == "public") {
    throw Error(sqlstate::kReservedName, "role name \"public\" is reserved")
        .WithPosition(name.position);
  }
  AcceptWord("with");
  while (ParseRoleOption(stmt->options, /*create=*/true)) {
  }
  return stmt;
}

ast::StatementPtr Parser::ParseAlterRole() {
  auto stmt = std::make_unique<ast::AlterRoleStmt>();
  const Token& alter = ExpectWord("alter");
  stmt->position = alter.position;
  const bool group = PeekWord("group");
  Advance();  // ROLE | USER | GROUP
  if (PeekWord("all")) {
    throw Error(sqlstate::kFeatureNotSupported, "ALTER ROLE ALL is not supported yet")
        .WithPosition(Peek().position);
  }
  stmt->name_position = Peek().position;
  stmt->name = ParseRoleSpec();
  if (AcceptWord("rename")) {
    ExpectWord("to");
    stmt->action = ast::AlterRoleStmt::Action::kRename;
    stmt->new_name = ParseRoleSpec();
    return stmt;
  }
  if (group) SyntaxErrorHere();  // ALTER GROUP ... ADD / DROP USER: memberships
  if (PeekWord("in") && PeekWord("database", 1)) {
    throw Error(sqlstate::kFeatureNotSupported, "ALTER ROLE ... IN DATABASE is not supported yet")
        .WithPosition(Peek().position);
  }
  if (AcceptWord("set")) {
    stmt->action = ast::AlterRoleStmt::Action::kSet;
    stmt->parameter = ParseVariableName();
    if (PeekWord("from") && PeekWord("current", 1)) {
      throw Error(sqlstate::kFeatureNotSupported, "SET ... FROM CURRENT is not supported yet")
          .WithPosition(Peek().position);
    }
    if (!AcceptWord("to")) ExpectOp("=");
    if (AcceptWord("default")) {
      stmt->action = ast::AlterRoleStmt::Action::kReset;
      return stmt;
    }
    do {
      stmt->values.push_back(ParseSetValue());
    } while (AcceptOp(","));
    return stmt;
  }
  if (AcceptWord("reset")) {
    stmt->action = ast::AlterRoleStmt::Action::kReset;
    if (AcceptWord("all")) {
      stmt->reset_all = true;
    } else {
      stmt->parameter = ParseVariableName();
    }
    return stmt;
  }
  AcceptWord("with");
  while (ParseRoleOption(stmt->options, /*create=*/false)) {
  }
  return stmt;
}

ast::StatementPtr Parser::ParseDropRole() {
  auto stmt = std::make_unique<ast::DropRoleStmt>();
  stmt->position = ExpectWord("drop").position;
  Advance();  // ROLE | USER | GROUP
  if (PeekWord("if") && PeekWord("exists", 1)) {
    Advance();
    Advance();
    stmt->if_exists = true;
  }
  do {
    stmt->names.push_back(ParseRoleSpec());
    const std::string& last = stmt->names.back();
    if (last == "CURRENT_USER" || last == "CURRENT_ROLE" || last == "SESSION_USER") {
      throw Error(sqlstate::kInvalidParameterValue,
                  "cannot use special role specifier in DROP ROLE");
    }
  } while (AcceptOp(","));
  return stmt;
}

}  // namespace basalt::sql
