// Many connections at once: waiting statements starve no one (the elastic
// worker pool), max_connections refuses the one too many, and
// idle_in_transaction_session_timeout ends a forgotten transaction.
#include <libpq-fe.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/test_server.h"

namespace basalt::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Sends `sql` without waiting for the answer.
void Send(PGconn* conn, const char* sql) {
  INFO(PQerrorMessage(conn));
  REQUIRE(PQsendQuery(conn, sql) == 1);
}

// Whether the statement sent on `conn` is still running.
bool StillRunning(PGconn* conn) {
  PQconsumeInput(conn);
  return PQisBusy(conn) == 1;
}

// The results of the statement sent on `conn`, once it ends.
std::vector<QueryResult> Finish(PGconn* conn) {
  std::vector<QueryResult> results;
  while (PGresult* res = PQgetResult(conn)) {
    results.push_back(ToQueryResult(res));
    PQclear(res);
  }
  return results;
}

// Connects, runs SELECT 1 and returns how long that took.
Clock::duration TimeFreshSelectOne(const TestServer& server) {
  const auto start = Clock::now();
  PgConn conn = server.Connect();
  const QueryResult result = Query(conn.get(), "SELECT 1");
  const auto elapsed = Clock::now() - start;
  INFO(result.error_message);
  REQUIRE(result.ok());
  CHECK(result.Cell(0, 0) == "1");
  return elapsed;
}

double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

TEST_CASE("sleeping statements do not hold up a new client's query") {
  TestServer server;
  std::vector<PgConn> sleepers;
  for (int i = 0; i < 8; ++i) sleepers.push_back(server.Connect());
  const auto slept = Clock::now();
  for (PgConn& conn : sleepers) Send(conn.get(), "SELECT pg_sleep(3)");

  const auto elapsed = TimeFreshSelectOne(server);
  INFO("SELECT 1 took " << Seconds(elapsed) << " s");
  CHECK(elapsed < 1500ms);  // typically a few milliseconds
  // It answered while every sleeper was still asleep.
  for (PgConn& conn : sleepers) CHECK(StillRunning(conn.get()));
  CHECK(Clock::now() - slept < 3s);
  // Killed rather than stopped: no need to wait for the sleepers.
  server.Kill();
}

TEST_CASE("200 sessions blocked in statements: a 201st connects and answers at once") {
  TestServer server;
  std::vector<PgConn> sleepers;
  for (int i = 0; i < 200; ++i) {
    sleepers.push_back(server.Connect());
    Send(sleepers.back().get(), "SELECT pg_sleep(5)");
  }
  const auto elapsed = TimeFreshSelectOne(server);
  INFO("connect + SELECT 1 took " << Seconds(elapsed) << " s");
  CHECK(elapsed < 1500ms);
  CHECK(StillRunning(sleepers.back().get()));
  server.Kill();
}

TEST_CASE("200 sessions waiting on one row lock: a 201st connects and answers at once") {
  TestServer server;
  PgConn holder = server.Connect();
  REQUIRE(Query(holder.get(), "CREATE TABLE t (id int PRIMARY KEY, v int)").ok());
  REQUIRE(Query(holder.get(), "INSERT INTO t VALUES (1, 0)").ok());
  REQUIRE(Query(holder.get(), "BEGIN").ok());
  REQUIRE(Query(holder.get(), "UPDATE t SET v = v + 1 WHERE id = 1").ok());

  // lock_timeout is 0: they wait for the holder's COMMIT, however long.
  std::vector<PgConn> waiters;
  for (int i = 0; i < 200; ++i) {
    waiters.push_back(server.Connect());
    Send(waiters.back().get(), "UPDATE t SET v = v + 1 WHERE id = 1");
  }
  const auto elapsed = TimeFreshSelectOne(server);
  INFO("connect + SELECT 1 took " << Seconds(elapsed) << " s");
  CHECK(elapsed < 1500ms);
  for (PgConn& conn : waiters) CHECK(StillRunning(conn.get()));

  // The COMMIT arrives on its own connection and every waiter proceeds.
  REQUIRE(Query(holder.get(), "COMMIT").ok());
  for (PgConn& conn : waiters) {
    const std::vector<QueryResult> results = Finish(conn.get());
    REQUIRE(results.size() == 1);
    INFO(results[0].error_message);
    CHECK(results[0].command_tag == "UPDATE 1");
  }
  CHECK(Query(holder.get(), "SELECT v FROM t").Cell(0, 0) == "201");
}

TEST_CASE("idle_in_transaction_session_timeout: FATAL 25P03, rollback, locks released") {
  TestServer server;
  PgConn other = server.Connect();
  REQUIRE(Query(other.get(), "CREATE TABLE t (id int PRIMARY KEY, v int)").ok());
  REQUIRE(Query(other.get(), "INSERT INTO t VALUES (1, 0)").ok());

  PgConn idle = server.Connect();
  REQUIRE(Query(idle.get(), "SET idle_in_transaction_session_timeout = '200ms'").ok());
  // Outside a block it does not apply.
  std::this_thread::sleep_for(400ms);
  REQUIRE(Query(idle.get(), "SELECT 1").ok());
  // Nor while a statement runs in the block.
  REQUIRE(Query(idle.get(), "BEGIN").ok());
  REQUIRE(Query(idle.get(), "SELECT pg_sleep(0.4)").ok());
  REQUIRE(Query(idle.get(), "UPDATE t SET v = v + 1 WHERE id = 1").ok());
  REQUIRE(PQtransactionStatus(idle.get()) == PQTRANS_INTRANS);
  // Waits for the idle session's row lock (and fails with 55P03 rather
  // than hang if the lock is never released).
  REQUIRE(Query(other.get(), "SET lock_timeout = '5s'").ok());
  Send(other.get(), "UPDATE t SET v = v + 10 WHERE id = 1");

  std::this_thread::sleep_for(500ms);
  // libpq reads the FATAL as the next query's error, then the closed
  // connection (psql prints both, as with PostgreSQL).
  const std::vector<QueryResult> after = QueryAll(idle.get(), "SELECT 1");
  REQUIRE_FALSE(after.empty());
  CHECK_FALSE(after.front().ok());
  CHECK(after.front().sqlstate == "25P03");
  CHECK(after.front().error_message == "terminating connection due to idle-in-transaction timeout");
  CHECK(PQstatus(idle.get()) == CONNECTION_BAD);

  // The transaction rolled back and its row lock went with it: the waiter
  // went on, and the idle session's +1 is gone.
  const std::vector<QueryResult> waited = Finish(other.get());
  REQUIRE(waited.size() == 1);
  INFO(waited[0].error_message);
  CHECK(waited[0].command_tag == "UPDATE 1");
  CHECK(Query(other.get(), "SELECT v FROM t").Cell(0, 0) == "10");
}

TEST_CASE("idle_in_transaction_session_timeout on the wire: the server sends FATAL unasked") {
  TestServer server;
  RawConnection raw(server.port());
  raw.SendStartup("basalt", "basalt");
  REQUIRE(raw.ReadUntil('Z').back().type == 'Z');
  raw.Send(
      MessageBytes('Q', std::string("SET idle_in_transaction_session_timeout = '100ms'") + '\0'));
  REQUIRE(raw.ReadUntil('Z').back().payload == "I");
  // A failed block (status E) counts as idle in transaction too.
  raw.Send(MessageBytes('Q', std::string("BEGIN; SELECT 1/0") + '\0'));
  auto replies = raw.ReadUntil('Z');
  REQUIRE(replies.back().type == 'Z');
  REQUIRE(replies.back().payload == "E");

  const auto fatal = raw.Read(3s);
  REQUIRE(fatal);
  CHECK(fatal->type == 'E');
  CHECK(fatal->Field('S') == "FATAL");
  CHECK(fatal->Field('C') == "25P03");
  CHECK(raw.ClosedByServer(3s));
}

// Connects, retrying while the server is full: a connection that just
// ended (TestServer's start-up pings too) holds its place until the server
// has closed it.
PgConn ConnectWhenRoom(const TestServer& server) {
  const auto deadline = Clock::now() + 5s;
  PgConn conn = server.TryConnect();
  while (PQstatus(conn.get()) != CONNECTION_OK && Clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
    conn = server.TryConnect();
  }
  INFO(PQerrorMessage(conn.get()));
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
  return conn;
}

TEST_CASE("max_connections: one client too many gets FATAL 53300") {
  TestServer server("max_connections = 3");
  std::vector<PgConn> clients;
  for (int i = 0; i < 3; ++i) clients.push_back(ConnectWhenRoom(server));

  PgConn refused = server.TryConnect();
  CHECK(PQstatus(refused.get()) == CONNECTION_BAD);
  CHECK_THAT(PQerrorMessage(refused.get()), Catch::Contains("sorry, too many clients already"));

  RawConnection raw(server.port());
  raw.SendStartup("basalt", "basalt");
  const auto error = raw.Read();
  REQUIRE(error);
  CHECK(error->type == 'E');
  CHECK(error->Field('S') == "FATAL");
  CHECK(error->Field('C') == "53300");
  CHECK(raw.ClosedByServer());

  // The ones admitted work; once one leaves, a newcomer gets its place.
  CHECK(Query(clients[0].get(), "SELECT 1").ok());
  clients.pop_back();
  PgConn newcomer = ConnectWhenRoom(server);
  CHECK(Query(newcomer.get(), "SELECT 1").ok());
}

TEST_CASE("CancelRequest ends a sleep and a lock wait with 57014, a wrong key does nothing") {
  TestServer server;
  PgConn sleeper = server.Connect();
  Send(sleeper.get(), "SELECT pg_sleep(30)");
  std::this_thread::sleep_for(100ms);
  char error[256];
  // A forged key (right pid, wrong secret) is ignored, as PostgreSQL does.
  RawConnection forged(server.port());
  forged.SendCancel(PQbackendPID(sleeper.get()), 12345);
  CHECK(forged.ClosedByServer());
  std::this_thread::sleep_for(200ms);
  CHECK(StillRunning(sleeper.get()));

  const auto start = Clock::now();
  PGcancel* cancel = PQgetCancel(sleeper.get());
  REQUIRE(PQcancel(cancel, error, sizeof error) == 1);
  PQfreeCancel(cancel);
  std::vector<QueryResult> results = Finish(sleeper.get());
  REQUIRE(results.size() == 1);
  CHECK(results[0].sqlstate == "57014");
  CHECK(results[0].error_message == "canceling statement due to user request");
  CHECK(Seconds(Clock::now() - start) < 5);
  // The session goes on.
  CHECK(Query(sleeper.get(), "SELECT 1").Cell(0, 0) == "1");

  PgConn holder = server.Connect();
  REQUIRE(Query(holder.get(), "CREATE TABLE cancel_me (id int PRIMARY KEY)").ok());
  REQUIRE(Query(holder.get(), "BEGIN").ok());
  REQUIRE(Query(holder.get(), "INSERT INTO cancel_me VALUES (1)").ok());
  Send(sleeper.get(), "INSERT INTO cancel_me VALUES (1)");
  std::this_thread::sleep_for(200ms);
  REQUIRE(StillRunning(sleeper.get()));
  cancel = PQgetCancel(sleeper.get());
  REQUIRE(PQcancel(cancel, error, sizeof error) == 1);
  PQfreeCancel(cancel);
  results = Finish(sleeper.get());
  REQUIRE(results.size() == 1);
  CHECK(results[0].sqlstate == "57014");
  REQUIRE(Query(holder.get(), "COMMIT").ok());
}

}  // namespace
}  // namespace basalt::testing
