// Helpers the parser's statement tests share.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "sql/parser/ast_printer.h"
#include "sql/parser/parser.h"

namespace basalt::sql::testing {

// The debug form (ast::ToString) of the only statement in `sql`.
inline std::string P(std::string_view sql) {
  auto statements = ParseStatements(sql);
  REQUIRE(statements.size() == 1);
  return ast::ToString(*statements[0]);
}

// "SQLSTATE message @position" of the error `sql` raises; "no error" if none.
inline std::string Err(std::string_view sql) {
  try {
    ParseStatements(sql);
  } catch (const Error& e) {
    return std::string(e.code()) + " " + e.message() + " @" + std::to_string(e.position());
  }
  return "no error";
}

}  // namespace basalt::sql::testing
