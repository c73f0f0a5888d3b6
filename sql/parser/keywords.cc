// Keyword tables, taken from PostgreSQL 15's kwlist.h categories.
#include "sql/parser/keywords.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>

namespace basalt::sql {
namespace {

constexpr std::string_view kReserved[] = {
    "all",          "analyse",
    "analyze",      "and",
    "any",          "array",
    "as",           "asc",
    "asymmetric",   "both",
    "case",         "cast",
    "check",        "collate",
    "column",       "constraint",
    "create",       "current_catalog",
    "current_date", "current_role",
    "current_time", "current_timestamp",
    "current_user", "default",
    "deferrable",   "desc",
    "distinct",     "do",
    "else",         "end",
    "except",       "false",
    "fetch",        "for",
    "foreign",      "from",
    "grant",        "group",
    "having",       "in",
    "initially",    "intersect",
    "into",         "lateral",
    "leading",      "limit",
    "localtime",    "localtimestamp",
    "not",          "null",
    "offset",       "on",
    "only",         "or",
    "order",        "placing",
    "primary",      "references",
    "returning",    "select",
    "session_user", "some",
    "symmetric",    "table",
    "then",         "to",
    "trailing",     "true",
    "union",        "unique",
    "user",         "using",
    "variadic",     "when",
    "where",        "window",
    "with",
};

constexpr std::string_view kColName[] = {
    "between",   "bigint",    "bit",     "boolean",  "char",     "character", "coalesce",
    "dec",       "decimal",   "exists",  "extract",  "float",    "greatest",  "grouping",
    "inout",     "int",       "integer", "interval", "least",    "national",  "nchar",
    "none",      "normalize", "nullif",  "numeric",  "out",      "overlay",   "position",
    "precision", "real",      "row",     "setof",    "smallint", "substring", "time",
    "timestamp", "treat",     "trim",    "values",   "varchar",
};

constexpr std::string_view kTypeFuncName[] = {
    "authorization", "binary", "collation", "concurrently", "cross",   "current_schema",
    "freeze",        "full",   "ilike",     "inner",        "is",      "isnull",
    "join",          "left",   "like",      "natural",      "notnull", "outer",
    "overlaps",      "right",  "similar",   "tablesample",  "verbose",
};

// Keywords that need AS to be a column alias (AS_LABEL).
constexpr std::string_view kAsLabel[] = {
    "array",   "as",     "char",     "character", "create",    "day",     "except", "fetch",
    "filter",  "for",    "from",     "grant",     "group",     "having",  "hour",   "intersect",
    "into",    "isnull", "limit",    "minute",    "month",     "notnull", "offset", "on",
    "order",   "over",   "overlaps", "precision", "returning", "second",  "to",     "union",
    "varying", "where",  "window",   "with",      "within",    "without", "year",
};

template <size_t N>
bool Contains(const std::string_view (&table)[N], std::string_view word) {
  return std::find(std::begin(table), std::end(table), word) != std::end(table);
}

}  // namespace

KeywordCategory GetKeywordCategory(std::string_view word) {
  // Every identifier the lexer reads is looked up here: one hash probe
  // instead of a search through each table.
  static const auto* const categories = [] {
    auto* map = new std::unordered_map<std::string_view, KeywordCategory>;
    for (std::string_view w : kReserved) map->emplace(w, KeywordCategory::kReserved);
    for (std::string_view w : kColName) map->emplace(w, KeywordCategory::kColName);
    for (std::string_view w : kTypeFuncName) map->emplace(w, KeywordCategory::kTypeFuncName);
    return map;
  }();
  auto it = categories->find(word);
  return it == categories->end() ? KeywordCategory::kNone : it->second;
}

bool IsBareLabel(std::string_view word) {
  return !Contains(kAsLabel, word);
}

}  // namespace basalt::sql
