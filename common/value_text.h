// PostgreSQL's text representation of values: the output functions (what a
// client sees in a text-format DataRow or after ::text) and the input
// functions (string literals, COPY text, text-format parameters).
#pragma once

#include <string>
#include <string_view>

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt {

// Appends the text form of a non-NULL value of type `type`, exactly as
// PostgreSQL 15 prints it (DateStyle ISO, extra_float_digits 1):
// bool t/f, float8 shortest round-trip digits ("0.1", "1e+20", "Infinity",
// "NaN"), numeric with its scale, date "2024-01-31", timestamp
// "2024-01-31 12:00:00.5".
void AppendValueText(const Value& value, const DataType& type, std::string* out);
std::string ValueToText(const Value& value, const DataType& type);

// Parses text into a value of `type` as PostgreSQL's input functions do,
// including the type modifier (varchar(n) longer than n: 22001; numeric(p,s)
// rounding and 22003). Errors carry PostgreSQL's SQLSTATE and message, e.g.
// 22P02 `invalid input syntax for type integer: "abc"`, 22003
// `value "99999" is out of range for type smallint`.
Result<Value> ValueFromText(std::string_view text, const DataType& type);

// A character(n) value without its padding: what it compares, hashes and
// casts to text as (PostgreSQL's bcTruelen).
inline std::string_view WithoutTrailingBlanks(std::string_view s) {
  return s.substr(0, s.find_last_not_of(' ') + 1);
}

// The length rules of varchar(n) and character(n), counting UTF-8
// characters: a longer string is cut to n characters when `is_explicit` (an
// explicit cast) or when only spaces would be cut, otherwise 22001 `value
// too long for type character varying(n)`; character(n) pads a shorter one
// with spaces. Other types and unbounded lengths leave the text as it is.
Result<std::string> ApplyLengthTypmod(std::string text, const DataType& type, bool is_explicit);

}  // namespace basalt
