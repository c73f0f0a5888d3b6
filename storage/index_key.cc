#include "storage/index_key.h"

#include "storage/coding.h"
#include "storage/key_codec.h"
#include "storage/row_codec.h"

namespace basalt::storage {
namespace {

// DO NOT CHANGE THESE VALUES: they are on disk. The non-NULL marker sits
// between the two NULL markers so either NULL placement needs no inversion.
constexpr char kNullFirstMarker = 0x00;
constexpr char kValueMarker = 0x01;
constexpr char kNullLastMarker = 0x02;

}  // namespace

void AppendIndexKeyValue(const Value& value, const DataType& type,
                         const IndexLayout::KeyColumn& column, std::string* key) {
  if (value.is_null()) {
    key->push_back(column.nulls_first ? kNullFirstMarker : kNullLastMarker);
    return;
  }
  key->push_back(kValueMarker);
  const size_t start = key->size();
  // The table codec's bytes after its own marker byte. They are prefix-free
  // (fixed width or terminated), so inverting them reverses the order.
  AppendKeyValue(value, type, key);
  key->erase(start, 1);
  if (column.descending) {
    for (size_t i = start; i < key->size(); ++i) (*key)[i] = static_cast<char>(~(*key)[i]);
  }
}

Value IndexKeyValue(const IndexLayout::KeyColumn& column, const Row& row) {
  if (column.expression != nullptr) return column.expression->Evaluate(row);
  return row[static_cast<size_t>(column.column)];
}

const DataType& IndexKeyType(const IndexLayout::KeyColumn& column,
                             const std::vector<DataType>& column_types) {
  if (column.expression != nullptr) return column.expression->type();
  return column_types[static_cast<size_t>(column.column)];
}

bool IndexEntryIsUnique(const IndexLayout& index, const Row& row) {
  if (!index.unique) return false;
  if (index.nulls_not_distinct) return true;
  for (const IndexLayout::KeyColumn& c : index.columns) {
    if (c.expression != nullptr ? c.expression->Evaluate(row).is_null()
                                : row[static_cast<size_t>(c.column)].is_null()) {
      return false;
    }
  }
  return true;
}

std::string IndexEntryKey(const IndexLayout& index, const std::vector<DataType>& column_types,
                          const Row& row, std::string_view row_key) {
  std::string key = RelationPrefix(index.relation_id);
  for (const IndexLayout::KeyColumn& c : index.columns) {
    if (c.expression != nullptr) {
      AppendIndexKeyValue(c.expression->Evaluate(row), c.expression->type(), c, &key);
      continue;
    }
    AppendIndexKeyValue(row[static_cast<size_t>(c.column)],
                        column_types[static_cast<size_t>(c.column)], c, &key);
  }
  if (!IndexEntryIsUnique(index, row)) key.append(row_key.substr(4));
  return key;
}

std::string IndexEntryValue(const IndexLayout& index, const std::vector<DataType>& column_types,
                            const Row& row, std::string_view row_key) {
  if (index.included.empty()) return std::string(row_key);
  std::string value;
  AppendVarint(row_key.size(), &value);
  value.append(row_key);
  Row included;
  std::vector<DataType> types;
  included.reserve(index.included.size());
  types.reserve(index.included.size());
  for (int column : index.included) {
    included.push_back(row[static_cast<size_t>(column)]);
    types.push_back(column_types[static_cast<size_t>(column)]);
  }
  std::string encoded;  // EncodeRow writes a string of its own
  EncodeRow(included, types, /*schema_version=*/1, &encoded);
  value.append(encoded);
  return value;
}

namespace {

// Splits an INCLUDE index's entry value into its row key and the rest.
bool SplitEntryValue(std::string_view value, std::string_view* row_key,
                     std::string_view* included) {
  uint64_t length = 0;
  if (!ReadVarint(&value, &length) || length > value.size()) return false;
  *row_key = value.substr(0, length);
  *included = value.substr(length);
  return true;
}

}  // namespace

Result<std::string_view> IndexEntryRowKey(const IndexLayout& index, std::string_view value) {
  if (index.included.empty()) return value;
  std::string_view row_key, included;
  if (!SplitEntryValue(value, &row_key, &included)) {
    return Status::Corruption("malformed index entry value");
  }
  return row_key;
}

Status DecodeIndexEntryIncluded(const IndexLayout& index, const std::vector<DataType>& column_types,
                                std::string_view value, Row* row) {
  if (index.included.empty()) return Status::OK();
  std::string_view row_key, included;
  if (!SplitEntryValue(value, &row_key, &included)) {
    return Status::Corruption("malformed index entry value");
  }
  std::vector<DataType> types;
  types.reserve(index.included.size());
  for (int column : index.included) types.push_back(column_types[static_cast<size_t>(column)]);
  Row values;
  BASALT_RETURN_IF_ERROR(DecodeRow(included, types, &values));
  for (size_t i = 0; i < index.included.size(); ++i) {
    (*row)[static_cast<size_t>(index.included[i])] = std::move(values[i]);
  }
  return Status::OK();
}

std::vector<bool> IndexKeyColumns(const IndexLayout& index, size_t column_count) {
  std::vector<bool> key_columns(column_count, false);
  for (const IndexLayout::KeyColumn& c : index.columns) {
    if (c.expression != nullptr) {
      for (int e : c.expression->columns()) key_columns[static_cast<size_t>(e)] = true;
      continue;
    }
    key_columns[static_cast<size_t>(c.column)] = true;
  }
  if (index.predicate != nullptr) {
    for (int c : index.predicate->columns()) key_columns[static_cast<size_t>(c)] = true;
  }
  for (int c : index.included) key_columns[static_cast<size_t>(c)] = true;
  return key_columns;
}

bool IndexKeyDecodable(const DataType& type) {
  switch (type.id) {
    case TypeId::kBool:
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: return true;
    default: return false;
  }
}

Status DecodeIndexEntryKey(const IndexLayout& index, const std::vector<DataType>& column_types,
                           std::string_view key, Row* row) {
  // key_codec.cc's marker before a non-NULL value, which the entry leaves
  // out (AppendIndexKeyValue).
  constexpr char kCodecNotNullMarker = 0x01;
  if (key.size() < 4) return Status::Corruption("index entry key too short");
  key.remove_prefix(4);
  Value expression_value;  // an expression column's, decoded past and dropped
  for (const IndexLayout::KeyColumn& c : index.columns) {
    if (key.empty()) return Status::Corruption("index entry key too short");
    const char marker = key.front();
    key.remove_prefix(1);
    Value& out = c.expression != nullptr ? expression_value : (*row)[static_cast<size_t>(c.column)];
    if (marker != kValueMarker) {
      out = Value::Null();
      continue;
    }
    std::string bytes(1, kCodecNotNullMarker);
    bytes.append(key);
    if (c.descending) {
      for (size_t i = 1; i < bytes.size(); ++i) bytes[i] = static_cast<char>(~bytes[i]);
    }
    std::string_view input(bytes);
    BASALT_RETURN_IF_ERROR(DecodeKeyValue(&input, IndexKeyType(c, column_types), &out));
    key.remove_prefix(bytes.size() - input.size() - 1);
  }
  return Status::OK();
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(out.back());
    if (last != 0xff) {
      ++last;
      return out;
    }
    out.pop_back();
  }
  return out;
}

}  // namespace basalt::storage
