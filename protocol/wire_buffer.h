// Big-endian integer and C-string primitives of the PostgreSQL v3 wire format:
// appending them to an output buffer, and reading them back out of a message
// payload with bounds checks (a malformed payload is a Status, never a crash).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt::protocol {

inline void AppendInt16(std::string* out, int16_t v) {
  const auto u = static_cast<uint16_t>(v);
  out->push_back(static_cast<char>(u >> 8));
  out->push_back(static_cast<char>(u & 0xff));
}

inline void AppendInt32(std::string* out, int32_t v) {
  const auto u = static_cast<uint32_t>(v);
  out->push_back(static_cast<char>(u >> 24));
  out->push_back(static_cast<char>((u >> 16) & 0xff));
  out->push_back(static_cast<char>((u >> 8) & 0xff));
  out->push_back(static_cast<char>(u & 0xff));
}

// A NUL-terminated string, as the protocol's String type.
inline void AppendCString(std::string* out, std::string_view s) {
  out->append(s);
  out->push_back('\0');
}

// Decodes an int32 stored big-endian at `p` (at least 4 readable bytes).
inline int32_t DecodeInt32(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return static_cast<int32_t>((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) |
                              (uint32_t{b[2]} << 8) | uint32_t{b[3]});
}

// Reads fields from one message payload, front to back. Every getter fails
// with 08P01 instead of reading past the end, so a lying client cannot make
// the server read out of bounds.
class PayloadReader {
 public:
  explicit PayloadReader(std::string_view payload) : rest_(payload) {}

  Result<int16_t> ReadInt16();
  Result<int32_t> ReadInt32();
  // A NUL-terminated string; the terminator is consumed, not returned.
  Result<std::string> ReadCString();
  // `n` raw bytes.
  Result<std::string> ReadBytes(size_t n);
  // Fails unless every byte was consumed (PostgreSQL's pq_getmsgend).
  Status ExpectEnd() const;

  size_t remaining() const { return rest_.size(); }

 private:
  std::string_view rest_;
};

}  // namespace basalt::protocol
