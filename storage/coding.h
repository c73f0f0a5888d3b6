// Byte-level helpers shared by the codecs: big-endian fixed-width integers
// (memcomparable keys, the changelog key) and LEB128 varints (row format).
// Header-only because every call site is a hot path.
#pragma once

#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace basalt::storage {

// The Append* functions fill a local buffer and append it once: a push_back
// per byte (a capacity check each) was a visible part of building group
// and join keys per row.
inline void AppendBigEndian(uint64_t v, int bytes, std::string* out) {
  assert(bytes >= 0 && bytes <= 8);
  char buffer[8];
  for (int i = 0; i < bytes; ++i) {
    buffer[i] = static_cast<char>((v >> (8 * (bytes - 1 - i))) & 0xff);
  }
  out->append(buffer, static_cast<size_t>(bytes));
}
inline void AppendBigEndian32(uint32_t v, std::string* out) {
  AppendBigEndian(v, 4, out);
}
inline void AppendBigEndian64(uint64_t v, std::string* out) {
  AppendBigEndian(v, 8, out);
}

// REQUIRES: data holds at least `bytes` bytes.
inline uint64_t ReadBigEndian(std::string_view data, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<uint8_t>(data[i]);
  return v;
}

inline void AppendLittleEndian(uint64_t v, int bytes, std::string* out) {
  assert(bytes >= 0 && bytes <= 8);
  char buffer[8];
  for (int i = 0; i < bytes; ++i) buffer[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out->append(buffer, static_cast<size_t>(bytes));
}
inline uint64_t ReadLittleEndian(std::string_view data, int bytes) {
  assert(bytes >= 0 && bytes <= 8);
  uint64_t v = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&v, data.data(), static_cast<size_t>(bytes));  // one load, not a byte loop
  } else {
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(data[i]);
  }
  return v;
}

inline void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Consumes a varint from the front of *input; false if truncated or longer
// than 10 bytes.
inline bool ReadVarint(std::string_view* input, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !input->empty(); shift += 7) {
    uint8_t byte = static_cast<uint8_t>(input->front());
    input->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

inline uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t UnZigZag(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

}  // namespace basalt::storage
