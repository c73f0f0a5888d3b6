// Whether a query's WHERE implies a partial index's predicate, so the index
// holds every row the query can return (a part of PostgreSQL's
// predicate_implied_by: each AND term of the predicate is one of the
// query's AND terms, or follows from one by a btree range rule — `a > 10`
// implies `a > 5`, `a = 3` implies `a <= 3` — or a strict comparison of a
// column implies `column IS NOT NULL`).
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"
#include "storage/table_store.h"

namespace basalt::sql {

// A comparison's operator with its sides swapped: `5 < a` is `a > 5`.
CompareOp FlipComparison(CompareOp op);

// Whether `clause` alone implies `term`.
bool ClauseImplies(const BoundExpr& clause, const BoundExpr& term);

// Whether the AND of `conjuncts` implies every AND term of `predicate`.
bool PredicateImpliedBy(const BoundExpr& predicate, const std::vector<const BoundExpr*>& conjuncts);

// Whether a query whose WHERE is the AND of `conjuncts` (over the table's
// row) may read `index`: always for an index of every row; for a partial
// one, when they imply its predicate.
bool IndexUsableFor(const storage::IndexLayout& index,
                    const std::vector<const BoundExpr*>& conjuncts);

// The AND terms of `predicate` (itself when it is no AND).
std::vector<const BoundExpr*> PredicateTerms(const BoundExpr& predicate);

}  // namespace basalt::sql
