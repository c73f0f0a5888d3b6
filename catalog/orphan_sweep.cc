// Start-up removal of relation data no catalog object owns.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>

#include "catalog/catalog.h"
#include "storage/key_codec.h"

namespace basalt::catalog {

namespace {

uint32_t RelationIdOf(std::string_view key) {
  uint32_t id = 0;
  for (size_t i = 0; i < 4 && i < key.size(); ++i) {
    id = (id << 8) | static_cast<uint8_t>(key[i]);
  }
  return id;
}

}  // namespace

Status Catalog::SweepOrphanedRelations(const std::vector<uint32_t>& owned) {
  std::vector<uint32_t> sorted = owned;
  std::sort(sorted.begin(), sorted.end());
  std::unique_ptr<storage::Transaction> txn = store_.Begin();
  // One short scan per relation present: each finds the next relation id
  // that has any key, from where the previous one ended.
  uint32_t next = 0;
  const std::string end(5, '\xff');
  while (true) {
    std::unique_ptr<storage::KvIterator> it =
        txn->Scan(storage::ColumnFamily::kData, storage::RelationPrefix(next), end);
    if (!it->Valid()) return it->status();
    const uint32_t relation = RelationIdOf(it->key());
    if (!std::binary_search(sorted.begin(), sorted.end(), relation)) {
      spdlog::info("removing the data of relation {}, which no catalog object owns", relation);
      BASALT_RETURN_IF_ERROR(store_.DeleteRange(storage::ColumnFamily::kData,
                                                storage::RelationPrefix(relation),
                                                storage::RelationEnd(relation)));
    }
    if (relation == std::numeric_limits<uint32_t>::max()) return Status::OK();
    next = relation + 1;
  }
}

}  // namespace basalt::catalog
