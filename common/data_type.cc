#include "common/data_type.h"

#include <fmt/format.h>

namespace basalt {

std::optional<DataType> DataType::FromOid(Oid oid, int32_t typmod) {
  switch (oid) {
    case type_oid::kBool: return DataType{TypeId::kBool, -1};
    case type_oid::kInt2: return DataType{TypeId::kInt2, -1};
    case type_oid::kInt4: return DataType{TypeId::kInt4, -1};
    case type_oid::kInt8: return DataType{TypeId::kInt8, -1};
    case type_oid::kFloat4: return DataType{TypeId::kFloat4, -1};
    case type_oid::kFloat8: return DataType{TypeId::kFloat8, -1};
    case type_oid::kNumeric: return DataType{TypeId::kNumeric, typmod};
    case type_oid::kText: return DataType{TypeId::kText, -1};
    case type_oid::kVarchar: return DataType{TypeId::kVarchar, typmod};
    case type_oid::kDate: return DataType{TypeId::kDate, -1};
    case type_oid::kTimestamp: return DataType{TypeId::kTimestamp, typmod};
    case type_oid::kTimestampTz: return DataType{TypeId::kTimestampTz, typmod};
    case type_oid::kOid: return DataType{TypeId::kOid, -1};
    case type_oid::kXid: return DataType{TypeId::kXid, -1};
    case type_oid::kInt4Array: return DataType{TypeId::kInt4Array, -1};
    case type_oid::kRegtypeArray: return DataType{TypeId::kRegtypeArray, -1};
    case type_oid::kUnknown: return DataType{TypeId::kUnknown, -1};
    default: return std::nullopt;
  }
}

Oid DataType::oid() const {
  switch (id) {
    case TypeId::kBool: return type_oid::kBool;
    case TypeId::kInt2: return type_oid::kInt2;
    case TypeId::kInt4: return type_oid::kInt4;
    case TypeId::kInt8: return type_oid::kInt8;
    case TypeId::kFloat4: return type_oid::kFloat4;
    case TypeId::kFloat8: return type_oid::kFloat8;
    case TypeId::kNumeric: return type_oid::kNumeric;
    case TypeId::kText: return type_oid::kText;
    case TypeId::kVarchar: return type_oid::kVarchar;
    case TypeId::kDate: return type_oid::kDate;
    case TypeId::kTimestamp: return type_oid::kTimestamp;
    case TypeId::kUnknown: return type_oid::kUnknown;
    case TypeId::kVoid: return type_oid::kVoid;
    case TypeId::kOid: return type_oid::kOid;
    case TypeId::kXid: return type_oid::kXid;
    case TypeId::kTimestampTz: return type_oid::kTimestampTz;
    case TypeId::kInt4Array: return type_oid::kInt4Array;
    case TypeId::kRegtypeArray: return type_oid::kRegtypeArray;
  }
  return type_oid::kUnknown;
}

int16_t DataType::typlen() const {
  switch (id) {
    case TypeId::kBool: return 1;
    case TypeId::kInt2: return 2;
    case TypeId::kInt4: return 4;
    case TypeId::kInt8: return 8;
    case TypeId::kFloat4: return 4;
    case TypeId::kFloat8: return 8;
    case TypeId::kDate: return 4;
    case TypeId::kTimestamp: return 8;
    case TypeId::kOid: return 4;
    case TypeId::kXid: return 4;
    case TypeId::kTimestampTz: return 8;
    case TypeId::kUnknown: return -2;  // cstring-like, as PostgreSQL's unknown
    case TypeId::kVoid: return 4;      // pg_type.typlen of void
    default: return -1;
  }
}

std::string DataType::Name() const {
  switch (id) {
    case TypeId::kBool: return "boolean";
    case TypeId::kInt2: return "smallint";
    case TypeId::kInt4: return "integer";
    case TypeId::kInt8: return "bigint";
    case TypeId::kFloat4: return "real";
    case TypeId::kFloat8: return "double precision";
    case TypeId::kNumeric:
      if (typmod < 4) return "numeric";
      return fmt::format("numeric({},{})", NumericPrecision(), NumericScale());
    case TypeId::kText: return "text";
    case TypeId::kVarchar:
      if (typmod < 4) return "character varying";
      return fmt::format("character varying({})", VarcharLength());
    case TypeId::kDate: return "date";
    case TypeId::kTimestamp:
      if (typmod < 0) return "timestamp without time zone";
      return fmt::format("timestamp({}) without time zone", typmod);
    case TypeId::kUnknown: return "unknown";
    case TypeId::kVoid: return "void";
    case TypeId::kOid: return "oid";
    case TypeId::kXid: return "xid";
    case TypeId::kTimestampTz:
      if (typmod < 0) return "timestamp with time zone";
      return fmt::format("timestamp({}) with time zone", typmod);
    case TypeId::kInt4Array: return "integer[]";
    case TypeId::kRegtypeArray: return "regtype[]";
  }
  return "unknown";
}

}  // namespace basalt
