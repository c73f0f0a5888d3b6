#include "sql/parser/lexer.h"

#include <catch2/catch.hpp>

#include "common/error.h"

namespace basalt::sql {
namespace {

std::vector<Token> Lex(std::string_view sql) {
  auto tokens = Tokenize(sql);
  tokens.pop_back();  // kEnd
  return tokens;
}

// Returns "message @position" of the lexer error for `sql`.
std::string LexError(std::string_view sql) {
  try {
    Tokenize(sql);
  } catch (const Error& e) {
    return std::string(e.code()) + " " + e.message() + " @" + std::to_string(e.position());
  }
  return "no error";
}

TEST_CASE("identifiers fold to lower case unless quoted", "[lexer]") {
  auto t = Lex(R"(SeLeCt "MiXed" "a""b" _x1$ ÄB)");
  REQUIRE(t.size() == 5);
  CHECK(t[0].type == TokenType::kIdentifier);
  CHECK(t[0].text == "select");
  CHECK(t[0].keyword == KeywordCategory::kReserved);
  CHECK(t[1].type == TokenType::kQuotedIdentifier);
  CHECK(t[1].text == "MiXed");
  CHECK(t[1].keyword == KeywordCategory::kNone);
  CHECK(t[2].text == "a\"b");
  CHECK(t[3].text == "_x1$");
  CHECK(t[4].text == "Äb");  // only ASCII letters fold
}

TEST_CASE("long identifiers truncate to 63 bytes", "[lexer]") {
  auto t = Lex(std::string(70, 'a'));
  CHECK(t[0].text == std::string(63, 'a'));
}

TEST_CASE("numbers", "[lexer]") {
  auto t = Lex("42 4.2 .5 5. 1e10 1.5E-3 1..2");
  REQUIRE(t.size() == 9);
  CHECK(t[0].type == TokenType::kInteger);
  CHECK(t[1].type == TokenType::kDecimal);
  CHECK(t[1].text == "4.2");
  CHECK(t[2].text == ".5");
  CHECK(t[3].text == "5.");
  CHECK(t[4].type == TokenType::kDecimal);
  CHECK(t[4].text == "1e10");
  CHECK(t[5].text == "1.5E-3");
  CHECK(t[6].type == TokenType::kInteger);  // 1..2 is 1 .. 2
  CHECK(t[7].text == "..");
  CHECK(t[8].text == "2");
}

TEST_CASE("trailing junk after numbers is an error", "[lexer]") {
  CHECK(LexError("select 123abc") ==
        "42601 trailing junk after numeric literal at or near \"123abc\" @8");
  CHECK(LexError("select 1e") == "42601 trailing junk after numeric literal at or near \"1e\" @8");
  CHECK(LexError("select $1x") == "42601 trailing junk after parameter at or near \"$1x\" @8");
}

TEST_CASE("string literals and escapes", "[lexer]") {
  auto t = Lex(R"('it''s' E'a\nb\t\\\'\x41\101\u00e9' 'no\n' N'n')");
  REQUIRE(t.size() == 4);
  CHECK(t[0].type == TokenType::kString);
  CHECK(t[0].text == "it's");
  CHECK(t[1].text == "a\nb\t\\'AAé");
  CHECK(t[2].text == "no\\n");  // standard_conforming_strings
  CHECK(t[3].text == "n");
  CHECK(t[1].begin == 8);  // the E prefix belongs to the token
}

TEST_CASE("adjacent strings separated by a newline concatenate", "[lexer]") {
  auto t = Lex("'foo'\n  'bar' 'baz'");
  REQUIRE(t.size() == 2);
  CHECK(t[0].text == "foobar");
  CHECK(t[1].text == "baz");
}

TEST_CASE("dollar quoting", "[lexer]") {
  auto t = Lex("$$it's $x$$ $tag$a$$b$tag$ $1 $23");
  REQUIRE(t.size() == 4);
  CHECK(t[0].type == TokenType::kString);
  CHECK(t[0].text == "it's $x");
  CHECK(t[1].text == "a$$b");
  CHECK(t[2].type == TokenType::kParameter);
  CHECK(t[2].text == "1");
  CHECK(t[3].text == "23");
}

TEST_CASE("Unicode escapes in U& strings", "[lexer]") {
  auto t = Lex(R"(U&'d\0061t\+000061' U&"d\0061t")");
  CHECK(t[0].text == "data");
  CHECK(t[1].type == TokenType::kQuotedIdentifier);
  CHECK(t[1].text == "dat");
}

TEST_CASE("unterminated literals and comments", "[lexer]") {
  CHECK(LexError("select 'abc") == "42601 unterminated quoted string at or near \"'abc\" @8");
  CHECK(LexError("select E'abc\\'") ==
        "42601 unterminated quoted string at or near \"E'abc\\'\" @8");
  CHECK(LexError("select \"abc") == "42601 unterminated quoted identifier at or near \"\"abc\" @8");
  CHECK(LexError("select $$abc") ==
        "42601 unterminated dollar-quoted string at or near \"$$abc\" @8");
  CHECK(LexError("select 1 /* abc") == "42601 unterminated /* comment at or near \"/* abc\" @10");
  CHECK(LexError("select /* a /* b */ c") ==
        "42601 unterminated /* comment at or near \"/* a /* b */ c\" @8");
  CHECK(LexError("select \"\"") == "42601 zero-length delimited identifier at or near \"\"\"\" @8");
  CHECK(LexError("select e'\\u12'") == "22025 invalid Unicode escape @10");
}

TEST_CASE("comments are skipped and nest", "[lexer]") {
  auto t = Lex("a -- comment\n b /* x /* y */ z */ c");
  REQUIRE(t.size() == 3);
  CHECK(t[2].text == "c");
}

TEST_CASE("operators", "[lexer]") {
  auto t = Lex("a<>b != c<=d::int ||e @> -1 =-1 *-- c\n+");
  std::vector<std::string> ops;
  for (const Token& token : t) {
    if (token.type == TokenType::kOperator) ops.push_back(token.text);
  }
  // `=-1` is = then - (an operator cannot end in - unless it has ~!@#%^&|`?);
  // `*--` stops before the comment.
  CHECK(ops ==
        std::vector<std::string>{"<>", "<>", "<=", "::", "||", "@>", "-", "=", "-", "*", "+"});
  auto t2 = Lex("@- ~- !=-");
  CHECK(t2[0].text == "@-");
  CHECK(t2[1].text == "~-");
  CHECK(t2[2].text == "!=-");
}

TEST_CASE("positions count characters, spans count bytes", "[lexer]") {
  auto tokens = Tokenize("select 'é', ab");
  CHECK(tokens[1].position == 8);
  CHECK(tokens[1].begin == 7);
  CHECK(tokens[1].end == 11);  // é is two bytes
  CHECK(tokens[3].position == 13);
  CHECK(tokens[3].begin == 13);
  CHECK(tokens.back().type == TokenType::kEnd);
  CHECK(tokens.back().position == 15);
  CHECK(tokens.back().begin == 15);
}

}  // namespace
}  // namespace basalt::sql
