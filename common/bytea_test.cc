// Expected values were taken from a PostgreSQL 15 server (`select
// '<text>'::bytea`, encode(), decode(), with bytea_output hex and escape).
#include "common/bytea.h"

#include <catch2/catch.hpp>

#include "common/bytea_encoding.h"
#include "common/session_formats.h"

namespace basalt {
namespace {

std::string Bytes(std::string_view text) {
  Result<std::string> bytes = ParseBytea(text);
  INFO(text);
  REQUIRE(bytes.ok());
  return *bytes;
}

std::string Hex(std::string_view bytes) {
  std::string out;
  AppendByteaHex(bytes, &out);
  return out;
}

Status InputError(std::string_view text) {
  Result<std::string> bytes = ParseBytea(text);
  INFO(text);
  REQUIRE_FALSE(bytes.ok());
  return bytes.status();
}

TEST_CASE("bytea input: hex with blanks between pairs, or escapes", "[bytea]") {
  CHECK(Hex(Bytes("\\x0102ff")) == "\\x0102ff");
  CHECK(Hex(Bytes("\\xDEADbeef")) == "\\xdeadbeef");
  CHECK(Hex(Bytes("\\x 01 02\t0a\n0b\r")) == "\\x01020a0b");
  CHECK(Hex(Bytes("\\x")) == "\\x");
  CHECK(Hex(Bytes("")) == "\\x");
  CHECK(Hex(Bytes("abc")) == "\\x616263");
  CHECK(Hex(Bytes("a\\\\b")) == "\\x615c62");
  CHECK(Hex(Bytes("a\\000b\\377")) == "\\x610062ff");
}

TEST_CASE("bytea input errors", "[bytea]") {
  Status st = InputError("\\x0g");
  CHECK(st.code() == sqlstate::kInvalidParameterValue);
  CHECK(st.message() == "invalid hexadecimal digit: \"g\"");
  CHECK(InputError("\\x123").message() == "invalid hexadecimal data: odd number of digits");
  // A blank inside a pair is a bad digit; a multibyte one is quoted whole.
  CHECK(InputError("\\x1 2").message() == "invalid hexadecimal digit: \" \"");
  CHECK(InputError("\\x\xc3\xa9"
                   "0")
            .message() == "invalid hexadecimal digit: \"\xc3\xa9\"");
  for (std::string_view text : {"abc\\", "a\\8bc", "a\\400", "a\\12", "\\X01"}) {
    st = InputError(text);
    CHECK(st.code() == sqlstate::kInvalidTextRepresentation);
    CHECK(st.message() == "invalid input syntax for type bytea");
  }
}

TEST_CASE("bytea output: hex, and escape for bytea_output = escape", "[bytea]") {
  const std::string bytes("\x00\x01\x5c\x7f\x80\xff\x41\x0a\x20", 9);
  CHECK(Hex(bytes) == "\\x00015c7f80ff410a20");
  std::string escaped;
  AppendByteaEscape(bytes, &escaped);
  CHECK(escaped == "\\000\\001\\\\\\177\\200\\377A\\012 ");
  std::string text;
  {
    ScopedSessionFormats escape({.bytea_output = ByteaOutput::kEscape});
    AppendByteaText("a\\", &text);
  }
  AppendByteaText("a\\", &text);
  CHECK(text == "a\\\\\\x615c");
}

TEST_CASE("encode: hex, base64 in 76-character lines, escape", "[bytea]") {
  const std::string bytes("\x00\x01\xff\x7f\x5c\x41", 6);
  CHECK(EncodeBytes(bytes, ByteaEncoding::kHex) == "0001ff7f5c41");
  CHECK(EncodeBytes(bytes, ByteaEncoding::kBase64) == "AAH/f1xB");
  CHECK(EncodeBytes(bytes, ByteaEncoding::kEscape) == "\\000\x01\\377\x7f\\\\A");
  CHECK(EncodeBytes("", ByteaEncoding::kBase64).empty());
  CHECK(EncodeBytes("a", ByteaEncoding::kBase64) == "YQ==");
  CHECK(EncodeBytes("ab", ByteaEncoding::kBase64) == "YWI=");
  std::string line;
  for (int i = 0; i < 19; ++i) line += "eHh4";
  CHECK(EncodeBytes(std::string(57, 'x'), ByteaEncoding::kBase64) == line + "\n");
  CHECK(EncodeBytes(std::string(58, 'x'), ByteaEncoding::kBase64) == line + "\neA==");
  CHECK(ByteaEncodingFromName("HEX") == ByteaEncoding::kHex);
  CHECK(ByteaEncodingFromName("Base64") == ByteaEncoding::kBase64);
  CHECK_FALSE(ByteaEncodingFromName("base32").has_value());
}

TEST_CASE("decode and its errors", "[bytea]") {
  CHECK(*DecodeBytes("0001FF7f", ByteaEncoding::kHex) == std::string("\x00\x01\xff\x7f", 4));
  CHECK(*DecodeBytes("AAH/f1xB", ByteaEncoding::kBase64) ==
        std::string("\x00\x01\xff\x7f\x5c\x41", 6));
  CHECK(*DecodeBytes("YW Jj\nZA==", ByteaEncoding::kBase64) == "abcd");
  CHECK(*DecodeBytes("YQ==YQ==", ByteaEncoding::kBase64) == "aa");
  CHECK(*DecodeBytes("a\\000b\\\\c\\101", ByteaEncoding::kEscape) == std::string("a\0b\\cA", 6));
  CHECK(DecodeBytes("0g", ByteaEncoding::kHex).status().message() ==
        "invalid hexadecimal digit: \"g\"");
  Status st = DecodeBytes("a", ByteaEncoding::kBase64).status();
  CHECK(st.code() == sqlstate::kInvalidParameterValue);
  CHECK(st.message() == "invalid base64 end sequence");
  CHECK(st.hint() == "Input data is missing padding, is truncated, or is otherwise corrupted.");
  CHECK(DecodeBytes("a%==", ByteaEncoding::kBase64).status().message() ==
        "invalid symbol \"%\" found while decoding base64 sequence");
  CHECK(DecodeBytes("a===", ByteaEncoding::kBase64).status().message() ==
        "unexpected \"=\" while decoding base64 sequence");
  CHECK(DecodeBytes("a\\", ByteaEncoding::kEscape).status().code() ==
        sqlstate::kInvalidTextRepresentation);
}

}  // namespace
}  // namespace basalt
