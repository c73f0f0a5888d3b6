// RocksDB's info log, sent to spdlog. RocksDB would otherwise write a
// plaintext LOG file into the data directory (column family names, options,
// paths), which the encrypting FileSystem does not cover.
#pragma once

#include <memory>

#include <rocksdb/env.h>

namespace basalt::storage {

std::shared_ptr<rocksdb::Logger> NewSpdlogRocksLogger();

}  // namespace basalt::storage
