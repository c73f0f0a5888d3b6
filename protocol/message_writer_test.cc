#include "protocol/message_writer.h"

#include <catch2/catch.hpp>

#include <string>

#include "common/error.h"
#include "protocol/error_response.h"

namespace basalt::protocol {
namespace {

// Builds expected bytes from a literal that may contain NULs.
template <size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

TEST_CASE("AuthenticationOk, ParameterStatus, BackendKeyData, ReadyForQuery") {
  MessageWriter w;
  w.AuthenticationOk();
  w.ParameterStatus("client_encoding", "UTF8");
  w.BackendKeyData(0x01020304, -1);
  w.ReadyForQuery('I');
  CHECK(w.buffer() == Bytes("R\0\0\0\x08\0\0\0\0"
                            "S\0\0\0\x19"
                            "client_encoding\0UTF8\0"
                            "K\0\0\0\x0c\x01\x02\x03\x04\xff\xff\xff\xff"
                            "Z\0\0\0\x05I"));
}

TEST_CASE("EncryptionResponse is a single byte") {
  MessageWriter w;
  w.EncryptionResponse(false);
  CHECK(w.buffer() == "N");
}

TEST_CASE("RowDescription") {
  MessageWriter w;
  ColumnDescription columns[] = {{"a", 16384, 1, 23, 4, -1, 0}};
  w.RowDescription(columns);
  CHECK(w.buffer() == Bytes("T\0\0\0\x1a\0\x01"
                            "a\0"
                            "\0\0\x40\0"
                            "\0\x01"
                            "\0\0\0\x17"
                            "\0\x04"
                            "\xff\xff\xff\xff"
                            "\0\0"));
}

TEST_CASE("DataRow with a value and a NULL") {
  MessageWriter w;
  w.BeginDataRow(2);
  w.Field("42");
  w.NullField();
  w.EndDataRow();
  CHECK(w.buffer() == Bytes("D\0\0\0\x10\0\x02"
                            "\0\0\0\x02"
                            "42"
                            "\xff\xff\xff\xff"));
}

TEST_CASE("CommandComplete and EmptyQueryResponse") {
  MessageWriter w;
  w.CommandComplete("SELECT 1");
  w.EmptyQueryResponse();
  CHECK(w.buffer() == Bytes("C\0\0\0\x0dSELECT 1\0"
                            "I\0\0\0\x04"));
}

TEST_CASE("ErrorResponse from an Error carries every field") {
  MessageWriter w;
  WriteErrorResponse(w, Error(sqlstate::kSyntaxError, "syntax error at or near \"x\"")
                            .WithPosition(8)
                            .WithDetail("d")
                            .WithHint("h"));
  CHECK(w.buffer() == Bytes("E\0\0\0\x40"
                            "SERROR\0"
                            "VERROR\0"
                            "C42601\0"
                            "Msyntax error at or near \"x\"\0"
                            "Dd\0"
                            "Hh\0"
                            "P8\0"
                            "\0"));
}

TEST_CASE("fatal Status becomes a FATAL ErrorResponse without optional fields") {
  MessageWriter w;
  WriteErrorResponse(w, Status::Error(sqlstate::kProtocolViolation, "invalid message length"),
                     /*fatal=*/true);
  CHECK(w.buffer() == Bytes("E\0\0\0\x32"
                            "SFATAL\0"
                            "VFATAL\0"
                            "C08P01\0"
                            "Minvalid message length\0"
                            "\0"));
}

TEST_CASE("NoticeResponse") {
  MessageWriter w;
  WriteNoticeResponse(w, sqlstate::kSuccessfulCompletion, "skipping");
  CHECK(w.buffer() == Bytes("N\0\0\0\x26"
                            "SNOTICE\0"
                            "VNOTICE\0"
                            "C00000\0"
                            "Mskipping\0"
                            "\0"));
}

TEST_CASE("extended protocol responses") {
  MessageWriter w;
  w.ParseComplete();
  w.BindComplete();
  w.CloseComplete();
  w.NoData();
  w.PortalSuspended();
  Oid types[] = {23, 25};
  w.ParameterDescription(types);
  CHECK(w.buffer() == Bytes("1\0\0\0\x04"
                            "2\0\0\0\x04"
                            "3\0\0\0\x04"
                            "n\0\0\0\x04"
                            "s\0\0\0\x04"
                            "t\0\0\0\x0e\0\x02\0\0\0\x17\0\0\0\x19"));
}

}  // namespace
}  // namespace basalt::protocol
