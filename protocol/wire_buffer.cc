#include "protocol/wire_buffer.h"

namespace basalt::protocol {

namespace {
Status Malformed(std::string message) {
  return Status::Error(sqlstate::kProtocolViolation, std::move(message));
}
}  // namespace

Result<int16_t> PayloadReader::ReadInt16() {
  if (rest_.size() < 2) return Malformed("insufficient data left in message");
  const auto* b = reinterpret_cast<const unsigned char*>(rest_.data());
  const auto v = static_cast<int16_t>(static_cast<uint16_t>((b[0] << 8) | b[1]));
  rest_.remove_prefix(2);
  return v;
}

Result<int32_t> PayloadReader::ReadInt32() {
  if (rest_.size() < 4) return Malformed("insufficient data left in message");
  const int32_t v = DecodeInt32(rest_.data());
  rest_.remove_prefix(4);
  return v;
}

Result<std::string> PayloadReader::ReadCString() {
  const size_t end = rest_.find('\0');
  if (end == std::string_view::npos) return Malformed("invalid string in message");
  std::string s(rest_.substr(0, end));
  rest_.remove_prefix(end + 1);
  return s;
}

Result<std::string> PayloadReader::ReadBytes(size_t n) {
  if (rest_.size() < n) return Malformed("insufficient data left in message");
  std::string s(rest_.substr(0, n));
  rest_.remove_prefix(n);
  return s;
}

Status PayloadReader::ExpectEnd() const {
  if (!rest_.empty()) return Malformed("invalid message format");
  return Status::OK();
}

}  // namespace basalt::protocol
