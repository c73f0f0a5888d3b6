#include "storage/kv_store.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "common/test_temp_dir.h"
#include "storage/changelog.h"
#include "storage/key_codec.h"
#include "storage/row_codec.h"
#include "storage/shared_read_transaction.h"
#include "storage/table_store.h"
#include "storage/transaction.h"

namespace basalt::storage {
namespace {

const std::string kMarker = "PLAINTEXT-MARKER-7f3a9c";

MasterKey KeyOf(uint8_t b) {
  MasterKey k;
  k.fill(b);
  return k;
}

StoreOptions Options(const TestTempDir& dir, uint8_t key = 1) {
  StoreOptions o;
  o.data_dir = dir.path() / "data";
  o.master_key = KeyOf(key);
  o.sync_commits = false;
  o.block_cache_bytes = 8 << 20;
  o.lock_timeout_ms = 200;
  return o;
}

std::unique_ptr<KvStore> OpenOrDie(const StoreOptions& o) {
  Result<std::unique_ptr<KvStore>> store = KvStore::Open(o);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(store).value();
}

TableLayout UsersLayout() {
  TableLayout layout;
  layout.relation_id = 100;
  layout.column_types = {DataType::Of(TypeId::kInt4), DataType::Of(TypeId::kText)};
  layout.primary_key = {0};
  layout.primary_key_name = "users_pkey";
  return layout;
}

// A one-column table without a primary key: its rows get hidden row ids.
TableLayout HiddenIdLayout(uint32_t relation_id, TypeId type) {
  TableLayout layout;
  layout.relation_id = relation_id;
  layout.column_types = {DataType::Of(type)};
  return layout;
}

// UPDATE and DELETE as the executor makes them: lock the row, then write.
Status LockAndUpdate(TableStore& table, Transaction& txn, const std::string& key, const Row& row) {
  LockedRow locked;
  Result<bool> found = table.LockRow(txn, key, &locked);
  if (!found.ok()) return found.status();
  return *found ? table.Update(txn, locked, row) : Status::Internal("no row");
}

Status LockAndDelete(TableStore& table, Transaction& txn, const std::string& key) {
  LockedRow locked;
  Result<bool> found = table.LockRow(txn, key, &locked);
  if (!found.ok()) return found.status();
  return *found ? table.Delete(txn, locked) : Status::Internal("no row");
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file of the data directory: its bytes and modification time.
std::map<std::string, std::pair<std::string, int64_t>> Snapshot(const std::filesystem::path& dir) {
  std::map<std::string, std::pair<std::string, int64_t>> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    struct stat st;
    REQUIRE(::stat(entry.path().c_str(), &st) == 0);
    files[entry.path().string()] = {ReadAll(entry.path()),
                                    st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
  }
  return files;
}

std::vector<std::pair<int64_t, std::string>> ReadUsers(KvStore& store) {
  TableStore users(store, UsersLayout());
  auto txn = store.Begin();
  auto it = users.Scan(*txn);
  std::vector<std::pair<int64_t, std::string>> rows;
  StoredRow row;
  while (true) {
    Result<bool> more = it->Next(&row);
    REQUIRE(more.ok());
    if (!*more) break;
    rows.emplace_back(row.row[0].AsInt(), row.row[1].AsString());
  }
  return rows;
}

Status InsertUser(TableStore& users, Transaction& txn, int64_t id, const std::string& name) {
  return users.Insert(txn, {Value::Int(id), Value::String(name)});
}

TEST_CASE("data survives flush, compaction and reopen, no file holds plaintext", "[kv_store]") {
  TestTempDir dir;
  StoreOptions options = Options(dir);
  {
    auto store = OpenOrDie(options);
    TableStore users(*store, UsersLayout());
    auto txn = store->Begin();
    for (int i = 0; i < 200; ++i)
      REQUIRE(InsertUser(users, *txn, i, kMarker + std::to_string(i)).ok());
    REQUIRE(txn->Commit().ok());
    // Before the flush the rows are only in the WAL: it must be ciphertext too.
    for (const auto& [path, file] : Snapshot(options.data_dir)) {
      INFO(path);
      REQUIRE(file.first.find(kMarker) == std::string::npos);
    }
    REQUIRE(store->FlushAndCompact().ok());
  }
  struct stat st;
  REQUIRE(::stat(options.data_dir.c_str(), &st) == 0);
  REQUIRE((st.st_mode & 0777) == 0700);
  auto files = Snapshot(options.data_dir);
  bool saw_sst = false, saw_manifest = false;
  for (const auto& [path, file] : files) {
    INFO(path);
    std::string name = std::filesystem::path(path).filename().string();
    saw_sst |= name.ends_with(".sst");
    saw_manifest |= name.starts_with("MANIFEST");
    REQUIRE(file.first.find(kMarker) == std::string::npos);
    REQUIRE(file.first.find("users") == std::string::npos);
    // RocksDB's own names and options must not be readable either.
    REQUIRE(file.first.find("changelog") == std::string::npos);
    REQUIRE(file.first.find("block_cache") == std::string::npos);
    REQUIRE(name != "LOG");
    if (name == "CURRENT" || name.starts_with("OPTIONS") || name == "IDENTITY" ||
        name.ends_with(".sst") || name.ends_with(".log") || name.starts_with("MANIFEST")) {
      REQUIRE(file.first.rfind("BSLTENCF", 0) == 0);  // our encryption prefix
    }
  }
  REQUIRE(saw_sst);
  REQUIRE(saw_manifest);

  auto store = OpenOrDie(options);
  auto rows = ReadUsers(*store);
  REQUIRE(rows.size() == 200);
  REQUIRE(rows[0] == std::make_pair(int64_t{0}, kMarker + "0"));
  REQUIRE(rows[199] == std::make_pair(int64_t{199}, kMarker + "199"));
}

TEST_CASE("the compaction backlog counts level-0 files until a compaction", "[kv_store]") {
  TestTempDir dir;
  StoreOptions options = Options(dir);
  {
    auto store = OpenOrDie(options);
    REQUIRE(store->CompactionBacklog().level0_files == 0);
    TableStore users(*store, UsersLayout());
    auto txn = store->Begin();
    for (int i = 0; i < 100; ++i) REQUIRE(InsertUser(users, *txn, i, "u").ok());
    REQUIRE(txn->Commit().ok());
  }
  // Closing flushed the memtable into a level-0 file.
  auto store = OpenOrDie(options);
  REQUIRE(store->CompactionBacklog().level0_files >= 1);
  REQUIRE(store->FlushAndCompact().ok());
  REQUIRE(store->CompactionBacklog().level0_files == 0);
}

TEST_CASE("a wrong master key fails clearly and changes no file", "[kv_store]") {
  TestTempDir dir;
  StoreOptions options = Options(dir);
  {
    auto store = OpenOrDie(options);
    TableStore users(*store, UsersLayout());
    auto txn = store->Begin();
    REQUIRE(InsertUser(users, *txn, 1, "alice").ok());
    REQUIRE(txn->Commit().ok());
  }
  auto before = Snapshot(options.data_dir);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // mtimes would move

  Result<std::unique_ptr<KvStore>> wrong = KvStore::Open(Options(dir, 2));
  REQUIRE_FALSE(wrong.ok());
  REQUIRE(wrong.status().code() == sqlstate::kInvalidParameterValue);
  REQUIRE_THAT(wrong.status().message(),
               Catch::StartsWith("master key does not match the data directory"));
  REQUIRE(Snapshot(options.data_dir) == before);

  // The right key still opens it.
  auto store = OpenOrDie(options);
  REQUIRE(ReadUsers(*store).size() == 1);
}

TEST_CASE("a data directory that is open is refused and left unchanged", "[kv_store]") {
  TestTempDir dir;
  StoreOptions options = Options(dir);
  auto store = OpenOrDie(options);
  {
    TableStore users(*store, UsersLayout());
    auto txn = store->Begin();
    REQUIRE(InsertUser(users, *txn, 1, "alice").ok());
    REQUIRE(txn->Commit().ok());
  }
  auto before = Snapshot(options.data_dir);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // mtimes would move
  Result<std::unique_ptr<KvStore>> second = KvStore::Open(options);
  REQUIRE(second.status().code() == sqlstate::kLockFileExists);
  REQUIRE_THAT(second.status().message(),
               Catch::StartsWith("data directory \"" + options.data_dir.string() + "\" is in use"));
  REQUIRE(Snapshot(options.data_dir) == before);
  // The refusal took nothing from the open store, and closing it frees the directory.
  REQUIRE(ReadUsers(*store).size() == 1);
  store.reset();
  REQUIRE(ReadUsers(*OpenOrDie(options)).size() == 1);
}

TEST_CASE("a keyring from another data directory is caught by the file key check", "[kv_store]") {
  TestTempDir a_dir, b_dir;
  StoreOptions a = Options(a_dir, 1), b = Options(b_dir, 2);
  OpenOrDie(a).reset();
  OpenOrDie(b).reset();
  // B's keyring opens with B's master key, but A's files were written under
  // A's data key: the prefix key check must say so, not report corruption.
  std::filesystem::copy_file(b.data_dir / "keyring", a.data_dir / "keyring",
                             std::filesystem::copy_options::overwrite_existing);
  auto before = Snapshot(a.data_dir);
  StoreOptions mixed = a;
  mixed.master_key = b.master_key;
  Result<std::unique_ptr<KvStore>> store = KvStore::Open(mixed);
  REQUIRE_FALSE(store.ok());
  REQUIRE(store.status().code() == sqlstate::kInvalidParameterValue);
  REQUIRE_THAT(store.status().message(),
               Catch::StartsWith("master key does not match the data directory"));
  REQUIRE(Snapshot(a.data_dir) == before);
}

TEST_CASE("a database without its keyring is refused, not re-keyed", "[kv_store]") {
  TestTempDir dir;
  StoreOptions options = Options(dir);
  OpenOrDie(options).reset();
  std::filesystem::remove(options.data_dir / "keyring");
  Result<std::unique_ptr<KvStore>> store = KvStore::Open(options);
  REQUIRE_FALSE(store.ok());
  REQUIRE_THAT(store.status().message(), Catch::Contains("no keyring"));
}

TEST_CASE("counters and row ids are never handed out twice, across reopen", "[kv_store]") {
  TestTempDir dir;
  StoreOptions options = Options(dir);
  uint64_t last_row_id = 0;
  {
    auto store = OpenOrDie(options);
    REQUIRE(store->NextCounterValue("oid").value() == 1);
    REQUIRE(store->NextCounterValue("oid").value() == 2);
    REQUIRE(store->NextCounterValue("relation").value() == 1);
    REQUIRE(store->NextCounterValues("oid", 2).value() == 3);
    REQUIRE(store->NextCounterValue("oid").value() == 5);
    for (int i = 0; i < 5; ++i) last_row_id = store->NextRowId(7).value();
    REQUIRE(store->NextRowId(8).value() == 1);  // per relation
  }
  auto store = OpenOrDie(options);
  REQUIRE(store->NextCounterValue("oid").value() == 6);
  REQUIRE(store->NextRowId(7).value() > last_row_id);

  // Concurrent callers get distinct values.
  std::mutex mu;
  std::vector<uint64_t> seen;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        uint64_t v = store->NextCounterValue("oid").value();
        std::lock_guard<std::mutex> lock(mu);
        seen.push_back(v);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::sort(seen.begin(), seen.end());
  REQUIRE(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
  REQUIRE(seen.size() == 200);
}

TEST_CASE("transactions: isolation, rollback, savepoints", "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore users(*store, UsersLayout());

  SECTION("uncommitted writes are invisible to others, visible to the writer") {
    auto writer = store->Begin();
    REQUIRE(InsertUser(users, *writer, 1, "alice").ok());
    auto reader = store->Begin();
    StoredRow row;
    REQUIRE_FALSE(users.Lookup(*reader, {Value::Int(1)}, &row).value());
    REQUIRE(users.Lookup(*writer, {Value::Int(1)}, &row).value());
    REQUIRE(row.row[1].AsString() == "alice");
    REQUIRE(writer->Commit().ok());
    // The reader's snapshot predates the commit until it is refreshed.
    REQUIRE_FALSE(users.Lookup(*reader, {Value::Int(1)}, &row).value());
    reader->RefreshSnapshot();
    REQUIRE(users.Lookup(*reader, {Value::Int(1)}, &row).value());
  }

  SECTION("rollback discards everything, and so does dropping the transaction") {
    {
      auto txn = store->Begin();
      REQUIRE(InsertUser(users, *txn, 1, "alice").ok());
      txn->Rollback();
    }
    {
      auto txn = store->Begin();
      REQUIRE(InsertUser(users, *txn, 2, "bob").ok());
    }  // destroyed without commit
    REQUIRE(ReadUsers(*store).empty());
  }

  SECTION("rolling back to a savepoint undoes only the later statement") {
    auto txn = store->Begin();
    REQUIRE(InsertUser(users, *txn, 1, "alice").ok());
    txn->SetSavePoint();
    REQUIRE(InsertUser(users, *txn, 2, "bob").ok());
    REQUIRE(txn->RollbackToSavePoint().ok());
    REQUIRE(InsertUser(users, *txn, 3, "carol").ok());
    REQUIRE(txn->Commit().ok());
    auto rows = ReadUsers(*store);
    REQUIRE(rows.size() == 2);
    REQUIRE(rows[0].first == 1);
    REQUIRE(rows[1].first == 3);
  }

  SECTION("a scan sees the transaction's own writes merged in key order") {
    auto setup = store->Begin();
    REQUIRE(InsertUser(users, *setup, 2, "b").ok());
    REQUIRE(InsertUser(users, *setup, 4, "d").ok());
    REQUIRE(setup->Commit().ok());
    auto txn = store->Begin();
    REQUIRE(InsertUser(users, *txn, 3, "c").ok());
    REQUIRE(InsertUser(users, *txn, -1, "a").ok());
    auto it = users.Scan(*txn);
    std::vector<int64_t> ids;
    StoredRow row;
    while (it->Next(&row).value()) {
      ids.push_back(row.row[0].AsInt());
      if (row.row[0].AsInt() == 4) REQUIRE(LockAndDelete(users, *txn, row.key).ok());
    }
    REQUIRE(ids == std::vector<int64_t>{-1, 2, 3, 4});
  }
}

TEST_CASE("primary keys: 23505 on duplicates, updates move rows", "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore users(*store, UsersLayout());
  auto txn = store->Begin();
  REQUIRE(InsertUser(users, *txn, 1, "alice").ok());
  Status dup = InsertUser(users, *txn, 1, "again");
  REQUIRE(dup.code() == sqlstate::kUniqueViolation);
  REQUIRE(dup.message() == "duplicate key value violates unique constraint \"users_pkey\"");
  REQUIRE(txn->Commit().ok());

  auto other = store->Begin();
  REQUIRE(InsertUser(users, *other, 1, "bob").code() == sqlstate::kUniqueViolation);
  other->Rollback();

  auto upd = store->Begin();
  StoredRow row;
  REQUIRE(users.Lookup(*upd, {Value::Int(1)}, &row).value());
  REQUIRE(LockAndUpdate(users, *upd, row.key, {Value::Int(5), Value::String("alice")}).ok());
  REQUIRE(InsertUser(users, *upd, 6, "frank").ok());
  REQUIRE(LockAndUpdate(users, *upd,
                        users.Lookup(*upd, {Value::Int(6)}, &row).value() ? row.key : "",
                        {Value::Int(5), Value::String("clash")})
              .code() == sqlstate::kUniqueViolation);
  REQUIRE(upd->Commit().ok());
  auto rows = ReadUsers(*store);
  REQUIRE(rows == std::vector<std::pair<int64_t, std::string>>{{5, "alice"}, {6, "frank"}});

  REQUIRE(TableStore::DropData(*store, 100).ok());
  REQUIRE(ReadUsers(*store).empty());
}

// The ids of the rows a scan of [lower, upper) returns, through `txn`.
std::vector<int64_t> ScanIds(TableStore& table, Transaction& txn, const std::string& lower,
                             const std::string& upper) {
  std::vector<int64_t> ids;
  auto it = table.ScanRange(txn, lower, upper);
  StoredRow row;
  while (true) {
    Result<bool> more = it->Next(&row);
    REQUIRE(more.ok());
    if (!*more) break;
    ids.push_back(row.row[0].AsInt());
  }
  return ids;
}

TEST_CASE("split keys cut a table into ranges that hold each row once", "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore users(*store, UsersLayout());
  {
    auto txn = store->Begin();
    Result<std::vector<std::string>> none = users.SplitKeys(*txn, 4);
    REQUIRE(none.ok());
    CHECK(none->empty());  // no rows
  }
  auto txn = store->Begin();
  for (int i = 1; i <= 1000; ++i) REQUIRE(InsertUser(users, *txn, i * 3, "u").ok());
  REQUIRE(txn->Commit().ok());
  // The keys are integers: evenly spaced split points give even ranges.
  // Read by a transaction that deleted and added rows of its own too.
  auto reader = store->Begin();
  REQUIRE(InsertUser(users, *reader, 3001, "own").ok());
  Result<std::vector<std::string>> keys = users.SplitKeys(*reader, 4);
  REQUIRE(keys.ok());
  REQUIRE(keys->size() == 3);
  std::vector<int64_t> all;
  std::string lower = RelationPrefix(100);
  size_t smallest = SIZE_MAX;
  size_t largest = 0;
  for (size_t i = 1; i < keys->size(); ++i) CHECK((*keys)[i - 1] < (*keys)[i]);
  for (size_t i = 0; i <= keys->size(); ++i) {
    const std::string upper = i < keys->size() ? (*keys)[i] : "";
    std::vector<int64_t> ids = ScanIds(users, *reader, lower, upper);
    smallest = std::min(smallest, ids.size());
    largest = std::max(largest, ids.size());
    all.insert(all.end(), ids.begin(), ids.end());
    lower = upper;
  }
  REQUIRE(all.size() == 1001);
  for (size_t i = 0; i < 1000; ++i) CHECK(all[i] == static_cast<int64_t>(i + 1) * 3);
  CHECK(all.back() == 3001);
  CHECK(smallest >= 200);
  CHECK(largest <= 300);
  // Threads scanning at once through one SharedReadTransaction see the
  // same rows, the transaction's own included; writes are refused.
  SharedReadTransaction shared(*reader);
  std::vector<std::vector<int64_t>> seen(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        auto it = users.Scan(shared);
        StoredRow row;
        std::vector<int64_t> ids;
        while (*it->Next(&row)) ids.push_back(row.row[0].AsInt());
        seen[t] = std::move(ids);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::vector<int64_t>& ids : seen) CHECK(ids == all);
  CHECK(shared.Put(ColumnFamily::kData, "k", "v", false).code() == sqlstate::kInternalError);
  CHECK(shared.Commit().code() == sqlstate::kInternalError);
  // One row, or every row under one key: nothing to split.
  auto one = store->Begin();
  TableStore single(*store, HiddenIdLayout(101, TypeId::kInt4));
  REQUIRE(single.Insert(*one, {Value::Int(1)}).ok());
  Result<std::vector<std::string>> single_keys = single.SplitKeys(*one, 4);
  REQUIRE(single_keys.ok());
  CHECK(single_keys->empty());
}

TEST_CASE("a relation's approximate size counts its keys in memtables and files", "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore users(*store, UsersLayout());
  CHECK(TableStore::ApproximateSize(*store, 100) == 0);
  auto txn = store->Begin();
  for (int i = 1; i <= 5000; ++i) {
    REQUIRE(InsertUser(users, *txn, i, "user number " + std::to_string(i)).ok());
  }
  REQUIRE(txn->Commit().ok());
  CHECK(TableStore::ApproximateSize(*store, 100) > 0);  // in the memtable
  REQUIRE(store->FlushAndCompact().ok());
  const uint64_t filled = TableStore::ApproximateSize(*store, 100);  // in SST files
  CHECK(filled > 10000);
  CHECK(TableStore::ApproximateSize(*store, 101) == 0);  // another relation
  // Dropped: what is left is the estimate's slack (file boundaries), not rows.
  REQUIRE(TableStore::DropData(*store, 100).ok());
  REQUIRE(store->FlushAndCompact().ok());
  CHECK(TableStore::ApproximateSize(*store, 100) < filled / 10);
}

TEST_CASE("primary keys: the uniqueness check sees the transaction's own writes", "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore users(*store, UsersLayout());
  auto setup = store->Begin();
  REQUIRE(InsertUser(users, *setup, 1, "alice").ok());
  REQUIRE(setup->Commit().ok());

  // Deleted earlier in the same transaction: the key is free again.
  auto txn = store->Begin();
  StoredRow row;
  REQUIRE(users.Lookup(*txn, {Value::Int(1)}, &row).value());
  REQUIRE(LockAndDelete(users, *txn, row.key).ok());
  REQUIRE(InsertUser(users, *txn, 1, "again").ok());
  REQUIRE(InsertUser(users, *txn, 1, "twice").code() == sqlstate::kUniqueViolation);
  // Many keys written: every one of them is still seen as taken.
  for (int64_t id = 2; id < 3000; ++id) REQUIRE(InsertUser(users, *txn, id, "n").ok());
  for (int64_t id = 2; id < 3000; id += 97) {
    REQUIRE(InsertUser(users, *txn, id, "dup").code() == sqlstate::kUniqueViolation);
  }
  // A write undone by a savepoint rollback frees its key.
  txn->SetSavePoint();
  REQUIRE(InsertUser(users, *txn, 5000, "gone").ok());
  REQUIRE(txn->RollbackToSavePoint().ok());
  REQUIRE(InsertUser(users, *txn, 5000, "kept").ok());
  REQUIRE(txn->Commit().ok());
  REQUIRE(ReadUsers(*store).size() == 3000);
}

TEST_CASE("tables without a primary key get hidden row ids", "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore log(*store, HiddenIdLayout(200, TypeId::kText));
  auto txn = store->Begin();
  for (int i = 0; i < 3; ++i) REQUIRE(log.Insert(*txn, {Value::String("same")}).ok());
  REQUIRE(txn->Commit().ok());
  auto reader = store->Begin();
  auto it = log.Scan(*reader);
  StoredRow row;
  int n = 0;
  while (it->Next(&row).value()) {
    REQUIRE(row.row[0].AsString() == "same");
    REQUIRE(row.key.size() == 4 + 8);
    ++n;
  }
  REQUIRE(n == 3);
}

// Rows with hidden ids wait outside the write batch until the transaction
// reads their table back (RocksTransaction::PutNew, pending_new_).
TEST_CASE("rows with hidden ids are read back, rolled back and deleted by their writer",
          "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore log(*store, HiddenIdLayout(200, TypeId::kInt8));
  TableStore other(*store, HiddenIdLayout(201, TypeId::kInt8));
  auto values = [](TableStore& table, Transaction& txn) {
    std::vector<int64_t> out;
    auto it = table.Scan(txn);
    StoredRow row;
    while (it->Next(&row).value()) out.push_back(row.row[0].AsInt());
    return out;
  };
  auto txn = store->Begin();
  REQUIRE(log.Insert(*txn, {Value::Int(1)}).ok());
  REQUIRE(other.Insert(*txn, {Value::Int(10)}).ok());
  REQUIRE(values(other, *txn) == std::vector<int64_t>{10});
  REQUIRE(log.Insert(*txn, {Value::Int(2)}).ok());
  txn->SetSavePoint();
  REQUIRE(log.Insert(*txn, {Value::Int(3)}).ok());
  REQUIRE(values(log, *txn) == std::vector<int64_t>{1, 2, 3});
  REQUIRE(log.Insert(*txn, {Value::Int(4)}).ok());
  REQUIRE(txn->RollbackToSavePoint().ok());
  REQUIRE(log.Insert(*txn, {Value::Int(5)}).ok());
  REQUIRE(values(log, *txn) == std::vector<int64_t>{1, 2, 5});
  // A delete of an unindexed row comes after it in the batch: it stays deleted.
  REQUIRE(log.Insert(*txn, {Value::Int(6)}).ok());
  {
    auto it = log.Scan(*txn);
    StoredRow row;
    while (it->Next(&row).value()) {
      if (row.row[0].AsInt() == 1) REQUIRE(txn->Delete(ColumnFamily::kData, row.key).ok());
    }
  }
  REQUIRE(log.Insert(*txn, {Value::Int(7)}).ok());
  // A scan still open over the batch survives the pending rows moving in.
  REQUIRE(other.Insert(*txn, {Value::Int(11)}).ok());
  REQUIRE(values(other, *txn) == std::vector<int64_t>{10, 11});
  REQUIRE(log.Insert(*txn, {Value::Int(8)}).ok());
  {
    auto open_scan = other.Scan(*txn);
    StoredRow row;
    REQUIRE(open_scan->Next(&row).value());
    REQUIRE(row.row[0].AsInt() == 10);
    REQUIRE(values(log, *txn) == std::vector<int64_t>{2, 5, 6, 7, 8});
    REQUIRE(open_scan->Next(&row).value());
    REQUIRE(row.row[0].AsInt() == 11);
    REQUIRE_FALSE(open_scan->Next(&row).value());
  }
  REQUIRE(txn->Commit().ok());
  auto reader = store->Begin();
  REQUIRE(values(log, *reader) == std::vector<int64_t>{2, 5, 6, 7, 8});
  REQUIRE(values(other, *reader) == std::vector<int64_t>{10, 11});
}

TEST_CASE("lock conflicts fail with 55P03 after the lock timeout, deadlocks with 40P01",
          "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore users(*store, UsersLayout());

  SECTION("lock timeout") {
    auto first = store->Begin();
    REQUIRE(InsertUser(users, *first, 1, "alice").ok());
    auto second = store->Begin();
    auto start = std::chrono::steady_clock::now();
    Status s = InsertUser(users, *second, 1, "bob");
    auto waited = std::chrono::steady_clock::now() - start;
    REQUIRE(s.code() == sqlstate::kLockNotAvailable);
    REQUIRE(s.message() == "canceling statement due to lock timeout");
    REQUIRE(waited >= std::chrono::milliseconds(150));
    REQUIRE(waited < std::chrono::seconds(5));
    // Once the holder commits, the waiter sees the committed row: 23505.
    REQUIRE(first->Commit().ok());
    REQUIRE(InsertUser(users, *second, 1, "bob").code() == sqlstate::kUniqueViolation);
  }

  SECTION("deadlock") {
    TransactionOptions slow;
    slow.lock_timeout_ms = 5000;
    auto a = store->Begin(slow);
    auto b = store->Begin(slow);
    REQUIRE(InsertUser(users, *a, 1, "a").ok());
    REQUIRE(InsertUser(users, *b, 2, "b").ok());
    Status a_status;
    std::thread t([&] { a_status = InsertUser(users, *a, 2, "a2"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    Status b_status = InsertUser(users, *b, 1, "b1");
    if (b_status.code() == sqlstate::kDeadlockDetected) b->Rollback();
    t.join();
    // Exactly one side is chosen as the victim.
    bool a_dead = a_status.code() == sqlstate::kDeadlockDetected;
    bool b_dead = b_status.code() == sqlstate::kDeadlockDetected;
    REQUIRE(a_dead != b_dead);
  }
}

TEST_CASE("repeatable read: writing a row changed since the snapshot fails with 40001",
          "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore users(*store, UsersLayout());
  auto setup = store->Begin();
  REQUIRE(InsertUser(users, *setup, 1, "alice").ok());
  REQUIRE(setup->Commit().ok());

  TransactionOptions rr;
  rr.isolation = IsolationLevel::kRepeatableRead;
  auto txn = store->Begin(rr);
  StoredRow row;
  REQUIRE(users.Lookup(*txn, {Value::Int(1)}, &row).value());
  auto other = store->Begin();
  REQUIRE(LockAndUpdate(users, *other, row.key, {Value::Int(1), Value::String("changed")}).ok());
  REQUIRE(other->Commit().ok());
  Status s = LockAndUpdate(users, *txn, row.key, {Value::Int(1), Value::String("mine")});
  REQUIRE(s.code() == sqlstate::kSerializationFailure);
}

TEST_CASE("repeatable read: a relation written after the snapshot can be read at a newer one",
          "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  auto count = [](Transaction& txn, uint32_t relation) {
    int rows = 0;
    auto it = txn.Scan(ColumnFamily::kData, RelationPrefix(relation), RelationEnd(relation));
    for (; it->Valid(); it->Next()) ++rows;
    REQUIRE(it->status().ok());
    return rows;
  };
  int written = 0;  // each write adds a row
  auto write = [&](uint32_t relation) {
    const std::string key = RelationPrefix(relation) + "k" + std::to_string(++written);
    REQUIRE(store->WriteUnlocked(ColumnFamily::kData, {{key, "v"}}).ok());
  };
  TransactionOptions rr;
  rr.isolation = IsolationLevel::kRepeatableRead;
  auto txn = store->Begin(rr);
  auto read_committed = store->Begin();
  write(700);  // filled after both snapshots (a full REFRESH's new relation)
  write(701);  // another relation written after them
  const uint64_t filled = store->CurrentVersion();
  REQUIRE(count(*txn, 700) == 0);
  txn->ReadRelationNewerThanSnapshot(700, filled);
  CHECK(count(*txn, 700) == 1);
  CHECK(count(*txn, 701) == 0);  // only the named relation
  write(700);                    // later writes stay after the newer snapshot
  CHECK(count(*txn, 700) == 1);
  // A snapshot that already holds the rows keeps its own.
  auto later = store->Begin(rr);
  later->ReadRelationNewerThanSnapshot(701, filled);
  write(701);
  CHECK(count(*later, 701) == 1);
  // A relation asked for again with a newer version moves to a newer
  // snapshot; the others keep theirs.
  const uint64_t rewritten = store->CurrentVersion();
  txn->ReadRelationNewerThanSnapshot(701, filled);  // the newer snapshot taken for 700
  CHECK(count(*txn, 701) == 1);
  txn->ReadRelationNewerThanSnapshot(700, rewritten);
  CHECK(count(*txn, 700) == 2);
  CHECK(count(*txn, 701) == 1);  // 701 keeps its snapshot
  write(700);
  txn->ReadRelationNewerThanSnapshot(700, rewritten);  // already new enough
  CHECK(count(*txn, 700) == 2);
  // READ COMMITTED statements take new snapshots: nothing to do.
  read_committed->ReadRelationNewerThanSnapshot(700, filled);
  CHECK(count(*read_committed, 700) == 0);
}

TEST_CASE("a lock wait without timeout ends when the holder commits or the wait is interrupted",
          "[kv_store]") {
  TestTempDir dir;
  StoreOptions options = Options(dir);
  options.lock_timeout_ms = 0;  // wait as long as it takes
  auto store = OpenOrDie(options);
  TableStore users(*store, UsersLayout());
  auto holder = store->Begin();
  REQUIRE(InsertUser(users, *holder, 1, "alice").ok());

  SECTION("the holder commits after longer than a lock wait slice") {
    auto waiter = store->Begin();
    Status waited;
    std::thread t([&] { waited = InsertUser(users, *waiter, 1, "bob"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    REQUIRE(holder->Commit().ok());
    t.join();
    REQUIRE(waited.code() == sqlstate::kUniqueViolation);
  }

  SECTION("a cancel ends the wait with 57014") {
    Interrupt interrupt;
    interrupt.BeginStatement(std::nullopt);
    TransactionOptions with_interrupt;
    with_interrupt.interrupt = &interrupt;
    auto waiter = store->Begin(with_interrupt);
    Status waited;
    std::thread t([&] { waited = InsertUser(users, *waiter, 1, "bob"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    interrupt.Request(Interrupt::Reason::kCancel);
    t.join();
    REQUIRE(waited.code() == sqlstate::kQueryCanceled);
    REQUIRE(waited.message() == "canceling statement due to user request");
  }
}

TEST_CASE("savepoints undo writes and release the locks taken after them", "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore users(*store, UsersLayout());
  auto txn = store->Begin();
  REQUIRE(InsertUser(users, *txn, 1, "kept").ok());
  txn->SetSavePoint();
  REQUIRE(InsertUser(users, *txn, 2, "undone").ok());
  txn->SetSavePoint();
  REQUIRE(InsertUser(users, *txn, 3, "released").ok());
  REQUIRE(txn->ReleaseSavePoint().ok());
  REQUIRE(txn->RollbackToSavePoint().ok());
  // Key 2's lock is gone: another transaction takes it at once.
  auto other = store->Begin();
  REQUIRE(InsertUser(users, *other, 2, "other").ok());
  REQUIRE(other->Commit().ok());
  REQUIRE(txn->Commit().ok());
  REQUIRE(ReadUsers(*store) ==
          std::vector<std::pair<int64_t, std::string>>{{1, "kept"}, {2, "other"}});
}

TEST_CASE("serializable: write skew fails one side with 40001, snapshot isolation lets it pass",
          "[kv_store]") {
  TestTempDir dir;
  auto store = OpenOrDie(Options(dir));
  TableStore users(*store, UsersLayout());
  auto setup = store->Begin();
  REQUIRE(InsertUser(users, *setup, 1, "on call").ok());
  REQUIRE(InsertUser(users, *setup, 2, "on call").ok());
  REQUIRE(setup->Commit().ok());

  // Each reads both rows (a scan), then takes only its own row off call.
  auto go_off_call = [&](Transaction& txn, int64_t id) {
    auto it = users.Scan(txn);
    StoredRow row;
    int on_call = 0;
    while (it->Next(&row).value()) on_call += row.row[1].AsString() == "on call";
    REQUIRE(on_call == 2);
    StoredRow mine;
    REQUIRE(users.Lookup(txn, {Value::Int(id)}, &mine).value());
    REQUIRE(LockAndUpdate(users, txn, mine.key, {Value::Int(id), Value::String("off")}).ok());
  };
  for (IsolationLevel level : {IsolationLevel::kRepeatableRead, IsolationLevel::kSerializable}) {
    auto reset = store->Begin();
    for (int64_t id : {1, 2}) {
      StoredRow row;
      REQUIRE(users.Lookup(*reset, {Value::Int(id)}, &row).value());
      REQUIRE(
          LockAndUpdate(users, *reset, row.key, {Value::Int(id), Value::String("on call")}).ok());
    }
    REQUIRE(reset->Commit().ok());
    TransactionOptions options;
    options.isolation = level;
    auto a = store->Begin(options);
    auto b = store->Begin(options);
    go_off_call(*a, 1);
    go_off_call(*b, 2);
    REQUIRE(a->Commit().ok());
    Status second = b->Commit();
    if (level == IsolationLevel::kSerializable) {
      REQUIRE(second.code() == sqlstate::kSerializationFailure);
      REQUIRE(second.message() ==
              "could not serialize access due to read/write dependencies among transactions");
    } else {
      REQUIRE(second.ok());
    }
  }
}

std::vector<ChangelogKey> ReadChangelog(KvStore& store, uint32_t relation_id) {
  auto txn = store.Begin();
  auto it = txn->Scan(ColumnFamily::kChangelog, ChangelogSeekKey(relation_id, 0),
                      ChangelogSeekKey(relation_id + 1, 0));
  std::vector<ChangelogKey> keys;
  for (; it->Valid(); it->Next()) {
    ChangelogKey key;
    REQUIRE(DecodeChangelogKey(it->key(), &key).ok());
    keys.push_back(key);
  }
  REQUIRE(it->status().ok());
  return keys;
}

TEST_CASE("change records get commit sequences in commit order", "[kv_store]") {
  TestTempDir dir;
  StoreOptions options = Options(dir);
  auto store = OpenOrDie(options);
  TableLayout layout = UsersLayout();
  layout.capture_changes = true;
  TableStore users(*store, layout);

  SECTION("the later commit gets the later sequence, whatever the begin order") {
    auto early = store->Begin();
    auto late = store->Begin();
    REQUIRE(InsertUser(users, *early, 1, "early").ok());
    REQUIRE(InsertUser(users, *late, 2, "late").ok());
    REQUIRE(late->Commit().ok());
    REQUIRE(store->LastCommitSequence() == 1);
    REQUIRE(early->Commit().ok());
    REQUIRE(store->LastCommitSequence() == 2);

    auto txn = store->Begin();
    std::string value;
    bool found = false;
    REQUIRE(
        txn->Get(ColumnFamily::kChangelog, EncodeChangelogKey({100, 1, 0}), &value, &found).ok());
    REQUIRE(found);
    std::string_view old_row, new_row;
    REQUIRE(DecodeChange(value, &old_row, &new_row).ok());
    REQUIRE(old_row.empty());  // an insert
    Row decoded;
    REQUIRE(DecodeRow(new_row, layout.column_types, &decoded).ok());
    REQUIRE(decoded[1].AsString() == "late");
  }

  SECTION("records a table does not log are buffered, then dropped at commit") {
    TableLayout unlogged = layout;
    unlogged.log_changes = false;  // only immediate views watch it
    TableStore quiet(*store, unlogged);
    auto txn = store->Begin();
    REQUIRE(InsertUser(quiet, *txn, 1, "seen by the transaction only").ok());
    REQUIRE(txn->BufferedChangeCount() == 1);
    REQUIRE(txn->Commit().ok());
    REQUIRE(store->LastCommitSequence() == 0);  // no sequence taken either
    auto reader = store->Begin();
    std::unique_ptr<KvIterator> it =
        reader->Scan(ColumnFamily::kChangelog, std::string(), std::string(1, '\xff'));
    REQUIRE(!it->Valid());
  }

  SECTION("rolled back statements and transactions leave no records") {
    auto txn = store->Begin();
    REQUIRE(InsertUser(users, *txn, 1, "kept").ok());
    txn->SetSavePoint();
    REQUIRE(InsertUser(users, *txn, 2, "undone").ok());
    REQUIRE(txn->RollbackToSavePoint().ok());
    REQUIRE(txn->Commit().ok());
    auto gone = store->Begin();
    REQUIRE(InsertUser(users, *gone, 3, "never").ok());
    gone->Rollback();
    auto keys = ReadChangelog(*store, 100);
    REQUIRE(keys.size() == 1);
    REQUIRE(keys[0].commit_sequence == 1);
  }

  SECTION("concurrent committers: strictly increasing, no gaps, survives reopen") {
    std::vector<std::thread> threads;
    std::mutex mu;
    std::vector<std::vector<uint64_t>> seen(4);
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 25; ++i) {
          auto txn = store->Begin();
          REQUIRE(InsertUser(users, *txn, t * 1000 + i, "x").ok());
          REQUIRE(InsertUser(users, *txn, t * 1000 + 500 + i, "y").ok());
          REQUIRE(txn->Commit().ok());
          // Sequences this thread observes after its own commits only grow.
          std::lock_guard<std::mutex> lock(mu);
          seen[static_cast<size_t>(t)].push_back(store->LastCommitSequence());
        }
      });
    }
    for (auto& th : threads) th.join();
    for (const auto& s : seen) REQUIRE(std::is_sorted(s.begin(), s.end()));
    auto keys = ReadChangelog(*store, 100);
    REQUIRE(keys.size() == 200);
    for (size_t i = 0; i < keys.size(); ++i) {
      REQUIRE(keys[i].commit_sequence == i / 2 + 1);  // two records per commit
      REQUIRE(keys[i].ordinal == i % 2);
    }
    store.reset();
    store = OpenOrDie(options);
    // Sequences are reserved in blocks: after a restart they continue past
    // everything the last run may have used, never below.
    const uint64_t reopened_at = store->LastCommitSequence();
    REQUIRE(reopened_at >= 100);
    TableStore reopened(*store, layout);
    auto txn = store->Begin();
    REQUIRE(InsertUser(reopened, *txn, 99999, "z").ok());
    REQUIRE(txn->Commit().ok());
    REQUIRE(store->LastCommitSequence() == reopened_at + 1);
    keys = ReadChangelog(*store, 100);
    REQUIRE(keys.size() == 201);
    REQUIRE(keys.back().commit_sequence == reopened_at + 1);
  }
}

}  // namespace
}  // namespace basalt::storage
