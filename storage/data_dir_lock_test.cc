#include "storage/data_dir_lock.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "common/test_temp_dir.h"

namespace basalt::storage {
namespace {

TEST_CASE("a data directory is locked by one process, named with its pid", "[data_dir_lock]") {
  TestTempDir dir;
  const std::string expected =
      "data directory \"" + dir.path().string() + "\" is in use by another Basalt server (pid ";

  SECTION("a second lock in this process is refused and leaves the first in place") {
    auto first = DataDirLock::Acquire(dir.path());
    REQUIRE(first.ok());
    auto second = DataDirLock::Acquire(dir.path());
    REQUIRE(second.status().code() == sqlstate::kLockFileExists);
    REQUIRE(second.status().message() == expected + std::to_string(::getpid()) + ")");
    first->reset();
    REQUIRE(DataDirLock::Acquire(dir.path()).ok());
  }

  SECTION("another process sees the holder's pid; the lock goes when the holder exits") {
    int ready[2], done[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(done) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      auto lock = DataDirLock::Acquire(dir.path());
      char c = lock.ok() ? 'y' : 'n';
      (void)!::write(ready[1], &c, 1);
      (void)!::read(done[0], &c, 1);
      ::_exit(0);
    }
    char c = 0;
    REQUIRE(::read(ready[0], &c, 1) == 1);
    REQUIRE(c == 'y');
    auto refused = DataDirLock::Acquire(dir.path());
    CHECK(refused.status().code() == sqlstate::kLockFileExists);
    CHECK(refused.status().message() == expected + std::to_string(child) + ")");
    // A failed attempt must not have taken anything from the holder.
    CHECK_FALSE(DataDirLock::Acquire(dir.path()).ok());
    REQUIRE(::write(done[1], "x", 1) == 1);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(DataDirLock::Acquire(dir.path()).ok());
    for (int fd : {ready[0], ready[1], done[0], done[1]}) ::close(fd);
  }
}

TEST_CASE("the lock file is empty", "[data_dir_lock]") {
  TestTempDir dir;
  auto lock = DataDirLock::Acquire(dir.path());
  REQUIRE(lock.ok());
  REQUIRE(std::filesystem::file_size(DataDirLockPath(dir.path())) == 0);
}

}  // namespace
}  // namespace basalt::storage
