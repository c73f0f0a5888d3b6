// Keys of index entries in the `data` column family (docs/formats/key_codec.md,
// "Index entries"):
//
//   index relation id | key column 1 | key column 2 | ... [| row key suffix]
//
// Each key column is encoded as the table key codec's value bytes with the
// index's own order: a NULL marker placed by NULLS FIRST / LAST and, for DESC,
// the non-NULL value bytes inverted. A non-unique index appends the row's key
// (without its relation prefix) so entries of equal values stay distinct; a
// unique index appends it only when a key column is NULL (NULLs never
// conflict), unless it treats NULLs as equal (NULLS NOT DISTINCT). The
// entry's value is the row's full storage key; an index with INCLUDE
// columns prefixes it with its length and follows it with their values
// (IndexEntryValue).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/data_type.h"
#include "common/value.h"
#include "storage/table_store.h"

namespace basalt::storage {

// Appends one key column value in the index column's order.
void AppendIndexKeyValue(const Value& value, const DataType& type,
                         const IndexLayout::KeyColumn& column, std::string* key);

// The value of key column `column` for `row`: the row's column, or an
// expression column's value computed from the row.
Value IndexKeyValue(const IndexLayout::KeyColumn& column, const Row& row);

// The type of key column `column`. `column_types`: the table's.
const DataType& IndexKeyType(const IndexLayout::KeyColumn& column,
                             const std::vector<DataType>& column_types);

// Whether some key column of `index` is an expression.
inline bool HasExpressions(const IndexLayout& index) {
  for (const IndexLayout::KeyColumn& c : index.columns) {
    if (c.expression != nullptr || c.column < 0) return true;
  }
  return false;
}

// The entry key of `row` (stored under `row_key`) in `index`.
// `column_types`: the table's.
std::string IndexEntryKey(const IndexLayout& index, const std::vector<DataType>& column_types,
                          const Row& row, std::string_view row_key);

// The value of `row`'s entry in `index`: `row_key`, or for an index with
// INCLUDE columns, varint(row key length) | row key | the included values
// in the row format (docs/formats/key_codec.md, "Index entries").
std::string IndexEntryValue(const IndexLayout& index, const std::vector<DataType>& column_types,
                            const Row& row, std::string_view row_key);

// The row key held by `value`, a value IndexEntryValue made for `index`.
// Corruption when it is malformed.
Result<std::string_view> IndexEntryRowKey(const IndexLayout& index, std::string_view value);

// Decodes the INCLUDE columns of the entry value `value` into their table
// positions in *row (table width; other columns untouched).
Status DecodeIndexEntryIncluded(const IndexLayout& index, const std::vector<DataType>& column_types,
                                std::string_view value, Row* row);

// Whether the entry of `index` for `row` takes part in uniqueness (unique
// index and no NULL key column, or NULLS NOT DISTINCT).
bool IndexEntryIsUnique(const IndexLayout& index, const Row& row);

// Whether `row` has an entry in `index`: always, unless a partial index's
// predicate leaves it out.
inline bool IndexCoversRow(const IndexLayout& index, const Row& row) {
  return index.predicate == nullptr || index.predicate->Matches(row);
}

// Which of a table's `column_count` columns make `index`'s entries: the
// only ones an index build needs to decode (a partial index's predicate
// columns, those its expressions read and its INCLUDE columns too).
std::vector<bool> IndexKeyColumns(const IndexLayout& index, size_t column_count);

// Whether a key column of type `type` decodes back to the value it was
// made from (an index-only read returns it as stored): integers, strings,
// booleans, dates and timestamps.
bool IndexKeyDecodable(const DataType& type);

// Decodes the key columns of the entry key `key` of `index` into their
// table positions in *row (table width; other columns untouched). An
// expression column's value is skipped; a column of a type that is not
// IndexKeyDecodable gets a value that must not be read.
Status DecodeIndexEntryKey(const IndexLayout& index, const std::vector<DataType>& column_types,
                           std::string_view key, Row* row);

// The first key after every key starting with `prefix` (for scan bounds);
// empty if there is none (all 0xFF).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace basalt::storage
