// jsonpath input: PostgreSQL 15's SQL/JSON path language (jsonpath_scan.l,
// jsonpath_gram.y) parsed into a tree of JsonPathItem. Basalt has no
// jsonpath type: the path functions take the path as text and parse it here
// (common/jsonpath_eval.h runs it).
#pragma once

#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/numeric.h"
#include "common/status.h"

namespace basalt {

// One step of a path. A chain of accessors (`$.a[1].b`) is the first item
// with the rest linked through `next`, as PostgreSQL's jsonpath keeps them.
struct JsonPathItem {
  enum class Type : uint8_t {
    // literals and variables
    kNull,
    kBool,
    kNumeric,
    kString,
    kVariable,  // $name: `text` is the name
    // path primaries
    kRoot,     // $
    kCurrent,  // @
    kLast,     // last, inside array subscripts
    // accessors
    kKey,         // .name or ."name": `text`
    kAnyKey,      // .*
    kAnyArray,    // [*]
    kIndexArray,  // [subscripts]
    kAny,         // .** with levels [first, last]
    kFilter,      // ? (arg)
    // item methods
    kType,
    kSize,
    kAbs,
    kFloor,
    kCeiling,
    kDouble,
    kKeyValue,
    kDatetime,  // .datetime([template]): parsed, not evaluated
    // predicates
    kAnd,
    kOr,
    kNot,
    kIsUnknown,
    kEqual,
    kNotEqual,
    kLess,
    kLessOrEqual,
    kGreater,
    kGreaterOrEqual,
    kExists,
    kStartsWith,
    kLikeRegex,  // left like_regex `text` flag `flags`
    // arithmetic
    kAdd,
    kSub,
    kMul,
    kDiv,
    kMod,
    kPlus,   // unary +
    kMinus,  // unary -
  };

  JsonPathItem() = default;
  ~JsonPathItem();
  JsonPathItem(const JsonPathItem&) = delete;
  JsonPathItem& operator=(const JsonPathItem&) = delete;

  Type type = Type::kNull;
  bool boolean = false;  // kBool
  Numeric numeric;       // kNumeric
  std::string text;      // kString, kVariable, kKey, kLikeRegex's pattern
  // Binary operators' operands; a unary operator's, a filter's, exists'
  // and like_regex's operand is `left` (datetime's template, if any, too).
  std::unique_ptr<JsonPathItem> left;
  std::unique_ptr<JsonPathItem> right;
  // kIndexArray: each subscript's first and (for `a to b`) last index.
  std::vector<std::pair<std::unique_ptr<JsonPathItem>, std::unique_ptr<JsonPathItem>>> subscripts;
  // kAny: levels; kUnboundedLevel for `last`.
  static constexpr uint32_t kUnboundedLevel = UINT32_MAX;
  uint32_t first = 0;
  uint32_t last = kUnboundedLevel;
  // kLikeRegex: the compiled pattern with its flags applied.
  std::shared_ptr<const std::regex> regex;
  std::unique_ptr<JsonPathItem> next;
};

struct JsonPath {
  bool lax = true;
  std::unique_ptr<JsonPathItem> root;
};

// jsonpath_in: the path, or PostgreSQL's errors: 42601 `syntax error at or
// near "x" of jsonpath input` (and the scanner's `trailing junk after
// numeric literal`, `unexpected end of quoted string`, ...), `@ is not
// allowed in root expressions`, `LAST is allowed only in array subscripts`;
// 22P02 for an empty path; 2201B for a like_regex pattern that does not
// compile.
Result<std::shared_ptr<const JsonPath>> ParseJsonPath(std::string_view text);

// jspOperationName: how an operator or method is spelled in messages
// ("+", "abs", "keyvalue").
std::string_view JsonPathOperationName(JsonPathItem::Type type);

}  // namespace basalt
