// How a LogicalGet reads through an index or its primary key (set by the
// index_selection pass): which index, the key ranges its conditions give,
// and the direction. The expressions are evaluated per execution (they may
// be parameters), so the plan stays immutable.
#pragma once

#include <optional>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bound_expression.h"

namespace basalt::sql {

struct IndexAccess {
  // The table's own rows, stored under their primary key: a key range read
  // without a second lookup (`Index Scan using t_pkey`).
  static constexpr int kPrimaryKey = -2;
  // Position in the table's layout.indexes (and def.indexes), or kPrimaryKey.
  int index = -1;
  bool primary_key() const { return index == kPrimaryKey; }
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
  // Every column the plan reads is a key column: the rows come from the
  // entries alone, the table is never read (PostgreSQL's Index Only Scan).
  bool index_only = false;
  // The conjuncts the index answers (EXPLAIN's Index Cond); null: a full
  // index read for its order.
  BoundExprPtr condition;
};

// The primary key as an index over the table's rows: its columns in key
// order, ascending (primary-key columns hold no NULLs).
inline storage::IndexLayout PrimaryKeyIndex(const catalog::TableEntry& table) {
  storage::IndexLayout index;
  index.relation_id = table.layout.relation_id;
  index.name = table.def.primary_key_name();
  for (int column : table.layout.primary_key) index.columns.emplace_back().column = column;
  index.unique = true;
  return index;
}

// The index an access reads: one of the table's, or its primary key.
inline storage::IndexLayout AccessedIndex(const catalog::TableEntry& table,
                                          const IndexAccess& access) {
  return access.primary_key() ? PrimaryKeyIndex(table)
                              : table.layout.indexes[static_cast<size_t>(access.index)];
}

// Its name, as EXPLAIN shows it.
inline const std::string& AccessedIndexName(const catalog::TableEntry& table,
                                            const IndexAccess& access) {
  return access.primary_key() ? table.def.primary_key_name()
                              : table.def.indexes(access.index).name();
}

// What the index_selection and point_lookup passes read keys by:

// A value fixed for one execution of the scan: a constant, a parameter, or
// a value of the outer row (a correlated subquery, an index join).
inline bool IsValue(const BoundExpr& e) {
  return e.kind == BoundExprKind::kConstant || e.kind == BoundExprKind::kParameter ||
         e.kind == BoundExprKind::kOuterColumn;
}

// Strings compare as text whatever their declared length; other types
// (bpchar too) must compare in exactly the column's type so the key
// encodes the same.
inline bool SameDomain(const DataType& compare_type, const DataType& column_type) {
  return DataType::CompareAlike(compare_type, column_type);
}

// `= ANY (array)`'s array: a value or ARRAY[values], of elements in the
// column's domain.
inline bool IsArrayOfValues(const BoundExpr& array, const DataType& column_type) {
  std::optional<TypeId> element = array.type.ElementType();
  if (!element || !SameDomain(DataType::Of(*element), column_type)) return false;
  if (IsValue(array)) return true;
  if (array.kind != BoundExprKind::kArray) return false;
  for (const BoundExprPtr& v : array.children) {
    if (!IsValue(*v)) return false;
  }
  return true;
}

}  // namespace basalt::sql
