// Single-writer fencing: a second server started on a data directory that a
// running server has open refuses at start-up, names the directory and the
// running server's pid, and changes nothing in the directory.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "tests/integration/test_server.h"

namespace basalt::testing {
namespace {

// Every file under `dir`: its bytes and modification time (ns).
std::map<std::string, std::pair<std::string, int64_t>> Files(const std::filesystem::path& dir) {
  std::map<std::string, std::pair<std::string, int64_t>> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    struct stat st;
    REQUIRE(::stat(entry.path().c_str(), &st) == 0);
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    files[entry.path().string()] = {bytes.str(),
                                    st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
  }
  return files;
}

TEST_CASE("a second server on a data directory in use refuses and touches nothing", "[fencing]") {
  TestServer server;
  PgConn conn = server.Connect();
  REQUIRE(Query(conn.get(), "CREATE TABLE f (id int PRIMARY KEY)").ok());
  REQUIRE(Query(conn.get(), "INSERT INTO f VALUES (1), (2)").ok());

  const auto before = Files(server.data_dir());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a write would move an mtime
  ProcessResult second =
      RunBasalt({"--listen", "127.0.0.1", "--port", std::to_string(FreePort()), "--data-dir",
                 server.data_dir().string(), "--key-file", server.key_file().string()});
  CHECK(second.exit_code == 1);
  CHECK_THAT(second.output, Catch::Contains("data directory \"" + server.data_dir().string() +
                                            "\" is in use by another Basalt server (pid " +
                                            std::to_string(server.pid()) + ")"));
  CHECK(Files(server.data_dir()) == before);

  // With the wrong key too: the lock is checked before the keyring is read.
  const std::filesystem::path other_key = server.dir() / "other.key";
  WriteKeyFile(other_key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  ProcessResult wrong_key =
      RunBasalt({"--listen", "127.0.0.1", "--port", std::to_string(FreePort()), "--data-dir",
                 server.data_dir().string(), "--key-file", other_key.string()});
  CHECK(wrong_key.exit_code == 1);
  CHECK_THAT(wrong_key.output, Catch::Contains("pid " + std::to_string(server.pid())));
  CHECK(Files(server.data_dir()) == before);

  // The running server did not notice.
  REQUIRE(Query(conn.get(), "INSERT INTO f VALUES (3)").ok());
  CHECK(Query(conn.get(), "SELECT id FROM f WHERE id = 3").rows.size() == 1);

  // The lock dies with its holder, however it dies: after kill -9 the
  // directory opens again, with everything in it.
  conn.reset();
  CHECK(server.Kill() == 128 + 9);
  server.Start();
  PgConn again = server.Connect();
  CHECK(Query(again.get(), "SELECT id FROM f").rows.size() == 3);
}

}  // namespace
}  // namespace basalt::testing
