// Crash cycles: money moves between accounts on several connections while a
// writer inserts sequential ids, recording each one only after its COMMIT
// was acknowledged (and rolling some back on purpose); the server is killed
// with SIGKILL at a random moment and restarted, again and again. After
// every restart: every acknowledged insert is there, nothing rolled back or
// never acknowledged beyond the one in flight is, and the total balance has
// not moved. BASALT_CRASH_CYCLES sets the number of cycles (default 3, a
// second or two of `make test`); `make test-long` runs 25.
#include <libpq-fe.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/test_server.h"

namespace basalt::testing {
namespace {

constexpr int kAccounts = 20;
constexpr int64_t kInitialBalance = 1000;
constexpr int kTransferers = 3;

int Cycles() {
  const char* env = std::getenv("BASALT_CRASH_CYCLES");
  return env != nullptr && std::atoi(env) > 0 ? std::atoi(env) : 3;
}

bool Ok(PGconn* conn, const std::string& sql) {
  PgResult res(PQexec(conn, sql.c_str()));
  const ExecStatusType status = PQresultStatus(res.get());
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

// What the clients saw acknowledged, across cycles.
struct Ledger {
  std::mutex mu;
  std::set<int> acknowledged;    // inserts whose COMMIT returned
  std::set<int> in_doubt;        // inserts in flight at a crash
  int64_t transfers = 0;         // acknowledged transfers
  int64_t failed_transfers = 0;  // 40P01/40001 and the like, rolled back
};

// Moves a random amount between two random accounts in a block until the
// connection dies. Accounts are updated in id order, so transferers never
// deadlock on each other.
void Transfer(const TestServer& server, unsigned seed, Ledger& ledger) {
  PgConn conn = server.TryConnect();
  if (PQstatus(conn.get()) != CONNECTION_OK) return;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> account(1, kAccounts), amount(1, 50);
  while (true) {
    int from = account(rng), to = account(rng);
    if (from == to) continue;
    const int a = amount(rng);
    const int first = std::min(from, to), second = std::max(from, to);
    auto delta = [&](int id) { return std::to_string(id == from ? -a : a); };
    if (!Ok(conn.get(), "BEGIN")) return;
    const bool moved = Ok(conn.get(), "UPDATE accounts SET balance = balance + " + delta(first) +
                                          " WHERE id = " + std::to_string(first)) &&
                       Ok(conn.get(), "UPDATE accounts SET balance = balance + " + delta(second) +
                                          " WHERE id = " + std::to_string(second));
    if (!moved) {
      if (PQstatus(conn.get()) != CONNECTION_OK || !Ok(conn.get(), "ROLLBACK")) return;
      std::lock_guard lock(ledger.mu);
      ++ledger.failed_transfers;
      continue;
    }
    if (!Ok(conn.get(), "COMMIT")) return;
    std::lock_guard lock(ledger.mu);
    ++ledger.transfers;
  }
}

// Inserts ids from `next` on, one autocommit INSERT each; every fifth id is
// inserted negated in a block that is rolled back instead.
void Write(const TestServer& server, int next, Ledger& ledger) {
  PgConn conn = server.TryConnect();
  if (PQstatus(conn.get()) != CONNECTION_OK) return;
  for (int id = next;; ++id) {
    if (id % 5 == 0) {
      if (!Ok(conn.get(), "BEGIN") ||
          !Ok(conn.get(), "INSERT INTO acks VALUES (" + std::to_string(-id) + ")") ||
          !Ok(conn.get(), "ROLLBACK")) {
        return;
      }
      continue;
    }
    {
      std::lock_guard lock(ledger.mu);
      ledger.in_doubt.insert(id);
    }
    if (!Ok(conn.get(), "INSERT INTO acks VALUES (" + std::to_string(id) + ")")) return;
    std::lock_guard lock(ledger.mu);
    ledger.in_doubt.erase(id);
    ledger.acknowledged.insert(id);
  }
}

std::vector<int64_t> Column(PGconn* conn, const std::string& sql) {
  QueryResult rows = Query(conn, sql);
  INFO(rows.error_message);
  REQUIRE(rows.ok());
  std::vector<int64_t> values;
  for (const auto& row : rows.rows) values.push_back(std::stoll(row[0].value()));
  return values;
}

TEST_CASE("transfers and inserts under repeated kill -9: acknowledged commits stay, sums hold",
          "[crash]") {
  TestServer server;
  {
    PgConn conn = server.Connect();
    REQUIRE(Ok(conn.get(), "CREATE TABLE accounts (id int PRIMARY KEY, balance bigint)"));
    REQUIRE(Ok(conn.get(), "CREATE TABLE acks (id int PRIMARY KEY)"));
    std::string values;
    for (int i = 1; i <= kAccounts; ++i) {
      values +=
          (i > 1 ? ", (" : "(") + std::to_string(i) + ", " + std::to_string(kInitialBalance) + ")";
    }
    REQUIRE(Ok(conn.get(), "INSERT INTO accounts VALUES " + values));
  }
  std::random_device rd;
  const unsigned seed = rd();
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> kill_after_ms(30, 300);
  Ledger ledger;
  int next_id = 1;
  const int cycles = Cycles();
  for (int cycle = 0; cycle < cycles; ++cycle) {
    INFO("cycle " << cycle);
    std::vector<std::thread> clients;
    for (int t = 0; t < kTransferers; ++t) {
      clients.emplace_back(Transfer, std::cref(server), rng(), std::ref(ledger));
    }
    clients.emplace_back(Write, std::cref(server), next_id, std::ref(ledger));
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(rng)));
    REQUIRE(server.Kill() == 128 + 9);
    for (std::thread& t : clients) t.join();

    server.Start();
    PgConn conn = server.Connect();
    std::set<int> present;
    for (int64_t id : Column(conn.get(), "SELECT id FROM acks"))
      present.insert(static_cast<int>(id));
    std::lock_guard lock(ledger.mu);
    for (int id : ledger.acknowledged) {
      INFO("acknowledged id " << id);
      REQUIRE(present.count(id) == 1);
    }
    for (int id : present) {
      INFO("id " << id);
      REQUIRE(id > 0);  // rolled back on purpose: never there
      // Only an acknowledged insert or the one in flight at a crash.
      REQUIRE((ledger.acknowledged.count(id) == 1 || ledger.in_doubt.count(id) == 1));
    }
    // The in-flight insert is settled now: committed or not, for good.
    for (int id : ledger.in_doubt) {
      if (present.count(id) == 1) ledger.acknowledged.insert(id);
    }
    ledger.in_doubt.clear();
    next_id = (present.empty() ? 0 : *present.rbegin()) + 100;  // past anything in flight

    int64_t total = 0;
    std::vector<int64_t> balances = Column(conn.get(), "SELECT balance FROM accounts");
    REQUIRE(balances.size() == kAccounts);
    for (int64_t b : balances) total += b;
    REQUIRE(total == kAccounts * kInitialBalance);
  }
  // The workload did run: a cycle with no commit at all would test nothing.
  std::lock_guard lock(ledger.mu);
  INFO("transfers " << ledger.transfers << ", failed " << ledger.failed_transfers);
  REQUIRE(!ledger.acknowledged.empty());
  REQUIRE(ledger.transfers > 0);
}

}  // namespace
}  // namespace basalt::testing
