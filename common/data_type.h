// SQL data types: Basalt's TypeId, its PostgreSQL type OID and the type
// modifier (varchar length, numeric precision/scale) as PostgreSQL encodes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace basalt {

using Oid = uint32_t;

// DO NOT CHANGE THESE VALUES: they are persisted in the catalog.
enum class TypeId : uint8_t {
  kUnknown = 0,  // an untyped literal or NULL before coercion
  kBool = 1,
  kInt2 = 2,
  kInt4 = 3,
  kInt8 = 4,
  kFloat4 = 5,
  kFloat8 = 6,
  kNumeric = 7,
  kText = 8,
  kVarchar = 9,
  kDate = 10,
  kTimestamp = 11,
  // The result type of functions that return nothing (pg_sleep). Never a
  // column type: the binder has no name for it, so it is never stored.
  kVoid = 12,
  // Object identifiers and transaction ids: unsigned 32-bit values.
  kOid = 13,
  kXid = 14,
  // timestamp with time zone: an instant in UTC. The session TimeZone is
  // always UTC for now, so it prints as the timestamp with "+00".
  kTimestampTz = 15,
  // integer[]: one-dimensional, lower bound 1, NULL elements allowed (the
  // Value is an array of int4 Values). Not storable in tables yet.
  kInt4Array = 16,
  // regtype[]: type OIDs that print as type names (pg_prepared_statements).
  // The Value is an array of oid Values; not storable, no text input.
  kRegtypeArray = 17,
};

namespace type_oid {
inline constexpr Oid kBool = 16;
inline constexpr Oid kInt8 = 20;
inline constexpr Oid kInt2 = 21;
inline constexpr Oid kInt4 = 23;
inline constexpr Oid kText = 25;
inline constexpr Oid kOid = 26;
inline constexpr Oid kXid = 28;
inline constexpr Oid kFloat4 = 700;
inline constexpr Oid kFloat8 = 701;
inline constexpr Oid kUnknown = 705;
inline constexpr Oid kVarchar = 1043;
inline constexpr Oid kDate = 1082;
inline constexpr Oid kInt4Array = 1007;
inline constexpr Oid kRegtype = 2206;
inline constexpr Oid kRegtypeArray = 2211;
inline constexpr Oid kTimestamp = 1114;
inline constexpr Oid kTimestampTz = 1184;
inline constexpr Oid kNumeric = 1700;
inline constexpr Oid kVoid = 2278;
}  // namespace type_oid

struct DataType {
  TypeId id = TypeId::kUnknown;
  // PostgreSQL's atttypmod: -1 for none; varchar(n) is n + 4; numeric(p,s) is
  // ((p << 16) | s) + 4.
  int32_t typmod = -1;

  static DataType Of(TypeId id) { return DataType{id, -1}; }
  static DataType Varchar(int32_t max_length) { return DataType{TypeId::kVarchar, max_length + 4}; }
  // timestamp(p): the typmod is p itself, as PostgreSQL's.
  static DataType Timestamp(int32_t precision) { return DataType{TypeId::kTimestamp, precision}; }
  static DataType TimestampTz(int32_t precision) {
    return DataType{TypeId::kTimestampTz, precision};
  }
  static DataType Numeric(int32_t precision, int32_t scale) {
    return DataType{TypeId::kNumeric, ((precision << 16) | scale) + 4};
  }
  // The type with this PostgreSQL OID, if Basalt has it.
  static std::optional<DataType> FromOid(Oid oid, int32_t typmod = -1);

  Oid oid() const;
  // pg_type.typlen: the fixed width in bytes, or -1 for variable width.
  int16_t typlen() const;
  // PostgreSQL's format_type(): "integer", "character varying(10)", "numeric(10,2)".
  std::string Name() const;

  bool IsInteger() const {
    return id == TypeId::kInt2 || id == TypeId::kInt4 || id == TypeId::kInt8;
  }
  bool IsFloat() const { return id == TypeId::kFloat4 || id == TypeId::kFloat8; }
  bool IsNumeric() const { return IsInteger() || IsFloat() || id == TypeId::kNumeric; }
  bool IsString() const { return id == TypeId::kText || id == TypeId::kVarchar; }
  // varchar(n): n, or -1 when unbounded.
  int32_t VarcharLength() const { return typmod >= 4 ? typmod - 4 : -1; }
  // numeric(p,s): p and s, or -1 when unconstrained.
  int32_t NumericPrecision() const { return typmod >= 4 ? ((typmod - 4) >> 16) & 0xffff : -1; }
  int32_t NumericScale() const { return typmod >= 4 ? (typmod - 4) & 0xffff : -1; }
  bool IsTimestamp() const { return id == TypeId::kTimestamp || id == TypeId::kTimestampTz; }
  // timestamp(p) and timestamptz(p): p, or -1 when unconstrained.
  int32_t TimestampPrecision() const { return IsTimestamp() ? typmod : -1; }

  friend bool operator==(const DataType&, const DataType&) = default;
};

}  // namespace basalt
