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

namespace {

constexpr int64_t kMaxArrayElements = 134217727;  // PostgreSQL's MaxArraySize

[[noreturn]] void Incompatible(const std::string& detail) {
  throw Error(sqlstate::kArraySubscriptError, "cannot concatenate incompatible arrays")
      .WithDetail(detail);
}

// The number of elements in one slice of the first dimension.
size_t SliceSize(const ArrayShape& shape) {
  size_t size = 1;
  for (size_t d = 1; d < shape.dims.size(); ++d) size *= static_cast<size_t>(shape.dims[d]);
  return size;
}

}  // namespace

Value ConcatArrays(const Value& a, const Value& b, const DataType& array_type) {
  const ArrayShape x = ShapeOf(a, array_type), y = ShapeOf(b, array_type);
  if (x.dims.empty()) return b;
  if (y.dims.empty()) return a;
  ArrayShape shape;
  if (x.dims.size() == y.dims.size()) {
    if (!std::equal(x.dims.begin() + 1, x.dims.end(), y.dims.begin() + 1)) {
      Incompatible(
          "Arrays with differing element dimensions are not compatible for "
          "concatenation.");
    }
    shape = x;
    shape.dims[0] += y.dims[0];
  } else if (x.dims.size() == y.dims.size() + 1 || y.dims.size() == x.dims.size() + 1) {
    const bool a_bigger = x.dims.size() > y.dims.size();
    const ArrayShape& big = a_bigger ? x : y;
    const ArrayShape& small = a_bigger ? y : x;
    if (!std::equal(small.dims.begin(), small.dims.end(), big.dims.begin() + 1)) {
      Incompatible("Arrays with differing dimensions are not compatible for concatenation.");
    }
    shape = big;
    shape.dims[0] += 1;
  } else {
    Incompatible(
        fmt::format("Arrays of {} and {} dimensions are not compatible for "
                    "concatenation.",
                    x.dims.size(), y.dims.size()));
  }
  std::vector<Value> elements = a.AsArray();
  elements.insert(elements.end(), b.AsArray().begin(), b.AsArray().end());
  return Value::ShapedArray(std::move(elements), std::move(shape));
}

Value AddElement(const Value& array, const Value& element, const DataType& array_type,
                 bool prepend) {
  const ArrayShape shape = array.is_null() ? ArrayShape{} : ShapeOf(array, array_type);
  if (shape.dims.size() > 1) {
    throw Error(sqlstate::kDataException, "argument must be empty or one-dimensional array");
  }
  std::vector<Value> elements;
  if (prepend) elements.push_back(element);
  if (!array.is_null()) {
    elements.insert(elements.end(), array.AsArray().begin(), array.AsArray().end());
  }
  if (!prepend) elements.push_back(element);
  const int32_t lower = shape.dims.empty() ? 1 : shape.lower_bounds[0];
  const auto n = static_cast<int32_t>(elements.size());
  return Value::ShapedArray(std::move(elements), ArrayShape{{n}, {lower}});
}

Value TrimArray(const Value& array, const DataType& array_type, int64_t count) {
  ArrayShape shape = ShapeOf(array, array_type);
  const int64_t size = shape.dims.empty() ? 0 : shape.dims[0];
  if (count < 0 || count > size) {
    throw Error(sqlstate::kArraySubscriptError,
                fmt::format("number of elements to trim must be between 0 and {}", size));
  }
  if (count == size) return Value::Array({});
  const std::vector<Value>& elements = array.AsArray();
  std::vector<Value> kept(elements.begin(),
                          elements.end() - static_cast<ptrdiff_t>(count * SliceSize(shape)));
  shape.dims[0] -= static_cast<int32_t>(count);
  shape.lower_bounds.assign(shape.dims.size(), 1);
  return Value::ShapedArray(std::move(kept), std::move(shape));
}

Value FillArray(const std::vector<Value>& args) {
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i].is_null()) {
      throw Error(sqlstate::kNullValueNotAllowed,
                  "dimension array or low bound array cannot be null");
    }
  }
  const std::vector<Value>& dimensions = args[1].AsArray();
  if (args.size() == 3 && args[2].AsArray().size() != dimensions.size()) {
    throw Error(sqlstate::kArraySubscriptError, "wrong number of array subscripts")
        .WithDetail("Low bound array has different size than dimensions array.");
  }
  if (dimensions.empty()) return Value::Array({});
  if (dimensions.size() > static_cast<size_t>(kMaxArrayDimensions)) {
    throw Error(sqlstate::kProgramLimitExceeded,
                fmt::format("number of array dimensions ({}) exceeds the maximum allowed ({})",
                            dimensions.size(), kMaxArrayDimensions));
  }
  ArrayShape shape;
  int64_t count = 1;
  for (size_t d = 0; d < dimensions.size(); ++d) {
    const Value& length = dimensions[d];
    const Value lower = args.size() == 3 ? args[2].AsArray()[d] : Value::Int(1);
    if (length.is_null() || lower.is_null()) {
      throw Error(sqlstate::kNullValueNotAllowed, "dimension values cannot be null");
    }
    count *= std::max<int64_t>(length.AsInt(), 0);
    if (length.AsInt() < 0 || count > kMaxArrayElements) {
      throw Error(sqlstate::kProgramLimitExceeded,
                  fmt::format("array size exceeds the maximum allowed ({})", kMaxArrayElements));
    }
    shape.dims.push_back(static_cast<int32_t>(length.AsInt()));
    shape.lower_bounds.push_back(static_cast<int32_t>(lower.AsInt()));
  }
  if (count == 0) return Value::Array({});
  return Value::ShapedArray(std::vector<Value>(static_cast<size_t>(count), args[0]),
                            std::move(shape));
}

Value AccumulateArrays(const std::vector<Value>& arrays, const DataType& array_type) {
  std::optional<ArrayShape> first;
  for (const Value& v : arrays) {
    if (v.is_null()) throw Error(sqlstate::kNullValueNotAllowed, "cannot accumulate null arrays");
    const ArrayShape shape = ShapeOf(v, array_type);
    if (!first && shape.dims.empty()) {
      throw Error(sqlstate::kArraySubscriptError, "cannot accumulate empty arrays");
    }
    if (first && shape.dims != first->dims) {
      throw Error(sqlstate::kArraySubscriptError,
                  "cannot accumulate arrays of different dimensionality");
    }
    first = shape;
  }
  return ArrayOfSubArrays(arrays, array_type);
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
