// A change given as deleted and inserted rows, with the pairs of an equal
// deleted and inserted row taken out.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/value.h"

namespace basalt::sql {

// Writes a row's exact bytes: rows that differ in any way (1.0 and 1.00
// too) must differ here.
using RowEncoder = std::function<void(const Row& row, std::string* bytes)>;

// Takes out the pairs of an equal deleted and inserted row, which change
// nothing: a row inserted and deleted again in one backlog, updated back,
// or reached through two paths of a join. A change then holds at most the
// old and new rows, whatever the length of the backlog behind it, which
// keeps the products of several changed inputs (join_delta.h) from growing
// with the backlog. Returns the memory (RowMemory) of the rows taken out.
int64_t CancelOpposites(std::vector<Row>* deleted, std::vector<Row>* inserted,
                        const RowEncoder& encode);

}  // namespace basalt::sql
