#include "common/bytea.h"

#include "common/bytea_encoding.h"
#include "common/session_formats.h"

namespace basalt {
Result<std::string> ParseBytea(std::string_view text) {
  // Only a lower-case x marks the hex format, as in PostgreSQL.
  if (text.starts_with("\\x")) return DecodeBytes(text.substr(2), ByteaEncoding::kHex);
  return DecodeBytes(text, ByteaEncoding::kEscape);
}

void AppendByteaHex(std::string_view bytes, std::string* out) {
  out->append("\\x");
  out->append(EncodeBytes(bytes, ByteaEncoding::kHex));
}

void AppendByteaEscape(std::string_view bytes, std::string* out) {
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '\\') {
      out->append("\\\\");
    } else if (b < 0x20 || b > 0x7e) {
      out->push_back('\\');
      out->push_back(static_cast<char>('0' + (b >> 6)));
      out->push_back(static_cast<char>('0' + ((b >> 3) & 7)));
      out->push_back(static_cast<char>('0' + (b & 7)));
    } else {
      out->push_back(c);
    }
  }
}

void AppendByteaText(std::string_view bytes, std::string* out) {
  if (CurrentSessionFormats().bytea_output == ByteaOutput::kEscape) {
    AppendByteaEscape(bytes, out);
  } else {
    AppendByteaHex(bytes, out);
  }
}

}  // namespace basalt
