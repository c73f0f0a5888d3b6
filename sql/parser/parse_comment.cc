// COMMENT ON ... IS 'text' | NULL (gram.y's CommentStmt) for the objects
// Basalt keeps comments on; the other kinds PostgreSQL names there are
// refused with 0A000 rather than a syntax error.
#include <cctype>
#include <string>
#include <vector>

#include "sql/parser/parser_impl.h"

namespace basalt::sql {

namespace {

using Object = ast::CommentStmt::Object;

// gram.y's object kinds of COMMENT ON that Basalt has no comments for.
bool IsUnsupportedKind(const Token& t) {
  static constexpr std::string_view kKinds[] = {
      "access",    "aggregate", "cast",       "collation",    "conversion",  "domain",
      "event",     "extension", "foreign",    "function",     "large",       "language",
      "operator",  "policy",    "procedural", "procedure",    "publication", "routine",
      "rule",      "server",    "statistics", "subscription", "tablespace",  "text",
      "transform", "trigger",   "type"};
  for (std::string_view kind : kKinds) {
    if (t.IsWord(kind)) return true;
  }
  return false;
}

}  // namespace

ast::StatementPtr Parser::ParseComment() {
  auto stmt = std::make_unique<ast::CommentStmt>();
  stmt->position = ExpectWord("comment").position;
  ExpectWord("on");
  const Token& kind = Peek();
  if (AcceptWord("table")) {
    stmt->object = Object::kTable;
  } else if (AcceptWord("view")) {
    stmt->object = Object::kView;
  } else if (AcceptWord("materialized")) {
    ExpectWord("view");
    stmt->object = Object::kMaterializedView;
  } else if (AcceptWord("index")) {
    stmt->object = Object::kIndex;
  } else if (AcceptWord("sequence")) {
    stmt->object = Object::kSequence;
  } else if (AcceptWord("column")) {
    stmt->object = Object::kColumn;
  } else if (AcceptWord("constraint")) {
    stmt->object = Object::kConstraint;
  } else if (AcceptWord("schema")) {
    stmt->object = Object::kSchema;
  } else if (AcceptWord("database")) {
    stmt->object = Object::kDatabase;
  } else if (AcceptWord("role")) {
    stmt->object = Object::kRole;
  } else if (IsUnsupportedKind(kind)) {
    std::string word = kind.text;
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    throw Error(sqlstate::kFeatureNotSupported, "COMMENT ON " + word + " is not supported yet")
        .WithPosition(kind.position);
  } else {
    SyntaxError(kind);
  }
  switch (stmt->object) {
    case Object::kColumn: {
      // any_name: the last part is the column, up to three before it its
      // relation (database.schema.table).
      const Token& first = Peek();
      std::vector<std::string> parts{ParseColId()};
      while (AcceptOp(".")) parts.push_back(ParseColLabel());
      if (parts.size() > 4) {
        std::string dotted;
        for (const std::string& part : parts) dotted += (dotted.empty() ? "" : ".") + part;
        ErrorAt(first, "improper qualified name (too many dotted names): " + dotted);
      }
      stmt->name = std::move(parts.back());
      parts.pop_back();
      stmt->relation.position = first.position;
      if (!parts.empty()) stmt->relation.name = std::move(parts.back());
      if (parts.size() >= 2) stmt->relation.schema = std::move(parts[parts.size() - 2]);
      if (parts.size() == 3) stmt->relation.catalog = std::move(parts[0]);
      break;
    }
    case Object::kConstraint:
      stmt->name = ParseColId();
      ExpectWord("on");
      if (PeekWord("domain")) {
        throw Error(sqlstate::kFeatureNotSupported,
                    "COMMENT ON CONSTRAINT ... ON DOMAIN is not supported yet")
            .WithPosition(Peek().position);
      }
      stmt->relation = ParseQualifiedName();
      break;
    case Object::kSchema:
    case Object::kDatabase:
    case Object::kRole: stmt->name = ParseColId(); break;
    default: stmt->relation = ParseQualifiedName(); break;
  }
  ExpectWord("is");
  if (!AcceptWord("null")) stmt->comment = ParseStringConstant();
  return stmt;
}

}  // namespace basalt::sql
