#include "common/uuid.h"

#include <fmt/format.h>

#include "common/password_hash.h"

namespace basalt {
namespace {

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status InvalidUuid(std::string_view text) {
  return Status::Error(sqlstate::kInvalidTextRepresentation,
                       fmt::format("invalid input syntax for type uuid: \"{}\"", text));
}

}  // namespace

Result<std::string> ParseUuid(std::string_view text) {
  std::string_view rest = text;
  const bool braces = rest.starts_with('{');
  if (braces) rest.remove_prefix(1);
  std::string bytes;
  bytes.reserve(kUuidBytes);
  for (size_t i = 0; i < kUuidBytes; ++i) {
    if (rest.size() < 2) return InvalidUuid(text);
    const int high = HexDigitValue(rest[0]);
    const int low = HexDigitValue(rest[1]);
    if (high < 0 || low < 0) return InvalidUuid(text);
    bytes.push_back(static_cast<char>((high << 4) | low));
    rest.remove_prefix(2);
    // A hyphen may follow every second byte (four digits), not the last.
    const bool group_end = i % 2 == 1 && i + 1 < kUuidBytes;
    if (group_end && rest.starts_with('-')) rest.remove_prefix(1);
  }
  if (braces) {
    if (!rest.starts_with('}')) return InvalidUuid(text);
    rest.remove_prefix(1);
  }
  if (!rest.empty()) return InvalidUuid(text);
  return bytes;
}

void AppendUuidText(std::string_view bytes, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out->push_back('-');
    const auto b = static_cast<unsigned char>(bytes[i]);
    out->push_back(kDigits[b >> 4]);
    out->push_back(kDigits[b & 0xf]);
  }
}

std::string RandomUuid() {
  std::string bytes = RandomBytes(kUuidBytes);
  // RFC 4122 section 4.4: version 4 in the high nibble of byte 6, the
  // variant bits 10 in the top of byte 8.
  bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0f) | 0x40);
  bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3f) | 0x80);
  return bytes;
}

}  // namespace basalt
