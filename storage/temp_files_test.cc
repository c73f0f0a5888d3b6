#include "storage/temp_files.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "common/test_temp_dir.h"

namespace basalt::storage {
namespace {

std::string FileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

size_t FileCount(const std::filesystem::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

TEST_CASE("temp files round-trip large data across blocks", "[temp_files]") {
  TestTempDir dir;
  auto service = TempFileService::Open(dir.path() / "temp");
  REQUIRE(service.ok());
  auto file = (*service)->Create();
  REQUIRE(file.ok());
  // Pieces of odd sizes so appends and reads straddle block boundaries.
  std::string expected;
  for (int i = 0; expected.size() < 3 * kTempFileBlockSize + 777; ++i) {
    std::string piece(static_cast<size_t>(1 + (i * 7919) % 5003), static_cast<char>('a' + i % 26));
    REQUIRE((*file)->Append(piece).ok());
    expected += piece;
  }
  REQUIRE((*file)->size() == expected.size());
  for (int pass = 0; pass < 2; ++pass) {  // a file can be read again from the start
    REQUIRE((*file)->Rewind().ok());
    std::string got;
    std::string chunk;
    while (!(*file)->AtEnd()) {
      const size_t n = std::min<size_t>(4099, expected.size() - got.size());
      REQUIRE((*file)->Read(n, &chunk).ok());
      got += chunk;
    }
    CHECK(got == expected);
  }
  CHECK_FALSE((*file)->Read(1, &expected).ok());  // past the end
}

TEST_CASE("temp files read at any offset between appends", "[temp_files]") {
  TestTempDir dir;
  auto service = TempFileService::Open(dir.path() / "temp");
  REQUIRE(service.ok());
  auto file = (*service)->Create(4096);  // small blocks: reads straddle them
  REQUIRE(file.ok());
  std::string expected;
  std::string got;
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 300; ++i) {
      std::string piece(static_cast<size_t>(1 + (i * 31 + round) % 97),
                        static_cast<char>('a' + (i + round) % 26));
      REQUIRE((*file)->Append(piece).ok());
      expected += piece;
    }
    // Only flushed bytes can be read.
    CHECK_FALSE((*file)->ReadAt(expected.size() - 1, 1, &got).ok());
    REQUIRE((*file)->EndWrite().ok());
    // Backwards, forwards, across block boundaries, after more appends.
    for (uint64_t offset :
         {uint64_t{0}, expected.size() / 2, uint64_t{4090}, uint64_t{17}, expected.size() - 5}) {
      const size_t size = std::min<size_t>(5000, expected.size() - offset);
      REQUIRE((*file)->ReadAt(offset, size, &got).ok());
      CHECK(got == expected.substr(offset, size));
    }
  }
  CHECK_FALSE((*file)->ReadAt(expected.size(), 1, &got).ok());
  REQUIRE((*file)->Rewind().ok());  // sequential reading still reads it all
  REQUIRE((*file)->Read(expected.size(), &got).ok());
  CHECK(got == expected);
}

TEST_CASE("temp files hold no plaintext and are removed with their owner", "[temp_files]") {
  TestTempDir dir;
  auto service = TempFileService::Open(dir.path() / "temp");
  REQUIRE(service.ok());
  const std::string marker = "PLAINTEXT-MARKER-4711";
  std::filesystem::path path;
  {
    auto file = (*service)->Create();
    REQUIRE(file.ok());
    path = (*file)->path();
    for (int i = 0; i < 20000; ++i) REQUIRE((*file)->Append(marker).ok());
    REQUIRE((*file)->Rewind().ok());  // flushes everything to disk
    const std::string bytes = FileBytes(path);
    CHECK(bytes.size() == 20000 * marker.size());
    CHECK(bytes.find(marker) == std::string::npos);
    CHECK(bytes.find("PLAINTEXT") == std::string::npos);
    // The name says nothing about the contents.
    CHECK(path.filename().string().find("PLAINTEXT") == std::string::npos);
    CHECK(FileCount(dir.path() / "temp") == 1);
  }
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(FileCount(dir.path() / "temp") == 0);
}

TEST_CASE("two temp files never share a key stream", "[temp_files]") {
  TestTempDir dir;
  auto service = TempFileService::Open(dir.path() / "temp");
  REQUIRE(service.ok());
  auto a = (*service)->Create();
  auto b = (*service)->Create();
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const std::string zeros(4096, '\0');
  REQUIRE((*a)->Append(zeros).ok());
  REQUIRE((*b)->Append(zeros).ok());
  REQUIRE((*a)->Rewind().ok());
  REQUIRE((*b)->Rewind().ok());
  CHECK((*a)->path() != (*b)->path());
  CHECK(FileBytes((*a)->path()) != FileBytes((*b)->path()));
}

TEST_CASE("opening the service sweeps leftover temp files", "[temp_files]") {
  TestTempDir dir;
  const auto temp = dir.path() / "temp";
  std::filesystem::create_directories(temp / "stale_dir");
  std::ofstream(temp / "basalt_tmp.17") << "left by a crashed server";
  std::ofstream(temp / "stale_dir" / "x") << "x";
  REQUIRE(FileCount(temp) == 2);
  auto service = TempFileService::Open(temp);
  REQUIRE(service.ok());
  CHECK(FileCount(temp) == 0);
  const auto perms = std::filesystem::status(temp).permissions();
  CHECK((perms & std::filesystem::perms::group_all) == std::filesystem::perms::none);
  CHECK((perms & std::filesystem::perms::others_all) == std::filesystem::perms::none);
}

}  // namespace
}  // namespace basalt::storage
