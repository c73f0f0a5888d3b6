// Crash safety: kill -9 the server and start it again on the same data
// directory. Every commit the client saw acknowledged is there; nothing of a
// transaction that did not commit is.
#include <libpq-fe.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/test_server.h"

namespace basalt::testing {
namespace {

bool Exec(PGconn* conn, const std::string& sql) {
  PgResult res(PQexec(conn, sql.c_str()));
  const ExecStatusType status = PQresultStatus(res.get());
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

std::set<int> Ids(PGconn* conn, const std::string& table) {
  QueryResult rows = Query(conn, "SELECT id FROM " + table);
  INFO(rows.error_message);
  REQUIRE(rows.ok());
  std::set<int> ids;
  for (const auto& row : rows.rows) ids.insert(std::stoi(row[0].value()));
  return ids;
}

TEST_CASE("kill -9 keeps acknowledged commits and drops uncommitted work", "[crash]") {
  TestServer server;
  {
    PgConn conn = server.Connect();
    REQUIRE(Exec(conn.get(), "CREATE TABLE t (id int PRIMARY KEY, v text)"));
    // Autocommit statements, an explicit block, and an update.
    for (int i = 1; i <= 20; ++i) {
      REQUIRE(Exec(conn.get(), "INSERT INTO t VALUES (" + std::to_string(i) + ", 'auto')"));
    }
    REQUIRE(Exec(conn.get(), "BEGIN"));
    REQUIRE(Exec(conn.get(), "INSERT INTO t VALUES (21, 'block'), (22, 'block')"));
    REQUIRE(Exec(conn.get(), "UPDATE t SET v = 'updated' WHERE id = 1"));
    REQUIRE(Exec(conn.get(), "DELETE FROM t WHERE id = 2"));
    REQUIRE(Exec(conn.get(), "COMMIT"));
    // Left open at the crash: none of it may survive.
    PgConn open = server.Connect();
    REQUIRE(Exec(open.get(), "BEGIN"));
    REQUIRE(Exec(open.get(), "INSERT INTO t VALUES (100, 'uncommitted'), (101, 'uncommitted')"));
    REQUIRE(Exec(open.get(), "UPDATE t SET v = 'uncommitted' WHERE id = 3"));
    REQUIRE(Exec(open.get(), "DELETE FROM t WHERE id = 4"));
    CHECK(server.Kill() == 128 + 9);
  }
  server.Start();
  PgConn conn = server.Connect();
  std::set<int> expected;
  for (int i = 1; i <= 22; ++i) {
    if (i != 2) expected.insert(i);
  }
  CHECK(Ids(conn.get(), "t") == expected);
  CHECK(Query(conn.get(), "SELECT v FROM t WHERE id = 1").Cell(0, 0) == "updated");
  CHECK(Query(conn.get(), "SELECT v FROM t WHERE id = 3").Cell(0, 0) == "auto");
  CHECK(Query(conn.get(), "SELECT v FROM t WHERE id = 21").Cell(0, 0) == "block");
  // The table is usable: the keys the lost transaction held are free.
  CHECK(Exec(conn.get(), "INSERT INTO t VALUES (100, 'again'), (2, 'again')"));
  // And a second crash right after recovery loses nothing either.
  CHECK(server.Kill() == 128 + 9);
  server.Start();
  PgConn again = server.Connect();
  expected.insert(2);
  expected.insert(100);
  CHECK(Ids(again.get(), "t") == expected);
}

TEST_CASE("kill -9 under concurrent committing writers loses no acknowledged commit", "[crash]") {
  TestServer server;
  {
    PgConn conn = server.Connect();
    REQUIRE(Exec(conn.get(), "CREATE TABLE w (id int PRIMARY KEY, writer int)"));
  }
  // Each writer commits two-row transactions (ids 2k, 2k+1) until the
  // server dies, recording the transactions whose COMMIT was acknowledged.
  constexpr int kWriters = 3;
  std::vector<std::vector<int>> acknowledged(kWriters);
  std::vector<int> in_flight(kWriters, -1);
  std::atomic<int> commits{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      PgConn conn = server.TryConnect();
      if (PQstatus(conn.get()) != CONNECTION_OK) return;
      for (int k = w * 1000000;; ++k) {
        const std::string a = std::to_string(2 * k);
        const std::string b = std::to_string(2 * k + 1);
        in_flight[w] = k;
        if (!Exec(conn.get(), "BEGIN") ||
            !Exec(conn.get(), "INSERT INTO w VALUES (" + a + ", " + std::to_string(w) + ")") ||
            !Exec(conn.get(), "INSERT INTO w VALUES (" + b + ", " + std::to_string(w) + ")") ||
            !Exec(conn.get(), "COMMIT")) {
          return;
        }
        acknowledged[w].push_back(k);
        ++commits;
      }
    });
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (commits < 60 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(commits >= 60);
  CHECK(server.Kill() == 128 + 9);
  for (std::thread& t : writers) t.join();

  server.Start();
  PgConn conn = server.Connect();
  const std::set<int> ids = Ids(conn.get(), "w");
  size_t total = 0;
  for (int w = 0; w < kWriters; ++w) {
    INFO("writer " << w);
    for (int k : acknowledged[w]) {
      CHECK(ids.count(2 * k) == 1);
      CHECK(ids.count(2 * k + 1) == 1);
    }
    total += 2 * acknowledged[w].size();
    // The transaction in flight at the crash may have committed, but whole.
    const int k = in_flight[w];
    CHECK(ids.count(2 * k) == ids.count(2 * k + 1));
    if (ids.count(2 * k) == 1 && (acknowledged[w].empty() || acknowledged[w].back() != k)) {
      total += 2;
    }
  }
  // Nothing else: no row from a transaction that never reached COMMIT.
  CHECK(ids.size() == total);
}

}  // namespace
}  // namespace basalt::testing
