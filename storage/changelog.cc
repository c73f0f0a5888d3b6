#include "storage/changelog.h"

#include "storage/coding.h"

namespace basalt::storage {
namespace {
// DO NOT CHANGE: the first byte of every change record.
constexpr uint8_t kChangeFormatVersion = 1;
constexpr size_t kKeySize = 4 + 8 + 4;
}  // namespace

std::string EncodeChangelogKey(const ChangelogKey& key) {
  std::string out;
  out.reserve(kKeySize);
  AppendBigEndian32(key.relation_id, &out);
  AppendBigEndian64(key.commit_sequence, &out);
  AppendBigEndian32(key.ordinal, &out);
  return out;
}

Status DecodeChangelogKey(std::string_view bytes, ChangelogKey* key) {
  if (bytes.size() != kKeySize) return Status::Corruption("bad changelog key length");
  key->relation_id = static_cast<uint32_t>(ReadBigEndian(bytes, 4));
  key->commit_sequence = ReadBigEndian(bytes.substr(4), 8);
  key->ordinal = static_cast<uint32_t>(ReadBigEndian(bytes.substr(12), 4));
  return Status::OK();
}

std::string ChangelogSeekKey(uint32_t relation_id, uint64_t sequence) {
  std::string out;
  AppendBigEndian32(relation_id, &out);
  AppendBigEndian64(sequence, &out);
  return out;
}

void EncodeChange(std::string_view old_row, std::string_view new_row, std::string* out) {
  out->clear();
  out->push_back(static_cast<char>(kChangeFormatVersion));
  AppendVarint(old_row.size(), out);
  out->append(old_row);
  out->append(new_row);
}

Status DecodeChange(std::string_view bytes, std::string_view* old_row, std::string_view* new_row) {
  if (bytes.empty() || static_cast<uint8_t>(bytes[0]) != kChangeFormatVersion) {
    return Status::Corruption("unknown change record version");
  }
  bytes.remove_prefix(1);
  uint64_t old_size;
  if (!ReadVarint(&bytes, &old_size) || bytes.size() < old_size) {
    return Status::Corruption("truncated change record");
  }
  *old_row = bytes.substr(0, old_size);
  *new_row = bytes.substr(old_size);
  return Status::OK();
}

}  // namespace basalt::storage
