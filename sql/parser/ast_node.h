// Pieces shared by every AST node: the source position, names and type names.
//
// The AST is what the parser produces and the binder consumes. It holds names,
// never resolved catalog objects or types (those live in the bound tree).
// Children are owned through std::unique_ptr; a tree is freed with its root.
#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <vector>

namespace basalt::sql::ast {

// Base of every node. `position` is PostgreSQL's error position: the 1-based
// *character* (not byte) offset into the query string of the token that
// identifies the node (the operator of a binary expression, the first name of
// a column reference, the `::` of a cast); 0 when unknown.
struct Node {
  int position = 0;
};

// The root of a node family (expressions, table references, statements):
// each concrete node declares `static constexpr Kind kKind` and is reached
// through a checked downcast instead of dynamic_cast.
template <typename Kind>
struct KindedNode : Node {
  explicit KindedNode(Kind kind) : kind_(kind) {}
  virtual ~KindedNode() = default;
  KindedNode(const KindedNode&) = delete;
  KindedNode& operator=(const KindedNode&) = delete;

  Kind kind() const { return kind_; }

  // REQUIRES: kind() == T::kKind.
  template <typename T>
  T& As() {
    assert(kind_ == T::kKind);
    return static_cast<T&>(*this);
  }
  template <typename T>
  const T& As() const {
    assert(kind_ == T::kKind);
    return static_cast<const T&>(*this);
  }
  template <typename T>
  bool Is() const {
    return kind_ == T::kKind;
  }

 private:
  Kind kind_;
};

// A possibly qualified object name: [catalog.][schema.]name. Empty parts were
// not written. Names are already case-folded (unquoted) or kept verbatim
// (quoted).
struct QualifiedName : Node {
  std::string catalog;
  std::string schema;
  std::string name;
};

// A type as written, with its name normalized to PostgreSQL's internal name:
//   int, integer, int4        -> "int4"     smallint, int2     -> "int2"
//   bigint, int8              -> "int8"     real, float4       -> "float4"
//   double precision, float8, float -> "float8"
//   float(p)                  -> "float4" if p <= 24 else "float8" (no modifier kept)
//   numeric, decimal, dec     -> "numeric"  modifiers (p) or (p, s)
//   varchar, character varying, char varying -> "varchar"  modifier (n)
//   char, character, char(n)  -> "bpchar"   modifier (n), 1 when not written
//   bool, boolean             -> "bool"     text -> "text"   date -> "date"
//   timestamp [without time zone] -> "timestamp"
//   timestamp with time zone, timestamptz -> "timestamptz"
//   time [without time zone]  -> "time"     interval -> "interval"
// Any other name is kept as written (folded), e.g. "uuid", "jsonb", with a
// schema when qualified. Whether the type exists is the binder's business.
struct TypeName : Node {
  std::string schema;
  std::string name;
  std::vector<int32_t> modifiers;  // typmods as written: varchar(10) -> {10}
  int array_bounds = 0;            // number of [] suffixes (int[] -> 1)
  // interval only: the field restriction as written, lower case: "day",
  // "year to month", "day to second" (precision of SECOND is a modifier).
  std::string interval_fields;
};

}  // namespace basalt::sql::ast
