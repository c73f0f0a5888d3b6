// Row format: the value stored under a row's key. A format version byte, the
// table's schema version, the column count, a null bitmap, then the non-null
// values (fixed width or length-prefixed). Format: docs/formats/row_format.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt::storage {

void EncodeRow(const Row& row, const std::vector<DataType>& types, uint32_t schema_version,
               std::string* out);
// Decodes a row written with `types` (a row of an older schema version with
// fewer columns decodes with NULLs for the missing trailing columns).
Status DecodeRow(std::string_view input, const std::vector<DataType>& types, Row* row);

// Decodes only the columns `columns` marks into (*row)[i] (NULL when the value
// is NULL or older than the row), skipping the bytes of the others and leaving
// their entries untouched: scans materialize what the query reads, nothing
// more. REQUIRES: columns.size() == types.size() <= row->size() (entries
// past the columns, a scan's row key, are left alone).
Status DecodeColumns(std::string_view input, const std::vector<DataType>& types,
                     const std::vector<bool>& columns, Row* row);

// The schema version a stored row was written with (to spot rows that an
// ALTER TABLE has not rewritten).
Result<uint32_t> RowSchemaVersion(std::string_view input);
// How many columns (slots) a stored row holds: those of its table when it
// was written.
Result<size_t> RowColumnCount(std::string_view input);

}  // namespace basalt::storage
