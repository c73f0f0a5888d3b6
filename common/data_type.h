// SQL data types: Basalt's TypeId, its PostgreSQL type OID and the type
// modifier (varchar length, numeric precision/scale) as PostgreSQL encodes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  // timestamp with time zone: an instant in UTC, read and printed in the
  // session's TimeZone (common/time_zone.h).
  kTimestampTz = 15,
  // integer[]: one-dimensional, lower bound 1, NULL elements allowed (the
  // Value is an array of int4 Values).
  kInt4Array = 16,
  // regtype[]: type OIDs that print as type names (pg_prepared_statements).
  // The Value is an array of oid Values; not storable, no text input.
  kRegtypeArray = 17,
  // interval: months, days and microseconds (Value::AsInterval).
  kInterval = 20,
  // time without time zone: microseconds since midnight, 24:00:00 included.
  kTime = 21,
  // uuid: the 16 bytes as a string (Value::AsString), compared bytewise.
  kUuid = 22,
  // bytea: the raw bytes as a string (Value::AsString; any byte, NUL too).
  kBytea = 23,
  // jsonb: the binary encoding of docs/formats/jsonb.md as a string
  // (common/jsonb.h); keys sorted and unique, numbers as numeric text.
  kJsonb = 24,
  // time with time zone: a time of day and a UTC offset packed into one
  // int64_t (common/time_tz.h).
  kTimeTz = 25,
  // The types of pg_catalog's columns (issue 13), numbered from 40 so that
  // types added elsewhere meanwhile keep 18..39.
  // name: an identifier of at most 63 bytes; a string like text.
  kName = 40,
  // "char": one byte (pg_class.relkind); a string like text.
  kChar = 41,
  // pg_node_tree: an expression as pg_get_expr reads it; a string here (the
  // expression's SQL text).
  kPgNodeTree = 42,
  // Object identifiers that print as the object's name (looked up through
  // common/object_names.h); the Value is the OID.
  kRegproc = 43,
  kRegclass = 44,
  kRegtype = 45,
  kRegnamespace = 46,
  kRegrole = 47,
  kRegprocedure = 48,
  // One-dimensional arrays (lower bound 1) of the types above and of text,
  // oid and int2; the Value is an array of element Values. Storable when
  // their element type is (IsStorableType).
  kTextArray = 49,
  kNameArray = 50,
  kOidArray = 51,
  kInt2Array = 52,
  kCharArray = 53,
  kBoolArray = 54,
  kFloat4Array = 55,
  // int2vector (pg_index.indkey) and oidvector (pg_proc.proargtypes): arrays
  // whose text form is the elements separated by spaces (`1 2`).
  kInt2Vector = 56,
  kOidVector = 57,
  // json: the text of a JSON value, kept verbatim as it was input (checked
  // by common/json_parse.h); a string like text.
  kJson = 58,
  // aclitem: one privilege grant (grantee, grantor, privilege bits) as a
  // 12-byte string (common/aclitem.h); aclitem[] as an array of them.
  // Catalog values only: not storable.
  kAclItem = 59,
  kAclItemArray = 60,
  // One-dimensional arrays (lower bound 1) of the other storable types. An
  // array's typmod is its elements' (varchar(10)[]); DataType::Element.
  kInt8Array = 61,
  kFloat8Array = 62,
  kNumericArray = 63,
  kVarcharArray = 64,
  kDateArray = 65,
  kTimestampArray = 66,
  kTimestampTzArray = 67,
  kIntervalArray = 68,
  kTimeArray = 69,
  kTimeTzArray = 70,
  kUuidArray = 71,
  kByteaArray = 72,
  kJsonArray = 73,
  kJsonbArray = 74,
  // record: an anonymous row (ROW(1, 'a'), a whole-row reference). The
  // Value is an array of the fields; the typmod names the fields' types in
  // a process-wide registry (DataType::Record), as PostgreSQL's record
  // typmods name a backend's registered descriptors. Never stored.
  kRecord = 75,
  // record[]: an array of rows of one record type, whose typmod it keeps
  // (ARRAY(SELECT ROW(...)), array_agg of rows). Never stored.
  kRecordArray = 76,
  // character(n) (bpchar): a string blank-padded to n characters on input
  // (stored padded, printed padded); trailing blanks do not count in
  // comparisons, hashing, keys or length(), and a cast to text drops them.
  kBpchar = 77,
  kBpcharArray = 78,
  // A user-defined enum type (CREATE TYPE ... AS ENUM); the typmod is the
  // type's OID, so two enum types are different DataTypes. The Value is the
  // label's sort order (pg_enum.enumsortorder) as an 8-byte order-preserving
  // string (common/enum_value.h): values compare, hash and index bytewise
  // without the catalog, and RENAME VALUE changes no stored byte. The label
  // is looked up through common/object_names.h when printed or parsed.
  kEnum = 79,
  // An array of an enum type; the typmod is the element type's OID too. Its
  // own OID is the next one (CatalogWriter::CreateType).
  kEnumArray = 80,
  // A composite type (CREATE TYPE ... AS (a int, b text)); the typmod is
  // the type's OID. The Value is an array of the fields, as a record's;
  // the fields' types come from the catalog through a process-wide map the
  // catalog fills (DataType::RegisterComposite), so RecordFields answers
  // for both without a catalog at hand.
  kComposite = 81,
  // An array of a composite type; the typmod is the element type's OID.
  kCompositeArray = 82,
};

// The element types a table column may have: the types of pg_catalog's
// columns (name, "char", reg*) have no stored form yet, so CREATE TABLE
// and CREATE TABLE AS refuse them and the row and key codecs never meet them.
inline bool IsStorableElementType(TypeId id) {
  return (id <= TypeId::kTimestampTz && id != TypeId::kVoid) || id == TypeId::kInterval ||
         id == TypeId::kTime || id == TypeId::kTimeTz || id == TypeId::kUuid ||
         id == TypeId::kBytea || id == TypeId::kJson || id == TypeId::kJsonb ||
         id == TypeId::kBpchar || id == TypeId::kEnum || id == TypeId::kComposite;
}

// The types a table column may have: those above and arrays of them
// (DataType::ElementType).
bool IsStorableType(TypeId id);

namespace type_oid {
inline constexpr Oid kBool = 16;
inline constexpr Oid kBytea = 17;
inline constexpr Oid kUuid = 2950;
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
inline constexpr Oid kBpchar = 1042;
inline constexpr Oid kDate = 1082;
inline constexpr Oid kInt4Array = 1007;
inline constexpr Oid kRegtype = 2206;
inline constexpr Oid kRegtypeArray = 2211;
inline constexpr Oid kTimestamp = 1114;
inline constexpr Oid kTimestampTz = 1184;
inline constexpr Oid kInterval = 1186;
inline constexpr Oid kTime = 1083;
inline constexpr Oid kTimeTz = 1266;
inline constexpr Oid kNumeric = 1700;
inline constexpr Oid kVoid = 2278;
inline constexpr Oid kChar = 18;
inline constexpr Oid kName = 19;
inline constexpr Oid kInt2Vector = 22;
inline constexpr Oid kRegproc = 24;
inline constexpr Oid kOidVector = 30;
inline constexpr Oid kPgNodeTree = 194;
inline constexpr Oid kJson = 114;
inline constexpr Oid kJsonb = 3802;
inline constexpr Oid kRegprocedure = 2202;
inline constexpr Oid kRegclass = 2205;
inline constexpr Oid kRegnamespace = 4089;
inline constexpr Oid kRegrole = 4096;
inline constexpr Oid kBoolArray = 1000;
inline constexpr Oid kCharArray = 1002;
inline constexpr Oid kNameArray = 1003;
inline constexpr Oid kInt2Array = 1005;
inline constexpr Oid kTextArray = 1009;
inline constexpr Oid kFloat4Array = 1021;
inline constexpr Oid kOidArray = 1028;
inline constexpr Oid kAclItem = 1033;
inline constexpr Oid kAclItemArray = 1034;
inline constexpr Oid kInt8Array = 1016;
inline constexpr Oid kFloat8Array = 1022;
inline constexpr Oid kNumericArray = 1231;
inline constexpr Oid kVarcharArray = 1015;
inline constexpr Oid kBpcharArray = 1014;
inline constexpr Oid kDateArray = 1182;
inline constexpr Oid kTimestampArray = 1115;
inline constexpr Oid kTimestampTzArray = 1185;
inline constexpr Oid kIntervalArray = 1187;
inline constexpr Oid kTimeArray = 1183;
inline constexpr Oid kTimeTzArray = 1270;
inline constexpr Oid kUuidArray = 2951;
inline constexpr Oid kByteaArray = 1001;
inline constexpr Oid kJsonArray = 199;
inline constexpr Oid kJsonbArray = 3807;
inline constexpr Oid kRecord = 2249;
inline constexpr Oid kRecordArray = 2287;
}  // namespace type_oid

struct DataType {
  TypeId id = TypeId::kUnknown;
  // PostgreSQL's atttypmod: -1 for none; varchar(n) is n + 4; numeric(p,s) is
  // ((p << 16) | s) + 4.
  int32_t typmod = -1;

  static DataType Of(TypeId id) { return DataType{id, -1}; }
  // The type without its modifier (varchar(3) -> varchar); a user-defined
  // type's typmod is its identity and stays (IsUserDefined).
  DataType Unmodified() const;
  static DataType Varchar(int32_t max_length) { return DataType{TypeId::kVarchar, max_length + 4}; }
  static DataType Bpchar(int32_t length) { return DataType{TypeId::kBpchar, length + 4}; }
  // timestamp(p): the typmod is p itself, as PostgreSQL's.
  static DataType Timestamp(int32_t precision) { return DataType{TypeId::kTimestamp, precision}; }
  static DataType TimestampTz(int32_t precision) {
    return DataType{TypeId::kTimestampTz, precision};
  }
  static DataType Numeric(int32_t precision, int32_t scale) {
    // PostgreSQL 15's layout: the scale in the low 11 bits, two's complement
    // (-1000..1000), so typmods of scales 0..1000 are as before.
    return DataType{TypeId::kNumeric, ((precision << 16) | (scale & 0x7ff)) + 4};
  }
  // The record type of rows with these fields' types (kRecord), and back.
  // `names`: the fields' names (a whole-row reference's columns, a
  // function's OUT parameters); without them, f1, f2, ... as ROW()'s.
  static DataType Record(const std::vector<DataType>& fields,
                         const std::vector<std::string>& names = {});
  // A composite type's fields, from its catalog entry: RecordFields and
  // RecordFieldNames of {kComposite, oid} answer them from then on.
  static void RegisterComposite(Oid oid, const std::vector<DataType>& fields,
                                const std::vector<std::string>& names);
  // REQUIRES: IsRowType().
  const std::vector<DataType>& RecordFields() const;
  const std::vector<std::string>& RecordFieldNames() const;
  // The type with this PostgreSQL OID, if Basalt has it.
  static std::optional<DataType> FromOid(Oid oid, int32_t typmod = -1);

  Oid oid() const;
  // pg_type.typlen: the fixed width in bytes, or -1 for variable width.
  int16_t typlen() const;
  // PostgreSQL's format_type(oid, typmod): "integer", "character
  // varying(10)", "numeric(10,2)"; bpchar without a length is "bpchar".
  std::string Name() const;
  // format_type_be(oid), the name in messages and pg_typeof: the type
  // without its modifier ("character", "numeric").
  std::string BaseName() const;

  bool IsInteger() const {
    return id == TypeId::kInt2 || id == TypeId::kInt4 || id == TypeId::kInt8;
  }
  bool IsFloat() const { return id == TypeId::kFloat4 || id == TypeId::kFloat8; }
  bool IsNumeric() const { return IsInteger() || IsFloat() || id == TypeId::kNumeric; }
  // Types whose values are strings and convert to and from text implicitly.
  bool IsString() const {
    return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kName ||
           id == TypeId::kChar || id == TypeId::kPgNodeTree || id == TypeId::kBpchar;
  }
  // Two string types whose values compare alike, byte by byte: bpchar
  // ignores trailing blanks, so it compares as itself only.
  static bool CompareAlike(const DataType& a, const DataType& b) {
    return a.id == b.id ||
           (a.IsString() && b.IsString() && a.id != TypeId::kBpchar && b.id != TypeId::kBpchar);
  }
  // A user-defined type (or an array of one): the typmod is the type's OID,
  // part of its identity rather than a modifier.
  bool IsUserDefined() const {
    return id == TypeId::kEnum || id == TypeId::kEnumArray || id == TypeId::kComposite ||
           id == TypeId::kCompositeArray;
  }
  // Values that are rows: an array of fields of RecordFields' types.
  bool IsRowType() const { return id == TypeId::kRecord || id == TypeId::kComposite; }
  // The typmod as PostgreSQL reports it (pg_attribute.atttypmod,
  // RowDescription): -1 for a user-defined type.
  int32_t PgTypmod() const { return IsUserDefined() ? -1 : typmod; }
  // regclass, regtype, ...: an OID printed as a name.
  bool IsRegType() const { return IsRegTypeId(id); }
  static bool IsRegTypeId(TypeId id) {
    return id == TypeId::kRegproc || id == TypeId::kRegclass || id == TypeId::kRegtype ||
           id == TypeId::kRegnamespace || id == TypeId::kRegrole || id == TypeId::kRegprocedure;
  }
  // Whether values are arrays (Value::AsArray), and of what.
  bool IsArray() const { return ElementType().has_value(); }
  std::optional<TypeId> ElementType() const;
  // An array type's element type, with the array's typmod (the elements'
  // own: varchar(3)[]). REQUIRES: IsArray().
  DataType Element() const { return DataType{*ElementType(), typmod}; }
  // The array type of this element type, if Basalt has it.
  std::optional<TypeId> ArrayType() const;
  // The array type an expression over such elements has (ARRAY[...],
  // array_agg): no typmod, except a record array's, which names its fields.
  std::optional<DataType> ResultArrayType() const {
    const std::optional<TypeId> array = ArrayType();
    if (!array) return std::nullopt;
    return DataType{*array, id == TypeId::kRecord || IsUserDefined() ? typmod : -1};
  }
  // varchar(n) and character(n): n, or -1 when unbounded.
  int32_t CharacterLength() const { return typmod >= 4 ? typmod - 4 : -1; }
  // numeric(p,s): p and s, or -1 when unconstrained.
  int32_t NumericPrecision() const { return typmod >= 4 ? ((typmod - 4) >> 16) & 0xffff : -1; }
  int32_t NumericScale() const {
    return typmod >= 4 ? (((typmod - 4) & 0x7ff) ^ 0x400) - 0x400 : -1;
  }
  bool IsTimestamp() const { return id == TypeId::kTimestamp || id == TypeId::kTimestampTz; }
  // timestamp(p), timestamptz(p), time(p) and timetz(p): p, or -1 when
  // unconstrained.
  int32_t TimestampPrecision() const {
    return IsTimestamp() || id == TypeId::kTime || id == TypeId::kTimeTz ? typmod : -1;
  }

  friend bool operator==(const DataType&, const DataType&) = default;
};

inline DataType DataType::Unmodified() const {
  return IsUserDefined() ? *this : Of(id);
}

}  // namespace basalt
