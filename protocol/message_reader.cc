#include "protocol/message_reader.h"

#include <cstring>

#include <fmt/format.h>

#include "protocol/frontend_message.h"
#include "protocol/wire_buffer.h"

namespace basalt::protocol {

namespace {
Status ProtocolViolation(std::string message) {
  return Status::Error(sqlstate::kProtocolViolation, std::move(message));
}
}  // namespace

std::span<char> MessageReader::PrepareWrite(size_t min_bytes) {
  // Slide unconsumed bytes to the front before growing, so a long-lived
  // connection's buffer stays the size of its largest message.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < min_bytes) buf_.resize(end_ + min_bytes);
  return std::span<char>(buf_.data() + end_, buf_.size() - end_);
}

void MessageReader::CommitWrite(size_t bytes) {
  end_ += bytes;
}

void MessageReader::Append(std::string_view bytes) {
  // An empty buffer has no storage yet: memcpy from or to nullptr is UB even
  // for zero bytes.
  if (bytes.empty()) return;
  std::span<char> room = PrepareWrite(bytes.size());
  std::memcpy(room.data(), bytes.data(), bytes.size());
  CommitWrite(bytes.size());
}

Result<std::optional<Frame>> MessageReader::Next() {
  return startup_phase_ ? NextStartupPacket() : NextMessage();
}

Result<std::optional<Frame>> MessageReader::NextStartupPacket() {
  if (buffered() < 4) return std::optional<Frame>();
  const int32_t length = DecodeInt32(buf_.data() + begin_);
  // The length counts itself and must leave room for the protocol code; the
  // limit applies to the rest, as in PostgreSQL.
  if (length < 8 || static_cast<size_t>(length) - 4 > kMaxStartupPacketLength) {
    return ProtocolViolation("invalid length of startup packet");
  }
  if (buffered() < static_cast<size_t>(length)) return std::optional<Frame>();
  Frame frame{0, std::string_view(buf_.data() + begin_ + 4, static_cast<size_t>(length) - 4)};
  begin_ += static_cast<size_t>(length);
  // Only the encryption requests keep us in the startup phase: the client
  // sends its real startup packet after our answer.
  const int32_t code = DecodeInt32(frame.payload.data());
  if (code != kSslRequestCode && code != kGssEncRequestCode) startup_phase_ = false;
  return std::optional<Frame>(frame);
}

Result<std::optional<Frame>> MessageReader::NextMessage() {
  if (buffered() < 1) return std::optional<Frame>();
  const char type = buf_[begin_];
  // As PostgreSQL: an unknown type is fatal before its length is even read,
  // because we cannot trust the length of a message we do not know.
  if (!IsFrontendMessageType(type)) {
    return ProtocolViolation(
        fmt::format("invalid frontend message type {}", int{static_cast<unsigned char>(type)}));
  }
  if (buffered() < 5) return std::optional<Frame>();
  const int32_t length = DecodeInt32(buf_.data() + begin_ + 1);
  const size_t limit =
      IsLargeFrontendMessageType(type) ? kMaxLargeMessageLength : kMaxSmallMessageLength;
  if (length < 4 || static_cast<size_t>(length) > limit) {
    return ProtocolViolation("invalid message length");
  }
  const size_t total = 1 + static_cast<size_t>(length);
  if (buffered() < total) return std::optional<Frame>();
  Frame frame{type, std::string_view(buf_.data() + begin_ + 5, static_cast<size_t>(length) - 4)};
  begin_ += total;
  return std::optional<Frame>(frame);
}

}  // namespace basalt::protocol
