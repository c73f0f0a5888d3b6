// CREATE SEQUENCE and ALTER SEQUENCE with their options.
#include <fmt/format.h>

#include <charconv>
#include <limits>

#include "sql/parser/parser_impl.h"

namespace basalt::sql {

namespace {

template <typename T>
void SetOnce(std::optional<T>& option, T value, const Token& at) {
  if (option.has_value()) {
    throw Error(sqlstate::kSyntaxError, "conflicting or redundant options")
        .WithPosition(at.position);
  }
  option = std::move(value);
}

}  // namespace

// gram.y's NumericOnly as a sequence option takes it: [+|-] an integer
// that fits in a bigint.
int64_t Parser::ParseSequenceNumber() {
  const bool negative = AcceptSign();
  const Token& t = Peek();
  uint64_t magnitude = 0;
  if (t.type != TokenType::kInteger) SyntaxError(t);
  auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), magnitude);
  const uint64_t limit =
      static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0);
  if (ec != std::errc() || end != t.text.data() + t.text.size() || magnitude > limit) {
    throw Error(
        sqlstate::kInvalidParameterValue,
        fmt::format("value \"{}{}\" is out of range for type bigint", negative ? "-" : "", t.text));
  }
  Advance();
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

ast::SequenceOptions Parser::ParseSequenceOptions(bool alter, bool in_parentheses) {
  ast::SequenceOptions o;
  while (in_parentheses ? !PeekOp(")") : !PeekStatementEnd()) {
    const Token& at = Peek();
    if (AcceptWord("as")) {
      SetOnce(o.as_type, ParseTypeName(), at);
    } else if (AcceptWord("increment")) {
      AcceptWord("by");
      SetOnce(o.increment, ParseSequenceNumber(), at);
    } else if (AcceptWord("minvalue")) {
      SetOnce(o.min_value, std::optional<int64_t>(ParseSequenceNumber()), at);
    } else if (AcceptWord("maxvalue")) {
      SetOnce(o.max_value, std::optional<int64_t>(ParseSequenceNumber()), at);
    } else if (AcceptWord("start")) {
      AcceptWord("with");
      SetOnce(o.start, ParseSequenceNumber(), at);
    } else if (alter && AcceptWord("restart")) {
      std::optional<int64_t> value;
      if (AcceptWord("with") || PeekOp("-") || PeekOp("+") || Peek().type == TokenType::kInteger) {
        value = ParseSequenceNumber();
      }
      SetOnce(o.restart, value, at);
    } else if (AcceptWord("cache")) {
      SetOnce(o.cache, ParseSequenceNumber(), at);
    } else if (AcceptWord("cycle")) {
      SetOnce(o.cycle, true, at);
    } else if (AcceptWord("no")) {
      if (AcceptWord("minvalue")) {
        SetOnce(o.min_value, std::optional<int64_t>(), at);
      } else if (AcceptWord("maxvalue")) {
        SetOnce(o.max_value, std::optional<int64_t>(), at);
      } else {
        ExpectWord("cycle");
        SetOnce(o.cycle, false, at);
      }
    } else if (PeekWord("owned") && PeekWord("by", 1)) {
      pos_ += 2;
      o.owned_by_position = Peek().position;
      ast::QualifiedName name;
      if (!AcceptWord("none")) name = ParseQualifiedName();
      SetOnce(o.owned_by, std::move(name), at);
    } else {
      SyntaxErrorHere();
    }
  }
  return o;
}

ast::StatementPtr Parser::ParseCreateSequence(const Token& create, bool temporary) {
  auto stmt = std::make_unique<ast::CreateSequenceStmt>();
  stmt->position = create.position;
  stmt->temporary = temporary;
  ExpectWord("sequence");
  if (PeekWord("if") && PeekWord("not", 1)) {
    pos_ += 2;
    ExpectWord("exists");
    stmt->if_not_exists = true;
  }
  stmt->name = ParseQualifiedName();
  stmt->options = ParseSequenceOptions(/*alter=*/false);
  return stmt;
}

ast::StatementPtr Parser::ParseAlterSequence(const Token& alter) {
  ExpectWord("sequence");
  bool if_exists = false;
  if (PeekWord("if") && PeekWord("exists", 1)) {
    pos_ += 2;
    if_exists = true;
  }
  ast::QualifiedName name = ParseQualifiedName();
  if (PeekWord("rename") || PeekWord("owner") || (PeekWord("set") && PeekWord("schema", 1))) {
    return ParseAlterRelationAction(alter, ast::ObjectType::kSequence, if_exists, std::move(name));
  }
  auto stmt = std::make_unique<ast::AlterSequenceStmt>();
  stmt->position = alter.position;
  stmt->name = std::move(name);
  stmt->if_exists = if_exists;
  stmt->options = ParseSequenceOptions(/*alter=*/true);
  return stmt;
}

}  // namespace basalt::sql
