// Master key files: 64 hex digits and an optional newline, readable by the
// owner only, like an ssh private key.
#include "storage/encryption/master_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "storage/encryption/crypto.h"

namespace basalt::storage {
namespace {

Status KeyFileError(const std::filesystem::path& file, const std::string& what) {
  return Status::Error(sqlstate::kInvalidParameterValue,
                       "master key file \"" + file.string() + "\" " + what);
}

}  // namespace

Result<MasterKey> LoadMasterKey(const std::filesystem::path& key_file) {
  struct stat st;
  if (::stat(key_file.c_str(), &st) != 0) {
    return KeyFileError(key_file, std::string("cannot be read: ") + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) return KeyFileError(key_file, "is not a regular file");
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof(mode), "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return KeyFileError(key_file, std::string("has group or world access (mode ") + mode +
                                      "); it must be readable by its owner only (chmod 600)");
  }
  std::ifstream in(key_file, std::ios::binary);
  if (!in) return KeyFileError(key_file, std::string("cannot be read: ") + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  MasterKey key{};
  if (text.size() != 2 * key.size()) {
    return KeyFileError(key_file, "must hold exactly 64 hexadecimal digits (256 bits), found " +
                                      std::to_string(text.size()) + " characters");
  }
  if (!crypto::HexDecode(text, key)) {
    return KeyFileError(key_file, "must hold exactly 64 hexadecimal digits (256 bits)");
  }
  return key;
}

Status GenerateMasterKeyFile(const std::filesystem::path& key_file) {
  MasterKey key{};
  BASALT_RETURN_IF_ERROR(crypto::RandomBytes(key));
  std::string text = crypto::HexEncode(key) + "\n";
  int fd = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return KeyFileError(key_file, std::string("cannot be created: ") + std::strerror(errno));
  }
  // The umask may have removed bits but never adds any; make 0600 explicit.
  bool ok = ::fchmod(fd, 0600) == 0 &&
            ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  int saved_errno = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(key_file.c_str());
    return KeyFileError(key_file, std::string("cannot be written: ") + std::strerror(saved_errno));
  }
  return Status::OK();
}

}  // namespace basalt::storage
