// Partial indexes' predicates and index expressions as storage asks them: the catalog's text
// (proto::Index::predicate) bound over the table's columns once per catalog
// version, evaluated on each row a writer or an index build handles.
#pragma once

#include "sql/binder/bound_expression.h"
#include "storage/table_store.h"

namespace basalt::sql {

// Installs the compiler catalog::MakeTableLayout gives every partial index
// its storage::IndexPredicate through. The engine calls it before it opens
// the catalog.
void InstallIndexPredicateCompiler();

// A partial index's predicate bound over the table's row (column_index =
// table position): null for an index of every row. `*partial` tells a
// partial index whose predicate failed to bind (null too) from one of
// every row.
const BoundExpr* IndexPredicateExpr(const storage::IndexLayout& index, bool* partial);

// An expression index column's expression bound over the table's row
// (column_index = table position); null for a plain column (or one whose
// expression failed to bind).
const BoundExpr* IndexColumnExpr(const storage::IndexLayout::KeyColumn& column);

}  // namespace basalt::sql
