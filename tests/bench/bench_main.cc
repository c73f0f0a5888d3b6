// Side-by-side benchmark: the same workloads against PostgreSQL 15 and Basalt
// in one run, alternating between them every round, reporting the median of
// each and the Basalt/PostgreSQL ratio. Not a test: nothing here asserts a
// time. Run through `make bench` (tests/bench/run.sh).
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace {

constexpr int kInsertRows = 100'000;
constexpr int kRowsPerInsert = 500;
constexpr int kPointSelects = 20'000;
constexpr int kScans = 20;

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

 private:
  PGconn* conn_;
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

struct Workload {
  std::string name;
  std::string unit;  // what one operation is
  int operations;
  std::function<double(Connection&)> run;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

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
  };
  // seconds[workload][target] over rounds
  std::vector<std::vector<std::vector<double>>> seconds(
      workloads.size(), std::vector<std::vector<double>>(targets.size()));
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
  std::printf("\n%s", table.c_str());
  std::ofstream report(argv[4], std::ios::app);
  report << table;
  return 0;
}
