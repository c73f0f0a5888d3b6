// Value: one SQL datum as a small tagged union. Values carry no type: the
// schema or the bound expression says what a Value means. Representation by
// type:
//   bool                      -> bool
//   int2, int4, int8          -> int64_t
//   date                      -> int64_t days since 2000-01-01 (PostgreSQL's epoch)
//   timestamp                 -> int64_t microseconds since 2000-01-01 00:00:00
//   timestamptz               -> int64_t microseconds since 2000-01-01 00:00:00 UTC
//   oid, xid                  -> int64_t holding the unsigned 32-bit value (0..4294967295)
//   arrays                    -> std::vector<Value>: the elements in order, each a
//                                Value of the element type or NULL (one
//                                dimension, lower bound 1); other shapes
//                                (int[][], '[0:1]={1,2}') -> ShapedArray: the
//                                elements in row-major order and the shape
//   float4, float8            -> double (float4 values are rounded to float)
//   numeric                   -> Numeric
//   interval                  -> Interval (months, days, microseconds)
//   time                      -> int64_t microseconds since midnight (0..86400000000)
//   timetz                    -> int64_t: time and UTC offset packed (common/time_tz.h)
//   text, varchar, unknown    -> std::string (UTF-8)
//   uuid                      -> std::string of exactly 16 bytes (common/uuid.h)
//   bytea                     -> std::string of the raw bytes (common/bytea.h)
//   void                      -> bool false (a non-NULL datum nobody reads;
//                                PostgreSQL's void is non-NULL with empty text)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/interval.h"
#include "common/numeric.h"

namespace basalt {

// An array's dimensions and their lower bounds, when not one dimension
// from 1: int[][] '{{1,2},{3,4}}' is {2, 2} from {1, 1}.
struct ArrayShape {
  std::vector<int32_t> dims;
  std::vector<int32_t> lower_bounds;
  bool operator==(const ArrayShape&) const = default;
};

class Value {
 public:
  Value() = default;  // NULL
  Value(const Value&) = default;
  Value(Value&&) noexcept = default;
  Value& operator=(Value&&) noexcept = default;
  // Scalars are copied without the variant's visit (an indirect call per
  // value, and a join copies every value of every pair it builds).
  Value& operator=(const Value& other) {
    switch (other.kind()) {
      case Kind::kNull: SetNull(); break;
      case Kind::kBool: SetScalar(*std::get_if<bool>(&other.rep_)); break;
      case Kind::kInt: SetScalar(*std::get_if<int64_t>(&other.rep_)); break;
      case Kind::kFloat: SetScalar(*std::get_if<double>(&other.rep_)); break;
      default: rep_ = other.rep_;
    }
    return *this;
  }
  ~Value() = default;
  static Value Null() { return Value(); }
  static Value Bool(bool v) { return Value(Rep(v)); }
  static Value Int(int64_t v) { return Value(Rep(v)); }
  static Value Float(double v) { return Value(Rep(v)); }
  static Value Decimal(Numeric v) { return Value(Rep(std::move(v))); }
  static Value Span(Interval v) { return Value(Rep(v)); }
  static Value String(std::string v) { return Value(Rep(std::move(v))); }
  static Value Array(std::vector<Value> elements) { return Value(Rep(std::move(elements))); }
  // An array of this shape (elements in row-major order, as many as the
  // dimensions' product): a plain Array when it is one dimension from 1.
  static Value ShapedArray(std::vector<Value> elements, ArrayShape shape);
  // An array of `like`'s shape holding `elements` (as many as like's).
  static Value ArrayLike(const Value& like, std::vector<Value> elements) {
    const ArrayShape* shape = like.Shape();
    return shape == nullptr ? Array(std::move(elements)) : ShapedArray(std::move(elements), *shape);
  }

  // Which representation the value holds, in Rep's order: for code that
  // handles values without their SQL type (spill files, memory estimates).
  enum class Kind : uint8_t {
    kNull,
    kBool,
    kInt,
    kFloat,
    kNumeric,
    kInterval,
    kString,
    kArray,
    kShapedArray
  };
  Kind kind() const { return static_cast<Kind>(rep_.index()); }

  bool is_null() const { return std::holds_alternative<std::monostate>(rep_); }
  bool is_interval() const { return std::holds_alternative<Interval>(rep_); }
  bool AsBool() const { return std::get<bool>(rep_); }
  int64_t AsInt() const { return std::get<int64_t>(rep_); }
  double AsFloat() const { return std::get<double>(rep_); }
  const Numeric& AsNumeric() const { return std::get<Numeric>(rep_); }
  const Interval& AsInterval() const { return std::get<Interval>(rep_); }
  const std::string& AsString() const { return std::get<std::string>(rep_); }
  // An array's elements, of every dimension in row-major order.
  const std::vector<Value>& AsArray() const {
    if (const auto* elements = std::get_if<std::vector<Value>>(&rep_)) return *elements;
    return std::get<std::shared_ptr<const Shaped>>(rep_)->elements;
  }
  // An array's shape when it is not one dimension from 1, else null.
  const ArrayShape* Shape() const {
    const auto* shaped = std::get_if<std::shared_ptr<const Shaped>>(&rep_);
    return shaped != nullptr ? &(*shaped)->shape : nullptr;
  }
  bool IsArrayValue() const { return kind() == Kind::kArray || kind() == Kind::kShapedArray; }

  // Overwrite the value in place. A scan decodes each row into the Values
  // of the row before it, which mostly hold the same kind: these then
  // store the new datum (a string into its existing buffer), where
  // assigning a new Value builds a temporary and goes through the
  // variant's destroy-and-construct for every value.
  void SetNull() {
    if (!is_null()) rep_.emplace<std::monostate>();
  }
  void SetBool(bool v) { SetScalar(v); }
  void SetInt(int64_t v) { SetScalar(v); }
  void SetFloat(double v) { SetScalar(v); }
  void SetString(std::string_view v) {
    // Only a string small enough to own no heap memory is reused: longer
    // text gets a buffer of its own size, as a new string would, so the
    // memory estimates that read capacity() (RowMemory) see what they did.
    auto* held = std::get_if<std::string>(&rep_);
    if (held != nullptr && held->capacity() < sizeof(std::string) && v.size() <= held->capacity()) {
      held->assign(v);
    } else {
      rep_.emplace<std::string>(v);
    }
  }

 private:
  // Shared and immutable, so a Value stays as small as a plain array's.
  struct Shaped {
    std::vector<Value> elements;
    ArrayShape shape;
  };
  // std::vector of the incomplete Value is allowed (C++17); it is complete
  // by the time the variant's members are instantiated.
  using Rep = std::variant<std::monostate, bool, int64_t, double, Numeric, Interval, std::string,
                           std::vector<Value>, std::shared_ptr<const Shaped>>;
  explicit Value(Rep rep) : rep_(std::move(rep)) {}
  template <typename T>
  void SetScalar(T v) {
    if (auto* held = std::get_if<T>(&rep_)) {
      *held = v;
    } else {
      rep_.emplace<T>(v);
    }
  }
  Rep rep_;
};

using Row = std::vector<Value>;

inline Value Value::ShapedArray(std::vector<Value> elements, ArrayShape shape) {
  if (shape.dims.size() <= 1 && (shape.lower_bounds.empty() || shape.lower_bounds[0] == 1)) {
    return Array(std::move(elements));
  }
  return Value(Rep(std::make_shared<const Shaped>(Shaped{std::move(elements), std::move(shape)})));
}

}  // namespace basalt
