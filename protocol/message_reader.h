// MessageReader: incremental framing of the bytes a client sends. The
// connection appends whatever the socket delivered; Next() hands back one
// complete frame at a time. Knows no sockets.
//
// Two phases, as in PostgreSQL: at first a frame is a startup-phase packet
// (int32 length including itself, int32 protocol code, body); after a packet
// that is not an SSLRequest/GSSENCRequest, frames are regular messages
// (type byte, int32 length including itself, payload).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace basalt::protocol {

// PostgreSQL's MAX_STARTUP_PACKET_LENGTH.
inline constexpr size_t kMaxStartupPacketLength = 10000;
// PostgreSQL's PQ_SMALL_MESSAGE_LIMIT and PQ_LARGE_MESSAGE_LIMIT: Query,
// Parse, Bind and CopyData may be large, everything else is small.
inline constexpr size_t kMaxSmallMessageLength = 10000;
inline constexpr size_t kMaxLargeMessageLength = 0x3fffffff - 1;

struct Frame {
  // 0 for a startup-phase packet; otherwise the message type byte.
  char type = 0;
  // Startup packet: from the protocol code on. Regular message: the bytes
  // after the length word. Valid until the next call on the reader.
  std::string_view payload;
};

class MessageReader {
 public:
  MessageReader() = default;
  MessageReader(const MessageReader&) = delete;
  MessageReader& operator=(const MessageReader&) = delete;

  // Room for at least `min_bytes` more input; fill a prefix of it and call
  // CommitWrite with the count. Invalidates the payload of the last frame.
  std::span<char> PrepareWrite(size_t min_bytes);
  void CommitWrite(size_t bytes);
  // PrepareWrite + copy + CommitWrite, for tests and small inputs.
  void Append(std::string_view bytes);

  // The next complete frame; nullopt when more bytes are needed. A failed
  // Status means the stream can no longer be framed (bad length, unknown
  // message type): report it as FATAL and close the connection.
  Result<std::optional<Frame>> Next();

  // Whether the next frame is a startup-phase packet.
  bool in_startup_phase() const { return startup_phase_; }
  // Bytes received but not yet returned in a frame.
  size_t buffered() const { return end_ - begin_; }

 private:
  Result<std::optional<Frame>> NextStartupPacket();
  Result<std::optional<Frame>> NextMessage();

  std::vector<char> buf_;
  size_t begin_ = 0;  // first unconsumed byte
  size_t end_ = 0;    // one past the last received byte
  bool startup_phase_ = true;
};

}  // namespace basalt::protocol
