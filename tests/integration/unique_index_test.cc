// A unique index under concurrent inserters, as a user meets it: eight
// connections insert the same keys and exactly one insert per key succeeds,
// the others fail with 23505; an inserter of a key another transaction holds
// waits for it, then fails if it committed or succeeds if it rolled back.
//
// BASALT_REFERENCE_CONNINFO runs the test against a real PostgreSQL instead
// (tests/integration/test_server.h).
#include <libpq-fe.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/test_server.h"

namespace basalt::testing {
namespace {

constexpr int kConnections = 8;
constexpr int kKeys = 200;

struct InserterLog {
  std::vector<int> inserted;
  int duplicates = 0;
  std::string error;  // anything but success or 23505
};

void InsertAll(PGconn* conn, int worker, InserterLog& log) {
  for (int key = 1; key <= kKeys; ++key) {
    // Each insert in a block of its own that lasts past the insert, so the
    // others meet an uncommitted key and must wait for it.
    const std::string id = std::to_string(worker * 100000 + key);
    QueryResult begin = Query(conn, "BEGIN");
    QueryResult insert = Query(conn, "INSERT INTO uk VALUES (" + id + ", " + std::to_string(key) +
                                         ", 'w" + std::to_string(worker) + "')");
    QueryResult end = Query(conn, insert.ok() ? "COMMIT" : "ROLLBACK");
    if (insert.ok() && end.ok()) {
      log.inserted.push_back(key);
    } else if (insert.sqlstate == "23505" &&
               insert.error_message.find("duplicate key value violates unique constraint "
                                         "\"uk_k_idx\"") != std::string::npos) {
      ++log.duplicates;
    } else if (log.error.empty()) {
      log.error = "key " + std::to_string(key) + ": " + insert.sqlstate + " " +
                  insert.error_message + " / " + end.error_message;
    }
  }
}

TEST_CASE("unique index: 8 concurrent inserters, one insert per key succeeds", "[unique_index]") {
  TestTarget target;
  PgConn control = target.TryConnect();
  INFO(PQerrorMessage(control.get()));
  REQUIRE(PQstatus(control.get()) == CONNECTION_OK);
  REQUIRE(Query(control.get(), "DROP TABLE IF EXISTS uk").ok());
  REQUIRE(Query(control.get(), "CREATE TABLE uk (id int PRIMARY KEY, k int, who text)").ok());
  REQUIRE(Query(control.get(), "CREATE UNIQUE INDEX ON uk (k)").ok());

  std::vector<PgConn> connections;
  for (int c = 0; c < kConnections; ++c) {
    connections.push_back(target.TryConnect());
    REQUIRE(PQstatus(connections.back().get()) == CONNECTION_OK);
  }
  std::vector<InserterLog> logs(kConnections);
  {
    std::vector<std::jthread> inserters;
    for (int c = 0; c < kConnections; ++c) {
      inserters.emplace_back(InsertAll, connections[c].get(), c + 1, std::ref(logs[c]));
    }
  }
  std::map<int, int> wins;
  int duplicates = 0;
  for (int c = 0; c < kConnections; ++c) {
    INFO("connection " << c + 1);
    CHECK(logs[c].error == "");
    for (int key : logs[c].inserted) ++wins[key];
    duplicates += logs[c].duplicates;
  }
  CHECK(wins.size() == kKeys);
  int keys_won_twice = 0;
  for (const auto& [key, count] : wins) keys_won_twice += count != 1;
  CHECK(keys_won_twice == 0);
  CHECK(duplicates == kKeys * (kConnections - 1));

  // The table and its index agree: one row per key, found through the index.
  QueryResult rows = Query(control.get(), "SELECT count(*), count(DISTINCT k) FROM uk");
  INFO(rows.error_message);
  REQUIRE(rows.ok());
  CHECK(rows.Cell(0, 0) == std::to_string(kKeys));
  CHECK(rows.Cell(0, 1) == std::to_string(kKeys));
  for (int key : {1, kKeys / 2, kKeys}) {
    QueryResult one =
        Query(control.get(), "SELECT count(*) FROM uk WHERE k = " + std::to_string(key));
    CHECK(one.Cell(0, 0) == "1");
  }
  REQUIRE(Query(control.get(), "DROP TABLE uk").ok());
}

// Runs an INSERT on `conn` in another thread; the future holds its result.
std::future<QueryResult> InsertAsync(PGconn* conn, const std::string& sql) {
  return std::async(std::launch::async, [conn, sql] { return Query(conn, sql); });
}

TEST_CASE("unique index: a second inserter waits, then fails or goes on", "[unique_index]") {
  TestTarget target;
  PgConn first = target.TryConnect();
  PgConn second = target.TryConnect();
  REQUIRE(PQstatus(first.get()) == CONNECTION_OK);
  REQUIRE(PQstatus(second.get()) == CONNECTION_OK);
  REQUIRE(Query(first.get(), "DROP TABLE IF EXISTS uw").ok());
  REQUIRE(Query(first.get(), "CREATE TABLE uw (id int PRIMARY KEY, k int UNIQUE)").ok());

  for (const std::string ending : {"ROLLBACK", "COMMIT"}) {
    INFO("the first transaction ends with " << ending);
    REQUIRE(Query(first.get(), "DELETE FROM uw").ok());
    REQUIRE(Query(first.get(), "BEGIN").ok());
    REQUIRE(Query(first.get(), "INSERT INTO uw VALUES (1, 7)").ok());
    std::future<QueryResult> waiting = InsertAsync(second.get(), "INSERT INTO uw VALUES (2, 7)");
    // It waits for the first transaction, as PostgreSQL's does.
    CHECK(waiting.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);
    REQUIRE(Query(first.get(), ending).ok());
    QueryResult result = waiting.get();
    if (ending == "COMMIT") {
      CHECK(result.sqlstate == "23505");
      CHECK(result.error_message.find("duplicate key value violates unique constraint "
                                      "\"uw_k_key\"") != std::string::npos);
    } else {
      INFO(result.error_message);
      CHECK(result.ok());
    }
    QueryResult owner = Query(first.get(), "SELECT id FROM uw WHERE k = 7");
    CHECK(owner.rows.size() == 1);
    CHECK(owner.Cell(0, 0) == (ending == "COMMIT" ? "1" : "2"));
  }
  REQUIRE(Query(first.get(), "DROP TABLE uw").ok());
}

}  // namespace
}  // namespace basalt::testing
