#include "common/text_case.h"

#include <catch2/catch.hpp>

namespace basalt {

// Expected strings from PostgreSQL 15 with a C.UTF-8 database.
TEST_CASE("lower and upper map every code point", "[text_case]") {
  CHECK(Utf8Lower("ABC DÉF") == "abc déf");
  CHECK(Utf8Upper("abc déf") == "ABC DÉF");
  CHECK(Utf8Upper("straße") == "STRAßE");  // no one-to-many mappings
  CHECK(Utf8Lower("ΣΊΣΥΦΟΣ") == "σίσυφοσ");
  CHECK(Utf8Upper("日本語 ok") == "日本語 OK");
  CHECK(Utf8Lower("") == "");
}

TEST_CASE("invalid UTF-8 passes through unchanged", "[text_case]") {
  CHECK(Utf8Lower(std::string("A\xC3") + "B") == std::string("a\xC3") + "b");
  CHECK(Utf8Upper(std::string("\xFF") + "x") == std::string("\xFF") + "X");
}

}  // namespace basalt
