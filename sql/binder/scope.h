// The columns an expression can reference: the FROM items in order, each
// with its columns at an offset of the operator's input row.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace basalt::sql {

struct ScopeTable {
  std::string name;  // alias, or the table's name
  std::shared_ptr<const catalog::TableEntry> table;
  int offset = 0;  // position of its first column in the input row
};

struct Scope {
  std::vector<ScopeTable> tables;  // empty: no FROM
};

}  // namespace basalt::sql
