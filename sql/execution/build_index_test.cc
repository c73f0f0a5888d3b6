// CREATE INDEX on a populated table: the build spans several batches (4,096
// entries each), finds duplicates across them, and a rolled-back build
// (transaction or savepoint) leaves no entries and no name behind.
#include <catch2/catch.hpp>

#include <string>

#include "sql/test_engine.h"
#include "storage/key_codec.h"
#include "storage/transaction.h"

namespace basalt::sql {
namespace {

constexpr int kRows = 10000;

void Fill(TestEngine& e) {
  e.Run("CREATE TABLE big (id int PRIMARY KEY, k int, g int)");
  for (int from = 1; from <= kRows; from += 1000) {
    std::string insert = "INSERT INTO big VALUES ";
    for (int i = from; i < from + 1000; ++i) {
      // k is distinct except that the last row repeats the first row's k, so
      // the duplicate is met two batches after its first occurrence.
      const int k = i == kRows ? 1 : i;
      insert += (i > from ? ", (" : "(") + std::to_string(i) + ", " + std::to_string(k) + ", " +
                std::to_string(i % 7) + ")";
    }
    e.Run(insert);
  }
}

// Every key of the data column family (rows and index entries, also those
// of abandoned index builds), read by a transaction of its own.
size_t StoredDataKeys(TestEngine& e) {
  std::unique_ptr<storage::Transaction> txn = e.store->Begin();
  std::unique_ptr<storage::KvIterator> it =
      txn->Scan(storage::ColumnFamily::kData, storage::RelationPrefix(0), "");
  size_t n = 0;
  for (; it->Valid(); it->Next()) ++n;
  return n;
}

TEST_CASE("CREATE INDEX fills a large table in batches", "[build_index]") {
  TestEngine e;
  Fill(e);
  e.Run("CREATE INDEX big_g ON big (g)");
  CHECK(e.Run("SELECT count(*) FROM big WHERE g = 3").rows == Rows{{"1429"}});
  CHECK(e.Run("SELECT id FROM big WHERE k = 9999").rows == Rows{{"9999"}});

  const Error duplicate = e.Fail("CREATE UNIQUE INDEX big_k ON big (k)");
  CHECK(duplicate.code() == sqlstate::kUniqueViolation);
  CHECK(duplicate.message() == "could not create unique index \"big_k\"");
  CHECK(duplicate.detail() == "Key (k)=(1) is duplicated.");
  // The failed build's entries are gone and its name is free.
  e.Run("DELETE FROM big WHERE id = 10000");
  e.Run("CREATE UNIQUE INDEX big_k ON big (k)");
  CHECK(e.Fail("INSERT INTO big VALUES (10000, 1, 0)").code() == sqlstate::kUniqueViolation);
  CHECK(e.Run("SELECT id FROM big WHERE k = 5000").rows == Rows{{"5000"}});
}

TEST_CASE("a rolled-back CREATE INDEX leaves nothing behind", "[build_index]") {
  TestEngine e;
  Fill(e);
  const size_t before = StoredDataKeys(e);
  e.Run("BEGIN");
  e.Run("CREATE INDEX big_g ON big (g)");
  CHECK(StoredDataKeys(e) == before + kRows);
  e.Run("ROLLBACK");
  CHECK(StoredDataKeys(e) == before);
  e.Run("BEGIN");
  e.Run("SAVEPOINT s");
  e.Run("CREATE INDEX big_g ON big (g)");
  e.Run("ROLLBACK TO s");
  e.Run("CREATE INDEX big_g ON big (k)");
  e.Run("COMMIT");
  CHECK(StoredDataKeys(e) == before + kRows);
  CHECK(e.Run("SELECT id FROM big WHERE k = 77").rows == Rows{{"77"}});
}

}  // namespace
}  // namespace basalt::sql
