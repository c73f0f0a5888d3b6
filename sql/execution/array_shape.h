// Arrays of any shape (more dimensions, other lower bounds): the shape of a
// value, subscripts and slices, as PostgreSQL's array_get_element and
// array_get_slice.
#pragma once

#include <cstdint>
#include <vector>

#include "common/data_type.h"
#include "common/value.h"

namespace basalt::sql {

// `array`'s shape: its own, or one dimension of its elements from the
// type's first subscript (ArrayLowerBound); no dimension when empty.
ArrayShape ShapeOf(const Value& array, const DataType& array_type);

// The element at these subscripts, one per dimension; NULL when one is out
// of range or there are not as many as dimensions.
Value ElementAt(const Value& array, const DataType& array_type,
                const std::vector<int64_t>& subscripts);

// The slice [lowers[d]:uppers[d]] of each of the first dimensions (the rest
// whole), bounds clamped to the array's; its lower bounds are 1, and it is
// empty when a range is.
Value SliceOf(const Value& array, const DataType& array_type, const std::vector<int64_t>& lowers,
              const std::vector<int64_t>& uppers);

// ARRAY[sub, sub, ...] of arrays of one shape: an array of one more
// dimension; 2202E when the shapes differ (a NULL one is empty, and all
// empty make an empty array).
Value ArrayOfSubArrays(const std::vector<Value>& sub_arrays, const DataType& array_type);

}  // namespace basalt::sql
