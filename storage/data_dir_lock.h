// DataDirLock: one process at a time per data directory. Taken first thing
// when a store opens, before the keyring or RocksDB is touched, so a second
// server on the same directory refuses and changes nothing. The lock is an
// fcntl write lock on the empty file `basalt.lock` (nothing plaintext: no pid is
// written; the refused process asks the kernel for the holder's pid with
// F_GETLK). The kernel drops the lock when the holder exits, however it
// exits, so a kill -9 leaves nothing to clean up. Private to storage/.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "common/status.h"

namespace basalt::storage {

class DataDirLock {
 public:
  // REQUIRES: data_dir exists. Creates `basalt.lock` (empty, mode 0600) if missing.
  // Fails with F0001 `data directory "<dir>" is in use by another Basalt
  // server (pid N)` when another process (or another store of this process)
  // holds it.
  static Result<std::unique_ptr<DataDirLock>> Acquire(const std::filesystem::path& data_dir);
  ~DataDirLock();  // releases the lock
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

 private:
  DataDirLock(int fd, std::string id) : fd_(fd), id_(std::move(id)) {}
  int fd_;
  std::string id_;  // the lock file's device and inode, for locks within this process
};

// The lock file of a data directory.
std::filesystem::path DataDirLockPath(const std::filesystem::path& data_dir);

}  // namespace basalt::storage
