// The extended query protocol on the wire, message by message: Parse, Bind,
// Describe, Execute, Close, Sync, and the errors PostgreSQL 15 gives.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "tests/integration/test_server.h"

namespace basalt::testing {
namespace {

std::string Int16Bytes(int16_t v) {
  const auto u = static_cast<uint16_t>(v);
  return {static_cast<char>(u >> 8), static_cast<char>(u & 0xff)};
}

std::string CString(std::string_view s) {
  return std::string(s) + '\0';
}

std::string Parse(std::string_view name, std::string_view query, std::vector<int32_t> types = {}) {
  std::string payload = CString(name) + CString(query) + Int16Bytes(int16_t(types.size()));
  for (int32_t oid : types) payload += Int32Bytes(oid);
  return MessageBytes('P', payload);
}

std::string Bind(std::string_view portal, std::string_view statement,
                 std::vector<std::optional<std::string>> parameters,
                 std::vector<int16_t> result_formats = {},
                 std::vector<int16_t> parameter_formats = {}) {
  std::string payload = CString(portal) + CString(statement);
  payload += Int16Bytes(int16_t(parameter_formats.size()));
  for (int16_t f : parameter_formats) payload += Int16Bytes(f);
  payload += Int16Bytes(int16_t(parameters.size()));
  for (const auto& p : parameters) {
    payload += p ? Int32Bytes(int32_t(p->size())) + *p : Int32Bytes(-1);
  }
  payload += Int16Bytes(int16_t(result_formats.size()));
  for (int16_t f : result_formats) payload += Int16Bytes(f);
  return MessageBytes('B', payload);
}

std::string Describe(char kind, std::string_view name) {
  return MessageBytes('D', std::string(1, kind) + CString(name));
}
std::string Execute(std::string_view portal, int32_t max_rows = 0) {
  return MessageBytes('E', CString(portal) + Int32Bytes(max_rows));
}
std::string Close(char kind, std::string_view name) {
  return MessageBytes('C', std::string(1, kind) + CString(name));
}
std::string Sync() {
  return MessageBytes('S', "");
}

std::string Types(const std::vector<RawConnection::Message>& messages) {
  std::string types;
  for (const auto& m : messages) types.push_back(m.type);
  return types;
}

// The text of a one-column DataRow.
std::string Cell(const RawConnection::Message& row) {
  // int16 column count, int32 length, bytes.
  return row.payload.substr(6);
}

struct Connected {
  TestServer server;
  RawConnection raw{server.port()};
  Connected() {
    raw.SendStartup("basalt", "basalt");
    REQUIRE(raw.ReadUntil('Z').back().type == 'Z');
  }
  std::vector<RawConnection::Message> Round(const std::string& bytes) {
    raw.Send(bytes);
    return raw.ReadUntil('Z');
  }
};

}  // namespace

TEST_CASE_METHOD(Connected, "Parse, Bind, Describe, Execute, Sync with text parameters") {
  REQUIRE(Types(Round(MessageBytes('Q', CString("create table t (id int primary key, v text); "
                                                "insert into t values (1, 'one'), (2, 'two')")))) ==
          "CCZ");
  // Unnamed statement, parameter type inferred from the comparison.
  auto messages = Round(Parse("", "select v from t where id = $1") + Bind("", "", {"2"}) +
                        Describe('P', "") + Execute("") + Sync());
  REQUIRE(Types(messages) == "12TDCZ");
  CHECK(Cell(messages[3]) == "two");
  CHECK(messages[4].payload == CString("SELECT 1"));
  CHECK(messages[5].payload == "I");

  // Describe of a statement: ParameterDescription, then RowDescription.
  messages = Round(Parse("s1", "select id, v from t where id > $1::int", {0}) +
                   Describe('S', "s1") + Sync());
  REQUIRE(Types(messages) == "1tTZ");
  CHECK(messages[1].payload == Int16Bytes(1) + Int32Bytes(23));

  // Untyped parameters take their types from the context, as in PostgreSQL.
  messages = Round(Parse("", "select v from t where id = $1 limit $2") + Describe('S', "") +
                   Parse("", "insert into t values ($1, $2)") + Describe('S', "") +
                   Parse("", "update t set v = $1 where id = $2") + Describe('S', "") +
                   Parse("", "select $1") + Describe('S', "") + Sync());
  REQUIRE(Types(messages) == "1tT1tn1tn1tTZ");
  CHECK(messages[1].payload == Int16Bytes(2) + Int32Bytes(23) + Int32Bytes(20));
  CHECK(messages[4].payload == Int16Bytes(2) + Int32Bytes(23) + Int32Bytes(25));
  CHECK(messages[7].payload == Int16Bytes(2) + Int32Bytes(25) + Int32Bytes(23));
  CHECK(messages[10].payload == Int16Bytes(1) + Int32Bytes(25));

  messages = Round(Parse("", "select 1 where $2 = 1") + Sync());
  REQUIRE(Types(messages) == "EZ");
  CHECK(messages[0].Field('C') == "42P18");
  CHECK(messages[0].Field('M') == "could not determine data type of parameter $1");

  // A named statement runs many times; an INSERT takes typed and NULL values.
  messages = Round(Parse("ins", "insert into t values ($1, $2)", {23, 25}) +
                   Bind("", "ins", {"3", std::nullopt}) + Execute("") +
                   Bind("", "ins", {"4", "four"}) + Describe('P', "") + Execute("") + Sync());
  REQUIRE(Types(messages) == "12C2nCZ");
  CHECK(messages[2].payload == CString("INSERT 0 1"));
  messages = Round(Bind("", "s1", {"2"}) + Execute("") + Sync());
  REQUIRE(Types(messages) == "2DDCZ");
  CHECK(messages[3].payload == CString("SELECT 2"));

  // An empty query string; a statement with no result: NoData.
  messages = Round(Parse("", "") + Bind("", "", {}) + Describe('P', "") + Execute("") + Sync());
  CHECK(Types(messages) == "12nIZ");
  messages = Round(Parse("", "update t set v = 'x' where id = 1") + Describe('S', "") + Sync());
  REQUIRE(Types(messages) == "1tnZ");
  CHECK(messages[1].payload == Int16Bytes(0));
}

TEST_CASE_METHOD(Connected, "the implicit transaction spans the messages up to Sync") {
  Round(MessageBytes('Q', CString("create table t (id int)")));
  // The second INSERT fails: the first is rolled back with it, and the
  // messages after the error are skipped until Sync.
  auto messages = Round(Parse("", "insert into t values ($1)") + Bind("", "", {"1"}) + Execute("") +
                        Bind("", "", {"not a number"}) + Execute("") + Bind("", "", {"3"}) +
                        Execute("") + Sync());
  REQUIRE(Types(messages) == "12CEZ");
  CHECK(messages[3].Field('C') == "22P02");  // at Bind, as PostgreSQL
  messages = Round(MessageBytes('Q', CString("select id from t")));
  CHECK(Types(messages) == "TCZ");
  // Without an error, Sync commits.
  Round(Parse("", "insert into t values ($1)") + Bind("", "", {"1"}) + Execute("") + Sync());
  messages = Round(MessageBytes('Q', CString("select id from t")));
  REQUIRE(Types(messages) == "TDCZ");
  CHECK(Cell(messages[1]) == "1");
}

TEST_CASE_METHOD(Connected, "Execute with a row limit suspends the portal") {
  Round(MessageBytes('Q', CString("create table t (id int); insert into t values (1), (2), (3)")));
  auto messages = Round(MessageBytes('Q', CString("begin")));
  messages = Round(Parse("", "select id from t order by id") + Bind("c", "", {}) + Execute("c", 2) +
                   Sync());
  REQUIRE(Types(messages) == "12DDsZ");
  CHECK(messages.back().payload == "T");
  // The named portal survives Sync inside the block.
  messages = Round(Execute("c", 2) + Sync());
  REQUIRE(Types(messages) == "DCZ");
  CHECK(Cell(messages[0]) == "3");
  CHECK(messages[1].payload == CString("SELECT 1"));
  // Suspended at the limit even with no row left, as PostgreSQL.
  messages =
      Round(Parse("", "select 1") + Bind("", "", {}) + Execute("", 1) + Execute("", 1) + Sync());
  REQUIRE(Types(messages) == "12DsCZ");
  CHECK(messages[4].payload == CString("SELECT 0"));
  Round(MessageBytes('Q', CString("commit")));
  // A command without rows runs once per portal.
  messages = Round(Parse("", "insert into t values (4)") + Bind("", "", {}) + Execute("") +
                   Execute("") + Sync());
  REQUIRE(Types(messages) == "12CEZ");
  CHECK(messages[3].Field('C') == "55000");
  CHECK(messages[3].Field('M') == "portal \"\" cannot be run");
  // It ended with its transaction.
  messages = Round(Execute("c") + Sync());
  REQUIRE(Types(messages) == "EZ");
  CHECK(messages[0].Field('C') == "34000");
}

TEST_CASE_METHOD(Connected, "unknown names, wrong parameter counts, and Close") {
  auto messages = Round(Bind("", "nope", {}) + Sync());
  REQUIRE(Types(messages) == "EZ");
  CHECK(messages[0].Field('C') == "26000");
  CHECK(messages[0].Field('M') == "prepared statement \"nope\" does not exist");

  messages = Round(Describe('S', "nope") + Sync());
  REQUIRE(Types(messages) == "EZ");
  CHECK(messages[0].Field('C') == "26000");

  messages = Round(Execute("nope") + Sync());
  REQUIRE(Types(messages) == "EZ");
  CHECK(messages[0].Field('C') == "34000");
  CHECK(messages[0].Field('M') == "portal \"nope\" does not exist");

  messages = Round(Describe('P', "nope") + Sync());
  REQUIRE(Types(messages) == "EZ");
  CHECK(messages[0].Field('C') == "34000");

  messages = Round(Parse("", "select $1::int + $2::int") + Bind("", "", {"1"}) + Sync());
  REQUIRE(Types(messages) == "1EZ");
  CHECK(messages[1].Field('C') == "08P01");
  CHECK(messages[1].Field('M') ==
        "bind message supplies 1 parameters, but prepared statement \"\" requires 2");

  // Close of an unknown name is no error.
  messages = Round(Close('S', "nope") + Close('P', "nope") + Sync());
  CHECK(Types(messages) == "33Z");

  // A named statement cannot be parsed twice until closed.
  messages = Round(Parse("a", "select 1") + Parse("a", "select 2") + Sync());
  REQUIRE(Types(messages) == "1EZ");
  CHECK(messages[1].Field('C') == "42P05");
  CHECK(messages[1].Field('M') == "prepared statement \"a\" already exists");
  messages =
      Round(Close('S', "a") + Parse("a", "select 2") + Bind("", "a", {}) + Execute("") + Sync());
  REQUIRE(Types(messages) == "312DCZ");
  CHECK(Cell(messages[3]) == "2");

  // Binary results are refused for now; the session goes on.
  messages = Round(Parse("", "select 1") + Bind("", "", {}, {1}) + Sync());
  REQUIRE(Types(messages) == "1EZ");
  CHECK(messages[1].Field('C') == "0A000");

  // Binary parameters of the simple types; a wrong length is 22P03.
  messages = Round(Parse("", "select $1::int8 + $2", {20, 23}) +
                   Bind("", "", {Int32Bytes(0) + Int32Bytes(5), Int32Bytes(-2)}, {}, {1}) +
                   Execute("") + Sync());
  REQUIRE(Types(messages) == "12DCZ");
  CHECK(Cell(messages[2]) == "3");
  messages = Round(Parse("", "select $1::int", {23}) + Bind("", "", {"12"}, {}, {1}) + Sync());
  REQUIRE(Types(messages) == "1EZ");
  CHECK(messages[1].Field('C') == "22P03");
  CHECK(messages[1].Field('M') == "incorrect binary data format in bind parameter 1");
  messages = Round(Parse("", "select $1::int") + Bind("", "", {"12"}, {}, {0, 0}) + Sync());
  REQUIRE(Types(messages) == "1EZ");
  CHECK(messages[1].Field('C') == "08P01");
  CHECK(messages[1].Field('M') == "bind message has 2 parameter formats but 1 parameters");

  messages = Round(Parse("", "select 1; select 2") + Sync());
  REQUIRE(Types(messages) == "EZ");
  CHECK(messages[0].Field('C') == "42601");

  // A failed block parses only what ends it.
  Round(MessageBytes('Q', CString("begin")));
  messages = Round(MessageBytes('Q', CString("select 1/0")));
  messages = Round(Parse("x", "select 1") + Sync());
  REQUIRE(Types(messages) == "EZ");
  CHECK(messages[0].Field('C') == "25P02");
  messages = Round(Parse("", "rollback") + Bind("", "", {}) + Execute("") + Sync());
  REQUIRE(Types(messages) == "12CZ");
  CHECK(messages[3].payload == "I");

  // After all that, the session works.
  messages = Round(MessageBytes('Q', CString("select 42")));
  REQUIRE(Types(messages) == "TDCZ");
  CHECK(Cell(messages[1]) == "42");
}

}  // namespace basalt::testing
