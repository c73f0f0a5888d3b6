// FaultInjectionFileSystem (tests only): a rocksdb::FileSystem that keeps
// track of what has been synced, so a test can simulate a machine crash and
// see exactly what an fsync-less acknowledgement would lose. A plain kill -9
// cannot: the page cache survives it. The model is LevelDB's
// fault_injection_test: per file, the size at its last Sync/Fsync; per
// directory, the files created (or renamed into it) since its last fsync.
//
// A crash is two calls: SetActive(false) is the moment the machine stops
// (from then on every write, sync, create, rename and delete fails, so what
// RocksDB does while it is closed reaches no disk), then DropUnsyncedData()
// truncates every file written through this file system to its last synced
// size and deletes the files whose directory entry was never synced. Reads
// keep working. The files are the operating system's (the base file system
// must be the default one). Lives under the encryption layer (StoreOptions::
// base_file_system), which passes every append and sync through.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <rocksdb/file_system.h>

namespace basalt::storage::testing {

class FaultInjectionFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FaultInjectionFileSystem(
      std::shared_ptr<rocksdb::FileSystem> base = rocksdb::FileSystem::Default());

  static const char* kClassName() { return "BasaltFaultInjectionFileSystem"; }
  const char* Name() const override { return kClassName(); }

  // false: the machine is down; every mutation fails with an I/O error.
  void SetActive(bool active);
  // The crash itself. REQUIRES: nothing has the files open for writing any
  // more (the store was closed after SetActive(false)).
  rocksdb::IOStatus DropUnsyncedData();
  // Successful Sync/Fsync calls on files so far (how a test sees syncing).
  uint64_t sync_count() const;
  // Makes every file Sync/Fsync take at least this long (a slow disk), so
  // commits that could share a sync have time to queue behind one.
  void SetSyncDelay(std::chrono::microseconds delay);
  std::chrono::microseconds sync_delay() const;

  rocksdb::IOStatus NewWritableFile(const std::string& fname, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& fname,
                                       const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReuseWritableFile(const std::string& fname, const std::string& old_fname,
                                      const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* result,
                                      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewRandomRWFile(const std::string& fname, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSRandomRWFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& options,
                                 std::unique_ptr<rocksdb::FSDirectory>* result,
                                 rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteFile(const std::string& fname, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus RenameFile(const std::string& src, const std::string& target,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus LinkFile(const std::string& src, const std::string& target,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus Truncate(const std::string& fname, size_t size,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDir(const std::string& dirname, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDirIfMissing(const std::string& dirname,
                                       const rocksdb::IOOptions& options,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteDir(const std::string& dirname, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;

  // For the file and directory wrappers (fault_injection_fs.cc).
  rocksdb::IOStatus CheckActive() const;
  void Appended(const std::string& fname, uint64_t end);
  void Synced(const std::string& fname);
  void DirectorySynced(const std::string& dirname);

 private:
  struct FileState {
    uint64_t size = 0;         // bytes written so far
    uint64_t synced_size = 0;  // bytes a crash keeps
  };
  void Created(const std::string& fname, uint64_t size);

  mutable std::mutex mutex_;
  bool active_ = true;                                          // GUARDED_BY(mutex_)
  uint64_t sync_count_ = 0;                                     // GUARDED_BY(mutex_)
  std::chrono::microseconds sync_delay_{0};                     // GUARDED_BY(mutex_)
  std::map<std::string, FileState> files_;                      // GUARDED_BY(mutex_)
  std::map<std::string, std::set<std::string>> unsynced_dirs_;  // dir -> new files
};

}  // namespace basalt::storage::testing
