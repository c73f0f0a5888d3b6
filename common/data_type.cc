#include "common/data_type.h"

#include <fmt/format.h>

#include <array>

#include "common/interval.h"
#include "common/object_names.h"

namespace basalt {
namespace {

// The types added for pg_catalog's columns, looked up by OID in a loop.
constexpr TypeId kCatalogTypes[] = {
    TypeId::kName,         TypeId::kChar,       TypeId::kPgNodeTree,   TypeId::kRegproc,
    TypeId::kRegclass,     TypeId::kRegtype,    TypeId::kRegnamespace, TypeId::kRegrole,
    TypeId::kRegprocedure, TypeId::kInt2Vector, TypeId::kOidVector,    TypeId::kJson,
    TypeId::kAclItem,
};

// Each array type: its element type and its OID.
struct ArrayTypeEntry {
  TypeId array;
  TypeId element;
  Oid oid;
};
constexpr ArrayTypeEntry kArrayTypes[] = {
    {TypeId::kInt4Array, TypeId::kInt4, type_oid::kInt4Array},
    {TypeId::kRegtypeArray, TypeId::kRegtype, type_oid::kRegtypeArray},
    {TypeId::kTextArray, TypeId::kText, type_oid::kTextArray},
    {TypeId::kNameArray, TypeId::kName, type_oid::kNameArray},
    {TypeId::kOidArray, TypeId::kOid, type_oid::kOidArray},
    {TypeId::kInt2Array, TypeId::kInt2, type_oid::kInt2Array},
    {TypeId::kCharArray, TypeId::kChar, type_oid::kCharArray},
    {TypeId::kBoolArray, TypeId::kBool, type_oid::kBoolArray},
    {TypeId::kFloat4Array, TypeId::kFloat4, type_oid::kFloat4Array},
    {TypeId::kAclItemArray, TypeId::kAclItem, type_oid::kAclItemArray},
    {TypeId::kInt8Array, TypeId::kInt8, type_oid::kInt8Array},
    {TypeId::kFloat8Array, TypeId::kFloat8, type_oid::kFloat8Array},
    {TypeId::kNumericArray, TypeId::kNumeric, type_oid::kNumericArray},
    {TypeId::kVarcharArray, TypeId::kVarchar, type_oid::kVarcharArray},
    {TypeId::kBpcharArray, TypeId::kBpchar, type_oid::kBpcharArray},
    {TypeId::kDateArray, TypeId::kDate, type_oid::kDateArray},
    {TypeId::kTimestampArray, TypeId::kTimestamp, type_oid::kTimestampArray},
    {TypeId::kTimestampTzArray, TypeId::kTimestampTz, type_oid::kTimestampTzArray},
    {TypeId::kIntervalArray, TypeId::kInterval, type_oid::kIntervalArray},
    {TypeId::kTimeArray, TypeId::kTime, type_oid::kTimeArray},
    {TypeId::kTimeTzArray, TypeId::kTimeTz, type_oid::kTimeTzArray},
    {TypeId::kUuidArray, TypeId::kUuid, type_oid::kUuidArray},
    {TypeId::kByteaArray, TypeId::kBytea, type_oid::kByteaArray},
    {TypeId::kJsonArray, TypeId::kJson, type_oid::kJsonArray},
    {TypeId::kJsonbArray, TypeId::kJsonb, type_oid::kJsonbArray},
    {TypeId::kRecordArray, TypeId::kRecord, type_oid::kRecordArray},
    // An enum array's OID is the catalog's (DataType::oid).
    {TypeId::kEnumArray, TypeId::kEnum, 0},
    {TypeId::kCompositeArray, TypeId::kComposite, 0},
};

// kArrayTypes indexed by array type and by element type: IsArray() is
// asked for every value cast, encoded or compared.
struct ArrayTypeIndex {
  std::array<const ArrayTypeEntry*, 256> by_array{};
  std::array<const ArrayTypeEntry*, 256> by_element{};
  ArrayTypeIndex() {
    for (const ArrayTypeEntry& entry : kArrayTypes) {
      by_array[static_cast<uint8_t>(entry.array)] = &entry;
      by_element[static_cast<uint8_t>(entry.element)] = &entry;
    }
  }
};

const ArrayTypeIndex& ArrayTypes() {
  static const ArrayTypeIndex index;
  return index;
}

const ArrayTypeEntry* FindArrayType(TypeId array) {
  return ArrayTypes().by_array[static_cast<uint8_t>(array)];
}

}  // namespace

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
    case type_oid::kBpchar: return DataType{TypeId::kBpchar, typmod};
    case type_oid::kDate: return DataType{TypeId::kDate, -1};
    case type_oid::kTimestamp: return DataType{TypeId::kTimestamp, typmod};
    case type_oid::kTimestampTz: return DataType{TypeId::kTimestampTz, typmod};
    case type_oid::kInterval: return DataType{TypeId::kInterval, typmod};
    case type_oid::kTime: return DataType{TypeId::kTime, typmod};
    case type_oid::kTimeTz: return DataType{TypeId::kTimeTz, typmod};
    case type_oid::kUuid: return DataType{TypeId::kUuid, -1};
    case type_oid::kBytea: return DataType{TypeId::kBytea, -1};
    case type_oid::kJsonb: return DataType{TypeId::kJsonb, -1};
    case type_oid::kOid: return DataType{TypeId::kOid, -1};
    case type_oid::kXid: return DataType{TypeId::kXid, -1};
    case type_oid::kUnknown: return DataType{TypeId::kUnknown, -1};
    default: break;
  }
  for (TypeId id : kCatalogTypes) {
    if (DataType::Of(id).oid() == oid) return DataType::Of(id);
  }
  for (const ArrayTypeEntry& entry : kArrayTypes) {
    // An array's typmod is its elements': numeric(10,2)[] keeps (10,2).
    if (entry.oid == oid && oid != 0) return DataType{entry.array, typmod};
  }
  const ObjectNames* names = CurrentObjectNames();
  return names == nullptr ? std::nullopt : names->UserType(oid);
}

std::optional<TypeId> DataType::ElementType() const {
  if (id == TypeId::kOidVector) return TypeId::kOid;
  if (id == TypeId::kInt2Vector) return TypeId::kInt2;
  const ArrayTypeEntry* entry = FindArrayType(id);
  if (entry == nullptr) return std::nullopt;
  return entry->element;
}

std::optional<TypeId> DataType::ArrayType() const {
  const ArrayTypeEntry* entry = ArrayTypes().by_element[static_cast<uint8_t>(id)];
  if (entry == nullptr) return std::nullopt;
  return entry->array;
}

bool IsStorableType(TypeId id) {
  const std::optional<TypeId> element = DataType::Of(id).ElementType();
  if (id == TypeId::kInt2Vector || id == TypeId::kOidVector) return false;
  return IsStorableElementType(element.value_or(id));
}

Oid DataType::oid() const {
  if (id == TypeId::kEnum || id == TypeId::kComposite) return static_cast<Oid>(typmod);
  // CREATE TYPE gives the array type the OID after the type's.
  if (id == TypeId::kEnumArray || id == TypeId::kCompositeArray) {
    return static_cast<Oid>(typmod) + 1;
  }
  if (const ArrayTypeEntry* array = FindArrayType(id)) return array->oid;
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
    case TypeId::kBpchar: return type_oid::kBpchar;
    case TypeId::kDate: return type_oid::kDate;
    case TypeId::kTimestamp: return type_oid::kTimestamp;
    case TypeId::kUnknown: return type_oid::kUnknown;
    case TypeId::kVoid: return type_oid::kVoid;
    case TypeId::kOid: return type_oid::kOid;
    case TypeId::kXid: return type_oid::kXid;
    case TypeId::kTimestampTz: return type_oid::kTimestampTz;
    case TypeId::kInterval: return type_oid::kInterval;
    case TypeId::kTime: return type_oid::kTime;
    case TypeId::kTimeTz: return type_oid::kTimeTz;
    case TypeId::kUuid: return type_oid::kUuid;
    case TypeId::kBytea: return type_oid::kBytea;
    case TypeId::kName: return type_oid::kName;
    case TypeId::kChar: return type_oid::kChar;
    case TypeId::kPgNodeTree: return type_oid::kPgNodeTree;
    case TypeId::kJson: return type_oid::kJson;
    case TypeId::kJsonb: return type_oid::kJsonb;
    case TypeId::kRegproc: return type_oid::kRegproc;
    case TypeId::kRegclass: return type_oid::kRegclass;
    case TypeId::kRegtype: return type_oid::kRegtype;
    case TypeId::kRegnamespace: return type_oid::kRegnamespace;
    case TypeId::kRegrole: return type_oid::kRegrole;
    case TypeId::kRegprocedure: return type_oid::kRegprocedure;
    case TypeId::kInt2Vector: return type_oid::kInt2Vector;
    case TypeId::kOidVector: return type_oid::kOidVector;
    case TypeId::kAclItem: return type_oid::kAclItem;
    case TypeId::kRecord: return type_oid::kRecord;
    default: break;  // the arrays, above
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
    case TypeId::kInterval: return 16;
    case TypeId::kTime: return 8;
    case TypeId::kTimeTz: return 12;
    case TypeId::kUuid: return 16;
    case TypeId::kEnum: return 4;  // PostgreSQL's enums are label OIDs
    case TypeId::kAclItem: return 12;
    case TypeId::kUnknown: return -2;  // cstring-like, as PostgreSQL's unknown
    case TypeId::kVoid: return 4;      // pg_type.typlen of void
    case TypeId::kName: return 64;
    case TypeId::kChar: return 1;
    case TypeId::kRegproc:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
    case TypeId::kRegprocedure: return 4;
    default: return -1;
  }
}

std::string DataType::Name() const {
  if (const ArrayTypeEntry* array = FindArrayType(id)) {
    return DataType{array->element, typmod}.Name() + "[]";
  }
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
      return fmt::format("character varying({})", CharacterLength());
    case TypeId::kBpchar:
      // Without a length it is not character, which means character(1).
      if (typmod < 4) return "bpchar";
      return fmt::format("character({})", CharacterLength());
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
    case TypeId::kInterval: return "interval" + IntervalTypmodText(typmod);
    case TypeId::kTime:
      if (typmod < 0) return "time without time zone";
      return fmt::format("time({}) without time zone", typmod);
    case TypeId::kTimeTz:
      if (typmod < 0) return "time with time zone";
      return fmt::format("time({}) with time zone", typmod);
    case TypeId::kUuid: return "uuid";
    case TypeId::kBytea: return "bytea";
    case TypeId::kName: return "name";
    case TypeId::kChar: return "\"char\"";
    case TypeId::kPgNodeTree: return "pg_node_tree";
    case TypeId::kJson: return "json";
    case TypeId::kJsonb: return "jsonb";
    case TypeId::kRegproc: return "regproc";
    case TypeId::kRegclass: return "regclass";
    case TypeId::kRegtype: return "regtype";
    case TypeId::kRegnamespace: return "regnamespace";
    case TypeId::kRegrole: return "regrole";
    case TypeId::kRegprocedure: return "regprocedure";
    case TypeId::kInt2Vector: return "int2vector";
    case TypeId::kOidVector: return "oidvector";
    case TypeId::kAclItem: return "aclitem";
    case TypeId::kRecord: return "record";
    case TypeId::kEnum:
    case TypeId::kComposite: {
      // format_type: the name, schema-qualified where the search_path would
      // not find it.
      const ObjectNames* names = CurrentObjectNames();
      std::optional<std::string> name =
          names == nullptr ? std::nullopt : names->Name(TypeId::kRegtype, static_cast<Oid>(typmod));
      return name.value_or(std::to_string(typmod));
    }
    default: break;  // the arrays, above
  }
  return "unknown";
}

std::string DataType::BaseName() const {
  if (id == TypeId::kBpchar) return "character";
  if (id == TypeId::kBpcharArray) return "character[]";
  if (IsUserDefined()) return Name();
  return DataType::Of(id).Name();
}

}  // namespace basalt
