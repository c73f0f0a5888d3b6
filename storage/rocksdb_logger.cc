#include "storage/rocksdb_logger.h"

#include <spdlog/spdlog.h>

#include <cstdarg>
#include <cstdio>
#include <string_view>

namespace basalt::storage {
namespace {

class SpdlogRocksLogger : public rocksdb::Logger {
 public:
  // RocksDB logs a lot at INFO (every flush and compaction): that is debug
  // detail for Basalt's operators.
  SpdlogRocksLogger() : rocksdb::Logger(rocksdb::InfoLogLevel::INFO_LEVEL) {}

  void Logv(const char* format, va_list ap) override {
    Logv(rocksdb::InfoLogLevel::INFO_LEVEL, format, ap);
  }

  void Logv(const rocksdb::InfoLogLevel level, const char* format, va_list ap) override {
    spdlog::level::level_enum target = ToSpdlog(level);
    // TransactionDB warns on every open that it uses the default
    // (write-committed) policy, which is Basalt's deliberate choice.
    if (std::string_view(format).starts_with("Transaction write_policy")) {
      target = spdlog::level::debug;
    }
    if (!spdlog::should_log(target)) return;
    char buffer[1024];
    va_list copy;
    va_copy(copy, ap);
    int n = std::vsnprintf(buffer, sizeof(buffer), format, copy);
    va_end(copy);
    if (n < 0) return;
    size_t len =
        static_cast<size_t>(n) < sizeof(buffer) ? static_cast<size_t>(n) : sizeof(buffer) - 1;
    spdlog::log(target, "rocksdb: {}", std::string_view(buffer, len));
  }

 private:
  static spdlog::level::level_enum ToSpdlog(rocksdb::InfoLogLevel level) {
    switch (level) {
      case rocksdb::InfoLogLevel::DEBUG_LEVEL:
      case rocksdb::InfoLogLevel::INFO_LEVEL: return spdlog::level::debug;
      case rocksdb::InfoLogLevel::WARN_LEVEL: return spdlog::level::warn;
      case rocksdb::InfoLogLevel::ERROR_LEVEL: return spdlog::level::err;
      case rocksdb::InfoLogLevel::FATAL_LEVEL: return spdlog::level::critical;
      case rocksdb::InfoLogLevel::HEADER_LEVEL: return spdlog::level::debug;
      default: return spdlog::level::info;
    }
  }
};

}  // namespace

std::shared_ptr<rocksdb::Logger> NewSpdlogRocksLogger() {
  return std::make_shared<SpdlogRocksLogger>();
}

}  // namespace basalt::storage
