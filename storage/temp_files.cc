#include "storage/temp_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "storage/encryption/crypto.h"

namespace basalt::storage {
namespace {

Status Errno(std::string_view what, const std::filesystem::path& path) {
  return Status::IoError(std::string(what) + " temporary file \"" + path.string() +
                         "\": " + std::strerror(errno));
}

}  // namespace

TempFile::~TempFile() {
  ::close(fd_);
  ::unlink(path_.c_str());
}

Status TempFile::Append(std::string_view data) {
  if (reading_) return Status::Internal("temporary file appended to while being read");
  size_ += data.size();
  while (!data.empty()) {
    const size_t take = std::min(data.size(), block_size_ - write_buffer_.size());
    write_buffer_.append(data.data(), take);
    data.remove_prefix(take);
    if (write_buffer_.size() == block_size_) BASALT_RETURN_IF_ERROR(Flush());
  }
  return Status::OK();
}

Status TempFile::Flush() {
  if (write_buffer_.empty()) return Status::OK();
  // Encrypted in place: the plaintext is never handed to the kernel.
  if (!AesCtrApply(key_, iv_, flushed_, write_buffer_.data(), write_buffer_.size())) {
    return Status::Internal("could not encrypt a temporary file block");
  }
  size_t done = 0;
  while (done < write_buffer_.size()) {
    ssize_t n = ::pwrite(fd_, write_buffer_.data() + done, write_buffer_.size() - done,
                         static_cast<off_t>(flushed_ + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("could not write to", path_);
    }
    done += static_cast<size_t>(n);
  }
  flushed_ += write_buffer_.size();
  write_buffer_.clear();
  return Status::OK();
}

Status TempFile::EndWrite() {
  BASALT_RETURN_IF_ERROR(Flush());
  std::string().swap(write_buffer_);
  return Status::OK();
}

Status TempFile::Rewind() {
  BASALT_RETURN_IF_ERROR(EndWrite());
  reading_ = true;
  read_offset_ = 0;
  buffer_offset_ = 0;
  read_buffer_.clear();
  return Status::OK();
}

Status TempFile::FillReadBufferAt(uint64_t offset) {
  buffer_offset_ = offset;
  const size_t want = static_cast<size_t>(std::min<uint64_t>(block_size_, flushed_ - offset));
  read_buffer_.resize(want);
  size_t done = 0;
  while (done < want) {
    ssize_t n = ::pread(fd_, read_buffer_.data() + done, want - done,
                        static_cast<off_t>(buffer_offset_ + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("could not read from", path_);
    }
    if (n == 0) return Status::IoError("temporary file \"" + path_.string() + "\" is truncated");
    done += static_cast<size_t>(n);
  }
  if (!AesCtrApply(key_, iv_, buffer_offset_, read_buffer_.data(), read_buffer_.size())) {
    return Status::Internal("could not decrypt a temporary file block");
  }
  return Status::OK();
}

Status TempFile::Read(size_t size, std::string* out) {
  if (!reading_) return Status::Internal("temporary file read before Rewind");
  if (read_offset_ + size > size_) {
    return Status::IoError("read past the end of temporary file \"" + path_.string() + "\"");
  }
  out->clear();
  while (out->size() < size) {
    if (read_offset_ >= buffer_offset_ + read_buffer_.size()) {
      BASALT_RETURN_IF_ERROR(FillReadBufferAt(buffer_offset_ + read_buffer_.size()));
    }
    const size_t at = static_cast<size_t>(read_offset_ - buffer_offset_);
    const size_t take = std::min(size - out->size(), read_buffer_.size() - at);
    out->append(read_buffer_.data() + at, take);
    read_offset_ += take;
  }
  return Status::OK();
}

Status TempFile::ReadAt(uint64_t offset, size_t size, std::string* out) {
  if (offset + size > flushed_) {
    return Status::IoError("read past the end of temporary file \"" + path_.string() + "\"");
  }
  out->clear();
  while (out->size() < size) {
    if (offset < buffer_offset_ || offset >= buffer_offset_ + read_buffer_.size()) {
      BASALT_RETURN_IF_ERROR(FillReadBufferAt(offset));
    }
    const size_t at = static_cast<size_t>(offset - buffer_offset_);
    const size_t take = std::min(size - out->size(), read_buffer_.size() - at);
    out->append(read_buffer_.data() + at, take);
    offset += take;
  }
  return Status::OK();
}

Result<std::unique_ptr<TempFileService>> TempFileService::Open(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Status::IoError("could not create temporary file directory \"" + dir.string() +
                           "\": " + ec.message());
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::error_code remove_ec;
    std::filesystem::remove_all(entry.path(), remove_ec);
    if (remove_ec) {
      return Status::IoError("could not remove leftover temporary file \"" + entry.path().string() +
                             "\": " + remove_ec.message());
    }
  }
  if (ec) {
    return Status::IoError("could not read temporary file directory \"" + dir.string() +
                           "\": " + ec.message());
  }
  return std::unique_ptr<TempFileService>(new TempFileService(dir));
}

Result<std::unique_ptr<TempFile>> TempFileService::Create(size_t block_size) {
  // The key and IV exist only in this process's memory.
  BASALT_ASSIGN_OR_RETURN(DataKey key, DataKey::Random(0));
  AesCtrIv iv{};
  BASALT_RETURN_IF_ERROR(crypto::RandomBytes(iv));
  const std::filesystem::path path =
      dir_ / ("basalt_tmp." + std::to_string(next_.fetch_add(1, std::memory_order_relaxed)));
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("could not create", path);
  return std::unique_ptr<TempFile>(new TempFile(path, fd, key, iv, block_size));
}

}  // namespace basalt::storage
