// A fresh directory under the system temp dir, removed with its contents when
// the test ends. For tests only. The name holds the process id as well as a
// random number because ctest runs test cases as parallel processes.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>

namespace basalt {

class TestTempDir {
 public:
  TestTempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("basalt-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TestTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TestTempDir(const TestTempDir&) = delete;
  TestTempDir& operator=(const TestTempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace basalt
