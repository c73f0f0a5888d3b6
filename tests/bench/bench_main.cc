// Side-by-side benchmark: the same workloads against PostgreSQL 15 and Basalt
// in one run, alternating between them every round, reporting the median of
// each and the Basalt/PostgreSQL ratio. Not a test: nothing here asserts a
// time. Run through `make bench` (tests/bench/run.sh).
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace {

constexpr int kInsertRows = 100'000;
constexpr int kRowsPerInsert = 500;
constexpr int kPointSelects = 20'000;
constexpr int kScans = 20;
constexpr int kPreparedSelects = 20'000;  // per connection
constexpr int kThreads = 8;
constexpr int kSelectOnes = 20'000;
constexpr int kAccounts = 1'000'000;  // pgbench scale 10

struct Target {
  std::string name;
  std::string conninfo;
};

class Connection {
 public:
  explicit Connection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      throw std::runtime_error(fmt::format("connect {}: {}", conninfo, PQerrorMessage(conn_)));
    }
  }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs a statement and returns the number of rows it produced.
  int Exec(const std::string& sql) {
    PGresult* res = PQexec(conn_, sql.c_str());
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      std::string err = PQresultErrorMessage(res);
      PQclear(res);
      throw std::runtime_error(fmt::format("{}: {}", sql.substr(0, 80), err));
    }
    int rows = PQntuples(res);
    PQclear(res);
    return rows;
  }

  // PQprepare: parses `sql` once under `name` on this connection.
  void Prepare(const std::string& name, const std::string& sql) {
    PGresult* res = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
    Check(res, sql);
  }

  // PQexecPrepared with text parameters; returns the number of rows.
  int ExecPrepared(const std::string& name, const std::vector<std::string>& params) {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    PGresult* res = PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()),
                                   values.data(), nullptr, nullptr, 0);
    return Check(res, name);
  }

 private:
  static int Check(PGresult* res, const std::string& what) {
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      std::string err = PQresultErrorMessage(res);
      PQclear(res);
      throw std::runtime_error(fmt::format("{}: {}", what.substr(0, 80), err));
    }
    int rows = PQntuples(res);
    PQclear(res);
    return rows;
  }

  PGconn* conn_;
};

// One round of a round-trip workload: elapsed wall time and the median time
// of a single request.
struct Sample {
  double seconds = 0;
  double median_latency = 0;
};

double Seconds(const std::function<void()>& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Each workload returns its elapsed seconds for one round.
double InsertBatches(Connection& c) {
  c.Exec("DROP TABLE IF EXISTS bench_rows");
  c.Exec("CREATE TABLE bench_rows (id int PRIMARY KEY, name text NOT NULL, v int, score float8)");
  return Seconds([&] {
    for (int first = 0; first < kInsertRows; first += kRowsPerInsert) {
      std::string sql = "INSERT INTO bench_rows VALUES ";
      for (int id = first; id < first + kRowsPerInsert; ++id) {
        if (id != first) sql += ',';
        sql += fmt::format("({},'name-{}',{},{})", id, id, id % 1000, id * 0.5);
      }
      c.Exec(sql);
    }
  });
}

double PointSelects(Connection& c) {
  uint32_t state = 12345;
  return Seconds([&] {
    for (int i = 0; i < kPointSelects; ++i) {
      state = state * 1664525u + 1013904223u;  // deterministic, same keys for both
      int id = static_cast<int>(state % kInsertRows);
      if (c.Exec(fmt::format("SELECT id, name, v, score FROM bench_rows WHERE id = {}", id)) != 1) {
        throw std::runtime_error("point select found no row");
      }
    }
  });
}

double FilteredScans(Connection& c) {
  return Seconds([&] {
    for (int i = 0; i < kScans; ++i) {
      int rows = c.Exec(fmt::format("SELECT id, name FROM bench_rows WHERE v = {}", i * 7));
      if (rows != kInsertRows / 1000) throw std::runtime_error("filtered scan: wrong row count");
    }
  });
}

// Secondary indexes on bench_rows (the next round's InsertBatches drops them
// with the table). CREATE INDEX on an int column and a unique one on text.
double CreateIndexes(Connection& c) {
  return Seconds([&] {
    c.Exec("CREATE INDEX bench_rows_v ON bench_rows (v)");
    c.Exec("CREATE UNIQUE INDEX bench_rows_name ON bench_rows (name)");
  });
}

double IndexPointSelects(Connection& c) {
  uint32_t state = 54321;
  return Seconds([&] {
    for (int i = 0; i < kPointSelects; ++i) {
      state = state * 1664525u + 1013904223u;
      int id = static_cast<int>(state % kInsertRows);
      if (c.Exec(fmt::format("SELECT id, name, v, score FROM bench_rows WHERE name = 'name-{}'",
                             id)) != 1) {
        throw std::runtime_error("index point select found no row");
      }
    }
  });
}

// The filtered scan's neighbourhood through bench_rows_v: 5 values of v,
// 500 rows, x20 (PostgreSQL may answer with a bitmap scan).
double IndexRangeScans(Connection& c) {
  return Seconds([&] {
    for (int i = 0; i < kScans; ++i) {
      int rows = c.Exec(fmt::format("SELECT id, name FROM bench_rows WHERE v BETWEEN {} AND {}",
                                    i * 7, i * 7 + 4));
      if (rows != 5 * kInsertRows / 1000) throw std::runtime_error("range scan: wrong row count");
    }
  });
}

// pgbench-shaped tables, 1M accounts over 10 branches and 100 tellers,
// loaded with INSERT ... SELECT from generate_series (the next round drops
// and loads them again).
double LoadAccounts(Connection& c) {
  c.Exec("DROP MATERIALIZED VIEW IF EXISTS bench_mv");
  c.Exec("DROP TABLE IF EXISTS bench_accounts");
  c.Exec("DROP TABLE IF EXISTS bench_branches");
  c.Exec("DROP TABLE IF EXISTS bench_tellers");
  c.Exec("CREATE TABLE bench_accounts (aid int PRIMARY KEY, bid int, abalance int, filler text)");
  c.Exec("CREATE TABLE bench_branches (bid int PRIMARY KEY, bname text)");
  c.Exec("CREATE TABLE bench_tellers (tid int PRIMARY KEY, bid int)");
  return Seconds([&] {
    c.Exec(
        fmt::format("INSERT INTO bench_accounts SELECT g, (g - 1) / {} + 1, g % 1000, '' "
                    "FROM generate_series(1, {}) g",
                    kAccounts / 10, kAccounts));
    c.Exec("INSERT INTO bench_branches SELECT g, 'branch ' || g FROM generate_series(1, 10) g");
    c.Exec("INSERT INTO bench_tellers SELECT g, (g - 1) / 10 + 1 FROM generate_series(1, 100) g");
  });
}

double GroupByAccounts(Connection& c) {
  return Seconds([&] {
    if (c.Exec("SELECT abalance % 100, count(*), sum(abalance), avg(abalance) "
               "FROM bench_accounts GROUP BY 1") != 100) {
      throw std::runtime_error("GROUP BY: wrong group count");
    }
  });
}

double ThreeWayJoin(Connection& c) {
  return Seconds([&] {
    if (c.Exec("SELECT b.bname, count(*), sum(a.abalance) FROM bench_accounts a "
               "JOIN bench_branches b ON a.bid = b.bid "
               "JOIN bench_tellers t ON t.tid = a.aid % 100 + 1 GROUP BY b.bname") != 10) {
      throw std::runtime_error("3-way join: wrong group count");
    }
  });
}

// Materialized views (issue 15): a join + GROUP BY view over the 1M
// accounts, grouped by branch and by a bucket of 1000 aids (1,000 rows),
// with a unique index so that CONCURRENTLY can run.
constexpr const char* kMatviewQuery =
    "SELECT b.bid, b.bname, a.aid / 1000 AS bucket, count(*) AS n, sum(a.abalance) AS total "
    "FROM bench_accounts a JOIN bench_branches b ON a.bid = b.bid "
    "GROUP BY b.bid, b.bname, a.aid / 1000";

double CreateMatview(Connection& c) {
  c.Exec("DROP MATERIALIZED VIEW IF EXISTS bench_mv");
  double s = Seconds(
      [&] { c.Exec(fmt::format("CREATE MATERIALIZED VIEW bench_mv AS {}", kMatviewQuery)); });
  c.Exec("CREATE UNIQUE INDEX bench_mv_key ON bench_mv (bid, bucket)");
  return s;
}

double RefreshMatviewFull(Connection& c) {
  return Seconds([&] { c.Exec("REFRESH MATERIALIZED VIEW bench_mv"); });
}

// 10 accounts change (10 of the 1,000 view rows), then the refresh.
double RefreshMatviewConcurrentlyAfter10(Connection& c) {
  c.Exec("UPDATE bench_accounts SET abalance = abalance + 1 WHERE aid % 100000 = 7");
  return Seconds([&] { c.Exec("REFRESH MATERIALIZED VIEW CONCURRENTLY bench_mv"); });
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Runs `query(i)` `count` times, timing each call.
Sample TimedRequests(int count, const std::function<void(int)>& query) {
  std::vector<double> latencies(count);
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    auto before = std::chrono::steady_clock::now();
    query(i);
    latencies[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {seconds, Median(std::move(latencies))};
}

// Point SELECTs through one prepared statement (PQprepare once, then
// PQexecPrepared with a pseudo-random key) on `threads` connections of their
// own, one thread each, all starting together. Needs bench_rows from
// InsertBatches.
Sample PreparedPointSelects(const std::string& conninfo, int threads) {
  std::vector<std::unique_ptr<Connection>> conns;
  for (int t = 0; t < threads; ++t) {
    conns.push_back(std::make_unique<Connection>(conninfo));
    conns.back()->Prepare("point", "SELECT id, name, v, score FROM bench_rows WHERE id = $1");
  }
  std::vector<std::vector<double>> latencies(threads, std::vector<double>(kPreparedSelects));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::mutex error_mutex;
  std::exception_ptr error;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        uint32_t state = 12345 + 7919 * t;  // deterministic, same keys for both servers
        ++ready;
        while (!go) std::this_thread::yield();
        for (int i = 0; i < kPreparedSelects; ++i) {
          state = state * 1664525u + 1013904223u;
          auto before = std::chrono::steady_clock::now();
          if (conns[t]->ExecPrepared("point", {std::to_string(state % kInsertRows)}) != 1) {
            throw std::runtime_error("prepared point select found no row");
          }
          latencies[t][i] =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        error = std::current_exception();
      }
    });
  }
  while (ready < threads) std::this_thread::yield();
  auto start = std::chrono::steady_clock::now();
  go = true;
  for (auto& w : workers) w.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (error) std::rethrow_exception(error);
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  return {seconds, Median(std::move(all))};
}

Sample SelectOneSimple(Connection& c) {
  return TimedRequests(kSelectOnes, [&](int) {
    if (c.Exec("SELECT 1") != 1) throw std::runtime_error("SELECT 1 returned no row");
  });
}

Sample SelectOnePrepared(Connection& c) {
  c.Prepare("one", "SELECT 1");
  return TimedRequests(kSelectOnes, [&](int) {
    if (c.ExecPrepared("one", {}) != 1) throw std::runtime_error("SELECT 1 returned no row");
  });
}

struct Workload {
  std::string name;
  std::string unit;  // what one operation is
  int operations;
  std::function<double(Connection&)> run;
};

// A round-trip workload: reported with its median request latency as well.
struct LatencyWorkload {
  std::string name;
  int operations;
  std::function<Sample(Connection&, const std::string& conninfo)> run;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr,
                 "usage: basalt_bench <pg conninfo> <basalt conninfo> <rounds> <report.md>\n");
    return 2;
  }
  std::vector<Target> targets = {{"PostgreSQL 15", argv[1]}, {"Basalt", argv[2]}};
  int rounds = std::atoi(argv[3]);
  std::vector<Workload> workloads = {
      {"insert 100k rows, multi-row INSERTs of 500", "row", kInsertRows, InsertBatches},
      {"20k primary-key point SELECTs, one connection", "query", kPointSelects, PointSelects},
      {"full scan with WHERE filter (100k rows, 100 match), x20", "scan", kScans, FilteredScans},
      {"CREATE INDEX (int) + CREATE UNIQUE INDEX (text) on 100k rows", "row", 2 * kInsertRows,
       CreateIndexes},
      {"20k unique-index point SELECTs (text key), one connection", "query", kPointSelects,
       IndexPointSelects},
      {"index range scan (v BETWEEN k AND k+4: 500 of 100k rows), x20", "scan", kScans,
       IndexRangeScans},
      {"load 1M pgbench-shaped accounts (INSERT ... SELECT generate_series)", "row", kAccounts,
       LoadAccounts},
      {"GROUP BY over 1M rows (100 groups, count/sum/avg)", "query", 1, GroupByAccounts},
      {"3-way join (1M accounts, branches, tellers) + GROUP BY", "query", 1, ThreeWayJoin},
      {"CREATE MATERIALIZED VIEW: join + GROUP BY over 1M accounts", "view", 1, CreateMatview},
      {"REFRESH MATERIALIZED VIEW (full) of that view", "refresh", 1, RefreshMatviewFull},
      {"REFRESH ... CONCURRENTLY after 10 changed accounts", "refresh", 1,
       RefreshMatviewConcurrentlyAfter10},
  };
  std::vector<LatencyWorkload> latency_workloads = {
      {"20k prepared point SELECTs (PQexecPrepared), 1 connection", kPreparedSelects,
       [](Connection&, const std::string& conninfo) { return PreparedPointSelects(conninfo, 1); }},
      {fmt::format("{}x20k prepared point SELECTs, {} connections at once", kThreads, kThreads),
       kThreads * kPreparedSelects,
       [](Connection&, const std::string& conninfo) {
         return PreparedPointSelects(conninfo, kThreads);
       }},
      {"20k SELECT 1, simple protocol (PQexec)", kSelectOnes,
       [](Connection& c, const std::string&) { return SelectOneSimple(c); }},
      {"20k SELECT 1, prepared (PQexecPrepared)", kSelectOnes,
       [](Connection& c, const std::string&) { return SelectOnePrepared(c); }},
  };
  // seconds[workload][target] over rounds
  std::vector<std::vector<std::vector<double>>> seconds(
      workloads.size(), std::vector<std::vector<double>>(targets.size()));
  // samples[workload][target] over rounds
  std::vector<std::vector<std::vector<Sample>>> samples(
      latency_workloads.size(), std::vector<std::vector<Sample>>(targets.size()));
  try {
    for (int round = 0; round < rounds; ++round) {
      // Alternate which server goes first, so neither always runs on a warmer machine.
      for (size_t k = 0; k < targets.size(); ++k) {
        size_t t = (round % 2 == 0) ? k : targets.size() - 1 - k;
        Connection conn(targets[t].conninfo);
        for (size_t w = 0; w < workloads.size(); ++w) {
          double s = workloads[w].run(conn);
          seconds[w][t].push_back(s);
          std::printf("round %d  %-14s %-58s %8.3f s\n", round + 1, targets[t].name.c_str(),
                      workloads[w].name.c_str(), s);
          std::fflush(stdout);
        }
        for (size_t w = 0; w < latency_workloads.size(); ++w) {
          Sample s = latency_workloads[w].run(conn, targets[t].conninfo);
          samples[w][t].push_back(s);
          std::printf("round %d  %-14s %-58s %8.3f s, median %.1f us\n", round + 1,
                      targets[t].name.c_str(), latency_workloads[w].name.c_str(), s.seconds,
                      s.median_latency * 1e6);
          std::fflush(stdout);
        }
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "benchmark failed: %s\n", e.what());
    return 1;
  }

  std::string table =
      "| workload | PostgreSQL 15 median | Basalt median | Basalt/PostgreSQL time |\n"
      "|---|---:|---:|---:|\n";
  for (size_t w = 0; w < workloads.size(); ++w) {
    double pg = Median(seconds[w][0]);
    double basalt = Median(seconds[w][1]);
    auto rate = [&](double s) {
      return fmt::format("{:.3f} s ({:.0f} {}/s)", s, workloads[w].operations / s,
                         workloads[w].unit);
    };
    table += fmt::format("| {} | {} | {} | {:.2f} |\n", workloads[w].name, rate(pg), rate(basalt),
                         basalt / pg);
  }
  // Round trips: the median over rounds of each round's elapsed time and of
  // its median request latency.
  table += fmt::format(
      "\n## Prepared statements and round trips\n\n"
      "libpq, one request at a time per connection. Prepared: `PQprepare` once per connection,\n"
      "then `PQexecPrepared` (extended protocol, text parameters and results) with a\n"
      "pseudo-random key over `bench_rows` (100k rows); {} connections = {} threads, each with "
      "its\n"
      "own connection, all started together. Latency = median time of one request in a round;\n"
      "throughput = requests / elapsed time. Medians over rounds; ratios = Basalt / PostgreSQL\n"
      "(latency: below 1.00 Basalt is faster; throughput: above 1.00 Basalt is faster).\n\n"
      "| workload | PostgreSQL 15 latency | PostgreSQL 15 throughput | Basalt latency | "
      "Basalt throughput | Basalt/PostgreSQL latency | Basalt/PostgreSQL throughput |\n"
      "|---|---:|---:|---:|---:|---:|---:|\n",
      kThreads, kThreads);
  for (size_t w = 0; w < latency_workloads.size(); ++w) {
    double latency[2];
    double throughput[2];
    for (size_t t = 0; t < targets.size(); ++t) {
      std::vector<double> lat;
      std::vector<double> secs;
      for (const Sample& s : samples[w][t]) {
        lat.push_back(s.median_latency);
        secs.push_back(s.seconds);
      }
      latency[t] = Median(lat);
      throughput[t] = latency_workloads[w].operations / Median(secs);
    }
    table += fmt::format(
        "| {} | {:.1f} µs | {:.0f} query/s | {:.1f} µs | {:.0f} query/s | {:.2f} | "
        "{:.2f} |\n",
        latency_workloads[w].name, latency[0] * 1e6, throughput[0], latency[1] * 1e6, throughput[1],
        latency[1] / latency[0], throughput[1] / throughput[0]);
  }
  std::printf("\n%s", table.c_str());
  std::ofstream report(argv[4], std::ios::app);
  report << table;
  return 0;
}
