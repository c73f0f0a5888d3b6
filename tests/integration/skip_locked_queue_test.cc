// SELECT ... FOR UPDATE SKIP LOCKED as a job queue: four workers take 1,000
// jobs, each job exactly once, and they really work side by side. Not a
// fixed interleaving (tests/isolation/ has those), so it is a libpq test.
//
// To check the test itself against a real PostgreSQL, set
// BASALT_REFERENCE_CONNINFO (e.g. "host=/tmp port=54333 user=basalt
// dbname=basalt"): it then uses that server instead of starting Basalt.
#include <libpq-fe.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/test_server.h"

namespace basalt::testing {
namespace {

constexpr int kJobs = 1000;
constexpr int kWorkers = 4;

// What one worker did: the job ids it committed, or the first failure.
struct WorkerLog {
  std::vector<int> taken;
  std::string error;
};

// Runs `sql` on a worker's connection; on failure records why and returns
// nullopt.
std::optional<QueryResult> Run(PGconn* conn, const std::string& sql, WorkerLog& log) {
  QueryResult result = Query(conn, sql);
  if (!result.ok()) {
    log.error = sql + ": " + result.sqlstate + " " + result.error_message;
    return std::nullopt;
  }
  return result;
}

// Takes jobs until the queue has none left that no one else holds.
void Work(PGconn* conn, int worker, WorkerLog& log) {
  while (true) {
    if (!Run(conn, "BEGIN", log)) return;
    const std::optional<QueryResult> next =
        Run(conn,
            "SELECT id FROM jobs WHERE taken_by IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
            log);
    if (!next) return;
    if (next->rows.empty()) {
      Run(conn, "COMMIT", log);
      return;
    }
    const std::string id = next->Cell(0, 0);
    const std::optional<QueryResult> update = Run(
        conn, "UPDATE jobs SET taken_by = " + std::to_string(worker) + " WHERE id = " + id, log);
    if (!update) return;
    if (update->command_tag != "UPDATE 1") {
      log.error = "job " + id + ": " + update->command_tag;
      return;
    }
    const std::optional<QueryResult> commit = Run(conn, "COMMIT", log);
    if (!commit) return;
    if (commit->command_tag != "COMMIT") {
      log.error = "job " + id + ": COMMIT answered " + commit->command_tag;
      return;
    }
    log.taken.push_back(std::stoi(id));
  }
}

TEST_CASE("SKIP LOCKED job queue: 4 workers take 1,000 jobs, each exactly once", "[skip_locked]") {
  TestTarget target;
  PgConn control = target.TryConnect();
  INFO(PQerrorMessage(control.get()));
  REQUIRE(PQstatus(control.get()) == CONNECTION_OK);
  REQUIRE(Query(control.get(), "DROP TABLE IF EXISTS jobs").ok());
  REQUIRE(Query(control.get(), "CREATE TABLE jobs (id int PRIMARY KEY, taken_by int)").ok());
  std::string insert = "INSERT INTO jobs (id) VALUES ";
  for (int id = 1; id <= kJobs; ++id) {
    insert += (id > 1 ? ", (" : "(") + std::to_string(id) + ")";
  }
  const QueryResult inserted = Query(control.get(), insert);
  INFO(inserted.error_message);
  REQUIRE(inserted.command_tag == "INSERT 0 1000");

  // Connect everyone first, so that the workers start together.
  std::vector<PgConn> connections;
  for (int w = 0; w < kWorkers; ++w) {
    connections.push_back(target.TryConnect());
    INFO(PQerrorMessage(connections.back().get()));
    REQUIRE(PQstatus(connections.back().get()) == CONNECTION_OK);
  }
  std::vector<WorkerLog> logs(kWorkers);
  {
    std::vector<std::jthread> workers;
    for (int w = 0; w < kWorkers; ++w) {
      workers.emplace_back(Work, connections[w].get(), w + 1, std::ref(logs[w]));
    }
  }

  std::multiset<int> taken;
  int workers_with_jobs = 0;
  std::string jobs_per_worker;
  for (int w = 0; w < kWorkers; ++w) {
    INFO("worker " << w + 1);
    CHECK(logs[w].error == "");  // prints the failure
    jobs_per_worker += " " + std::to_string(logs[w].taken.size());
    taken.insert(logs[w].taken.begin(), logs[w].taken.end());
    if (!logs[w].taken.empty()) ++workers_with_jobs;
  }
  INFO("jobs per worker:" << jobs_per_worker);
  // Every job once, none twice.
  CHECK(taken.size() == kJobs);
  std::vector<int> duplicates;
  for (int id = 1; id <= kJobs; ++id) {
    if (taken.count(id) != 1) duplicates.push_back(id);
  }
  CHECK(duplicates.empty());
  // Side by side, not one worker draining the queue while the others wait.
  CHECK(workers_with_jobs > 1);

  // The table agrees with what the workers were told.
  std::vector<int> owner(kJobs + 1, 0);
  for (int w = 0; w < kWorkers; ++w) {
    for (int id : logs[w].taken) owner[id] = w + 1;
  }
  const QueryResult table = Query(control.get(), "SELECT id, taken_by FROM jobs ORDER BY id");
  INFO(table.error_message);
  REQUIRE(table.ok());
  REQUIRE(table.rows.size() == kJobs);
  int disagreements = 0;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const std::string expected_owner = owner[r + 1] == 0 ? "NULL" : std::to_string(owner[r + 1]);
    if (table.Cell(r, 0) != std::to_string(r + 1) || table.Cell(r, 1) != expected_owner) {
      if (++disagreements <= 5) {
        UNSCOPED_INFO("row " << r << ": " << table.Cell(r, 0) << "|" << table.Cell(r, 1)
                             << ", expected " << r + 1 << "|" << expected_owner);
      }
    }
  }
  CHECK(disagreements == 0);
  CHECK(Query(control.get(), "DROP TABLE jobs").ok());
}

}  // namespace
}  // namespace basalt::testing
