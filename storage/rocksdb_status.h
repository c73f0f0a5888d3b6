// The one place RocksDB statuses become Basalt statuses with a SQLSTATE.
#pragma once

#include <string_view>

#include <rocksdb/status.h>

#include "common/status.h"

namespace basalt::storage {

// Lock wait timeouts -> 55P03, deadlocks -> 40P01, write conflicts with a
// transaction snapshot -> 40001, corruption -> XX001, I/O -> 58030, the rest
// XX000. `context` says what was being done ("commit", "read").
Status FromRocks(const rocksdb::Status& s, std::string_view context);

}  // namespace basalt::storage
