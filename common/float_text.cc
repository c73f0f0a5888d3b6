#include "common/float_text.h"

#include <fmt/format.h>

#include <strings.h>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace basalt {
namespace {

// PostgreSQL switches to exponential notation at these decimal exponents
// (DOUBLE_FMT_SHORTEST_MAX_SCI_EXP / FLOAT_FMT_SHORTEST_MAX_SCI_EXP).
constexpr int kMinPlainExponent = -4;
constexpr int kFloat8MaxPlainExponent = 15;
constexpr int kFloat4MaxPlainExponent = 6;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

template <typename T>
void AppendShortest(T v, int max_plain_exponent, std::string* out) {
  if (std::isnan(v)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(v)) {
    out->append(v < 0 ? "-Infinity" : "Infinity");
    return;
  }
  // std::to_chars gives the shortest round-trip digits (as Ryu, which
  // PostgreSQL uses); only the layout is ours.
  char sci[64];
  char* end = std::to_chars(sci, sci + sizeof(sci), v, std::chars_format::scientific).ptr;
  std::string_view text(sci, static_cast<size_t>(end - sci));
  size_t e = text.find('e');
  std::string_view exponent_text = text.substr(e + 1);  // "+02", "-05"
  int exponent = 0;
  std::from_chars(exponent_text.data() + 1, exponent_text.data() + exponent_text.size(), exponent);
  if (exponent_text.front() == '-') exponent = -exponent;
  if (exponent < kMinPlainExponent || exponent >= max_plain_exponent) {
    out->append(text);
    return;
  }
  std::string_view mantissa = text.substr(0, e);
  if (mantissa.front() == '-') {
    out->push_back('-');
    mantissa.remove_prefix(1);
  }
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits.push_back(c);
  }
  if (exponent < 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-exponent - 1), '0');
    out->append(digits);
    return;
  }
  size_t integer_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    out->append(digits);
    out->append(integer_digits - digits.size(), '0');
  } else {
    out->append(digits, 0, integer_digits);
    out->push_back('.');
    out->append(digits, integer_digits, std::string::npos);
  }
}

// Parses like PostgreSQL's float8in/float4in, with `convert` being strtod or
// strtof; `type_name` is used in messages.
template <typename T, typename Convert>
Result<T> ParseFloat(std::string_view text, const char* type_name, Convert convert) {
  auto syntax_error = [&] {
    return Status::Error(sqlstate::kInvalidTextRepresentation,
                         fmt::format("invalid input syntax for type {}: \"{}\"", type_name, text));
  };
  size_t begin = 0, end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  std::string body(text.substr(begin, end - begin));
  if (body.empty()) return syntax_error();

  // The special words are matched explicitly, as PostgreSQL does, so that
  // strtod's "nan(...)" forms are not accepted.
  const char* word = body.c_str();
  bool negative = *word == '-';
  if (*word == '-' || *word == '+') ++word;
  if (strcasecmp(word, "nan") == 0) return std::numeric_limits<T>::quiet_NaN();
  if (strcasecmp(word, "infinity") == 0 || strcasecmp(word, "inf") == 0) {
    return negative ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
  }

  char* parsed_end = nullptr;
  errno = 0;
  T v = convert(body.c_str(), &parsed_end);
  if (parsed_end == body.c_str() || *parsed_end != '\0') return syntax_error();
  // Denormals also set ERANGE, but PostgreSQL accepts them.
  if (errno == ERANGE && (v == 0 || std::isinf(v))) {
    return Status::Error(sqlstate::kNumericValueOutOfRange,
                         fmt::format("\"{}\" is out of range for type {}", text, type_name));
  }
  if (std::isnan(v) || std::isinf(v)) return syntax_error();  // "nan(...)" and friends
  return v;
}

}  // namespace

void AppendFloat8Text(double v, std::string* out) {
  AppendShortest(v, kFloat8MaxPlainExponent, out);
}

void AppendFloat4Text(float v, std::string* out) {
  AppendShortest(v, kFloat4MaxPlainExponent, out);
}

Result<double> ParseFloat8(std::string_view text) {
  return ParseFloat<double>(text, "double precision",
                            [](const char* s, char** end) { return std::strtod(s, end); });
}

Result<float> ParseFloat4(std::string_view text) {
  return ParseFloat<float>(text, "real",
                           [](const char* s, char** end) { return std::strtof(s, end); });
}

}  // namespace basalt
