// SortedLoad over RocksDB: SstFileWriter files in the data directory (written
// through the encrypting Env like every other file), copied in by
// IngestExternalFile. Files RocksDB does not know by name are never touched
// by its clean-up, and a file left by a crash is removed at the next load of
// the same name or stays as harmless ciphertext.
#include <filesystem>

#include <fmt/format.h>
#include <rocksdb/sst_file_writer.h>

#include "storage/rocksdb_status.h"
#include "storage/rocksdb_store.h"

namespace basalt::storage {

namespace {

// A file is handed over once it holds this much: fewer, larger files keep
// the ingestion's MANIFEST writes and the LSM's file count low.
constexpr uint64_t kFileBytes = 256u << 20;

class RocksSortedLoad final : public SortedLoad {
 public:
  RocksSortedLoad(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* cf, std::string path_prefix)
      : db_(db), cf_(cf), path_prefix_(std::move(path_prefix)), options_(db.GetOptions(cf)) {}

  ~RocksSortedLoad() override {
    if (writer_ != nullptr) {
      writer_.reset();
      std::error_code ignored;
      std::filesystem::remove(Path(), ignored);
    }
  }

  Status Add(std::string_view key, std::string_view value) override {
    if (writer_ == nullptr) {
      writer_ =
          std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(options_), options_, cf_);
      ++files_;
      std::error_code ignored;
      std::filesystem::remove(Path(), ignored);
      BASALT_RETURN_IF_ERROR(FromRocks(writer_->Open(Path()), "bulk load"));
    }
    BASALT_RETURN_IF_ERROR(FromRocks(writer_->Put(rocksdb::Slice(key.data(), key.size()),
                                                  rocksdb::Slice(value.data(), value.size())),
                                     "bulk load"));
    if (writer_->FileSize() >= kFileBytes) return Ingest();
    return Status::OK();
  }

  Status Finish() override { return writer_ == nullptr ? Status::OK() : Ingest(); }

 private:
  std::string Path() const { return fmt::format("{}-{}.sst", path_prefix_, files_); }

  Status Ingest() {
    BASALT_RETURN_IF_ERROR(FromRocks(writer_->Finish(), "bulk load"));
    writer_.reset();
    rocksdb::IngestExternalFileOptions ingest;
    // Copied, not hard-linked: RocksDB reopens a linked file for writing to
    // sync it, and the encrypting file system's reopen appends a second
    // 4,096-byte prefix; after a kill -9 the next open failed with "Sst file
    // size mismatch" (tests/client/copy_freeze_crash_test.sh). Nor is an
    // ingested file rewritten in place to stamp its sequence number (one
    // more write into it): the MANIFEST keeps the number.
    ingest.move_files = false;
    ingest.write_global_seqno = false;
    Status st = FromRocks(db_.IngestExternalFile(cf_, {Path()}, ingest), "bulk load");
    std::error_code ignored;
    std::filesystem::remove(Path(), ignored);
    return st;
  }

  rocksdb::DB& db_;
  rocksdb::ColumnFamilyHandle* cf_;
  std::string path_prefix_;
  rocksdb::Options options_;
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
  uint64_t files_ = 0;
};

}  // namespace

Result<std::unique_ptr<SortedLoad>> RocksStore::BeginSortedLoad(ColumnFamily cf) {
  const std::string prefix =
      (options_.data_dir / fmt::format("sorted-load-{}", sorted_loads_.fetch_add(1))).string();
  return std::unique_ptr<SortedLoad>(std::make_unique<RocksSortedLoad>(*db_, handle(cf), prefix));
}

}  // namespace basalt::storage
