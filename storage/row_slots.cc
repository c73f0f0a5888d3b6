// Columns placed in stored rows by slot; the byte layout is row_codec's.
#include "storage/row_slots.h"

#include <cassert>

#include "storage/row_codec.h"

namespace basalt::storage {
namespace {

const std::vector<DataType>& StoredTypes(const std::vector<DataType>& types,
                                         const RowSlots& slots) {
  return slots.slot_types.empty() ? types : slots.slot_types;
}

size_t SlotOf(const RowSlots& slots, size_t column) {
  return slots.column_slots.empty() ? column : static_cast<size_t>(slots.column_slots[column]);
}

// Column `column`'s value from the stored slots `stored` of a row that held
// `stored_count` of them.
Value ColumnValue(const RowSlots& slots, size_t column, size_t stored_count, Row& stored) {
  const size_t slot = SlotOf(slots, column);
  if (slot < stored_count) return std::move(stored[slot]);
  return slots.missing_values.empty() ? Value::Null() : slots.missing_values[column];
}

}  // namespace

void EncodeSlottedRow(const Row& row, const std::vector<DataType>& types, const RowSlots& slots,
                      uint32_t schema_version, std::string* out) {
  assert(row.size() == types.size());
  if (slots.slot_types.empty()) {
    EncodeRow(row, types, schema_version, out);
    return;
  }
  Row stored(slots.slot_types.size());
  for (size_t i = 0; i < row.size(); ++i) stored[SlotOf(slots, i)] = row[i];
  EncodeRow(stored, slots.slot_types, schema_version, out);
}

Status DecodeSlottedRow(std::string_view input, const std::vector<DataType>& types,
                        const RowSlots& slots, Row* row) {
  if (slots.IsIdentity()) return DecodeRow(input, types, row);
  BASALT_ASSIGN_OR_RETURN(size_t stored_count, RowColumnCount(input));
  Row stored;
  BASALT_RETURN_IF_ERROR(DecodeRow(input, StoredTypes(types, slots), &stored));
  row->clear();
  row->reserve(types.size());
  for (size_t i = 0; i < types.size(); ++i) {
    row->push_back(ColumnValue(slots, i, stored_count, stored));
  }
  return Status::OK();
}

Status DecodeSlottedColumns(std::string_view input, const std::vector<DataType>& types,
                            const RowSlots& slots, const std::vector<bool>& columns, Row* row) {
  if (slots.IsIdentity()) return DecodeColumns(input, types, columns, row);
  assert(row->size() == types.size() && columns.size() == types.size());
  BASALT_ASSIGN_OR_RETURN(size_t stored_count, RowColumnCount(input));
  const std::vector<DataType>& stored_types = StoredTypes(types, slots);
  std::vector<bool> wanted(stored_types.size(), false);
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i]) wanted[SlotOf(slots, i)] = true;
  }
  Row stored(stored_types.size());
  BASALT_RETURN_IF_ERROR(DecodeColumns(input, stored_types, wanted, &stored));
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i]) (*row)[i] = ColumnValue(slots, i, stored_count, stored);
  }
  return Status::OK();
}

}  // namespace basalt::storage
