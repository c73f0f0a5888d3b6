// What ANALYZE's statistics (sql/commands/analyze.h) say of a table and of
// a filter over its rows, for the planner's estimates. A table never
// analyzed keeps Basalt's guesses: 1000 rows, each AND term of a filter
// keeping a tenth.
#pragma once

#include <optional>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

inline constexpr double kGuessedTableRows = 1000;
inline constexpr double kGuessedTermSelectivity = 0.1;

bool Analyzed(const catalog::TableEntry& table);
// The table's rows: ANALYZE's count, or the guess.
double TableRows(const catalog::TableEntry& table);
// How many rows hold each non-NULL value of `column` on average (its rows
// over its distinct values), from ANALYZE's statistics; nullopt without them.
std::optional<double> RowsPerValue(const catalog::TableEntry& table, int column);
// The share of a hash table on `column` that one probe compares with, as
// PostgreSQL's estimate_hash_bucketsize reckons it: one distinct value's
// rows, or the most common value's when it is more; nullopt without
// statistics.
std::optional<double> HashBucketShare(const catalog::TableEntry& table, int column);
// The guess without statistics: a tenth per AND term.
double GuessedSelectivity(const BoundExpr& predicate);
// The share of the table's rows `predicate` (over the table's columns)
// keeps, as PostgreSQL's clause selectivities reckon it from the most
// common values, the histogram, null_frac and n_distinct.
double FilterSelectivity(const BoundExpr& predicate, const catalog::TableEntry& table);

}  // namespace basalt::sql
