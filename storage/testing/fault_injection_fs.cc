#include "storage/testing/fault_injection_fs.h"

#include <filesystem>
#include <thread>
#include <utility>

namespace basalt::storage::testing {
namespace {

using rocksdb::IODebugContext;
using rocksdb::IOOptions;
using rocksdb::IOStatus;
using rocksdb::Slice;

std::string Normal(const std::string& path) {
  std::string p = std::filesystem::path(path).lexically_normal().string();
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

std::string DirOf(const std::string& fname) {
  return Normal(std::filesystem::path(Normal(fname)).parent_path().string());
}

class TrackedWritableFile final : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  TrackedWritableFile(std::unique_ptr<rocksdb::FSWritableFile> file, std::string fname,
                      FaultInjectionFileSystem& fs, uint64_t size)
      : FSWritableFileOwnerWrapper(std::move(file)),
        fname_(std::move(fname)),
        fs_(fs),
        size_(size) {}

  IOStatus Append(const Slice& data, const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = fs_.CheckActive();
    if (s.ok()) s = target()->Append(data, options, dbg);
    if (s.ok()) Wrote(size_ + data.size());
    return s;
  }
  IOStatus Append(const Slice& data, const IOOptions& options,
                  const rocksdb::DataVerificationInfo& info, IODebugContext* dbg) override {
    IOStatus s = fs_.CheckActive();
    if (s.ok()) s = target()->Append(data, options, info, dbg);
    if (s.ok()) Wrote(size_ + data.size());
    return s;
  }
  IOStatus PositionedAppend(const Slice& data, uint64_t offset, const IOOptions& options,
                            IODebugContext* dbg) override {
    IOStatus s = fs_.CheckActive();
    if (s.ok()) s = target()->PositionedAppend(data, offset, options, dbg);
    if (s.ok()) Wrote(std::max(size_, offset + data.size()));
    return s;
  }
  IOStatus PositionedAppend(const Slice& data, uint64_t offset, const IOOptions& options,
                            const rocksdb::DataVerificationInfo& info,
                            IODebugContext* dbg) override {
    IOStatus s = fs_.CheckActive();
    if (s.ok()) s = target()->PositionedAppend(data, offset, options, info, dbg);
    if (s.ok()) Wrote(std::max(size_, offset + data.size()));
    return s;
  }
  IOStatus Truncate(uint64_t size, const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = fs_.CheckActive();
    if (s.ok()) s = target()->Truncate(size, options, dbg);
    if (s.ok()) Wrote(size);
    return s;
  }
  IOStatus Flush(const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = fs_.CheckActive();
    return s.ok() ? target()->Flush(options, dbg) : s;
  }
  IOStatus Sync(const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = fs_.CheckActive();
    if (s.ok()) s = target()->Sync(options, dbg);
    if (s.ok()) std::this_thread::sleep_for(fs_.sync_delay());
    if (s.ok()) fs_.Synced(fname_);
    return s;
  }
  IOStatus Fsync(const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = fs_.CheckActive();
    if (s.ok()) s = target()->Fsync(options, dbg);
    if (s.ok()) std::this_thread::sleep_for(fs_.sync_delay());
    if (s.ok()) fs_.Synced(fname_);
    return s;
  }
  // sync_file_range makes no promise about durability: not a sync here.
  IOStatus RangeSync(uint64_t offset, uint64_t nbytes, const IOOptions& options,
                     IODebugContext* dbg) override {
    IOStatus s = fs_.CheckActive();
    return s.ok() ? target()->RangeSync(offset, nbytes, options, dbg) : s;
  }
  // Closing after the crash must not fail RocksDB's shutdown in odd ways;
  // the file's state is already decided.
  IOStatus Close(const IOOptions& options, IODebugContext* dbg) override {
    return target()->Close(options, dbg);
  }

 private:
  void Wrote(uint64_t end) {
    size_ = end;
    fs_.Appended(fname_, end);
  }

  std::string fname_;
  FaultInjectionFileSystem& fs_;
  uint64_t size_;
};

class TrackedDirectory final : public rocksdb::FSDirectoryWrapper {
 public:
  TrackedDirectory(std::unique_ptr<rocksdb::FSDirectory> dir, std::string name,
                   FaultInjectionFileSystem& fs)
      : FSDirectoryWrapper(std::move(dir)), name_(std::move(name)), fs_(fs) {}

  IOStatus Fsync(const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = fs_.CheckActive();
    if (s.ok()) s = FSDirectoryWrapper::Fsync(options, dbg);
    if (s.ok()) fs_.DirectorySynced(name_);
    return s;
  }
  IOStatus FsyncWithDirOptions(const IOOptions& options, IODebugContext* dbg,
                               const rocksdb::DirFsyncOptions& dir_options) override {
    IOStatus s = fs_.CheckActive();
    if (s.ok()) s = FSDirectoryWrapper::FsyncWithDirOptions(options, dbg, dir_options);
    if (s.ok()) fs_.DirectorySynced(name_);
    return s;
  }

 private:
  std::string name_;
  FaultInjectionFileSystem& fs_;
};

}  // namespace

#define BASALT_FAULT_RETURN_IF_DOWN() \
  do {                                \
    IOStatus down = CheckActive();    \
    if (!down.ok()) return down;      \
  } while (false)

FaultInjectionFileSystem::FaultInjectionFileSystem(std::shared_ptr<rocksdb::FileSystem> base)
    : FileSystemWrapper(std::move(base)) {}

void FaultInjectionFileSystem::SetActive(bool active) {
  std::lock_guard lock(mutex_);
  active_ = active;
}

uint64_t FaultInjectionFileSystem::sync_count() const {
  std::lock_guard lock(mutex_);
  return sync_count_;
}

void FaultInjectionFileSystem::SetSyncDelay(std::chrono::microseconds delay) {
  std::lock_guard lock(mutex_);
  sync_delay_ = delay;
}

std::chrono::microseconds FaultInjectionFileSystem::sync_delay() const {
  std::lock_guard lock(mutex_);
  return sync_delay_;
}

IOStatus FaultInjectionFileSystem::CheckActive() const {
  std::lock_guard lock(mutex_);
  return active_ ? IOStatus::OK() : IOStatus::IOError("simulated crash: the file system is down");
}

void FaultInjectionFileSystem::Created(const std::string& fname, uint64_t size) {
  // REQUIRES: mutex_ held.
  files_[fname] = FileState{size, size};
}

void FaultInjectionFileSystem::Appended(const std::string& fname, uint64_t end) {
  std::lock_guard lock(mutex_);
  files_[fname].size = end;
}

void FaultInjectionFileSystem::Synced(const std::string& fname) {
  std::lock_guard lock(mutex_);
  FileState& state = files_[fname];
  state.synced_size = state.size;
  ++sync_count_;
}

void FaultInjectionFileSystem::DirectorySynced(const std::string& dirname) {
  std::lock_guard lock(mutex_);
  unsynced_dirs_.erase(Normal(dirname));
}

IOStatus FaultInjectionFileSystem::NewWritableFile(const std::string& fname,
                                                   const rocksdb::FileOptions& options,
                                                   std::unique_ptr<rocksdb::FSWritableFile>* result,
                                                   IODebugContext* dbg) {
  BASALT_FAULT_RETURN_IF_DOWN();
  const std::string name = Normal(fname);
  const bool existed = target()->FileExists(name, IOOptions(), dbg).ok();
  std::unique_ptr<rocksdb::FSWritableFile> file;
  IOStatus s = target()->NewWritableFile(name, options, &file, dbg);
  if (!s.ok()) return s;
  {
    std::lock_guard lock(mutex_);
    // Truncated or new: nothing of it is synced yet.
    files_[name] = FileState{};
    if (!existed) unsynced_dirs_[DirOf(name)].insert(name);
  }
  *result = std::make_unique<TrackedWritableFile>(std::move(file), name, *this, 0);
  return s;
}

IOStatus FaultInjectionFileSystem::ReopenWritableFile(
    const std::string& fname, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* result, IODebugContext* dbg) {
  BASALT_FAULT_RETURN_IF_DOWN();
  const std::string name = Normal(fname);
  const bool existed = target()->FileExists(name, IOOptions(), dbg).ok();
  uint64_t size = 0;
  if (existed) (void)target()->GetFileSize(name, IOOptions(), &size, dbg);
  std::unique_ptr<rocksdb::FSWritableFile> file;
  IOStatus s = target()->ReopenWritableFile(name, options, &file, dbg);
  if (!s.ok()) return s;
  {
    std::lock_guard lock(mutex_);
    auto it = files_.find(name);
    if (it == files_.end()) {
      Created(name, size);  // what was there before counts as synced
    } else {
      size = it->second.size;
    }
    if (!existed) unsynced_dirs_[DirOf(name)].insert(name);
  }
  *result = std::make_unique<TrackedWritableFile>(std::move(file), name, *this, size);
  return s;
}

IOStatus FaultInjectionFileSystem::ReuseWritableFile(
    const std::string& fname, const std::string& old_fname, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* result, IODebugContext* dbg) {
  // A rename then a rewrite from the start.
  IOStatus s = RenameFile(old_fname, fname, IOOptions(), dbg);
  if (!s.ok()) return s;
  return NewWritableFile(fname, options, result, dbg);
}

IOStatus FaultInjectionFileSystem::NewRandomRWFile(const std::string&, const rocksdb::FileOptions&,
                                                   std::unique_ptr<rocksdb::FSRandomRWFile>*,
                                                   IODebugContext*) {
  // Not tracked, so not offered: RocksDB falls back where it can.
  return IOStatus::NotSupported("FaultInjectionFileSystem has no random read-write files");
}

IOStatus FaultInjectionFileSystem::NewDirectory(const std::string& name, const IOOptions& options,
                                                std::unique_ptr<rocksdb::FSDirectory>* result,
                                                IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSDirectory> dir;
  IOStatus s = target()->NewDirectory(name, options, &dir, dbg);
  if (!s.ok()) return s;
  *result = std::make_unique<TrackedDirectory>(std::move(dir), Normal(name), *this);
  return s;
}

IOStatus FaultInjectionFileSystem::DeleteFile(const std::string& fname, const IOOptions& options,
                                              IODebugContext* dbg) {
  BASALT_FAULT_RETURN_IF_DOWN();
  const std::string name = Normal(fname);
  IOStatus s = target()->DeleteFile(name, options, dbg);
  if (s.ok()) {
    std::lock_guard lock(mutex_);
    files_.erase(name);
    auto dir = unsynced_dirs_.find(DirOf(name));
    if (dir != unsynced_dirs_.end()) dir->second.erase(name);
  }
  return s;
}

IOStatus FaultInjectionFileSystem::RenameFile(const std::string& src, const std::string& target,
                                              const IOOptions& options, IODebugContext* dbg) {
  BASALT_FAULT_RETURN_IF_DOWN();
  const std::string from = Normal(src), to = Normal(target);
  IOStatus s = this->target()->RenameFile(from, to, options, dbg);
  if (!s.ok()) return s;
  std::lock_guard lock(mutex_);
  auto it = files_.find(from);
  if (it != files_.end()) {
    files_[to] = it->second;
    files_.erase(it);
  } else {
    files_.erase(to);
  }
  // The new name is durable only once its directory is synced (LevelDB's
  // model: until then a crash loses the file under its new name).
  unsynced_dirs_[DirOf(from)].erase(from);
  unsynced_dirs_[DirOf(to)].insert(to);
  return s;
}

IOStatus FaultInjectionFileSystem::LinkFile(const std::string& src, const std::string& target,
                                            const IOOptions& options, IODebugContext* dbg) {
  BASALT_FAULT_RETURN_IF_DOWN();
  IOStatus s = this->target()->LinkFile(src, target, options, dbg);
  if (s.ok()) {
    std::lock_guard lock(mutex_);
    unsynced_dirs_[DirOf(target)].insert(Normal(target));
  }
  return s;
}

IOStatus FaultInjectionFileSystem::Truncate(const std::string& fname, size_t size,
                                            const IOOptions& options, IODebugContext* dbg) {
  BASALT_FAULT_RETURN_IF_DOWN();
  IOStatus s = target()->Truncate(fname, size, options, dbg);
  if (s.ok()) {
    std::lock_guard lock(mutex_);
    auto it = files_.find(Normal(fname));
    if (it != files_.end()) {
      it->second.size = size;
      it->second.synced_size = std::min<uint64_t>(it->second.synced_size, size);
    }
  }
  return s;
}

IOStatus FaultInjectionFileSystem::CreateDir(const std::string& dirname, const IOOptions& options,
                                             IODebugContext* dbg) {
  BASALT_FAULT_RETURN_IF_DOWN();
  return target()->CreateDir(dirname, options, dbg);
}

IOStatus FaultInjectionFileSystem::CreateDirIfMissing(const std::string& dirname,
                                                      const IOOptions& options,
                                                      IODebugContext* dbg) {
  BASALT_FAULT_RETURN_IF_DOWN();
  return target()->CreateDirIfMissing(dirname, options, dbg);
}

IOStatus FaultInjectionFileSystem::DeleteDir(const std::string& dirname, const IOOptions& options,
                                             IODebugContext* dbg) {
  BASALT_FAULT_RETURN_IF_DOWN();
  return target()->DeleteDir(dirname, options, dbg);
}

IOStatus FaultInjectionFileSystem::DropUnsyncedData() {
  std::lock_guard lock(mutex_);
  IOStatus result;
  for (const auto& [dir, names] : unsynced_dirs_) {
    for (const std::string& name : names) {
      IOStatus s = target()->DeleteFile(name, IOOptions(), nullptr);
      if (!s.ok() && !s.IsNotFound() && result.ok()) result = s;
      files_.erase(name);
    }
  }
  unsynced_dirs_.clear();
  for (auto& [name, state] : files_) {
    uint64_t on_disk = 0;
    if (!target()->GetFileSize(name, IOOptions(), &on_disk, nullptr).ok()) continue;
    if (on_disk > state.synced_size) {
      // RocksDB's POSIX file system has no Truncate; the files are real ones.
      std::error_code ec;
      std::filesystem::resize_file(name, state.synced_size, ec);
      if (ec && result.ok()) result = IOStatus::IOError("truncate " + name + ": " + ec.message());
    }
    state.size = state.synced_size;
  }
  return result;
}

}  // namespace basalt::storage::testing
