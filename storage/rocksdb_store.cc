#include "storage/rocksdb_store.h"

#include <algorithm>

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <vector>

#include "storage/coding.h"
#include "storage/rocksdb_logger.h"
#include "storage/rocksdb_status.h"
#include "storage/rocksdb_transaction.h"

namespace basalt::storage {
namespace {

// DO NOT CHANGE: column family names are in every data directory, in the
// order of the ColumnFamily enum.
constexpr std::array<const char*, 4> kColumnFamilyNames = {"catalog", "data", "changelog", "meta"};

// Hidden row ids are reserved in blocks: one synced meta write per block
// instead of per insert; a restart skips the rest of a block. A relation
// that uses its blocks up gets twice as many next time, up to the maximum,
// so a bulk load of a million rows costs a handful of synced writes, not a
// thousand.
constexpr uint64_t kRowIdBlockSize = 1024;
constexpr uint64_t kMaxRowIdBlockSize = 1u << 20;

std::string CounterKey(std::string_view name) {
  return "counter/" + std::string(name);
}

std::string RowIdCounterKey(uint32_t relation_id) {
  std::string key = "rowid/";
  AppendBigEndian32(relation_id, &key);
  return key;
}

Status CreateDataDir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    if (!std::filesystem::is_directory(dir, ec)) {
      return Status::IoError("data directory \"" + dir.string() + "\" is not a directory");
    }
    return Status::OK();
  }
  std::filesystem::create_directories(dir, ec);
  if (!ec) {
    // Only the server's user may list the data directory.
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
  }
  if (ec) {
    return Status::IoError("could not create data directory \"" + dir.string() +
                           "\": " + ec.message());
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<KvStore>> KvStore::Open(const StoreOptions& options) {
  return RocksStore::Open(options);
}

Result<std::unique_ptr<KvStore>> RocksStore::Open(const StoreOptions& options) {
  if (options.data_dir.empty()) {
    return Status::Error(sqlstate::kInvalidParameterValue, "no data directory given");
  }
  BASALT_RETURN_IF_ERROR(CreateDataDir(options.data_dir));
  std::unique_ptr<RocksStore> store(new RocksStore(options));
  // First, before the keyring or RocksDB: a second server on the directory
  // must change nothing in it.
  BASALT_ASSIGN_OR_RETURN(store->dir_lock_, DataDirLock::Acquire(options.data_dir));
  // Under the lock: the leftovers swept are a dead process's.
  BASALT_ASSIGN_OR_RETURN(store->temp_files_, TempFileService::Open(options.data_dir / "temp"));
  BASALT_ASSIGN_OR_RETURN(store->env_, OpenEncryptedEnv(options.data_dir, options.master_key,
                                                        options.base_file_system));
  BASALT_RETURN_IF_ERROR(store->OpenDb());
  if (options.sync_commits && options.wal_sync_interval_ms > 0) {
    store->wal_sync_thread_ = std::thread([s = store.get()] { s->WalSyncLoop(); });
  }
  return std::unique_ptr<KvStore>(std::move(store));
}

Status RocksStore::OpenDb() {
  logger_ = NewSpdlogRocksLogger();

  rocksdb::BlockBasedTableOptions table_options;
  table_options.block_cache = rocksdb::NewLRUCache(options_.block_cache_bytes);
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  std::shared_ptr<rocksdb::TableFactory> table_factory(
      rocksdb::NewBlockBasedTableFactory(table_options));

  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.env = env_.env.get();
  db_options.info_log = logger_;  // no plaintext LOG file in the data directory
  db_options.table_factory = table_factory;

  rocksdb::ColumnFamilyOptions cf_options(db_options);
  // A whole-key bloom filter in the memtable answers most lookups of absent
  // keys (every INSERT's uniqueness check) without a skiplist search.
  cf_options.memtable_whole_key_filtering = true;
  cf_options.memtable_prefix_bloom_size_ratio = 0.05;
  // Not memtable_insert_with_hint_prefix_extractor (faster appends of
  // ascending keys): RocksDB 7.8 shares its hints between a memtable's point
  // and range-deletion tables, and a DROP's DeleteRange then crashed it.
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, cf_options);
  for (const char* name : kColumnFamilyNames) descriptors.emplace_back(name, cf_options);

  rocksdb::TransactionDBOptions txn_db_options;
  txn_db_options.transaction_lock_timeout = options_.lock_timeout_ms;
  txn_db_options.default_lock_timeout = options_.lock_timeout_ms;

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s =
      rocksdb::TransactionDB::Open(rocksdb::DBOptions(db_options), txn_db_options,
                                   options_.data_dir.string(), descriptors, &handles, &db_);
  if (!s.ok()) {
    db_ = nullptr;
    return FromRocks(s, "open data directory \"" + options_.data_dir.string() + "\"");
  }
  default_handle_ = handles[0];
  for (size_t i = 0; i < handles_.size(); ++i) handles_[i] = handles[i + 1];

  std::string value;
  s = db_->Get(rocksdb::ReadOptions(), handle(ColumnFamily::kMeta), kCommitSequenceMetaKey, &value);
  if (s.ok() && value.size() == 8) {
    commit_sequencer_.Reset(ReadBigEndian(value, 8));
  } else if (!s.IsNotFound()) {
    return s.ok() ? Status::Corruption("bad commit sequence in meta") : FromRocks(s, "open");
  }
  return Status::OK();
}

RocksStore::~RocksStore() {
  StopWalSync();
  if (db_ == nullptr) return;
  // Flushing on close makes the next open skip WAL replay.
  rocksdb::FlushOptions flush_options;
  std::vector<rocksdb::ColumnFamilyHandle*> all(handles_.begin(), handles_.end());
  all.push_back(default_handle_);
  (void)db_->Flush(flush_options, all);
  for (rocksdb::ColumnFamilyHandle* h : all) (void)db_->DestroyColumnFamilyHandle(h);
  (void)db_->Close();
  delete db_;
}

std::vector<HeldKeyLock> RocksStore::KeyLocks() {
  std::vector<HeldKeyLock> locks;
  if (db_ == nullptr) return locks;
  for (const auto& [cf, info] : db_->GetLockStatusData()) {
    locks.push_back(HeldKeyLock{cf, info.key, info.ids, info.exclusive});
  }
  return locks;
}

void RocksStore::WalSyncLoop() {
  const auto interval = std::chrono::milliseconds(options_.wal_sync_interval_ms);
  std::unique_lock lock(wal_sync_mutex_);
  while (!wal_sync_stop_.wait_for(lock, interval, [this] { return wal_sync_stopping_; })) {
    if (!unsynced_commits_.exchange(false, std::memory_order_relaxed)) continue;
    lock.unlock();
    rocksdb::Status s = db_->SyncWAL();
    if (!s.ok()) spdlog::error("background WAL sync failed: {}", s.ToString());
    lock.lock();
  }
}

void RocksStore::StopWalSync() {
  if (!wal_sync_thread_.joinable()) return;
  {
    std::lock_guard lock(wal_sync_mutex_);
    wal_sync_stopping_ = true;
  }
  wal_sync_stop_.notify_all();
  wal_sync_thread_.join();
}

std::unique_ptr<Transaction> RocksStore::Begin() {
  return Begin(TransactionOptions{});
}

std::unique_ptr<Transaction> RocksStore::Begin(const TransactionOptions& options) {
  return std::make_unique<RocksTransaction>(*this, options);
}

Status RocksStore::DeleteRange(ColumnFamily cf, std::string_view begin, std::string_view end) {
  // TransactionDB refuses DeleteRange because it cannot lock a range; the
  // callers (DROP/TRUNCATE after commit) guarantee nobody writes the range.
  rocksdb::WriteBatch batch;
  rocksdb::Status s = batch.DeleteRange(handle(cf), rocksdb::Slice(begin.data(), begin.size()),
                                        rocksdb::Slice(end.data(), end.size()));
  if (s.ok()) {
    rocksdb::WriteOptions write_options;
    write_options.sync = options_.sync_commits;
    rocksdb::TransactionDBWriteOptimizations optimizations;
    optimizations.skip_concurrency_control = true;
    s = db_->Write(write_options, optimizations, &batch);
  }
  return FromRocks(s, "delete range");
}

uint64_t RocksStore::ApproximateSize(ColumnFamily cf, std::string_view begin,
                                     std::string_view end) {
  rocksdb::SizeApproximationOptions options;
  options.include_memtables = true;
  options.include_files = true;
  rocksdb::Range range(rocksdb::Slice(begin.data(), begin.size()),
                       rocksdb::Slice(end.data(), end.size()));
  uint64_t size = 0;
  if (!db_->GetApproximateSizes(options, handle(cf), &range, 1, &size).ok()) return 0;
  return size;
}

Status RocksStore::WriteUnlocked(ColumnFamily cf,
                                 const std::vector<std::pair<std::string, std::string>>& entries,
                                 bool sync) {
  rocksdb::WriteBatch batch;
  rocksdb::Status s;
  for (const auto& [key, value] : entries) {
    s = batch.Put(handle(cf), key, value);
    if (!s.ok()) return FromRocks(s, "write");
  }
  // Not synced: these keys matter only once the transaction that publishes
  // them commits, and syncing that commit's WAL record makes every earlier
  // write durable too (one log). A crash before then leaves them owned by
  // no catalog object, and the start-up sweep removes them.
  rocksdb::WriteOptions write_options;
  write_options.sync = sync && options_.sync_commits;
  // No row locks: the caller guarantees nobody else touches these keys.
  rocksdb::TransactionDBWriteOptimizations optimizations;
  optimizations.skip_concurrency_control = true;
  return FromRocks(db_->Write(write_options, optimizations, &batch), "write");
}

Result<uint64_t> RocksStore::Reserve(const std::string& key, uint64_t count) {
  std::lock_guard<std::mutex> lock(counter_mutex_);
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), handle(ColumnFamily::kMeta), key, &value);
  uint64_t last = 0;
  if (s.ok()) {
    if (value.size() != 8) return Status::Corruption("bad counter value for " + key);
    last = ReadBigEndian(value, 8);
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "read counter");
  }
  std::string next;
  AppendBigEndian64(last + count, &next);
  // Always synced: handing out a value whose reservation a crash could lose
  // would hand it out twice.
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  // Without RocksDB's row lock: counter_mutex_ serializes the writers of
  // counters and no transaction touches them. The lock would only cost a
  // wait for its lock table's stripe mutex, which under load can outlast
  // the lock timeout and fail the reservation (a COMMIT's or an insert's)
  // with 55P03 although no one wanted the key.
  rocksdb::WriteBatch batch;
  s = batch.Put(handle(ColumnFamily::kMeta), key, next);
  if (s.ok()) {
    rocksdb::TransactionDBWriteOptimizations optimizations;
    optimizations.skip_concurrency_control = true;
    s = db_->Write(write_options, optimizations, &batch);
  }
  if (!s.ok()) return FromRocks(s, "write counter");
  return last + 1;
}

Result<uint64_t> RocksStore::ReserveCommitSequence() {
  return commit_sequencer_.Reserve(
      [this] { return Reserve(std::string(kCommitSequenceMetaKey), kCommitSequenceBlock); });
}

Result<uint64_t> RocksStore::NextCounterValue(std::string_view counter_name) {
  return Reserve(CounterKey(counter_name), 1);
}

Result<uint64_t> RocksStore::NextCounterValues(std::string_view counter_name, uint64_t count) {
  return Reserve(CounterKey(counter_name), count);
}

Result<uint64_t> RocksStore::NextRowId(uint32_t relation_id) {
  std::lock_guard<std::mutex> lock(row_id_mutex_);
  RowIdBlock& block = row_id_blocks_[relation_id];
  if (block.next == block.limit) {
    block.size = block.size == 0 ? kRowIdBlockSize : std::min(block.size * 2, kMaxRowIdBlockSize);
    BASALT_ASSIGN_OR_RETURN(uint64_t first, Reserve(RowIdCounterKey(relation_id), block.size));
    block.next = first;
    block.limit = first + block.size;
  }
  return block.next++;
}

Status RocksStore::FlushAndCompact() {
  std::vector<rocksdb::ColumnFamilyHandle*> all(handles_.begin(), handles_.end());
  all.push_back(default_handle_);
  rocksdb::Status s = db_->Flush(rocksdb::FlushOptions(), all);
  if (!s.ok()) return FromRocks(s, "flush");
  rocksdb::CompactRangeOptions compact_options;
  compact_options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (rocksdb::ColumnFamilyHandle* h : all) {
    s = db_->CompactRange(compact_options, h, nullptr, nullptr);
    if (!s.ok()) return FromRocks(s, "compact");
  }
  return Status::OK();
}

KvStore::Backlog RocksStore::CompactionBacklog() const {
  Backlog backlog;
  std::vector<rocksdb::ColumnFamilyHandle*> all(handles_.begin(), handles_.end());
  all.push_back(default_handle_);
  for (rocksdb::ColumnFamilyHandle* h : all) {
    // num-files-at-level<N> is a string property, not an integer one.
    std::string files;
    if (db_->GetProperty(h, rocksdb::DB::Properties::kNumFilesAtLevelPrefix + std::string("0"),
                         &files)) {
      backlog.level0_files += std::strtoull(files.c_str(), nullptr, 10);
    }
    uint64_t value = 0;
    if (db_->GetIntProperty(h, rocksdb::DB::Properties::kEstimatePendingCompactionBytes, &value)) {
      backlog.pending_compaction_bytes += value;
    }
  }
  return backlog;
}

}  // namespace basalt::storage
