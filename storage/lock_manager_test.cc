// LockManager: PostgreSQL's conflict table, queueing, NOWAIT, lock_timeout,
// session and transaction scopes, savepoint marks, pg_locks rows, and
// deadlocks through relation, advisory and row locks (with the DETAIL).
#include "storage/lock_manager.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "common/sqlstate.h"
#include "common/test_temp_dir.h"
#include "storage/kv_store.h"
#include "storage/transaction.h"

namespace basalt::storage {
namespace {

using namespace std::chrono_literals;

constexpr Oid kDb = 16384;
const LockTag kTable = LockTag::Relation(kDb, 16500);
const LockTag kOther = LockTag::Relation(kDb, 16501);

LockManager NoKeyLocks() {
  return LockManager([] { return std::vector<HeldKeyLock>{}; });
}

Status Take(LockManager& locks, LockOwner& owner, const LockTag& tag, LockLevel level,
            LockWaitPolicy policy = {}) {
  return locks.Acquire(owner, tag, level, LockScope::kTransaction, policy, "relation \"t\"");
}

bool Blocked(LockManager& locks, LockOwner& owner, const LockTag& tag, LockLevel level) {
  return !Take(locks, owner, tag, level, LockWaitPolicy{.nowait = true}).ok();
}

TEST_CASE("the eight modes conflict as PostgreSQL's table says", "[lock_manager]") {
  // Rows: held mode; columns: requested mode; 1 = conflict (PostgreSQL docs,
  // "Conflicting Lock Modes").
  constexpr int kExpected[8][8] = {
      {0, 0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 1, 1}, {0, 0, 0, 0, 1, 1, 1, 1},
      {0, 0, 0, 1, 1, 1, 1, 1}, {0, 0, 1, 1, 0, 1, 1, 1}, {0, 0, 1, 1, 1, 1, 1, 1},
      {0, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1},
  };
  LockManager locks = NoKeyLocks();
  auto holder = locks.Register(0, kDb);
  auto requester = locks.Register(0, kDb);
  for (int held = 1; held <= 8; ++held) {
    for (int wanted = 1; wanted <= 8; ++wanted) {
      locks.BeginTransaction(*holder);
      locks.BeginTransaction(*requester);
      REQUIRE(Take(locks, *holder, kTable, static_cast<LockLevel>(held)).ok());
      INFO("held " << held << ", requested " << wanted);
      CHECK(Blocked(locks, *requester, kTable, static_cast<LockLevel>(wanted)) ==
            (kExpected[held - 1][wanted - 1] == 1));
      CHECK(LockLevelsConflict(static_cast<LockLevel>(held), static_cast<LockLevel>(wanted)) ==
            (kExpected[held - 1][wanted - 1] == 1));
      locks.EndTransaction(*requester);
      locks.EndTransaction(*holder);
    }
  }
}

TEST_CASE("NOWAIT fails with 55P03 naming the object, an owner never blocks itself",
          "[lock_manager]") {
  LockManager locks = NoKeyLocks();
  auto a = locks.Register(0, kDb);
  auto b = locks.Register(0, kDb);
  REQUIRE(Take(locks, *a, kTable, LockLevel::kAccessExclusive).ok());
  REQUIRE(Take(locks, *a, kTable, LockLevel::kAccessShare).ok());  // own locks never conflict
  Status s = Take(locks, *b, kTable, LockLevel::kAccessShare, LockWaitPolicy{.nowait = true});
  CHECK(s.code() == sqlstate::kLockNotAvailable);
  CHECK(s.message() == "could not obtain lock on relation \"t\"");
  CHECK(Take(locks, *b, kOther, LockLevel::kAccessExclusive).ok());  // other objects are free
}

TEST_CASE("a waiter is granted when the holder's transaction ends", "[lock_manager]") {
  LockManager locks = NoKeyLocks();
  auto a = locks.Register(0, kDb);
  auto b = locks.Register(0, kDb);
  locks.BeginTransaction(*a);
  REQUIRE(Take(locks, *a, kTable, LockLevel::kRowExclusive).ok());
  bool waited = false;
  auto waiter = std::async(std::launch::async, [&] {
    return locks.Acquire(*b, kTable, LockLevel::kShare, LockScope::kTransaction, {}, "t", &waited);
  });
  CHECK(waiter.wait_for(100ms) == std::future_status::timeout);
  locks.EndTransaction(*a);
  REQUIRE(waiter.get().ok());
  CHECK(waited);
}

TEST_CASE("a request queues behind a conflicting waiter", "[lock_manager]") {
  // A reader arriving after a waiting ACCESS EXCLUSIVE waits too, so a
  // stream of readers cannot starve a DROP.
  LockManager locks = NoKeyLocks();
  auto reader = locks.Register(0, kDb);
  auto dropper = locks.Register(0, kDb);
  auto late = locks.Register(0, kDb);
  REQUIRE(Take(locks, *reader, kTable, LockLevel::kAccessShare).ok());
  auto drop = std::async(std::launch::async, [&] {
    return Take(locks, *dropper, kTable, LockLevel::kAccessExclusive);
  });
  std::this_thread::sleep_for(50ms);
  CHECK(Blocked(locks, *late, kTable, LockLevel::kAccessShare));
  // The first reader may still take more: it already holds the lock.
  CHECK(Take(locks, *reader, kTable, LockLevel::kAccessShare).ok());
  locks.EndTransaction(*reader);
  REQUIRE(drop.get().ok());
}

TEST_CASE("lock_timeout and the interrupt end a wait", "[lock_manager]") {
  LockManager locks = NoKeyLocks();
  auto a = locks.Register(0, kDb);
  auto b = locks.Register(0, kDb);
  REQUIRE(Take(locks, *a, kTable, LockLevel::kAccessExclusive).ok());
  const auto start = std::chrono::steady_clock::now();
  Status s =
      Take(locks, *b, kTable, LockLevel::kAccessShare, LockWaitPolicy{.lock_timeout_ms = 100});
  CHECK(s.code() == sqlstate::kLockNotAvailable);
  CHECK(s.message() == "canceling statement due to lock timeout");
  CHECK(std::chrono::steady_clock::now() - start >= 100ms);

  Interrupt interrupt;
  std::thread cancel([&] {
    std::this_thread::sleep_for(50ms);
    interrupt.Request(Interrupt::Reason::kCancel);
  });
  s = Take(locks, *b, kTable, LockLevel::kAccessShare, LockWaitPolicy{.interrupt = &interrupt});
  cancel.join();
  CHECK(s.code() == sqlstate::kQueryCanceled);
  // The failed waiter left the queue: a third owner is not stuck behind it.
  locks.EndTransaction(*a);
  auto c = locks.Register(0, kDb);
  CHECK(Take(locks, *c, kTable, LockLevel::kAccessShare, LockWaitPolicy{.nowait = true}).ok());
}

TEST_CASE("session locks outlive transactions, marks release what a savepoint undid",
          "[lock_manager]") {
  LockManager locks = NoKeyLocks();
  auto a = locks.Register(0, kDb);
  auto b = locks.Register(0, kDb);
  const LockTag key = LockTag::Advisory(kDb, 42);
  locks.BeginTransaction(*a);
  REQUIRE(locks.Acquire(*a, key, LockLevel::kExclusive, LockScope::kSession, {}, "").ok());
  REQUIRE(locks.Acquire(*a, key, LockLevel::kExclusive, LockScope::kSession, {}, "").ok());
  locks.EndTransaction(*a);
  CHECK_FALSE(locks.TryAcquire(*b, key, LockLevel::kShare, LockScope::kSession));
  // Taken twice, released twice; a third release finds nothing.
  CHECK(locks.ReleaseSession(*a, key, LockLevel::kExclusive));
  CHECK_FALSE(locks.TryAcquire(*b, key, LockLevel::kShare, LockScope::kSession));
  CHECK(locks.ReleaseSession(*a, key, LockLevel::kExclusive));
  CHECK_FALSE(locks.ReleaseSession(*a, key, LockLevel::kExclusive));
  CHECK(locks.TryAcquire(*b, key, LockLevel::kShare, LockScope::kSession));
  locks.ReleaseAllSession(*b);

  locks.BeginTransaction(*a);
  REQUIRE(Take(locks, *a, kTable, LockLevel::kAccessShare).ok());
  const size_t mark = locks.TransactionMark(*a);
  REQUIRE(Take(locks, *a, kOther, LockLevel::kAccessExclusive).ok());
  locks.ReleaseToMark(*a, mark);
  CHECK_FALSE(Blocked(locks, *b, kOther, LockLevel::kAccessExclusive));
  CHECK(Blocked(locks, *b, kTable, LockLevel::kAccessExclusive));
  a.reset();  // a disconnect releases everything
  CHECK_FALSE(Blocked(locks, *b, kTable, LockLevel::kAccessExclusive));
}

TEST_CASE("pg_locks rows: held, awaited, advisory keys, virtual xids", "[lock_manager]") {
  LockManager locks = NoKeyLocks();
  auto a = locks.Register(101, kDb);
  auto b = locks.Register(102, kDb);
  locks.BeginTransaction(*a);
  REQUIRE(Take(locks, *a, kTable, LockLevel::kAccessExclusive).ok());
  REQUIRE(locks
              .Acquire(*a, LockTag::Advisory(kDb, int64_t{0x100000002}), LockLevel::kShare,
                       LockScope::kSession, {}, "")
              .ok());
  auto waiter = std::async(std::launch::async,
                           [&] { return Take(locks, *b, kTable, LockLevel::kRowExclusive); });
  std::this_thread::sleep_for(50ms);
  std::vector<LockStatusRow> rows = locks.StatusRows();
  int relation_rows = 0;
  for (const LockStatusRow& r : rows) {
    if (r.locktype == "virtualxid") CHECK(r.pid == 101);
    if (r.locktype == "advisory") {
      CHECK(r.classid == 1u);
      CHECK(r.objid == 2u);
      CHECK(r.objsubid == 1);
      CHECK(r.mode == "ShareLock");
    }
    if (r.locktype == "relation") {
      ++relation_rows;
      CHECK(r.relation == 16500u);
      CHECK(r.granted == (r.pid == 101));
      CHECK(r.mode == (r.pid == 101 ? "AccessExclusiveLock" : "RowExclusiveLock"));
      CHECK(r.waitstart.has_value() == !r.granted);
    }
  }
  CHECK(relation_rows == 2);
  CHECK(locks.BlockingPids(102) == std::vector<int32_t>{101});
  CHECK(locks.BlockingPids(101).empty());
  locks.EndTransaction(*a);
  REQUIRE(waiter.get().ok());
  CHECK(locks.BlockingPids(102).empty());
}

TEST_CASE("a cycle of relation and advisory waits fails its checker with 40P01 and DETAIL",
          "[lock_manager]") {
  LockManager locks = NoKeyLocks();
  auto a = locks.Register(201, kDb);
  auto b = locks.Register(202, kDb);
  a->set_deadlock_timeout_ms(100'000);  // only b runs the check
  b->set_deadlock_timeout_ms(50);
  const LockTag key = LockTag::Advisory(kDb, 7, 8);
  REQUIRE(Take(locks, *a, kTable, LockLevel::kAccessExclusive).ok());
  REQUIRE(locks.Acquire(*b, key, LockLevel::kExclusive, LockScope::kTransaction, {}, "").ok());
  auto a_waits = std::async(std::launch::async, [&] {
    return locks.Acquire(*a, key, LockLevel::kExclusive, LockScope::kTransaction, {}, "");
  });
  std::this_thread::sleep_for(50ms);
  Status s = Take(locks, *b, kTable, LockLevel::kAccessShare);
  REQUIRE(s.code() == sqlstate::kDeadlockDetected);
  CHECK(s.message() == "deadlock detected");
  CHECK(s.detail() ==
        "Process 202 waits for AccessShareLock on relation 16500 of database 16384; blocked by "
        "process 201.\n"
        "Process 201 waits for ExclusiveLock on advisory lock [16384,7,8,2]; blocked by process "
        "202.");
  CHECK(s.hint() == "See server log for query details.");
  locks.EndTransaction(*b);  // the victim rolls back; the other goes on
  CHECK(a_waits.get().ok());
}

TEST_CASE("a cycle through a row lock and a relation lock is found", "[lock_manager]") {
  TestTempDir dir;
  StoreOptions options;
  options.data_dir = dir.path();
  options.master_key.fill(3);
  options.sync_commits = false;
  auto opened = KvStore::Open(options);
  REQUIRE(opened.ok());
  std::unique_ptr<KvStore> store = std::move(opened).value();
  LockManager& locks = store->locks();
  auto a = locks.Register(301, kDb);
  auto b = locks.Register(302, kDb);
  a->set_deadlock_timeout_ms(100'000);
  b->set_deadlock_timeout_ms(50);
  TransactionOptions a_options{.lock_owner = a.get()};
  TransactionOptions b_options{.lock_owner = b.get()};
  auto a_txn = store->Begin(a_options);
  auto b_txn = store->Begin(b_options);
  // a holds a row, b holds the table; a waits for the table, b for the row.
  REQUIRE(a_txn->Put(ColumnFamily::kData, "row-1", "a", /*locked=*/false).ok());
  REQUIRE(Take(locks, *b, kTable, LockLevel::kAccessExclusive).ok());
  auto a_waits = std::async(std::launch::async,
                            [&] { return Take(locks, *a, kTable, LockLevel::kRowExclusive); });
  std::this_thread::sleep_for(50ms);
  Status s = b_txn->Put(ColumnFamily::kData, "row-1", "b", /*locked=*/false);
  REQUIRE(s.code() == sqlstate::kDeadlockDetected);
  CHECK(s.detail().starts_with("Process 302 waits for ShareLock on transaction "));
  CHECK(s.detail().find("; blocked by process 301.\nProcess 301 waits for RowExclusiveLock on "
                        "relation 16500 of database 16384; blocked by process 302.") !=
        std::string::npos);
  b_txn->Rollback();
  locks.EndTransaction(*b);
  CHECK(a_waits.get().ok());
  a_txn->Rollback();
}

}  // namespace
}  // namespace basalt::storage
