// Memcomparable key encoding: byte-wise comparison of encoded keys gives SQL
// order of the values (NULLs last, as PostgreSQL's default ASC NULLS LAST).
// Format: docs/formats/key_codec.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt::storage {

// The 4-byte big-endian relation id prefix every data key starts with.
void AppendRelationPrefix(uint32_t relation_id, std::string* key);
std::string RelationPrefix(uint32_t relation_id);
// The first key after every key of the relation: RelationPrefix(id + 1).
std::string RelationEnd(uint32_t relation_id);

// Appends one value of `type` (NULL allowed) in ascending memcomparable form.
void AppendKeyValue(const Value& value, const DataType& type, std::string* key);
// Decodes one value of `type` from the front of *input, advancing it.
Status DecodeKeyValue(std::string_view* input, const DataType& type, Value* value);

// Hidden row ids of tables without a primary key: 8 bytes big-endian.
void AppendRowId(uint64_t row_id, std::string* key);

}  // namespace basalt::storage
