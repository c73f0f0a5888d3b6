#include "common/float_text.h"

#include <fmt/format.h>

#include <strings.h>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
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

// A decimal in scientific form reduced to its significant digits (no
// trailing zeros) and the exponent of the first one: "1.50e+02" -> {"15", 2}.
struct SignificantDigits {
  std::string digits;
  int exponent = 0;
  friend bool operator==(const SignificantDigits&, const SignificantDigits&) = default;
};

SignificantDigits Significant(std::string_view sci) {
  SignificantDigits d;
  size_t e = sci.find_first_of("eE");
  for (char c : sci.substr(0, e)) {
    if (c >= '0' && c <= '9') d.digits.push_back(c);
  }
  d.digits.erase(d.digits.find_last_not_of('0') + 1);
  std::string_view exponent = sci.substr(e + 1);
  bool negative = exponent.front() == '-';
  if (exponent.front() == '-' || exponent.front() == '+') exponent.remove_prefix(1);
  std::from_chars(exponent.data(), exponent.data() + exponent.size(), d.exponent);
  if (negative) d.exponent = -d.exponent;
  return d;
}

// A cheap sufficient test that the decimal `sci` is not a midpoint between two
// adjacent T values. Such a midpoint is an odd integer of at least 2^digits
// (53 bits for double, 24 for float) times a power of two. A decimal D * 10^p
// with D < 2^digits is either not a dyadic rational at all or has an odd part
// no larger than D, unless p > 0 lets the 5^p factor grow it: then the value
// is an integer, and a midpoint only if it reaches 2^digits.
template <typename T>
bool SurelyNotMidpoint(std::string_view sci) {
  constexpr uint64_t kBound = uint64_t{1} << std::numeric_limits<T>::digits;
  const size_t e = sci.find_first_of("eE");
  if (e == std::string_view::npos) return false;
  uint64_t mantissa = 0;
  int digits_after_point = 0;
  bool after_point = false;
  for (char c : sci.substr(0, e)) {
    if (c == '.') {
      after_point = true;
    } else if (c >= '0' && c <= '9') {
      if (mantissa >= kBound) return false;
      mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
      if (after_point) ++digits_after_point;
    }
  }
  if (mantissa >= kBound) return false;
  std::string_view exponent_text = sci.substr(e + 1);
  const bool negative = !exponent_text.empty() && exponent_text.front() == '-';
  if (!exponent_text.empty() && (exponent_text.front() == '-' || exponent_text.front() == '+')) {
    exponent_text.remove_prefix(1);
  }
  int exponent = 0;
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
  if (negative) exponent = -exponent;
  for (int p = exponent - digits_after_point; p > 0; --p) {
    mantissa *= 10;
    if (mantissa >= kBound) return false;
  }
  return true;
}

// Whether the decimal `sci` is exactly the midpoint between |v| and one of
// its neighbours. std::to_chars may return such a midpoint (it reads back to
// v under round-half-even), but PostgreSQL's Ryu is built without
// STRICTLY_SHORTEST and never does, so it prints one more digit there.
template <typename T>
bool IsRoundingMidpoint(T v, std::string_view sci) {
  T magnitude = std::fabs(v);
  if (magnitude == 0) return false;
  if (sci.front() == '-') sci.remove_prefix(1);
  if (SurelyNotMidpoint<T>(sci)) return false;  // most values: skips strtold
  // Midpoints of float and double values are exact in x87 long double.
  long double x = magnitude;
  long double down = std::nextafter(magnitude, T(0));
  T up = std::nextafter(magnitude, std::numeric_limits<T>::infinity());
  long double low = (x + down) / 2;
  long double high = std::isinf(up) ? x + (x - down) / 2 : (x + static_cast<long double>(up)) / 2;
  long double candidate = std::strtold(std::string(sci).c_str(), nullptr);
  if (candidate != low && candidate != high) return false;
  // strtold rounded: confirm with the midpoint's exact decimal expansion.
  char exact[1200];
  std::snprintf(exact, sizeof(exact), "%.1100Le", candidate == low ? low : high);
  return Significant(sci) == Significant(exact);
}

// The shortest scientific-notation digits PostgreSQL prints for v, e.g.
// "1.5e-07", "1e+20", "5.9329192e+07".
template <typename T>
std::string_view ShortestScientific(T v, char (&buf)[64]) {
  char* end = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific).ptr;
  std::string_view text(buf, static_cast<size_t>(end - buf));
  if (!IsRoundingMidpoint(v, text)) return text;
  int digits = static_cast<int>(Significant(text).digits.size());
  for (int precision = digits; precision <= std::numeric_limits<T>::max_digits10; ++precision) {
    end = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific, precision).ptr;
    text = std::string_view(buf, static_cast<size_t>(end - buf));
    T back{};
    std::from_chars(text.data(), text.data() + text.size(), back);
    if (back == v && !IsRoundingMidpoint(v, text)) break;
  }
  return text;
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
  char sci[64];
  std::string_view text = ShortestScientific(v, sci);
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
