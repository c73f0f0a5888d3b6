// For tests: statements of every shape that nests or chains deeply, at any
// size. Shared by the parser and engine tests and the integration test, which
// check that each one gets its result or a clean 54001, never a crash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace basalt::sql::testing {

// Sanitizer builds run some 20 times slower and have far bigger stack
// frames: there a million-term statement takes minutes to lex, and 1,000
// levels of nesting may already exceed the stack (54001).
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizedBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif
#else
inline constexpr bool kSanitizedBuild = false;
#endif

// The sizes every shape is tried at: 10 to a million, or to 100,000 in
// sanitizer builds (which still frees chains far too deep for recursion).
inline std::vector<size_t> DeepSizes() {
  if (kSanitizedBuild) return {10, 1'000, 100'000};
  return {10, 1'000, 100'000, 1'000'000};
}

struct DeepShape {
  const char* name;
  // A chain that the parser builds with a loop (left-deep, `1+1+1...`), as
  // opposed to nesting it reaches through recursion (`((((1))))`).
  bool chain;
  // The statement with `n` operators, nesting levels or terms.
  std::string (*make)(size_t n);
};

namespace deep_sql_internal {

inline std::string Repeat(std::string_view piece, size_t n) {
  std::string out;
  out.reserve(piece.size() * n);
  for (size_t i = 0; i < n; ++i) out += piece;
  return out;
}

// `first sep first sep ... first`, `n` times `first`.
inline std::string Join(std::string_view first, std::string_view sep, size_t n) {
  std::string out;
  out.reserve((first.size() + sep.size()) * n);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += sep;
    out += first;
  }
  return out;
}

}  // namespace deep_sql_internal

// Every shape. With n = 10 or 1,000 each one returns a single row whose
// value is DeepShapeResult(name, n).
inline const std::vector<DeepShape>& DeepShapes() {
  using deep_sql_internal::Join;
  using deep_sql_internal::Repeat;
  static const std::vector<DeepShape> shapes = {
      {"or", true, [](size_t n) { return "SELECT 1 WHERE " + Join("1=1", " OR ", n); }},
      {"and", true, [](size_t n) { return "SELECT 1 WHERE " + Join("1=1", " AND ", n); }},
      {"plus", true, [](size_t n) { return "SELECT " + Join("1", "+", n); }},
      {"concat", true, [](size_t n) { return "SELECT " + Join("'a'", "||", n); }},
      {"cast", true, [](size_t n) { return "SELECT 1" + Repeat("::int", n); }},
      {"union", true, [](size_t n) { return Join("SELECT 1", " UNION ", n); }},
      {"parens", false, [](size_t n) { return "SELECT " + Repeat("(", n) + "1" + Repeat(")", n); }},
      {"right-or", false,
       [](size_t n) {
         return "SELECT 1 WHERE " + Repeat("1=1 OR (", n - 1) + "1=1" + Repeat(")", n - 1);
       }},
      {"case", false,
       [](size_t n) {
         return "SELECT " + Repeat("CASE WHEN true THEN ", n) + "1" + Repeat(" END", n);
       }},
      {"case-else", false,
       [](size_t n) {
         return "SELECT " + Repeat("CASE WHEN false THEN 0 ELSE ", n) + "1" + Repeat(" END", n);
       }},
      {"function", false,
       [](size_t n) { return "SELECT " + Repeat("abs(", n) + "1" + Repeat(")", n); }},
      {"subquery", false,
       [](size_t n) { return "SELECT " + Repeat("(SELECT ", n) + "1" + Repeat(")", n); }},
      {"minus", false, [](size_t n) { return "SELECT " + Repeat("- ", n) + "1"; }},
      {"not", false, [](size_t n) { return "SELECT " + Repeat("NOT ", n) + "true"; }},
  };
  return shapes;
}

// The one value a shape's statement returns with n terms (see DeepShapes).
inline std::string DeepShapeResult(std::string_view name, size_t n) {
  if (name == "plus") return std::to_string(n);
  if (name == "concat") return std::string(n, 'a');
  if (name == "minus") return n % 2 == 0 ? "1" : "-1";
  if (name == "not") return n % 2 == 0 ? "t" : "f";
  return "1";
}

}  // namespace basalt::sql::testing
