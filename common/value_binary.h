// PostgreSQL's binary representation of values: the send functions (what a
// client reads from a binary-format DataRow column) and the receive
// functions (binary-format Bind parameters). The formats are PostgreSQL 15's
// typsend/typreceive, byte for byte: big-endian integers, IEEE floats,
// numeric as base-10000 digits, date and timestamp counted from 2000-01-01,
// int4[] as array_send.
#pragma once

#include <string>
#include <string_view>

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt {

// Appends the binary form of a non-NULL value of type `type`, without the
// length word that frames it on the wire.
void AppendValueBinary(const Value& value, const DataType& type, std::string* out);
std::string ValueToBinary(const Value& value, const DataType& type);

// The receive function of `type`: reads one value from the front of
// `*bytes` and advances `*bytes` past what it consumed (text types take all
// of it). The type modifier is applied as the receive functions apply theirs
// (numeric(p,s) rounding, varchar(n) length, timestamp(p)). Errors, as
// PostgreSQL:
//   08P01 `insufficient data left in message` (`no data left in message`
//         for a missing bool byte) when the value is cut short;
//   22P03 for malformed data: `invalid sign in external "numeric" value`,
//         `invalid scale in external "numeric" value`, `invalid digit in
//         external "numeric" value`, `invalid array flags`, `invalid number
//         of dimensions: -1`, `improper binary format in array element 2`;
//   42804 `binary data has array element type 20 (bigint) instead of
//         expected 23 (integer)`; 54000 for array dimensions past the limits;
//   22008 `date out of range` / `timestamp out of range`;
//   22021 `invalid byte sequence for encoding "UTF8": 0xc3 0x28` in text;
//   22003 numeric values Basalt cannot hold (NaN, Infinity, > 38 digits);
//   0A000 arrays of more than one dimension or a lower bound other than 1.
Result<Value> ReadValueBinary(std::string_view* bytes, const DataType& type);

// The whole of `bytes` as one value of `type`: ReadValueBinary, and bytes
// left over are 22P03 `incorrect binary data format` (a Bind reports them
// as `incorrect binary data format in bind parameter N` instead).
Result<Value> ValueFromBinary(std::string_view bytes, const DataType& type);
// Whether `text` is valid UTF-8 without NUL bytes (what PostgreSQL accepts
// from a client): else 22021 `invalid byte sequence for encoding "UTF8":
// 0xc3 0x28`, naming the first bad character's bytes.
Status CheckUtf8(std::string_view text);

}  // namespace basalt
