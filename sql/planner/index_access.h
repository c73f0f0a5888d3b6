// How a LogicalGet reads through a secondary index (set by the
// index_selection pass): which index, the key ranges its conditions give,
// and the direction. The expressions are evaluated per execution (they may
// be parameters), so the plan stays immutable.
#pragma once

#include <vector>

#include "sql/binder/bound_expression.h"

namespace basalt::sql {

struct IndexAccess {
  int index = -1;  // position in the table's layout.indexes (and def.indexes)
  // Values of the first equal.size() key columns (`a = 1 AND b = $1`).
  std::vector<BoundExprPtr> equal;
  // Key column equal.size() is one of these (`c IN (1, 2)`); empty: no list.
  std::vector<BoundExprPtr> in_list;
  // in_list is one array (`c = ANY (ARRAY[1, 2])`, `c = ANY ($1)`) whose
  // elements are the values.
  bool in_array = false;
  // Or key column equal.size() IS NULL.
  bool is_null = false;
  // Or a range on key column equal.size(); null: unbounded on that side.
  BoundExprPtr lower;
  bool lower_inclusive = false;
  BoundExprPtr upper;
  bool upper_inclusive = false;
  // Read the index from its end (an ORDER BY opposite to its order).
  bool backward = false;
  // The conjuncts the index answers (EXPLAIN's Index Cond); null: a full
  // index read for its order.
  BoundExprPtr condition;
};

}  // namespace basalt::sql
