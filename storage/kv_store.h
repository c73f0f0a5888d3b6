// KvStore: Basalt's facade over RocksDB. Other modules include this header
// (and transaction.h, table_store.h, the codecs), never RocksDB's.
//
// One TransactionDB (pessimistic) with column families
//   catalog   — catalog objects (protobuf), keyed by catalog/
//   data      — every table and index, keys prefixed by a 4-byte relation id
//   changelog — row changes for incremental materialized views
//   meta      — counters (next OID, next relation id, commit sequence)
// Every file RocksDB writes goes through the encrypting Env
// (storage/encryption/), and RocksDB's info log goes to spdlog, so nothing in
// the data directory is plaintext.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/interrupt.h"
#include "common/status.h"
#include "storage/lock_manager.h"

namespace rocksdb {
class FileSystem;
}  // namespace rocksdb

namespace basalt::storage {

// DO NOT CHANGE THESE VALUES: they index the column families.
enum class ColumnFamily : uint8_t { kCatalog = 0, kData = 1, kChangelog = 2, kMeta = 3 };

using MasterKey = std::array<uint8_t, 32>;

struct StoreOptions {
  std::filesystem::path data_dir;
  MasterKey master_key{};
  size_t block_cache_bytes = 256u << 20;
  // Commits are durable when acknowledged (WAL fsync; RocksDB groups
  // concurrent commits). Tests may turn this off for speed, never production:
  // off, nothing is ever synced, not even by the background sync below.
  bool sync_commits = true;
  // How often a background thread syncs the WAL after commits made with
  // TransactionOptions::synchronous_commit off (PostgreSQL's wal_writer_delay):
  // what a crash can lose of them. 0: never (tests).
  int64_t wal_sync_interval_ms = 200;
  // How long a transaction waits for a lock before failing with 55P03;
  // 0 waits as long as it takes (PostgreSQL's lock_timeout = 0).
  int64_t lock_timeout_ms = 0;
  // Tests only: the file system under the encryption layer (fault
  // injection); null is the operating system's.
  std::shared_ptr<rocksdb::FileSystem> base_file_system;
};

enum class IsolationLevel : uint8_t { kReadCommitted, kRepeatableRead, kSerializable };

struct TransactionOptions {
  // kReadCommitted: GetForUpdate and writes act on the latest committed
  // version of a key (after waiting for its lock), as PostgreSQL's READ
  // COMMITTED does. kRepeatableRead: snapshot isolation, writing a key
  // another transaction changed after this one's snapshot fails with 40001.
  // kSerializable: as kRepeatableRead, and a commit fails with 40001 if a
  // key or range this transaction read was changed by a serializable
  // transaction that committed after its snapshot (docs/architecture.md).
  IsolationLevel isolation = IsolationLevel::kReadCommitted;
  // Lock wait limit for this transaction; negative: StoreOptions::lock_timeout_ms;
  // 0: no limit.
  int64_t lock_timeout_ms = -1;
  // Checked while waiting for a lock: a cancel or statement timeout ends the
  // wait with its error. Owned by the caller; may be null.
  const Interrupt* interrupt = nullptr;
  // The session the transaction acts for: its row-lock waits join the lock
  // manager's deadlock detection and pg_locks. May be null (then RocksDB's
  // own detector breaks row-lock cycles at once).
  LockOwner* lock_owner = nullptr;
  // PostgreSQL's synchronous_commit: on, Commit returns once the commit is
  // in the synced WAL; off, once it is in the WAL (the background sync of
  // StoreOptions::wal_sync_interval_ms follows), so a crash may lose the
  // last such commits, whole, never part of one.
  bool synchronous_commit = true;
};

class Transaction;
class TempFileService;

// Rows of a relation nobody else can see yet (created or truncated by the
// loading transaction, which removes the relation if it does not commit),
// written as sorted files RocksDB takes in whole: no WAL, no memtable, no
// compaction of them later. Keys come in strictly ascending order, after
// every key already stored in the relation. Finish() makes them part of the
// store, durably; dropping the load before that discards what it held.
class SortedLoad {
 public:
  virtual ~SortedLoad() = default;
  virtual Status Add(std::string_view key, std::string_view value) = 0;
  virtual Status Finish() = 0;
};

class KvStore {
 public:
  // Opens or creates the store in options.data_dir (creating the directory
  // with mode 0700). A wrong master key fails with a clear message
  // ("master key does not match ...") and leaves every file untouched. So
  // does a data directory another process has open (F0001, naming the
  // directory and that process's pid): the store holds an fcntl lock on
  // the empty file `basalt.lock` in it while open.
  static Result<std::unique_ptr<KvStore>> Open(const StoreOptions& options);

  virtual ~KvStore() = default;  // flushes and closes RocksDB cleanly

  // Starts a transaction; reads see a snapshot taken now until
  // Transaction::RefreshSnapshot() is called.
  virtual std::unique_ptr<Transaction> Begin() = 0;
  virtual std::unique_ptr<Transaction> Begin(const TransactionOptions& options) = 0;

  // Removes every key in [begin, end) outside any transaction (DROP TABLE
  // data after the catalog change committed: relation ids are never reused).
  virtual Status DeleteRange(ColumnFamily cf, std::string_view begin, std::string_view end) = 0;
  // An estimate of the bytes the keys in [begin, end) take, in SST files and
  // memtables (pg_relation_size and friends); 0 when it cannot tell.
  virtual uint64_t ApproximateSize(ColumnFamily cf, std::string_view begin,
                                   std::string_view end) = 0;
  // Writes `entries` (key, value) into `cf` as one durable write outside any
  // transaction, taking no row locks. Only for keys nobody else reads or
  // writes: an index being built under a relation id not yet published.
  // `sync` false leaves the write unsynced: for a relation the writing
  // transaction publishes in a commit of its own, whose WAL sync makes every
  // earlier write durable too (the WAL is one sequence).
  virtual Status WriteUnlocked(ColumnFamily cf,
                               const std::vector<std::pair<std::string, std::string>>& entries,
                               bool sync = true) = 0;

  // A SortedLoad into `cf` (see above).
  virtual Result<std::unique_ptr<SortedLoad>> BeginSortedLoad(ColumnFamily cf) = 0;
  // Allocates the next value of a durable counter kept in `meta` (OIDs,
  // relation ids): never returns the same value twice, even after a crash.
  virtual Result<uint64_t> NextCounterValue(std::string_view counter_name) = 0;
  // Allocates `count` consecutive values of the counter; returns the first.
  virtual Result<uint64_t> NextCounterValues(std::string_view counter_name, uint64_t count) = 0;

  // The next hidden row id of a table without a primary key. Allocated in
  // blocks from a durable counter so the hot path stays in memory; ids are
  // unique forever but may have gaps after a restart.
  virtual Result<uint64_t> NextRowId(uint32_t relation_id) = 0;

  // Flushes memtables and compacts everything (the CHECKPOINT command).
  virtual Status FlushAndCompact() = 0;

  // How far RocksDB's compactions are behind, summed over column families:
  // background work (automatic matview refreshes) backs off while it is.
  struct Backlog {
    uint64_t level0_files = 0;
    uint64_t pending_compaction_bytes = 0;
  };
  virtual Backlog CompactionBacklog() const = 0;

  // The change log's high-watermark: every transaction that wrote change
  // records (see Transaction::AppendChange) with a commit sequence up to
  // this one has committed (durably, if it synced) or failed, so reading
  // the change log up to it never misses a change that appears later. It
  // only grows.
  virtual uint64_t LastCommitSequence() const = 0;
  // The storage engine's version now (RocksDB's latest sequence number):
  // every snapshot taken later holds every write made before.
  virtual uint64_t CurrentVersion() const = 0;

  // Relation and advisory locks, deadlock detection, pg_locks.
  virtual LockManager& locks() = 0;

  // Encrypted temporary files under <data_dir>/temp (storage/temp_files.h),
  // for operators that spill past work_mem.
  virtual TempFileService& temp_files() = 0;
};

}  // namespace basalt::storage
