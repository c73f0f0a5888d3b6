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

// array_agg(anyarray) and ARRAY(subquery) of arrays: ArrayOfSubArrays with
// PostgreSQL's errors for a NULL or empty array, or arrays of differing
// dimensions.
Value AccumulateArrays(const std::vector<Value>& arrays, const DataType& array_type);

// array_cat / ||: arrays of as many dimensions end to end along the first,
// or the one of one dimension fewer as a new first-dimension slice of the
// other; 2202E `cannot concatenate incompatible arrays` otherwise. The
// result keeps the first's (or the bigger's) lower bounds. Neither NULL.
Value ConcatArrays(const Value& a, const Value& b, const DataType& array_type);

// array_append / array_prepend of `element` to an array of at most one
// dimension (NULL: none), keeping its lower bound.
Value AddElement(const Value& array, const Value& element, const DataType& array_type,
                 bool prepend);

// trim_array: the last `count` slices of the first dimension removed.
Value TrimArray(const Value& array, const DataType& array_type, int64_t count);

// array_fill(value, dimensions [, lower bounds]).
Value FillArray(const std::vector<Value>& args);

}  // namespace basalt::sql
