// The wire protocol seen by real clients: libpq, and raw bytes for what
// libpq never sends.
#include <libpq-fe.h>
#include <signal.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "tests/integration/test_server.h"

namespace basalt::testing {
namespace {

std::string ParameterStatus(PGconn* conn, const char* name) {
  const char* value = PQparameterStatus(conn, name);
  return value ? value : "<missing>";
}

TEST_CASE("startup reports the parameters clients depend on") {
  TestServer server;
  PgConn conn = server.Connect("application_name=itest");
  CHECK(ParameterStatus(conn.get(), "server_version") == "15.0");
  CHECK(ParameterStatus(conn.get(), "server_encoding") == "UTF8");
  CHECK(ParameterStatus(conn.get(), "client_encoding") == "UTF8");
  CHECK(ParameterStatus(conn.get(), "DateStyle") == "ISO, MDY");
  CHECK(ParameterStatus(conn.get(), "integer_datetimes") == "on");
  CHECK(ParameterStatus(conn.get(), "standard_conforming_strings") == "on");
  CHECK(ParameterStatus(conn.get(), "is_superuser") == "on");
  CHECK(ParameterStatus(conn.get(), "session_authorization") == "basalt");
  CHECK(ParameterStatus(conn.get(), "IntervalStyle") == "postgres");
  CHECK(ParameterStatus(conn.get(), "TimeZone") != "<missing>");
  CHECK(ParameterStatus(conn.get(), "application_name") == "itest");
  CHECK(PQserverVersion(conn.get()) == 150000);
  CHECK(PQbackendPID(conn.get()) > 0);
  CHECK(PQtransactionStatus(conn.get()) == PQTRANS_IDLE);
}

TEST_CASE("the options startup parameter sets settings, bad ones are FATAL") {
  TestServer server;
  PgConn conn = server.Connect("options='-c statement_timeout=5s --lock-timeout=2s'");
  CHECK(Query(conn.get(), "show statement_timeout").Cell(0, 0) == "5s");
  CHECK(Query(conn.get(), "show lock_timeout").Cell(0, 0) == "2s");
  PgConn unknown = server.TryConnect("options='-c nope=1'");
  CHECK(PQstatus(unknown.get()) == CONNECTION_BAD);
  CHECK_THAT(PQerrorMessage(unknown.get()),
             Catch::Contains("FATAL:  unrecognized configuration parameter \"nope\""));
  PgConn bad = server.TryConnect("options='-c statement_timeout=abc'");
  CHECK_THAT(PQerrorMessage(bad.get()),
             Catch::Contains("invalid value for parameter \"statement_timeout\": \"abc\""));
}

TEST_CASE("SSLRequest is answered S by default: sslmode=require gets TLS 1.2 or newer") {
  TestServer server;
  std::string base =
      "host=127.0.0.1 port=" + std::to_string(server.port()) + " user=basalt dbname=basalt ";
  PgConn require(PQconnectdb((base + "sslmode=require").c_str()));
  INFO(PQerrorMessage(require.get()));
  REQUIRE(PQstatus(require.get()) == CONNECTION_OK);
  CHECK(PQsslInUse(require.get()) == 1);
  const std::string protocol = PQsslAttribute(require.get(), "protocol");
  CHECK((protocol == "TLSv1.2" || protocol == "TLSv1.3"));
  CHECK(Query(require.get(), "SELECT 1").Cell(0, 0) == "1");

  RawConnection raw(server.port());
  raw.Send(Int32Bytes(8) + Int32Bytes(80877104));  // GSSENCRequest: no
  CHECK(raw.ReadByte() == 'N');
  raw.Send(Int32Bytes(8) + Int32Bytes(80877103));
  CHECK(raw.ReadByte() == 'S');
}

TEST_CASE("with ssl = off SSLRequest is answered N: sslmode=prefer connects, require fails") {
  TestServer server("ssl = off");
  std::string base =
      "host=127.0.0.1 port=" + std::to_string(server.port()) + " user=basalt dbname=basalt ";
  PgConn prefer(PQconnectdb((base + "sslmode=prefer").c_str()));
  INFO(PQerrorMessage(prefer.get()));
  CHECK(PQstatus(prefer.get()) == CONNECTION_OK);
  CHECK(PQsslInUse(prefer.get()) == 0);
  PgConn require(PQconnectdb((base + "sslmode=require").c_str()));
  CHECK(PQstatus(require.get()) == CONNECTION_BAD);
  CHECK_THAT(PQerrorMessage(require.get()), Catch::Contains("does not support SSL"));

  // And on the wire: one byte 'N', then a normal startup.
  RawConnection raw(server.port());
  raw.Send(Int32Bytes(8) + Int32Bytes(80877103));
  CHECK(raw.ReadByte() == 'N');
  raw.Send(Int32Bytes(8) + Int32Bytes(80877104));  // GSSENCRequest too
  CHECK(raw.ReadByte() == 'N');
  raw.SendStartup("basalt", "basalt");
  auto messages = raw.ReadUntil('Z');
  REQUIRE_FALSE(messages.empty());
  CHECK(messages.front().type == 'R');
  CHECK(messages.back().type == 'Z');
  CHECK(messages.back().payload == "I");
}

TEST_CASE("unknown database is FATAL 3D000, unknown role FATAL 28000") {
  TestServer server;
  PgConn bad_db = server.TryConnect("dbname=no_such_db");
  CHECK(PQstatus(bad_db.get()) == CONNECTION_BAD);
  CHECK_THAT(PQerrorMessage(bad_db.get()),
             Catch::Contains("database \"no_such_db\" does not exist"));

  RawConnection raw_db(server.port());
  raw_db.SendStartup("basalt", "no_such_db");
  auto error = raw_db.Read();
  REQUIRE(error);
  CHECK(error->type == 'E');
  CHECK(error->Field('S') == "FATAL");
  CHECK(error->Field('C') == "3D000");
  CHECK(raw_db.ClosedByServer());

  PgConn bad_role = server.TryConnect("user=no_such_role");
  CHECK(PQstatus(bad_role.get()) == CONNECTION_BAD);
  CHECK_THAT(PQerrorMessage(bad_role.get()),
             Catch::Contains("role \"no_such_role\" does not exist"));

  RawConnection raw_role(server.port());
  raw_role.SendStartup("no_such_role", "basalt");
  error = raw_role.Read();
  REQUIRE(error);
  CHECK(error->Field('S') == "FATAL");
  CHECK(error->Field('C') == "28000");
  CHECK(raw_role.ClosedByServer());

  // The server still serves everyone else.
  server.Connect();
}

TEST_CASE("an empty query string gives EmptyQueryResponse") {
  TestServer server;
  PgConn conn = server.Connect();
  CHECK(Query(conn.get(), "").status == PGRES_EMPTY_QUERY);
  CHECK(Query(conn.get(), "  ;  ").status == PGRES_EMPTY_QUERY);
  CHECK(Query(conn.get(), "-- only a comment").status == PGRES_EMPTY_QUERY);
}

TEST_CASE("several statements in one Query string") {
  TestServer server;
  PgConn conn = server.Connect();
  QueryResult last = Query(conn.get(), "SELECT 1; SELECT 2, 3");
  REQUIRE(last.status == PGRES_TUPLES_OK);
  CHECK(last.Cell(0, 0) == "2");
  CHECK(last.Cell(0, 1) == "3");

  std::vector<QueryResult> all = QueryAll(conn.get(), "SELECT 1; SELECT 'a' AS x");
  REQUIRE(all.size() == 2);
  CHECK(all[0].Cell(0, 0) == "1");
  CHECK(all[0].command_tag == "SELECT 1");
  CHECK(all[1].columns == std::vector<std::string>{"x"});
  CHECK(all[1].Cell(0, 0) == "a");

  // An error stops the rest; earlier results were already sent.
  all = QueryAll(conn.get(), "SELECT 1; SELECT * FROM no_such_table; SELECT 3");
  REQUIRE(all.size() == 2);
  CHECK(all[0].Cell(0, 0) == "1");
  CHECK(all[1].status == PGRES_FATAL_ERROR);
  CHECK(all[1].sqlstate == "42P01");
  CHECK(PQtransactionStatus(conn.get()) == PQTRANS_IDLE);
}

TEST_CASE("ErrorResponse carries severity, SQLSTATE, message and position") {
  TestServer server;
  PgConn conn = server.Connect();
  PgResult res(PQexec(conn.get(), "SELECT 1 FROMM t"));
  REQUIRE(PQresultStatus(res.get()) == PGRES_FATAL_ERROR);
  CHECK(std::string(PQresultErrorField(res.get(), PG_DIAG_SEVERITY)) == "ERROR");
  CHECK(std::string(PQresultErrorField(res.get(), PG_DIAG_SEVERITY_NONLOCALIZED)) == "ERROR");
  CHECK(std::string(PQresultErrorField(res.get(), PG_DIAG_SQLSTATE)) == "42601");
  CHECK_THAT(PQresultErrorField(res.get(), PG_DIAG_MESSAGE_PRIMARY),
             Catch::StartsWith("syntax error at or near"));
  const char* position = PQresultErrorField(res.get(), PG_DIAG_STATEMENT_POSITION);
  REQUIRE(position != nullptr);
  CHECK(std::string(position) == "16");
  // The session goes on.
  CHECK(Query(conn.get(), "SELECT 1").Cell(0, 0) == "1");
}

TEST_CASE("garbage after startup: FATAL 08P01, close, others unaffected") {
  TestServer server;
  PgConn bystander = server.Connect();

  RawConnection raw(server.port());
  raw.SendStartup("basalt", "basalt");
  REQUIRE(raw.ReadUntil('Z').back().type == 'Z');
  raw.Send("this is not a protocol message");
  auto error = raw.Read();
  REQUIRE(error);
  CHECK(error->type == 'E');
  CHECK(error->Field('S') == "FATAL");
  CHECK(error->Field('C') == "08P01");
  CHECK(error->Field('M') == "invalid frontend message type 116");
  CHECK(raw.ClosedByServer());

  CHECK(Query(bystander.get(), "SELECT 1").Cell(0, 0) == "1");
  server.Connect();
}

TEST_CASE("a huge or negative message length is refused without allocating it") {
  TestServer server;
  for (int32_t length : {0x7fffffff, -5, 2}) {
    RawConnection raw(server.port());
    raw.SendStartup("basalt", "basalt");
    REQUIRE(raw.ReadUntil('Z').back().type == 'Z');
    raw.Send("Q" + Int32Bytes(length));
    auto error = raw.Read();
    REQUIRE(error);
    CHECK(error->Field('C') == "08P01");
    CHECK(error->Field('M') == "invalid message length");
    CHECK(raw.ClosedByServer());
  }
  server.Connect();
}

TEST_CASE("bad startup packets: wrong length, unsupported protocol") {
  TestServer server;
  {
    RawConnection raw(server.port());
    raw.Send(Int32Bytes(1000000) + Int32Bytes(3 << 16));
    auto error = raw.Read();
    REQUIRE(error);
    CHECK(error->Field('S') == "FATAL");
    CHECK(error->Field('C') == "08P01");
    CHECK(error->Field('M') == "invalid length of startup packet");
    CHECK(raw.ClosedByServer());
  }
  {
    RawConnection raw(server.port());
    raw.Send(Int32Bytes(9) + Int32Bytes(2 << 16) + std::string(1, '\0'));
    auto error = raw.Read();
    REQUIRE(error);
    CHECK(error->Field('C') == "0A000");
    CHECK_THAT(error->Field('M'), Catch::StartsWith("unsupported frontend protocol 2.0"));
    CHECK(raw.ClosedByServer());
  }
  {
    // A client that connects and leaves without a word.
    RawConnection raw(server.port());
  }
  server.Connect();
}

TEST_CASE("a malformed Query payload is an ERROR, the session goes on") {
  TestServer server;
  RawConnection raw(server.port());
  raw.SendStartup("basalt", "basalt");
  REQUIRE(raw.ReadUntil('Z').back().type == 'Z');
  raw.Send(MessageBytes('Q', "no terminating zero"));
  auto messages = raw.ReadUntil('Z');
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].Field('S') == "ERROR");
  CHECK(messages[0].Field('C') == "08P01");
  CHECK(messages[1].type == 'Z');
}

TEST_CASE("Terminate closes the connection") {
  TestServer server;
  RawConnection raw(server.port());
  raw.SendStartup("basalt", "basalt");
  REQUIRE(raw.ReadUntil('Z').back().type == 'Z');
  raw.Send(MessageBytes('X', ""));
  CHECK(raw.ClosedByServer());
}

TEST_CASE("SIGTERM shuts down gracefully with exit code 0 and sessions get 57P01") {
  TestServer server;
  RawConnection raw(server.port());
  raw.SendStartup("basalt", "basalt");
  REQUIRE(raw.ReadUntil('Z').back().type == 'Z');
  CHECK(server.Stop(SIGTERM) == 0);
  auto error = raw.Read();
  REQUIRE(error);
  CHECK(error->Field('S') == "FATAL");
  CHECK(error->Field('C') == "57P01");
  CHECK(raw.ClosedByServer());
  // And it starts again on the same data directory.
  server.Start();
  server.Connect();
  CHECK(server.Stop(SIGINT) == 0);
}

TEST_CASE("SIGTERM stops a running statement with FATAL 57P01 and closes its session",
          "[pg_sleep]") {
  TestServer server;
  RawConnection raw(server.port());
  raw.SendStartup("basalt", "basalt");
  REQUIRE(raw.ReadUntil('Z').back().type == 'Z');
  raw.Send(MessageBytes('Q', std::string("SELECT pg_sleep(60)") + '\0'));
  // Wait until the statement runs (its transaction shows in pg_locks), so
  // a slow start under load cannot make the signal arrive first.
  {
    PgConn observer = server.Connect();
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (Query(observer.get(),
                 "SELECT pid FROM pg_locks WHERE locktype = 'virtualxid' AND pid <> "
                 "pg_backend_pid()")
               .rows.empty()) {
      REQUIRE(std::chrono::steady_clock::now() < give_up);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  // The statement is sleeping on a worker while the signal arrives: it is
  // interrupted (PostgreSQL's fast shutdown), not waited for.
  const auto signalled = std::chrono::steady_clock::now();
  ::kill(server.pid(), SIGTERM);
  std::string types;
  while (auto m = raw.Read()) {
    types.push_back(m->type);
    if (m->type == 'E') {
      CHECK(m->Field('C') == "57P01");
      CHECK(m->Field('S') == "FATAL");
      CHECK(m->Field('M') == "terminating connection due to administrator command");
      break;
    }
  }
  CHECK(types.ends_with("TE"));  // the RowDescription, then the error
  CHECK(raw.ClosedByServer());
  CHECK(server.Stop() == 0);
  CHECK(std::chrono::steady_clock::now() - signalled < std::chrono::seconds(10));
}

TEST_CASE("a slow statement does not hold up other connections", "[pg_sleep]") {
  TestServer server;
  PgConn slow = server.Connect();
  REQUIRE(PQsendQuery(slow.get(), "SELECT pg_sleep(2)"));
  const auto start = std::chrono::steady_clock::now();
  PgConn fast = server.Connect();
  CHECK(Query(fast.get(), "SELECT 1").Cell(0, 0) == "1");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1500));
  while (PGresult* res = PQgetResult(slow.get())) PQclear(res);
}

TEST_CASE("a large result streams to a slow reader and arrives whole") {
  TestServer server;
  {
    PgConn conn = server.Connect();
    REQUIRE(Query(conn.get(), "CREATE TABLE wide (id int PRIMARY KEY, s text)").ok());
    // ~1 MB of rows: well past the server's 64 KiB streaming threshold.
    std::string insert = "INSERT INTO wide VALUES ";
    for (int i = 1; i <= 5000; ++i) {
      if (i > 1) insert += ", ";
      insert += "(" + std::to_string(i) + ", '" + std::string(200, 'x') + "')";
    }
    QueryResult inserted = Query(conn.get(), insert);
    INFO(inserted.error_message);
    REQUIRE(inserted.command_tag == "INSERT 0 5000");
  }
  RawConnection raw(server.port());
  raw.SendStartup("basalt", "basalt");
  REQUIRE(raw.ReadUntil('Z').back().type == 'Z');
  raw.Send(MessageBytes('Q', std::string("SELECT id, s FROM wide") + '\0'));
  // Let the server fill the socket buffers and block before reading anything.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  int rows = 0;
  std::string tag;
  while (auto m = raw.Read()) {
    if (m->type == 'D') ++rows;
    if (m->type == 'C') tag = m->payload;
    if (m->type == 'Z' || m->type == 'E') break;
  }
  CHECK(rows == 5000);
  CHECK(tag == std::string("SELECT 5000") + '\0');
  // The server still serves others.
  PgConn other = server.Connect();
  CHECK(Query(other.get(), "SELECT 1").Cell(0, 0) == "1");
}

TEST_CASE("a key file readable by others is refused at start-up") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("basalt-key-test-" + std::to_string(FreePort()));
  std::filesystem::create_directories(dir);
  const auto key = dir / "basalt.key";
  WriteKeyFile(key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                        std::filesystem::perms::group_read | std::filesystem::perms::others_read);
  ProcessResult result =
      RunBasalt({"--listen", "127.0.0.1", "--port", std::to_string(FreePort()), "--data-dir",
                 (dir / "data").string(), "--key-file", key.string()});
  CHECK(result.exit_code != 0);
  CHECK_THAT(result.output, Catch::Contains(key.string()));

  // A missing key file, too.
  result = RunBasalt({"--port", std::to_string(FreePort()), "--data-dir", (dir / "data").string(),
                      "--key-file", (dir / "missing.key").string()});
  CHECK(result.exit_code != 0);
  CHECK_THAT(result.output, Catch::Contains("missing.key"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("command line: --help, unknown flags, a port in use") {
  ProcessResult help = RunBasalt({"--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.output, Catch::Contains("--data-dir"));

  ProcessResult unknown = RunBasalt({"--no-such-flag"});
  CHECK(unknown.exit_code != 0);
  CHECK_THAT(unknown.output, Catch::Contains("--no-such-flag"));

  TestServer server;
  ProcessResult in_use =
      RunBasalt({"--listen", "127.0.0.1", "--port", std::to_string(server.port()), "--data-dir",
                 (server.dir() / "other-data").string(), "--key-file", server.key_file().string()});
  CHECK(in_use.exit_code == 1);
  CHECK_THAT(in_use.output, Catch::Contains("could not bind"));
}

TEST_CASE("config file errors name the file and line") {
  ProcessResult unknown_key =
      RunBasalt({"--config", BASALT_SOURCE_DIR "/tests/integration/no.conf"});
  CHECK(unknown_key.exit_code != 0);
  CHECK_THAT(unknown_key.output, Catch::Contains("no.conf"));

  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("basalt-conf-test-" + std::to_string(FreePort()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream conf(dir / "bad.conf");
    conf << "# a comment\nport = 5433\n\nshared_buffers = '128MB'\n";
  }
  ProcessResult bad = RunBasalt({"--config", (dir / "bad.conf").string()});
  CHECK(bad.exit_code != 0);
  CHECK_THAT(bad.output, Catch::Contains("bad.conf:4"));
  CHECK_THAT(bad.output, Catch::Contains("shared_buffers"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a broken hba file or TLS setting fails start-up with the reason") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("basalt-hba-test-" + std::to_string(FreePort()));
  std::filesystem::create_directories(dir);
  WriteKeyFile(dir / "basalt.key",
               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto run = [&](const std::string& config) {
    std::ofstream(dir / "basalt.conf") << config;
    return RunBasalt({"--listen", "127.0.0.1", "--port", std::to_string(FreePort()), "--data-dir",
                      (dir / "data").string(), "--key-file", (dir / "basalt.key").string(),
                      "--config", (dir / "basalt.conf").string()});
  };
  std::ofstream(dir / "hba.conf") << "host all all 127.0.0.1/32 trust\n"
                                  << "host all all 0.0.0.0/0 magic\n";
  ProcessResult bad_hba = run("hba_file = " + (dir / "hba.conf").string() + "\n");
  CHECK(bad_hba.exit_code != 0);
  CHECK_THAT(bad_hba.output,
             Catch::Contains("hba.conf:2: invalid authentication method \"magic\""));
  ProcessResult missing_hba = run("hba_file = " + (dir / "none.conf").string() + "\n");
  CHECK(missing_hba.exit_code != 0);
  CHECK_THAT(missing_hba.output, Catch::Contains("could not open hba file"));
  ProcessResult half_pair = run("ssl_cert_file = /nowhere/server.crt\n");
  CHECK(half_pair.exit_code != 0);
  CHECK_THAT(half_pair.output, Catch::Contains("ssl_cert_file is set but ssl_key_file is not"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace basalt::testing
