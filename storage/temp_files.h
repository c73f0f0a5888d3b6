// Encrypted temporary files for operators that spill past work_mem (sort,
// hash aggregation, ...). Each file has its own random AES-256 data key and
// IV, kept only in memory: temp files never outlive the process, so the key
// never needs to reach disk, and nothing a query spills is readable after
// the file is closed. Names are a counter, never derived from data.
//
// A file is written sequentially, then read sequentially (possibly several
// times, from the start), or read at any offset between appends (ReadAt);
// both go through a buffer of kTempFileBlockSize bytes encrypted or
// decrypted with one AES-CTR call. The file is removed
// when its TempFile is destroyed, so a query that ends, fails or is
// cancelled leaves nothing behind; files of a crashed process are swept
// when the store opens (TempFileService::Open).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "storage/encryption/aes_ctr.h"
#include "storage/encryption/data_key.h"

namespace basalt::storage {

inline constexpr size_t kTempFileBlockSize = 256 * 1024;

class TempFile {
 public:
  ~TempFile();  // closes and removes the file
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  // Appends `data` (buffered). REQUIRES: not reading yet.
  [[nodiscard]] Status Append(std::string_view data);
  // Writing is over: flushes what Append buffered and frees the buffer (an
  // operator may hold many finished files before it reads them).
  [[nodiscard]] Status EndWrite();
  // Ends writing and positions reading at the start. May be called again to
  // read the file once more from the start.
  [[nodiscard]] Status Rewind();
  // Reads exactly `size` bytes into `out` (replacing it); 58030 past the end.
  // REQUIRES: Rewind() was called.
  [[nodiscard]] Status Read(size_t size, std::string* out);
  // Reads `size` bytes at `offset` into `out`, in any order and between
  // appends (a store of rows that several readers read at their own pace
  // while more are written): only bytes that EndWrite flushed are read,
  // 58030 past them. Does not move Read's position.
  [[nodiscard]] Status ReadAt(uint64_t offset, size_t size, std::string* out);
  // Whether every byte written has been read.
  bool AtEnd() const { return read_offset_ >= size_; }
  // Bytes written so far.
  uint64_t size() const { return size_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  friend class TempFileService;
  TempFile(std::filesystem::path path, int fd, DataKey key, AesCtrIv iv, size_t block_size)
      : path_(std::move(path)), fd_(fd), key_(key), iv_(iv), block_size_(block_size) {}
  Status Flush();
  // Decrypts the block of the file that starts at `offset` (up to what was
  // flushed) into the read buffer.
  Status FillReadBufferAt(uint64_t offset);

  std::filesystem::path path_;
  int fd_;
  DataKey key_;
  AesCtrIv iv_;
  size_t block_size_;
  uint64_t size_ = 0;         // bytes appended (buffered or not)
  uint64_t flushed_ = 0;      // bytes on disk
  std::string write_buffer_;  // plaintext not yet written
  std::string read_buffer_;   // decrypted bytes [buffer_offset_, + size)
  uint64_t buffer_offset_ = 0;
  uint64_t read_offset_ = 0;  // the next byte Read returns
  bool reading_ = false;
};

class TempFileService {
 public:
  // Uses `dir` (created with mode 0700 if missing) and removes every file
  // left in it: only the process holding the data directory's lock uses it,
  // so anything there belongs to a process that is gone.
  static Result<std::unique_ptr<TempFileService>> Open(const std::filesystem::path& dir);

  // A new empty file under a fresh random key, buffering `block_size`
  // bytes (operators writing many files at once take smaller blocks).
  Result<std::unique_ptr<TempFile>> Create(size_t block_size = kTempFileBlockSize);
  const std::filesystem::path& dir() const { return dir_; }

 private:
  explicit TempFileService(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path dir_;
  std::atomic<uint64_t> next_{1};
};

}  // namespace basalt::storage
