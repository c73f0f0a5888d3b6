// PostgreSQL's keyword categories (kwlist.h), which decide where a word may
// be used as a name. Words not listed here are plain identifiers or
// unreserved keywords, which behave the same for naming.
#pragma once

#include <string_view>

namespace basalt::sql {

enum class KeywordCategory {
  kNone,          // identifier or unreserved keyword: usable anywhere as a name
  kColName,       // column/table names, not function or type names (e.g. int, coalesce)
  kTypeFuncName,  // function/type names, not column names (e.g. left, join, like)
  kReserved,      // only after AS, or as a name part after a dot (e.g. select, from)
};

// REQUIRES: `word` is already lower case.
KeywordCategory GetKeywordCategory(std::string_view word);

// Whether a keyword may be a column alias without AS (PostgreSQL's
// BARE_LABEL); every non-keyword may.
bool IsBareLabel(std::string_view word);

}  // namespace basalt::sql
