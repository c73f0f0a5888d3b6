#include "sql/execution/bytea_function.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>

#include "common/bytea_encoding.h"
#include "common/error.h"
#include "common/password_hash.h"
#include "common/uuid.h"
#include "common/value_binary.h"

namespace basalt::sql {
namespace {

Value Bytes(std::string bytes) {
  return Value::String(std::move(bytes));
}

template <typename T>
T OrThrow(Result<T> result) {
  if (!result.ok()) throw Error::FromStatus(result.status());
  return std::move(*result);
}

// bytea_substring: the bytes at positions start .. start + count - 1 that
// exist (positions count from 1).
std::string Substring(std::string_view s, int64_t start, std::optional<int64_t> count) {
  if (count && *count < 0) {
    throw Error(sqlstate::kSubstringError, "negative substring length not allowed");
  }
  const int64_t n = static_cast<int64_t>(s.size());
  const int64_t first = std::max<int64_t>(start, 1);
  const int64_t last = count ? std::min<int64_t>(start + *count - 1, n) : n;
  if (last < first) return "";
  return std::string(
      s.substr(static_cast<size_t>(first - 1), static_cast<size_t>(last - first + 1)));
}

// byteapos: the 1-based position of the first occurrence; 1 for an empty
// pattern, 0 when absent.
int64_t Position(std::string_view s, std::string_view pattern) {
  const size_t at = s.find(pattern);
  return at == std::string_view::npos ? 0 : static_cast<int64_t>(at) + 1;
}

// byteatrim: removes the bytes of `set` from either end.
std::string Trim(std::string_view s, std::string_view set, bool leading, bool trailing) {
  size_t begin = 0;
  size_t end = s.size();
  auto removed = [&](char c) { return set.find(c) != std::string_view::npos; };
  while (leading && begin < end && removed(s[begin])) ++begin;
  while (trailing && end > begin && removed(s[end - 1])) --end;
  return std::string(s.substr(begin, end - begin));
}

[[noreturn]] void IndexOutOfRange(int64_t index, int64_t last) {
  throw Error(sqlstate::kArraySubscriptError,
              fmt::format("index {} out of valid range, 0..{}", index, last));
}

size_t CheckedByteIndex(std::string_view s, int64_t index) {
  const int64_t size = static_cast<int64_t>(s.size());
  if (index < 0 || index >= size) IndexOutOfRange(index, size - 1);
  return static_cast<size_t>(index);
}

// Bits count from the lowest of the first byte (PostgreSQL's byteaGetBit).
size_t CheckedBitIndex(std::string_view s, int64_t index) {
  const int64_t bits = static_cast<int64_t>(s.size()) * 8;
  if (index < 0 || index >= bits) IndexOutOfRange(index, bits - 1);
  return static_cast<size_t>(index);
}

std::string Digest(std::string_view data, const EVP_MD* md) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr) != 1) {
    throw Error(sqlstate::kInternalError, "could not compute the digest");
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

ByteaEncoding EncodingOrThrow(std::string_view name) {
  std::optional<ByteaEncoding> encoding = ByteaEncodingFromName(name);
  if (!encoding) {
    throw Error(sqlstate::kInvalidParameterValue,
                fmt::format("unrecognized encoding: \"{}\"", name));
  }
  return *encoding;
}

// The character encodings convert_to / convert_from know: the database's
// UTF8 and LATIN1. Names compare as PostgreSQL's clean_encoding_name does
// (letters and digits only, any case).
enum class CharacterEncoding { kUtf8, kLatin1 };

std::optional<CharacterEncoding> CharacterEncodingFromName(std::string_view name) {
  std::string clean;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      clean.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (clean == "utf8" || clean == "unicode") return CharacterEncoding::kUtf8;
  if (clean == "latin1" || clean == "iso88591") return CharacterEncoding::kLatin1;
  return std::nullopt;
}

// `role` names the argument in the error: "source encoding", "encoding".
CharacterEncoding CharacterEncodingOrThrow(std::string_view name, std::string_view role) {
  std::optional<CharacterEncoding> encoding = CharacterEncodingFromName(name);
  if (!encoding) {
    throw Error(sqlstate::kInvalidParameterValue,
                fmt::format("invalid {} name \"{}\"", role, name));
  }
  return *encoding;
}

// convert_to(text, 'LATIN1'): each code point below 256 as one byte.
std::string Utf8ToLatin1(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      out.push_back(text[i++]);
      continue;
    }
    const size_t n = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    if (n == 2 && lead <= 0xc3 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      out.push_back(static_cast<char>(((lead & 0x1f) << 6) | (next & 0x3f)));
      i += 2;
      continue;
    }
    std::string shown;
    for (size_t k = i; k < i + n && k < text.size(); ++k) {
      if (!shown.empty()) shown += ' ';
      shown += fmt::format("0x{:02x}", static_cast<unsigned char>(text[k]));
    }
    throw Error(sqlstate::kUntranslatableCharacter,
                fmt::format("character with byte sequence {} in encoding \"UTF8\" has no "
                            "equivalent in encoding \"LATIN1\"",
                            shown));
  }
  return out;
}

// convert_from(bytes, 'LATIN1'): every byte is the code point of its value.
std::string Latin1ToUtf8(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b == 0) {
      throw Error(sqlstate::kCharacterNotInRepertoire,
                  "invalid byte sequence for encoding \"LATIN1\": 0x00");
    }
    if (b < 0x80) {
      out.push_back(c);
    } else {
      out.push_back(static_cast<char>(0xc0 | (b >> 6)));
      out.push_back(static_cast<char>(0x80 | (b & 0x3f)));
    }
  }
  return out;
}

// Text (UTF-8) from bytes in `encoding`, verified: 22021 for bytes that
// are not valid there.
std::string ToUtf8(std::string_view bytes, CharacterEncoding encoding) {
  if (encoding == CharacterEncoding::kLatin1) return Latin1ToUtf8(bytes);
  if (Status valid = CheckUtf8(bytes); !valid.ok()) throw Error::FromStatus(valid);
  return std::string(bytes);
}

// Bytes in `encoding` from text: 22P05 for a character it lacks.
std::string FromUtf8(std::string_view text, CharacterEncoding encoding) {
  if (encoding == CharacterEncoding::kLatin1) return Utf8ToLatin1(text);
  return std::string(text);
}

}  // namespace

bool IsByteaFunction(ScalarFunction f) {
  return f >= ScalarFunction::kByteaLength && f <= ScalarFunction::kGenRandomUuid;
}

Value EvaluateByteaFunction(const BoundExpr& call, const std::vector<Value>& a) {
  for (const Value& v : a) {
    if (v.is_null()) return Value::Null();
  }
  auto bytes = [&](size_t i) -> std::string_view { return a[i].AsString(); };
  switch (call.function) {
    case ScalarFunction::kByteaLength: return Value::Int(static_cast<int64_t>(bytes(0).size()));
    case ScalarFunction::kLengthInEncoding: {
      if (CharacterEncodingOrThrow(bytes(1), "encoding") == CharacterEncoding::kLatin1) {
        return Value::Int(static_cast<int64_t>(bytes(0).size()));
      }
      // length_in_encoding verifies the bytes, then counts characters.
      if (Status valid = CheckUtf8(bytes(0)); !valid.ok()) throw Error::FromStatus(valid);
      return Value::Int(
          static_cast<int64_t>(std::count_if(bytes(0).begin(), bytes(0).end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
          })));
    }
    case ScalarFunction::kByteaBitLength:
      return Value::Int(static_cast<int64_t>(bytes(0).size()) * 8);
    case ScalarFunction::kByteaSubstr:
      return Bytes(Substring(bytes(0), a[1].AsInt(),
                             a.size() == 3 ? std::optional(a[2].AsInt()) : std::nullopt));
    case ScalarFunction::kByteaPosition: return Value::Int(Position(bytes(0), bytes(1)));
    case ScalarFunction::kByteaBtrim:
    case ScalarFunction::kByteaLtrim:
    case ScalarFunction::kByteaRtrim:
      return Bytes(Trim(bytes(0), bytes(1), call.function != ScalarFunction::kByteaRtrim,
                        call.function != ScalarFunction::kByteaLtrim));
    case ScalarFunction::kGetByte: {
      const size_t i = CheckedByteIndex(bytes(0), a[1].AsInt());
      return Value::Int(static_cast<unsigned char>(bytes(0)[i]));
    }
    case ScalarFunction::kSetByte: {
      std::string out(bytes(0));
      // The new value keeps its low 8 bits, as PostgreSQL's cast to char.
      out[CheckedByteIndex(out, a[1].AsInt())] = static_cast<char>(a[2].AsInt() & 0xff);
      return Bytes(std::move(out));
    }
    case ScalarFunction::kGetBit: {
      const size_t bit = CheckedBitIndex(bytes(0), a[1].AsInt());
      return Value::Int((static_cast<unsigned char>(bytes(0)[bit / 8]) >> (bit % 8)) & 1);
    }
    case ScalarFunction::kSetBit: {
      std::string out(bytes(0));
      const size_t bit = CheckedBitIndex(out, a[1].AsInt());
      const int64_t new_bit = a[2].AsInt();
      if (new_bit != 0 && new_bit != 1) {
        throw Error(sqlstate::kInvalidParameterValue, "new bit must be 0 or 1");
      }
      const auto mask = static_cast<unsigned char>(1u << (bit % 8));
      auto byte = static_cast<unsigned char>(out[bit / 8]);
      byte = new_bit ? (byte | mask) : (byte & ~mask);
      out[bit / 8] = static_cast<char>(byte);
      return Bytes(std::move(out));
    }
    case ScalarFunction::kEncode:
      return Value::String(EncodeBytes(bytes(0), EncodingOrThrow(bytes(1))));
    case ScalarFunction::kDecode:
      return Bytes(OrThrow(DecodeBytes(bytes(0), EncodingOrThrow(bytes(1)))));
    case ScalarFunction::kByteaMd5: return Value::String(Md5Hex(bytes(0)));
    case ScalarFunction::kSha224: return Bytes(Digest(bytes(0), EVP_sha224()));
    case ScalarFunction::kSha256: return Bytes(Digest(bytes(0), EVP_sha256()));
    case ScalarFunction::kSha384: return Bytes(Digest(bytes(0), EVP_sha384()));
    case ScalarFunction::kSha512: return Bytes(Digest(bytes(0), EVP_sha512()));
    case ScalarFunction::kConvertTo:
      return Bytes(FromUtf8(bytes(0), CharacterEncodingOrThrow(bytes(1), "destination encoding")));
    case ScalarFunction::kConvertFrom:
      return Value::String(ToUtf8(bytes(0), CharacterEncodingOrThrow(bytes(1), "source encoding")));
    case ScalarFunction::kConvert: {
      const CharacterEncoding source = CharacterEncodingOrThrow(bytes(1), "source encoding");
      const CharacterEncoding destination =
          CharacterEncodingOrThrow(bytes(2), "destination encoding");
      return Bytes(FromUtf8(ToUtf8(bytes(0), source), destination));
    }
    case ScalarFunction::kGenRandomUuid: return Value::String(RandomUuid());
    default: break;
  }
  throw Error(sqlstate::kInternalError, "unknown bytea function");
}

}  // namespace basalt::sql
