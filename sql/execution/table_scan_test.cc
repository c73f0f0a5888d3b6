// Filtered scans (the scan_pushdown pass): the predicate is tested on the
// stored row and only the columns the query reads are decoded; results must
// be exactly those of a plain Filter over a full scan.
#include "sql/execution/table_scan.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "common/value_text.h"
#include "sql/engine.h"
#include "storage/kv_store.h"

namespace basalt::sql {
namespace {

struct TextSink : ResultSink {
  std::vector<ResultColumn> columns;
  std::vector<std::vector<std::string>> rows;
  std::string tag;
  void BeginResult(const std::vector<ResultColumn>& c) override { columns = c; }
  void Rows(std::span<const Row> batch) override {
    for (const Row& row : batch) {
      std::vector<std::string> text;
      for (size_t i = 0; i < row.size(); ++i) {
        text.push_back(row[i].is_null() ? "NULL" : ValueToText(row[i], columns[i].type));
      }
      rows.push_back(std::move(text));
    }
  }
  void CommandComplete(std::string_view t) override { tag = t; }
  void EmptyQuery() override {}
  void ParameterStatus(std::string_view, std::string_view) override {}
  void Notice(sqlstate::Code, std::string_view) override {}
  void Warning(sqlstate::Code, std::string_view) override {}
};

using Rows = std::vector<std::vector<std::string>>;

TEST_CASE("filtered scans decode what they read and return what matches", "[table_scan]") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("basalt_table_scan_test_" + std::to_string(std::random_device{}()));
  {
    storage::StoreOptions options;
    options.data_dir = dir;
    options.sync_commits = false;
    auto store = storage::KvStore::Open(options);
    REQUIRE(store.ok());
    auto engine = Engine::Open(**store);
    REQUIRE(engine.ok());
    auto session = (*engine)->Connect("basalt", "basalt", {});
    REQUIRE(session.ok());
    auto run = [&](std::string_view sql) {
      TextSink sink;
      (*session)->ExecuteSimpleQuery(sql, sink);
      return sink;
    };
    run("CREATE TABLE t (id int PRIMARY KEY, name text, v int, note text)");
    run("INSERT INTO t VALUES (1, 'one', 10, 'x'), (2, NULL, 20, NULL), (3, 'three', NULL, 'z'),"
        " (4, 'four', 10, 'w')");
    CHECK(run("SELECT id, name FROM t WHERE v = 10").rows == Rows{{"1", "one"}, {"4", "four"}});
    // Columns the filter reads but the target list does not, and the reverse.
    CHECK(run("SELECT note FROM t WHERE v >= 20 OR name IS NULL").rows == Rows{{"NULL"}});
    CHECK(run("SELECT v, note FROM t WHERE name = 'three'").rows == Rows{{"NULL", "z"}});
    // ORDER BY on a column neither the filter nor the target list reads.
    CHECK(run("SELECT id FROM t WHERE v = 10 ORDER BY note").rows == Rows{{"4"}, {"1"}});
    CHECK(run("SELECT * FROM t WHERE v IS NULL").rows == Rows{{"3", "three", "NULL", "z"}});
    // UPDATE and DELETE through a filtered scan keep whole rows.
    CHECK(run("UPDATE t SET note = name WHERE v = 10").tag == "UPDATE 2");
    CHECK(run("SELECT id, name, v, note FROM t WHERE v = 10").rows ==
          Rows{{"1", "one", "10", "one"}, {"4", "four", "10", "four"}});
    CHECK(run("DELETE FROM t WHERE note IS NULL").tag == "DELETE 1");
    // INSERT ... SELECT from the same table never reads its own new rows.
    CHECK(run("INSERT INTO t SELECT id + 100, name, v, note FROM t WHERE v = 10").tag ==
          "INSERT 0 2");
    CHECK(run("SELECT id FROM t WHERE v = 10").rows == Rows{{"1"}, {"4"}, {"101"}, {"104"}});
    // Inside a block, the scan sees the block's own earlier writes.
    run("BEGIN");
    run("INSERT INTO t VALUES (5, 'five', 10, NULL)");
    CHECK(run("SELECT id FROM t WHERE v = 10 AND id < 100").rows == Rows{{"1"}, {"4"}, {"5"}});
    run("ROLLBACK");
    CHECK(run("EXPLAIN SELECT id FROM t WHERE v = 10").rows ==
          Rows{{"Project"}, {"  Get t (with filter)"}});
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace basalt::sql
