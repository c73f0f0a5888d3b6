#include "sql/execution/array_shape.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "common/array_text.h"
#include "common/error.h"
#include "sql/execution/catalog_function.h"

namespace basalt::sql {

ArrayShape ShapeOf(const Value& array, const DataType& array_type) {
  if (const ArrayShape* shape = array.Shape()) return *shape;
  const auto n = static_cast<int32_t>(array.AsArray().size());
  if (n == 0) return ArrayShape{};
  return ArrayShape{{n}, {static_cast<int32_t>(ArrayLowerBound(array_type))}};
}

Value ElementAt(const Value& array, const DataType& array_type,
                const std::vector<int64_t>& subscripts) {
  const ArrayShape shape = ShapeOf(array, array_type);
  if (subscripts.size() != shape.dims.size()) return Value::Null();
  size_t offset = 0;
  for (size_t d = 0; d < shape.dims.size(); ++d) {
    const int64_t index = subscripts[d] - shape.lower_bounds[d];
    if (index < 0 || index >= shape.dims[d]) return Value::Null();
    offset = offset * static_cast<size_t>(shape.dims[d]) + static_cast<size_t>(index);
  }
  return array.AsArray()[offset];
}

namespace {

// Copies the block [from[d], from[d] + dims[d]) of each dimension from d on.
void CopyBlock(const std::vector<Value>& elements, const ArrayShape& shape,
               const std::vector<int64_t>& from, const std::vector<int32_t>& dims, size_t d,
               size_t base, std::vector<Value>* out) {
  size_t stride = 1;
  for (size_t e = d + 1; e < shape.dims.size(); ++e) stride *= static_cast<size_t>(shape.dims[e]);
  for (int32_t i = 0; i < dims[d]; ++i) {
    const size_t at = base + (static_cast<size_t>(from[d]) + static_cast<size_t>(i)) * stride;
    if (d + 1 == shape.dims.size()) {
      out->push_back(elements[at]);
    } else {
      CopyBlock(elements, shape, from, dims, d + 1, at, out);
    }
  }
}

}  // namespace

Value SliceOf(const Value& array, const DataType& array_type, const std::vector<int64_t>& lowers,
              const std::vector<int64_t>& uppers) {
  const ArrayShape shape = ShapeOf(array, array_type);
  if (shape.dims.empty() || lowers.size() > shape.dims.size()) return Value::Array({});
  std::vector<int64_t> from;
  ArrayShape result;
  for (size_t d = 0; d < shape.dims.size(); ++d) {
    const int64_t first = shape.lower_bounds[d];
    const int64_t last = first + shape.dims[d] - 1;
    const int64_t lower = d < lowers.size() ? std::max(lowers[d], first) : first;
    const int64_t upper = d < uppers.size() ? std::min(uppers[d], last) : last;
    if (lower > upper) return Value::Array({});
    from.push_back(lower - first);
    result.dims.push_back(static_cast<int32_t>(upper - lower + 1));
    result.lower_bounds.push_back(1);
  }
  std::vector<Value> elements;
  CopyBlock(array.AsArray(), shape, from, result.dims, 0, 0, &elements);
  return Value::ShapedArray(std::move(elements), std::move(result));
}

Value ArrayOfSubArrays(const std::vector<Value>& sub_arrays, const DataType& array_type) {
  std::vector<Value> elements;
  std::optional<ArrayShape> inner;
  int32_t count = 0;
  for (const Value& sub : sub_arrays) {
    // A NULL sub-array counts as an empty one: only all of them may be.
    const ArrayShape shape = sub.is_null() ? ArrayShape{} : ShapeOf(sub, array_type);
    if (inner && shape != *inner) {
      throw Error(sqlstate::kArraySubscriptError,
                  "multidimensional arrays must have array expressions with matching dimensions");
    }
    inner = shape;
    ++count;
    elements.insert(elements.end(), sub.AsArray().begin(), sub.AsArray().end());
  }
  if (!inner || inner->dims.empty()) return Value::Array({});
  if (inner->dims.size() + 1 > static_cast<size_t>(kMaxArrayDimensions)) {
    throw Error(sqlstate::kProgramLimitExceeded,
                fmt::format("number of array dimensions ({}) exceeds the maximum allowed ({})",
                            inner->dims.size() + 1, kMaxArrayDimensions));
  }
  ArrayShape shape;
  shape.dims.push_back(count);
  shape.lower_bounds.push_back(1);
  shape.dims.insert(shape.dims.end(), inner->dims.begin(), inner->dims.end());
  shape.lower_bounds.insert(shape.lower_bounds.end(), inner->lower_bounds.begin(),
                            inner->lower_bounds.end());
  return Value::ShapedArray(std::move(elements), std::move(shape));
}

}  // namespace basalt::sql
