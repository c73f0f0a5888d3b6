// For spill tests: a table big enough to spill at work_mem = 64kB, and a
// look into the store's temp folder.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>

#include <catch2/catch.hpp>

#include "sql/test_engine.h"

namespace basalt::sql {

// Arrays cannot be stored yet: queries make them (ARRAY[id, NULL, g]).
// Rows whose text column carries a marker that must never reach a file in
// plaintext, and one column of each kind of value a spill file holds.
inline void CreateSpillTable(TestEngine& f, int rows) {
  f.Run(
      "CREATE TABLE spill (id int, g int, txt text, num numeric, doc jsonb, span interval, "
      "f float8, flag bool)");
  f.Run(
      "INSERT INTO spill SELECT i, i % 3000, 'SPILLMARKER-' || md5(i::text), i / 7.0, "
      "jsonb_build_object('k', i, 's', 'v' || (i % 13)), "
      "make_interval(0, 0, 0, i % 40, 0, 0, i / 3.0), i * 0.5, i % 3 = 0 "
      "FROM generate_series(1, " +
      std::to_string(rows) + ") i");
  // NULLs in every column.
  f.Run("INSERT INTO spill VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
}

inline std::filesystem::path TempFolder(const TestEngine& f) {
  return f.dir.path() / "data" / "temp";
}

inline size_t TempFileCount(const TestEngine& f) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(TempFolder(f))) ++n;
  return n;
}

// Whether any temp file holds `needle` in plaintext.
inline bool TempFilesContain(const TestEngine& f, const std::string& needle) {
  for (const auto& e : std::filesystem::directory_iterator(TempFolder(f))) {
    std::ifstream in(e.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.find(needle) != std::string::npos) return true;
  }
  return false;
}

// Each query gives at work_mem = 64kB the rows it gives in memory (in any
// order unless `same_order`: groups, join and set-operation rows come
// partition by partition), and leaves no temp file behind.
inline void CheckSpillingMatchesMemory(TestEngine& f, std::initializer_list<const char*> queries,
                                       bool same_order) {
  auto rows_of = [&](const char* query) {
    Rows rows = f.Run(query).rows;
    if (!same_order) std::sort(rows.begin(), rows.end());
    return rows;
  };
  for (const char* query : queries) {
    INFO(query);
    f.Run("SET work_mem = '1GB'");
    const Rows in_memory = rows_of(query);
    REQUIRE(!in_memory.empty());
    f.Run("SET work_mem = '64kB'");
    CHECK(rows_of(query) == in_memory);
    CHECK(TempFileCount(f) == 0);
  }
}

// A spilling `query` cancelled by statement_timeout (pg_sleep over its rows
// ends it while its files exist) leaves no temp file, and the session goes on.
inline void CheckCancelLeavesNoFile(TestEngine& f, const std::string& query) {
  INFO(query);
  f.Run("SET work_mem = '64kB'");
  f.Run("SET statement_timeout = '300ms'");
  CHECK(f.Fail("SELECT pg_sleep(0.05) FROM (" + query + ") s").code() == std::string("57014"));
  CHECK(TempFileCount(f) == 0);
  f.Run("SET statement_timeout = 0");
  CHECK(f.Run("SELECT 1").rows == Rows{{"1"}});
}

}  // namespace basalt::sql
