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

// The fixed-width helpers move a whole word: a push_back per byte (a
// capacity check each) was a visible part of building keys per row, and
// bytes stored one by one then loaded as one word stall the load.
inline uint64_t HostToBigEndian(uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) return __builtin_bswap64(v);
  return v;
}
inline uint64_t HostToLittleEndian(uint64_t v) {
  if constexpr (std::endian::native == std::endian::big) return __builtin_bswap64(v);
  return v;
}

inline void AppendBigEndian(uint64_t v, int bytes, std::string* out) {
  assert(bytes >= 0 && bytes <= 8);
  if (bytes == 0) return;
  // The low `bytes` bytes, most significant first: the top of the word.
  const uint64_t word = HostToBigEndian(v << (64 - 8 * bytes));
  char buffer[8];
  std::memcpy(buffer, &word, 8);
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
  const uint64_t word = HostToLittleEndian(v);
  char buffer[8];
  std::memcpy(buffer, &word, 8);
  out->append(buffer, static_cast<size_t>(bytes));
}
// REQUIRES: data holds at least `bytes` bytes.
inline uint64_t ReadLittleEndian(std::string_view data, int bytes) {
  assert(bytes >= 0 && bytes <= 8);
  if constexpr (std::endian::native == std::endian::little) {
    // Loads of the common widths, each one instruction.
    switch (bytes) {
      case 8: {
        uint64_t v;
        std::memcpy(&v, data.data(), 8);
        return v;
      }
      case 4: {
        uint32_t v;
        std::memcpy(&v, data.data(), 4);
        return v;
      }
      case 2: {
        uint16_t v;
        std::memcpy(&v, data.data(), 2);
        return v;
      }
      default: break;
    }
  }
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(data[i]);
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
