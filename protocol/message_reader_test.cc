#include "protocol/message_reader.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <variant>

#include "protocol/frontend_message.h"
#include "protocol/wire_buffer.h"

namespace basalt::protocol {
namespace {

std::string Int32(int32_t v) {
  std::string s;
  AppendInt32(&s, v);
  return s;
}

std::string StartupPacket(int32_t code, std::string_view body) {
  return Int32(static_cast<int32_t>(8 + body.size())) + Int32(code) + std::string(body);
}

std::string Message(char type, std::string_view payload) {
  return std::string(1, type) + Int32(static_cast<int32_t>(4 + payload.size())) +
         std::string(payload);
}

std::string StartupBody() {
  return std::string("user\0alice\0database\0db1\0\0", 25);
}

TEST_CASE("startup message is framed and decoded with its parameters") {
  MessageReader reader;
  reader.Append(StartupPacket(kProtocolVersion3, StartupBody()));
  auto frame = reader.Next();
  REQUIRE(frame.ok());
  REQUIRE(frame->has_value());
  CHECK((*frame)->type == 0);
  auto packet = DecodeStartupPacket((*frame)->payload);
  REQUIRE(packet.ok());
  const auto& startup = std::get<StartupMessage>(*packet);
  REQUIRE(startup.parameters.size() == 2);
  CHECK(startup.Get("user") == "alice");
  CHECK(startup.Get("database") == "db1");
  CHECK_FALSE(startup.Get("options").has_value());
  CHECK_FALSE(reader.in_startup_phase());
}

TEST_CASE("SSLRequest and GSSENCRequest keep the reader in the startup phase") {
  MessageReader reader;
  reader.Append(StartupPacket(kSslRequestCode, ""));
  reader.Append(StartupPacket(kGssEncRequestCode, ""));
  for (int i = 0; i < 2; ++i) {
    auto frame = reader.Next();
    REQUIRE(frame.ok());
    REQUIRE(frame->has_value());
    auto packet = DecodeStartupPacket((*frame)->payload);
    REQUIRE(packet.ok());
    CHECK((i == 0 ? std::holds_alternative<SslRequest>(*packet)
                  : std::holds_alternative<GssEncRequest>(*packet)));
    CHECK(reader.in_startup_phase());
  }
}

TEST_CASE("CancelRequest carries process id and secret") {
  auto packet = DecodeStartupPacket(Int32(kCancelRequestCode) + Int32(42) + Int32(-7));
  REQUIRE(packet.ok());
  const auto& cancel = std::get<CancelRequest>(*packet);
  CHECK(cancel.process_id == 42);
  CHECK(cancel.secret_key == -7);
}

TEST_CASE("unsupported protocol version is 0A000") {
  auto packet = DecodeStartupPacket(Int32(2 << 16) + StartupBody());
  REQUIRE_FALSE(packet.ok());
  CHECK(packet.status().code() == "0A000");
  CHECK(packet.status().message() ==
        "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
}

TEST_CASE("startup parameters without the final terminator are rejected") {
  auto packet = DecodeStartupPacket(Int32(kProtocolVersion3) + std::string("user\0alice\0", 11));
  REQUIRE_FALSE(packet.ok());
  CHECK(packet.status().code() == "08P01");
}

TEST_CASE("startup packet lengths outside 8..10004 are fatal") {
  for (int32_t length : {-1, 0, 4, 7, 10005, 0x7fffffff}) {
    MessageReader reader;
    reader.Append(Int32(length));
    auto frame = reader.Next();
    REQUIRE_FALSE(frame.ok());
    CHECK(frame.status().code() == "08P01");
    CHECK(frame.status().message() == "invalid length of startup packet");
  }
}

TEST_CASE("a message arriving one byte at a time is framed once complete") {
  MessageReader reader;
  reader.Append(StartupPacket(kProtocolVersion3, StartupBody()));
  REQUIRE(reader.Next().ok());
  const std::string bytes = Message('Q', std::string("select 1\0", 9));
  for (size_t i = 0; i + 1 < bytes.size(); ++i) {
    reader.Append(bytes.substr(i, 1));
    auto frame = reader.Next();
    REQUIRE(frame.ok());
    REQUIRE_FALSE(frame->has_value());
  }
  reader.Append(bytes.substr(bytes.size() - 1));
  auto frame = reader.Next();
  REQUIRE(frame.ok());
  REQUIRE(frame->has_value());
  CHECK((*frame)->type == 'Q');
  auto msg = DecodeFrontendMessage('Q', (*frame)->payload);
  REQUIRE(msg.ok());
  CHECK(std::get<Query>(*msg).text == "select 1");
  CHECK(reader.buffered() == 0);
}

TEST_CASE("several messages in one read are framed in order") {
  MessageReader reader;
  reader.Append(StartupPacket(kProtocolVersion3, StartupBody()) +
                Message('Q', std::string("a\0", 2)) + Message('S', "") + Message('X', ""));
  REQUIRE(reader.Next().ok());
  std::string types;
  while (true) {
    auto frame = reader.Next();
    REQUIRE(frame.ok());
    if (!frame->has_value()) break;
    types.push_back((*frame)->type);
  }
  CHECK(types == "QSX");
}

TEST_CASE("regular message lengths are checked against PostgreSQL's limits") {
  struct Case {
    char type;
    int32_t length;
  };
  for (Case c : {Case{'Q', 3}, Case{'Q', -1}, Case{'Q', INT32_MIN}, Case{'Q', 0x3fffffff},
                 Case{'S', 10001}, Case{'X', 0x7fffffff}}) {
    MessageReader reader;
    reader.Append(StartupPacket(kProtocolVersion3, StartupBody()));
    REQUIRE(reader.Next().ok());
    reader.Append(std::string(1, c.type) + Int32(c.length));
    auto frame = reader.Next();
    REQUIRE_FALSE(frame.ok());
    CHECK(frame.status().code() == "08P01");
    CHECK(frame.status().message() == "invalid message length");
  }
}

TEST_CASE("a large Query length within the limit waits for the bytes") {
  MessageReader reader;
  reader.Append(StartupPacket(kProtocolVersion3, StartupBody()));
  REQUIRE(reader.Next().ok());
  reader.Append("Q" + Int32(0x3fffffff - 1));
  auto frame = reader.Next();
  REQUIRE(frame.ok());
  CHECK_FALSE(frame->has_value());
}

TEST_CASE("an unknown message type is fatal") {
  MessageReader reader;
  reader.Append(StartupPacket(kProtocolVersion3, StartupBody()));
  REQUIRE(reader.Next().ok());
  reader.Append("garbage!");
  auto frame = reader.Next();
  REQUIRE_FALSE(frame.ok());
  CHECK(frame.status().code() == "08P01");
  CHECK(frame.status().message() == "invalid frontend message type 103");
}

TEST_CASE("malformed payloads decode to 08P01, never crash") {
  CHECK(DecodeFrontendMessage('Q', "no terminator").status().code() == "08P01");
  CHECK(DecodeFrontendMessage('Q', std::string("a\0extra", 7)).status().code() == "08P01");
  CHECK(DecodeFrontendMessage('X', "x").status().code() == "08P01");
  CHECK(DecodeFrontendMessage('D', "Z").status().code() == "08P01");
  CHECK(DecodeFrontendMessage('E', std::string("\0\0", 2)).status().code() == "08P01");
  // Bind declaring a parameter longer than the message.
  std::string bind("\0\0", 2);
  AppendInt16(&bind, 0);
  AppendInt16(&bind, 1);
  AppendInt32(&bind, 1000);
  CHECK(DecodeFrontendMessage('B', bind).status().code() == "08P01");
}

TEST_CASE("random bytes never crash the reader or decoders") {
  std::mt19937 rng(12345);
  for (int round = 0; round < 2000; ++round) {
    MessageReader reader;
    if (round % 2 == 0) {
      reader.Append(StartupPacket(kProtocolVersion3, StartupBody()));
      REQUIRE(reader.Next().ok());
    }
    std::string junk(rng() % 64, '\0');
    for (char& ch : junk) ch = static_cast<char>(rng());
    if (round % 3 == 0 && junk.size() >= 5) junk[0] = "QPBDESHCX"[rng() % 9];
    reader.Append(junk);
    for (int i = 0; i < 16; ++i) {
      auto frame = reader.Next();
      if (!frame.ok() || !frame->has_value()) break;
      if ((*frame)->type == 0) {
        (void)DecodeStartupPacket((*frame)->payload);
      } else {
        (void)DecodeFrontendMessage((*frame)->type, (*frame)->payload);
      }
    }
  }
}

TEST_CASE("extended protocol messages decode") {
  std::string parse("s1\0select $1\0", 13);
  AppendInt16(&parse, 1);
  AppendInt32(&parse, 23);
  auto p = DecodeFrontendMessage('P', parse);
  REQUIRE(p.ok());
  CHECK(std::get<Parse>(*p).statement_name == "s1");
  CHECK(std::get<Parse>(*p).query == "select $1");
  CHECK(std::get<Parse>(*p).parameter_types == std::vector<Oid>{23});

  std::string bind("p1\0s1\0", 6);
  AppendInt16(&bind, 1);
  AppendInt16(&bind, 0);
  AppendInt16(&bind, 2);
  AppendInt32(&bind, 2);
  bind += "42";
  AppendInt32(&bind, -1);
  AppendInt16(&bind, 1);
  AppendInt16(&bind, 1);
  auto b = DecodeFrontendMessage('B', bind);
  REQUIRE(b.ok());
  const auto& bound = std::get<Bind>(*b);
  CHECK(bound.portal_name == "p1");
  CHECK(bound.statement_name == "s1");
  CHECK(bound.parameter_formats == std::vector<int16_t>{0});
  REQUIRE(bound.parameters.size() == 2);
  CHECK(bound.parameters[0] == "42");
  CHECK_FALSE(bound.parameters[1].has_value());
  CHECK(bound.result_formats == std::vector<int16_t>{1});

  auto d = DecodeFrontendMessage('D', std::string("Pp1\0", 4));
  REQUIRE(d.ok());
  CHECK(std::get<Describe>(*d).kind == 'P');
  CHECK(std::get<Describe>(*d).name == "p1");

  std::string execute("p1\0", 3);
  AppendInt32(&execute, 10);
  auto e = DecodeFrontendMessage('E', execute);
  REQUIRE(e.ok());
  CHECK(std::get<Execute>(*e).max_rows == 10);

  CHECK(std::holds_alternative<Sync>(*DecodeFrontendMessage('S', "")));
  CHECK(std::holds_alternative<Flush>(*DecodeFrontendMessage('H', "")));
  auto c = DecodeFrontendMessage('C', std::string("S\0", 2));
  REQUIRE(c.ok());
  CHECK(std::get<Close>(*c).kind == 'S');
  CHECK(std::get<Close>(*c).name.empty());
}

}  // namespace
}  // namespace basalt::protocol
