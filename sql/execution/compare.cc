#include <cmath>
#include <span>

#include "common/error.h"
#include "common/jsonb.h"
#include "common/time_tz.h"
#include "common/value_text.h"
#include "sql/execution/array_shape.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {
namespace {

// Element i of x and y has type types[i], or `rest` past the end of `types`.
int CompareElements(const std::vector<Value>& x, const std::vector<Value>& y,
                    std::span<const DataType> types, const DataType& rest = DataType{}) {
  for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (x[i].is_null() || y[i].is_null()) {
      if (x[i].is_null() != y[i].is_null()) return x[i].is_null() ? 1 : -1;
      continue;
    }
    if (int c = CompareValues(x[i], y[i], i < types.size() ? types[i] : rest); c != 0) return c;
  }
  return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
}

// array_cmp past equal elements: fewer dimensions first, then shorter
// dimensions, then lower bounds.
int CompareArrays(const Value& a, const Value& b, const DataType& array_type) {
  if (int c = CompareElements(a.AsArray(), b.AsArray(), {}, array_type.Element()); c != 0) {
    return c;
  }
  if (a.Shape() == nullptr && b.Shape() == nullptr) return 0;
  const ArrayShape x = ShapeOf(a, array_type), y = ShapeOf(b, array_type);
  if (x.dims.size() != y.dims.size()) return x.dims.size() < y.dims.size() ? -1 : 1;
  for (size_t d = 0; d < x.dims.size(); ++d) {
    if (x.dims[d] != y.dims[d]) return x.dims[d] < y.dims[d] ? -1 : 1;
    if (x.lower_bounds[d] != y.lower_bounds[d]) {
      return x.lower_bounds[d] < y.lower_bounds[d] ? -1 : 1;
    }
  }
  return 0;
}

}  // namespace

int CompareValues(const Value& a, const Value& b, const DataType& type) {
  switch (type.id) {
    case TypeId::kBool: return static_cast<int>(a.AsBool()) - static_cast<int>(b.AsBool());
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kOid:
    case TypeId::kRegproc:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
    case TypeId::kRegprocedure: return a.AsInt() < b.AsInt() ? -1 : a.AsInt() > b.AsInt() ? 1 : 0;
    case TypeId::kTimeTz: return CompareTimeTz(a.AsInt(), b.AsInt());
    case TypeId::kXid: {
      // An int4 operand of xid = int4 is negative for xids above 2^31.
      uint32_t x = static_cast<uint32_t>(a.AsInt());
      uint32_t y = static_cast<uint32_t>(b.AsInt());
      return x < y ? -1 : x > y ? 1 : 0;
    }
    // record_cmp (records of one type have as many fields) and array_cmp
    // for one dimension: element by element, NULL above every value, then
    // the shorter array first.
    case TypeId::kRecord:
    case TypeId::kComposite: return CompareElements(a.AsArray(), b.AsArray(), type.RecordFields());
    default:  // every array type (DataType::IsArray)
    case TypeId::kInt2Vector:
    case TypeId::kOidVector: return CompareArrays(a, b, type);
    case TypeId::kFloat4:
    case TypeId::kFloat8: {
      double x = a.AsFloat();
      double y = b.AsFloat();
      // PostgreSQL: NaN equals NaN and sorts above every other value.
      if (std::isnan(x)) return std::isnan(y) ? 0 : 1;
      if (std::isnan(y)) return -1;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case TypeId::kNumeric: return a.AsNumeric().Compare(b.AsNumeric());
    case TypeId::kInterval: return a.AsInterval().Compare(b.AsInterval());
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kName:
    case TypeId::kChar:
    case TypeId::kPgNodeTree:
    case TypeId::kJson:
    case TypeId::kAclItem:  // only = is defined in PostgreSQL; any order serves it
    case TypeId::kUuid:     // memcmp of the 16 bytes, as uuid_cmp
    case TypeId::kEnum:     // the sort orders' bytes (common/enum_value.h)
    case TypeId::kBytea:    // memcmp, then the shorter first, as byteacmp
    case TypeId::kUnknown: {
      int c = a.AsString().compare(b.AsString());
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case TypeId::kBpchar: {
      int c = WithoutTrailingBlanks(a.AsString()).compare(WithoutTrailingBlanks(b.AsString()));
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case TypeId::kJsonb:
      return CompareJsonb(DecodeJsonbOrDie(a.AsString()), DecodeJsonbOrDie(b.AsString()));
    case TypeId::kVoid:
      // The binder refuses =, IN and ORDER BY on void; GREATEST/LEAST get here.
      throw Error(sqlstate::kUndefinedFunction,
                  "could not identify a comparison function for type void");
  }
  throw Error(sqlstate::kInternalError, "comparison of an unsupported type");
}

}  // namespace basalt::sql
