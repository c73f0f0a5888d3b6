#include "server/session.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/password_hash.h"
#include "protocol/message_writer.h"

namespace basalt::server {
namespace {

// A scripted engine: role `basalt`, database `basalt`; queries answer by
// their text.
class FakeSession final : public sql::Session {
 public:
  void ExecuteSimpleQuery(std::string_view text, sql::ResultSink& sink) override {
    if (text.empty()) {
      sink.EmptyQuery();
    } else if (text == "begin") {
      state_ = sql::TransactionState::kInBlock;
      sink.CommandComplete("BEGIN");
    } else if (text == "fail") {
      throw Error(sqlstate::kSyntaxError, "syntax error at or near \"fail\"").WithPosition(1);
    } else if (text == "bug") {
      throw std::runtime_error("boom");
    } else if (text == "many") {
      sink.BeginResult({sql::ResultColumn{"s", DataType::Of(TypeId::kText), 0, 0}});
      const Row row{Value::String(std::string(100, 'x'))};
      for (int i = 0; i < 2000; ++i) sink.Rows(std::span<const Row>(&row, 1));
      sink.CommandComplete("SELECT 2000");
    } else if (text == "fatal") {
      throw Error(sqlstate::kAdminShutdown, "bye").AsFatal();
    } else {
      sink.BeginResult({sql::ResultColumn{"n", DataType::Of(TypeId::kText), 0, 0}});
      sink.CommandComplete("SELECT 0");
    }
  }
  void Prepare(std::string_view, std::string_view text, const std::vector<Oid>&) override {
    if (text == "fail") throw Error(sqlstate::kSyntaxError, "syntax error at or near \"fail\"");
  }
  sql::StatementDescription DescribeStatement(std::string_view) override { return {}; }
  void Bind(std::string_view, std::string_view, std::vector<sql::BindParameter>,
            const std::vector<int16_t>&) override {}
  std::optional<std::vector<sql::ResultColumn>> DescribePortal(std::string_view) override {
    return std::nullopt;
  }
  bool Execute(std::string_view, int64_t, sql::ResultSink& sink) override {
    sink.CommandComplete("SELECT 0");
    return false;
  }
  void CloseStatement(std::string_view) override {}
  void ClosePortal(std::string_view) override {}
  void Sync() override {}
  void AbortAfterProtocolError() override {}
  bool copy_in_progress() const override { return false; }
  void CopyData(std::string_view) override {}
  void CopyDone(sql::ResultSink&) override {}
  void CopyFail(std::string_view) override {}

  sql::TransactionState transaction_state() const override { return state_; }
  Result<std::string> setting(std::string_view name) const override {
    if (name == "idle_in_transaction_session_timeout") return std::string("1.5s");
    return Status::Error(sqlstate::kUndefinedObject, "unrecognized configuration parameter");
  }
  std::vector<std::pair<std::string, std::string>> ReportedParameters() const override {
    return {{"server_version", "15.0"}, {"client_encoding", "UTF8"}};
  }
  bool is_superuser() const override { return true; }

 private:
  sql::TransactionState state_ = sql::TransactionState::kIdle;
};

class FakeEngine final : public sql::Engine {
 public:
  void StartAutoRefresh(const sql::AutoRefreshSettings&) override {}
  void StartAutoAnalyze(const sql::AutoAnalyzeSettings&) override {}
  void SetTerminateHandler(std::function<void(int32_t)>) override {}
  std::optional<sql::LoginRole> FindLoginRole(std::string_view user) override {
    if (user != "basalt") return std::nullopt;
    return sql::LoginRole{MakeMd5Verifier("secret", "basalt"), std::nullopt};
  }
  Result<std::unique_ptr<sql::Session>> Connect(
      std::string_view user, std::string_view database,
      const std::vector<std::pair<std::string, std::string>>&, std::shared_ptr<Interrupt>,
      int32_t) override {
    if (user != "basalt") {
      return Status::Error(sqlstate::kInvalidAuthorizationSpecification,
                           "role \"" + std::string(user) + "\" does not exist");
    }
    if (database != "basalt") {
      return Status::Error(sqlstate::kInvalidCatalogName,
                           "database \"" + std::string(database) + "\" does not exist");
    }
    return std::unique_ptr<sql::Session>(std::make_unique<FakeSession>());
  }
};

// The message types in a writer's buffer, in order ("RSSKZ").
std::string Types(const protocol::MessageWriter& w) {
  std::string types;
  const std::string& b = w.buffer();
  size_t i = 0;
  while (i + 5 <= b.size()) {
    types.push_back(b[i]);
    const auto* p = reinterpret_cast<const unsigned char*>(b.data() + i + 1);
    i += 1 + ((size_t{p[0]} << 24) | (size_t{p[1]} << 16) | (size_t{p[2]} << 8) | p[3]);
  }
  return types;
}

protocol::StartupMessage Startup(std::string user, std::string database) {
  protocol::StartupMessage m;
  m.parameters = {{"user", std::move(user)}, {"database", std::move(database)}};
  return m;
}

struct Fixture {
  FakeEngine engine;
  Session session{engine, BackendKey{7, 99}};
  protocol::MessageWriter out;

  void StartUp() {
    session.OnStartupPacket(Startup("basalt", "basalt"), out);
    REQUIRE(session.state() == Session::State::kReady);
    out.Clear();
  }
};

TEST_CASE_METHOD(Fixture,
                 "startup: AuthenticationOk, ParameterStatus*, BackendKeyData, ReadyForQuery") {
  session.OnStartupPacket(protocol::SslRequest{}, out);
  CHECK(out.buffer() == "N");
  CHECK(session.state() == Session::State::kStartup);
  out.Clear();
  session.OnStartupPacket(Startup("basalt", "basalt"), out);
  CHECK(Types(out) == "RSSKZ");
  CHECK(out.buffer().back() == 'I');
  CHECK(session.state() == Session::State::kReady);
}

TEST_CASE_METHOD(Fixture, "unknown role or database: FATAL and closed") {
  session.OnStartupPacket(Startup("nobody", "basalt"), out);
  CHECK(Types(out) == "E");
  CHECK(out.buffer().find("FATAL") != std::string::npos);
  CHECK(out.buffer().find("28000") != std::string::npos);
  CHECK(session.closed());

  Session other(engine, BackendKey{});
  protocol::MessageWriter out2;
  other.OnStartupPacket(Startup("basalt", "nodb"), out2);
  CHECK(out2.buffer().find("3D000") != std::string::npos);
  CHECK(other.closed());
}

TEST_CASE_METHOD(Fixture, "missing user is 28000; database defaults to the user") {
  protocol::StartupMessage no_user;
  session.OnStartupPacket(no_user, out);
  CHECK(out.buffer().find("28000") != std::string::npos);
  CHECK(session.closed());

  Session other(engine, BackendKey{});
  protocol::MessageWriter out2;
  protocol::StartupMessage only_user;
  only_user.parameters = {{"user", "basalt"}};
  other.OnStartupPacket(only_user, out2);
  CHECK(other.state() == Session::State::kReady);
}

TEST_CASE_METHOD(Fixture, "newer minor protocol version gets NegotiateProtocolVersion") {
  protocol::StartupMessage m = Startup("basalt", "basalt");
  m.protocol_version = (3 << 16) | 2;
  m.parameters.emplace_back("_pq_.compression", "on");
  session.OnStartupPacket(m, out);
  CHECK(Types(out) == "vRSSKZ");
}

TEST_CASE_METHOD(Fixture, "CancelRequest closes without an answer") {
  session.OnStartupPacket(protocol::CancelRequest{7, 99}, out);
  CHECK(out.empty());
  CHECK(session.closed());
}

TEST_CASE_METHOD(Fixture, "Query results end with ReadyForQuery in the transaction state") {
  StartUp();
  session.OnMessage(protocol::Query{"select"}, out);
  CHECK(Types(out) == "TCZ");
  out.Clear();
  session.OnMessage(protocol::Query{""}, out);
  CHECK(Types(out) == "IZ");
  out.Clear();
  session.OnMessage(protocol::Query{"begin"}, out);
  CHECK(Types(out) == "CZ");
  CHECK(out.buffer().back() == 'T');
}

TEST_CASE_METHOD(Fixture, "errors are caught once: ErrorResponse then ReadyForQuery") {
  StartUp();
  session.OnMessage(protocol::Query{"fail"}, out);
  CHECK(Types(out) == "EZ");
  CHECK(out.buffer().find("42601") != std::string::npos);
  out.Clear();
  session.OnMessage(protocol::Query{"bug"}, out);
  CHECK(Types(out) == "EZ");
  CHECK(out.buffer().find("XX000") != std::string::npos);
  CHECK(session.state() == Session::State::kReady);
  out.Clear();
  session.OnMessage(protocol::Query{"fatal"}, out);
  CHECK(Types(out) == "E");
  CHECK(session.closed());
}

TEST_CASE_METHOD(Fixture, "large results stream through the flush hook") {
  StartUp();
  size_t flushed_bytes = 0;
  int flushes = 0;
  session.set_flush_hook([&](protocol::MessageWriter& w) {
    CHECK(w.buffer().size() >= kStreamingThreshold);
    flushed_bytes += w.buffer().size();
    ++flushes;
    w.Clear();
    return true;
  });
  session.OnMessage(protocol::Query{"many"}, out);
  CHECK(flushes >= 2);
  CHECK(out.buffer().size() < kStreamingThreshold);
  CHECK(flushed_bytes + out.buffer().size() > 2000 * 100);
  CHECK(out.buffer().substr(out.buffer().size() - 6, 1) == "Z");
}

TEST_CASE_METHOD(Fixture, "a client gone mid-result ends the session") {
  StartUp();
  session.set_flush_hook([](protocol::MessageWriter&) { return false; });
  session.OnMessage(protocol::Query{"many"}, out);
  CHECK(session.closed());
}

TEST_CASE_METHOD(Fixture, "extended protocol: error, then skip to Sync") {
  StartUp();
  session.OnMessage(protocol::Parse{"", "select 1", {}}, out);
  session.OnMessage(protocol::Bind{}, out);
  session.OnMessage(protocol::Execute{}, out);
  CHECK(Types(out) == "12C");  // ParseComplete, BindComplete, CommandComplete
  out.Clear();
  session.OnMessage(protocol::Parse{"", "fail", {}}, out);
  session.OnMessage(protocol::Bind{}, out);
  session.OnMessage(protocol::Execute{}, out);
  CHECK(Types(out) == "E");
  CHECK(session.state() == Session::State::kSkipToSync);
  session.OnMessage(protocol::Sync{}, out);
  CHECK(Types(out) == "EZ");
  CHECK(session.state() == Session::State::kReady);
}

TEST_CASE_METHOD(Fixture, "protocol errors: ERROR keeps the session, FATAL closes it") {
  StartUp();
  const Status bad = Status::Error(sqlstate::kProtocolViolation, "invalid string in message");
  session.OnMalformedMessage('Q', bad, out);
  CHECK(Types(out) == "EZ");
  CHECK_FALSE(session.closed());
  out.Clear();
  // In the extended protocol the error holds until Sync.
  session.OnMalformedMessage('B', bad, out);
  session.OnMessage(protocol::Execute{}, out);
  CHECK(Types(out) == "E");
  session.OnMessage(protocol::Sync{}, out);
  CHECK(Types(out) == "EZ");
  out.Clear();
  session.OnFatalProtocolError(
      Status::Error(sqlstate::kProtocolViolation, "invalid message length"), out);
  CHECK(Types(out) == "E");
  CHECK(out.buffer().find("FATAL") != std::string::npos);
  CHECK(session.closed());
}

// Rules from `text`, read through a temporary hba file.
std::unique_ptr<HbaStore> Rules(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("basalt-session-hba-" + std::to_string(getpid()) + ".conf");
  std::ofstream(path) << text;
  auto store = HbaStore::Open(path);
  std::filesystem::remove(path);
  REQUIRE(store.ok());
  return std::move(store).value();
}

ClientAddress Client(std::string text, std::array<uint8_t, 4> ipv4) {
  ClientAddress client;
  client.family = ClientAddress::Family::kIpv4;
  std::copy(ipv4.begin(), ipv4.end(), client.bytes.begin());
  client.text = std::move(text);
  return client;
}

// The first message's payload (after type and length).
std::string FirstPayload(const protocol::MessageWriter& w) {
  const std::string& b = w.buffer();
  const auto* p = reinterpret_cast<const unsigned char*>(b.data() + 1);
  const size_t length = (size_t{p[0]} << 24) | (size_t{p[1]} << 16) | (size_t{p[2]} << 8) | p[3];
  return b.substr(5, length - 4);
}

TEST_CASE_METHOD(Fixture, "hba: reject and no matching line are FATAL 28000, SSL or not") {
  auto hba = Rules("host all rejected 10.0.0.0/8 reject\nhostssl all all 10.0.0.0/8 trust\n");
  session.SetClient(Client("10.1.2.3", {10, 1, 2, 3}), false, hba.get());
  session.OnStartupPacket(Startup("basalt", "basalt"), out);
  CHECK(session.closed());
  CHECK(out.buffer().find("28000") != std::string::npos);
  CHECK(out.buffer().find("no pg_hba.conf entry for host \"10.1.2.3\", user \"basalt\", "
                          "database \"basalt\", no encryption") != std::string::npos);

  Session other{engine, BackendKey{8, 1}};
  protocol::MessageWriter out2;
  other.SetClient(Client("10.1.2.3", {10, 1, 2, 3}), true, hba.get());
  other.OnStartupPacket(protocol::SslRequest{}, out2);
  CHECK(out2.buffer() == "S");
  CHECK(other.TakeTlsRequest());
  out2.Clear();
  other.OnStartupPacket(Startup("rejected", "basalt"), out2);
  CHECK(other.closed());
  CHECK(out2.buffer().find("pg_hba.conf rejects connection for host \"10.1.2.3\", user "
                           "\"rejected\", database \"basalt\", SSL encryption") !=
        std::string::npos);
}

TEST_CASE_METHOD(Fixture, "md5: the right response logs in, a wrong one is FATAL 28P01") {
  auto hba = Rules("host all all 0.0.0.0/0 md5\n");
  for (const bool right : {true, false}) {
    Session s{engine, BackendKey{9, 1}};
    protocol::MessageWriter w;
    s.SetClient(Client("192.0.2.1", {192, 0, 2, 1}), false, hba.get());
    s.OnStartupPacket(Startup("basalt", "basalt"), w);
    REQUIRE(Types(w) == "R");
    const std::string request = FirstPayload(w);
    REQUIRE(request.size() == 8);
    CHECK(request.substr(0, 4) == std::string("\0\0\0\x05", 4));
    const std::string salt = request.substr(4);
    const std::string inner = MakeMd5Verifier(right ? "secret" : "guess", "basalt").substr(3);
    w.Clear();
    s.OnMessage(protocol::PasswordMessage{"md5" + Md5Hex(inner + salt) + std::string(1, '\0')}, w);
    if (right) {
      CHECK(Types(w) == "RSSKZ");
      CHECK(s.state() == Session::State::kReady);
    } else {
      CHECK(Types(w) == "E");
      CHECK(w.buffer().find("28P01") != std::string::npos);
      CHECK(w.buffer().find("password authentication failed for user \"basalt\"") !=
            std::string::npos);
      CHECK(s.closed());
    }
  }
}

TEST_CASE_METHOD(Fixture,
                 "authentication: a role that does not exist fails like a wrong password") {
  auto hba = Rules("host all all 0.0.0.0/0 password\n");
  session.SetClient(Client("192.0.2.1", {192, 0, 2, 1}), false, hba.get());
  session.OnStartupPacket(Startup("ghost", "basalt"), out);
  REQUIRE(Types(out) == "R");
  CHECK(FirstPayload(out) == std::string("\0\0\0\x03", 4));
  out.Clear();
  session.OnMessage(protocol::PasswordMessage{std::string("secret\0", 7)}, out);
  CHECK(out.buffer().find("28P01") != std::string::npos);
  CHECK(out.buffer().find("password authentication failed for user \"ghost\"") !=
        std::string::npos);
  CHECK(session.closed());
}

TEST_CASE_METHOD(Fixture, "authentication: anything but a password response is FATAL 08P01") {
  auto hba = Rules("host all all 0.0.0.0/0 scram-sha-256\n");
  session.SetClient(Client("192.0.2.1", {192, 0, 2, 1}), false, hba.get());
  session.OnStartupPacket(Startup("basalt", "basalt"), out);
  REQUIRE(Types(out) == "R");
  // Without TLS: SCRAM-SHA-256 only.
  CHECK(FirstPayload(out) == std::string("\0\0\0\x0aSCRAM-SHA-256\0\0", 19));
  out.Clear();
  session.OnMessage(protocol::Query{"SELECT 1"}, out);
  CHECK(out.buffer().find("08P01") != std::string::npos);
  CHECK(session.closed());
}

TEST_CASE_METHOD(Fixture, "SCRAM over TLS offers SCRAM-SHA-256-PLUS first") {
  auto hba = Rules("hostssl all all 0.0.0.0/0 scram-sha-256\n");
  session.SetClient(Client("192.0.2.1", {192, 0, 2, 1}), true, hba.get());
  session.OnStartupPacket(protocol::SslRequest{}, out);
  REQUIRE(session.TakeTlsRequest());
  session.set_channel_binding("certificate hash");
  out.Clear();
  session.OnStartupPacket(Startup("basalt", "basalt"), out);
  REQUIRE(Types(out) == "R");
  CHECK(FirstPayload(out) == std::string("\0\0\0\x0aSCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0", 38));
  out.Clear();
  // A mechanism not offered.
  std::string initial = std::string("SCRAM-SHA-1\0", 12) + std::string("\0\0\0\x03n,,", 7);
  session.OnMessage(protocol::PasswordMessage{initial}, out);
  CHECK(out.buffer().find("client selected an invalid SASL authentication mechanism") !=
        std::string::npos);
  CHECK(session.closed());
}

TEST_CASE_METHOD(Fixture, "a password message after startup is FATAL 08P01") {
  StartUp();
  session.OnMessage(protocol::PasswordMessage{std::string("x\0", 2)}, out);
  CHECK(out.buffer().find("08P01") != std::string::npos);
  CHECK(session.closed());
}

TEST_CASE_METHOD(Fixture, "too many clients: FATAL 53300 at startup, the engine untouched") {
  session.RejectAsTooManyClients();
  session.OnStartupPacket(protocol::SslRequest{}, out);
  CHECK(out.buffer() == "N");  // as PostgreSQL: the answer comes with the startup message
  out.Clear();
  session.OnStartupPacket(Startup("basalt", "basalt"), out);
  CHECK(Types(out) == "E");
  CHECK(out.buffer().find("FATAL") != std::string::npos);
  CHECK(out.buffer().find("53300") != std::string::npos);
  CHECK(out.buffer().find("sorry, too many clients already") != std::string::npos);
  CHECK(session.closed());
}

TEST_CASE_METHOD(Fixture, "idle in transaction: the timeout applies inside a block only") {
  CHECK(session.IdleInTransactionTimeout() == std::chrono::milliseconds(0));
  StartUp();
  CHECK(session.IdleInTransactionTimeout() == std::chrono::milliseconds(0));
  session.OnMessage(protocol::Query{"begin"}, out);
  CHECK(session.IdleInTransactionTimeout() == std::chrono::milliseconds(1500));
  out.Clear();
  session.OnIdleInTransactionTimeout(out);
  CHECK(Types(out) == "E");
  CHECK(out.buffer().find("FATAL") != std::string::npos);
  CHECK(out.buffer().find("25P03") != std::string::npos);
  CHECK(out.buffer().find("terminating connection due to idle-in-transaction timeout") !=
        std::string::npos);
  CHECK(session.closed());
  CHECK(session.IdleInTransactionTimeout() == std::chrono::milliseconds(0));
}

TEST_CASE_METHOD(Fixture, "Terminate and shutdown close the session") {
  StartUp();
  session.OnMessage(protocol::Terminate{}, out);
  CHECK(out.empty());
  CHECK(session.closed());

  Session other(engine, BackendKey{});
  protocol::MessageWriter out2;
  other.OnStartupPacket(Startup("basalt", "basalt"), out2);
  out2.Clear();
  other.OnShutdown(out2);
  CHECK(out2.buffer().find("57P01") != std::string::npos);
  CHECK(other.closed());
}

}  // namespace
}  // namespace basalt::server
