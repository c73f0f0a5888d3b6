// bytea: raw bytes, held in a Value as a string (any byte, NUL included).
// Strings compare as memcmp and then by length, which is PostgreSQL's
// byteacmp, so comparing the strings compares the values.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace basalt {

// byteain: `\x` followed by hex pairs (blanks between pairs allowed), or
// the escape format, where `\\` is a backslash, `\ooo` an octal byte and
// every other byte itself. Errors as common/bytea_encoding.h's decode of
// hex and escape (22023 for bad hex, 22P02 for a lone backslash).
Result<std::string> ParseBytea(std::string_view text);

// byteaout with bytea_output = 'hex': `\x` and two lower-case digits a byte.
void AppendByteaHex(std::string_view bytes, std::string* out);
// byteaout with bytea_output = 'escape': printable ASCII as itself, a
// backslash as `\\`, every other byte as `\ooo`.
void AppendByteaEscape(std::string_view bytes, std::string* out);

// The session's bytea_output: which of the two forms above the output
// function writes. Per thread, like the session's TimeZone
// (common/time_zone.h): a session's entry points set it for their thread.
enum class ByteaOutput { kHex, kEscape };
ByteaOutput SessionByteaOutput();
// Sets this thread's bytea_output (inside a ScopedSessionByteaOutput, which
// restores the previous one).
void SetSessionByteaOutput(ByteaOutput output);
class ScopedSessionByteaOutput {
 public:
  explicit ScopedSessionByteaOutput(ByteaOutput output);
  ~ScopedSessionByteaOutput();
  ScopedSessionByteaOutput(const ScopedSessionByteaOutput&) = delete;
  ScopedSessionByteaOutput& operator=(const ScopedSessionByteaOutput&) = delete;

 private:
  ByteaOutput previous_;
};

// byteaout: the form the session's bytea_output chooses.
void AppendByteaText(std::string_view bytes, std::string* out);

}  // namespace basalt
