#include "common/bytea_encoding.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace basalt {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kBase64Digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// PostgreSQL's base64 output breaks its lines at this width.
constexpr size_t kBase64LineWidth = 76;

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The whole UTF-8 character starting at `s`, for error messages that quote
// an offending character (PostgreSQL's pg_mblen).
std::string_view CharacterAt(std::string_view s) {
  const auto lead = static_cast<unsigned char>(s[0]);
  const size_t n = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  return s.substr(0, std::min(n, s.size()));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int Base64Value(char c) {
  const char* end = kBase64Digits + 64;
  const char* at = std::find(kBase64Digits, end, c);
  return at == end ? -1 : static_cast<int>(at - kBase64Digits);
}

Status InvalidParameter(std::string message) {
  return Status::Error(sqlstate::kInvalidParameterValue, std::move(message));
}

Result<std::string> DecodeHex(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 2);
  size_t i = 0;
  while (i < text.size()) {
    if (IsBlank(text[i])) {
      ++i;
      continue;
    }
    const int high = HexValue(text[i]);
    if (high < 0) {
      return InvalidParameter(
          fmt::format("invalid hexadecimal digit: \"{}\"", CharacterAt(text.substr(i))));
    }
    if (++i >= text.size()) {
      return InvalidParameter("invalid hexadecimal data: odd number of digits");
    }
    const int low = HexValue(text[i]);
    if (low < 0) {
      return InvalidParameter(
          fmt::format("invalid hexadecimal digit: \"{}\"", CharacterAt(text.substr(i))));
    }
    ++i;
    out.push_back(static_cast<char>((high << 4) | low));
  }
  return out;
}

Result<std::string> DecodeBase64(std::string_view text) {
  std::string out;
  uint32_t group = 0;
  int digits = 0;  // digits in `group`
  int padding = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsBlank(c)) continue;
    int value = 0;
    if (c == '=') {
      // Padding may only complete a group of two or three digits.
      if (padding == 0) {
        if (digits != 2 && digits != 3) {
          return InvalidParameter("unexpected \"=\" while decoding base64 sequence");
        }
        padding = 4 - digits;
      }
    } else {
      value = Base64Value(c);
      if (value < 0) {
        return InvalidParameter(
            fmt::format("invalid symbol \"{}\" found while decoding base64 sequence",
                        CharacterAt(text.substr(i))));
      }
    }
    group = (group << 6) | static_cast<uint32_t>(value);
    if (++digits == 4) {
      out.push_back(static_cast<char>(group >> 16));
      if (padding == 0 || padding == 1) out.push_back(static_cast<char>(group >> 8));
      if (padding == 0) out.push_back(static_cast<char>(group));
      group = 0;
      digits = 0;
    }
  }
  if (digits != 0) {
    return Status::Error(sqlstate::kInvalidParameterValue, "invalid base64 end sequence")
        .WithHint("Input data is missing padding, is truncated, or is otherwise corrupted.");
  }
  return out;
}

bool IsOctal(char c) {
  return c >= '0' && c <= '7';
}

Result<std::string> DecodeEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '\\') {
      out.push_back(text[i++]);
    } else if (i + 1 < text.size() && text[i + 1] == '\\') {
      out.push_back('\\');
      i += 2;
    } else if (i + 3 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '3' &&
               IsOctal(text[i + 2]) && IsOctal(text[i + 3])) {
      out.push_back(static_cast<char>(((text[i + 1] - '0') << 6) | ((text[i + 2] - '0') << 3) |
                                      (text[i + 3] - '0')));
      i += 4;
    } else {
      return Status::Error(sqlstate::kInvalidTextRepresentation,
                           "invalid input syntax for type bytea");
    }
  }
  return out;
}

void AppendOctal(unsigned char b, std::string* out) {
  out->push_back('\\');
  out->push_back(static_cast<char>('0' + (b >> 6)));
  out->push_back(static_cast<char>('0' + ((b >> 3) & 7)));
  out->push_back(static_cast<char>('0' + (b & 7)));
}

std::string EncodeBase64(std::string_view bytes) {
  std::string out;
  size_t line_start = 0;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t n = std::min<size_t>(3, bytes.size() - i);
    uint32_t group = 0;
    for (size_t k = 0; k < 3; ++k) {
      group = (group << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    }
    for (size_t k = 0; k < 4; ++k) {
      out.push_back(k <= n ? kBase64Digits[(group >> (18 - 6 * k)) & 0x3f] : '=');
    }
    // A full line ends with a newline, even the last one when nothing
    // follows (PostgreSQL checks the width after each complete group).
    if (n == 3 && out.size() - line_start >= kBase64LineWidth) {
      out.push_back('\n');
      line_start = out.size();
    }
  }
  return out;
}

}  // namespace

std::optional<ByteaEncoding> ByteaEncodingFromName(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "hex") return ByteaEncoding::kHex;
  if (lower == "base64") return ByteaEncoding::kBase64;
  if (lower == "escape") return ByteaEncoding::kEscape;
  return std::nullopt;
}

std::string EncodeBytes(std::string_view bytes, ByteaEncoding encoding) {
  std::string out;
  switch (encoding) {
    case ByteaEncoding::kHex:
      out.reserve(bytes.size() * 2);
      for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out.push_back(kHexDigits[b >> 4]);
        out.push_back(kHexDigits[b & 0xf]);
      }
      return out;
    case ByteaEncoding::kBase64: return EncodeBase64(bytes);
    case ByteaEncoding::kEscape:
      for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (b == 0 || b >= 0x80) {
          AppendOctal(b, &out);
        } else if (c == '\\') {
          out.append("\\\\");
        } else {
          out.push_back(c);
        }
      }
      return out;
  }
  return out;
}

Result<std::string> DecodeBytes(std::string_view text, ByteaEncoding encoding) {
  switch (encoding) {
    case ByteaEncoding::kHex: return DecodeHex(text);
    case ByteaEncoding::kBase64: return DecodeBase64(text);
    case ByteaEncoding::kEscape: return DecodeEscape(text);
  }
  return Status::Internal("unknown bytea encoding");
}

}  // namespace basalt
