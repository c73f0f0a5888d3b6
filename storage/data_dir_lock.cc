#include "storage/data_dir_lock.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>

namespace basalt::storage {
namespace {

// fcntl locks belong to the process: a second store of this process would
// be granted the lock again, and closing its descriptor would release the
// first store's. Locks held by this process are therefore also kept here.
std::mutex held_mutex;
std::set<std::string> held;  // GUARDED_BY(held_mutex)

struct flock WholeFile(short type) {
  struct flock lock;
  std::memset(&lock, 0, sizeof(lock));
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = 0;
  lock.l_len = 0;  // to the end, however long
  return lock;
}

std::string FileId(const struct stat& st) {
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

Status InUse(const std::filesystem::path& data_dir, pid_t pid) {
  return Status::Error(sqlstate::kLockFileExists,
                       "data directory \"" + data_dir.string() +
                           "\" is in use by another Basalt server (pid " + std::to_string(pid) +
                           ")");
}

Status LockError(const std::filesystem::path& path, const char* what) {
  return Status::IoError("could not " + std::string(what) + " lock file \"" + path.string() +
                         "\": " + std::strerror(errno));
}

}  // namespace

std::filesystem::path DataDirLockPath(const std::filesystem::path& data_dir) {
  return data_dir / "basalt.lock";
}

Result<std::unique_ptr<DataDirLock>> DataDirLock::Acquire(const std::filesystem::path& data_dir) {
  const std::filesystem::path path = DataDirLockPath(data_dir);
  std::lock_guard guard(held_mutex);
  // Checked before opening: closing any descriptor of the file would drop
  // this process's lock on it.
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && held.count(FileId(st)) != 0) {
    return InUse(data_dir, ::getpid());
  }
  // Opening an existing file with O_CREAT changes nothing in it.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return LockError(path, "open");
  if (::fstat(fd, &st) != 0) {
    Status s = LockError(path, "stat");
    ::close(fd);
    return s;
  }
  struct flock lock = WholeFile(F_WRLCK);
  if (::fcntl(fd, F_SETLK, &lock) != 0) {
    if (errno != EACCES && errno != EAGAIN) {
      Status s = LockError(path, "lock");
      ::close(fd);
      return s;
    }
    struct flock holder = WholeFile(F_WRLCK);
    const bool known = ::fcntl(fd, F_GETLK, &holder) == 0 && holder.l_type != F_UNLCK;
    ::close(fd);
    // The holder may have exited between the two calls: this start-up
    // lost the race all the same.
    return InUse(data_dir, known ? holder.l_pid : 0);
  }
  std::string id = FileId(st);
  held.insert(id);
  return std::unique_ptr<DataDirLock>(new DataDirLock(fd, std::move(id)));
}

DataDirLock::~DataDirLock() {
  std::lock_guard guard(held_mutex);
  ::close(fd_);
  held.erase(id_);
}

}  // namespace basalt::storage
