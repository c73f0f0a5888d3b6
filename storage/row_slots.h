// Where a table's columns sit in its stored rows after ALTER TABLE added or
// dropped some without rewriting them (docs/formats/row_format.md, "Schema
// evolution"). Every column keeps the slot it was given when it was
// created; a dropped column leaves its slot behind (its bytes are skipped,
// never reused); an added column takes a new slot at the end, which rows
// stored before it lack: they read the column's missing value (NULL, or the
// constant DEFAULT of ADD COLUMN, PostgreSQL's attmissingval).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt::storage {

struct RowSlots {
  // The type of every slot, dropped columns' included; empty: column i is
  // slot i (a table never altered this way).
  std::vector<DataType> slot_types;
  // Column i's slot; empty with slot_types.
  std::vector<int> column_slots;
  // Column i's value in a row stored with too few slots to hold it; empty:
  // NULL for every column.
  std::vector<Value> missing_values;

  bool IsIdentity() const { return slot_types.empty() && missing_values.empty(); }
};

// The row format for a row of columns `types` placed by `slots`: dropped
// slots are written as NULL. REQUIRES: row.size() == types.size().
void EncodeSlottedRow(const Row& row, const std::vector<DataType>& types, const RowSlots& slots,
                      uint32_t schema_version, std::string* out);
// The columns `types` of a stored row (any earlier layout of the table).
Status DecodeSlottedRow(std::string_view input, const std::vector<DataType>& types,
                        const RowSlots& slots, Row* row);
// As DecodeColumns (row_codec.h), through `slots`.
Status DecodeSlottedColumns(std::string_view input, const std::vector<DataType>& types,
                            const RowSlots& slots, const std::vector<bool>& columns, Row* row);

}  // namespace basalt::storage
