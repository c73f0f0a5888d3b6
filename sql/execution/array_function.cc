#include "sql/execution/array_function.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "common/error.h"
#include "sql/execution/array_shape.h"
#include "sql/execution/catalog_function.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {
namespace {

// PostgreSQL's MaxArraySize: the most elements an array may have.

// `=` on two elements; NULLs equal only each other (IS NOT DISTINCT FROM).
bool NotDistinct(const Value& a, const Value& b, const DataType& element_type) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return CompareValues(a, b, element_type) == 0;
}

// Whether `array` has a non-NULL element equal to `value` (non-NULL).
bool HasElement(const std::vector<Value>& array, const Value& value, const DataType& element_type) {
  return std::any_of(array.begin(), array.end(), [&](const Value& e) {
    return !e.is_null() && CompareValues(e, value, element_type) == 0;
  });
}

// arraycontains: every element of `inner` is in `outer` (a NULL never is).
bool Contains(const std::vector<Value>& outer, const std::vector<Value>& inner,
              const DataType& element_type) {
  return std::all_of(inner.begin(), inner.end(), [&](const Value& e) {
    return !e.is_null() && HasElement(outer, e, element_type);
  });
}

bool Overlaps(const std::vector<Value>& a, const std::vector<Value>& b,
              const DataType& element_type) {
  return std::any_of(a.begin(), a.end(), [&](const Value& e) {
    return !e.is_null() && HasElement(b, e, element_type);
  });
}

// array_position(a, v [, start]) and array_positions(a, v): 1-based.
Value Positions(const BoundExpr& call, const std::vector<Value>& args) {
  const std::vector<Value>& elements = args[0].AsArray();
  const DataType element_type = call.children[0]->type.Element();
  const ArrayShape shape = ShapeOf(args[0], call.children[0]->type);
  if (shape.dims.size() > 1) {
    throw Error(sqlstate::kFeatureNotSupported,
                "searching for elements in multidimensional arrays is not supported");
  }
  const int64_t lower = shape.dims.empty() ? 1 : shape.lower_bounds[0];
  const bool all = call.function == ScalarFunction::kArrayPositions;
  size_t start = 0;
  if (args.size() == 3) {
    if (args[2].is_null()) {
      throw Error(sqlstate::kNullValueNotAllowed, "initial position must not be null");
    }
    start = static_cast<size_t>(std::max<int64_t>(args[2].AsInt() - lower, 0));
  }
  std::vector<Value> found;
  for (size_t i = start; i < elements.size(); ++i) {
    if (!NotDistinct(elements[i], args[1], element_type)) continue;
    const Value position = Value::Int(static_cast<int64_t>(i) + lower);
    if (!all) return position;
    found.push_back(position);
  }
  return all ? Value::Array(std::move(found)) : Value::Null();
}

}  // namespace

bool IsArrayFunction(ScalarFunction f) {
  return (f >= ScalarFunction::kArrayCat && f <= ScalarFunction::kArrayOverlap) ||
         f == ScalarFunction::kArrayPosition || f == ScalarFunction::kArrayRemove;
}

Value EvaluateArrayFunction(const BoundExpr& call, const std::vector<Value>& args) {
  const DataType& array_type = call.type.IsArray() ? call.type : call.children[0]->type;
  const DataType element_type = array_type.Element();
  switch (call.function) {
    case ScalarFunction::kArrayCat: {
      if (args[0].is_null()) return args[1];
      if (args[1].is_null()) return args[0];
      return ConcatArrays(args[0], args[1], array_type);
    }
    case ScalarFunction::kArrayAppend: return AddElement(args[0], args[1], array_type, false);
    case ScalarFunction::kArrayPrepend: return AddElement(args[1], args[0], array_type, true);
    case ScalarFunction::kArrayFill: return FillArray(args);
    default: break;
  }
  // The others give NULL for a NULL array.
  if (args[0].is_null()) return Value::Null();
  const std::vector<Value>& elements = args[0].AsArray();
  switch (call.function) {
    case ScalarFunction::kArrayReplace: {
      std::vector<Value> out = elements;
      for (Value& e : out) {
        if (NotDistinct(e, args[1], element_type)) e = args[2];
      }
      return Value::ArrayLike(args[0], std::move(out));
    }
    case ScalarFunction::kArrayRemove: {
      const ArrayShape shape = ShapeOf(args[0], array_type);
      if (shape.dims.size() > 1) {
        throw Error(sqlstate::kFeatureNotSupported,
                    "removing elements from multidimensional arrays is not supported");
      }
      std::vector<Value> kept;
      for (const Value& e : elements) {
        if (!NotDistinct(e, args[1], element_type)) kept.push_back(e);
      }
      const auto n = static_cast<int32_t>(kept.size());
      return n == 0 ? Value::Array({})
                    : Value::ShapedArray(std::move(kept), ArrayShape{{n}, {shape.lower_bounds[0]}});
    }
    case ScalarFunction::kArrayPosition:
    case ScalarFunction::kArrayPositions: return Positions(call, args);
    default: break;
  }
  // The rest are strict.
  for (const Value& a : args) {
    if (a.is_null()) return Value::Null();
  }
  switch (call.function) {
    case ScalarFunction::kArrayDims: {
      if (elements.empty()) return Value::Null();
      const ArrayShape shape = ShapeOf(args[0], array_type);
      std::string dims;
      for (size_t d = 0; d < shape.dims.size(); ++d) {
        dims += fmt::format("[{}:{}]", shape.lower_bounds[d],
                            shape.lower_bounds[d] + shape.dims[d] - 1);
      }
      return Value::String(std::move(dims));
    }
    case ScalarFunction::kArrayNdims: {
      const ArrayShape shape = ShapeOf(args[0], array_type);
      return shape.dims.empty() ? Value::Null()
                                : Value::Int(static_cast<int64_t>(shape.dims.size()));
    }
    case ScalarFunction::kTrimArray: return TrimArray(args[0], array_type, args[1].AsInt());
    case ScalarFunction::kArraySlice: {
      std::vector<int64_t> lowers, uppers;
      for (size_t i = 1; i + 1 < args.size(); i += 2) {
        lowers.push_back(args[i].AsInt());
        uppers.push_back(args[i + 1].AsInt());
      }
      return SliceOf(args[0], array_type, lowers, uppers);
    }
    case ScalarFunction::kArrayContains:
      return Value::Bool(Contains(elements, args[1].AsArray(), element_type));
    case ScalarFunction::kArrayContained:
      return Value::Bool(Contains(args[1].AsArray(), elements, element_type));
    case ScalarFunction::kArrayOverlap:
      return Value::Bool(Overlaps(elements, args[1].AsArray(), element_type));
    default: break;
  }
  throw Error(sqlstate::kInternalError, "unknown array function");
}

}  // namespace basalt::sql
