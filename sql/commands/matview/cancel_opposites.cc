#include "sql/commands/matview/cancel_opposites.h"

#include <unordered_map>

#include "sql/execution/query_memory.h"

namespace basalt::sql {

int64_t CancelOpposites(std::vector<Row>* deleted, std::vector<Row>* inserted,
                        const RowEncoder& encode) {
  if (deleted->empty() || inserted->empty()) return 0;
  std::unordered_map<std::string, std::vector<size_t>> inserted_at;
  std::string bytes;
  for (size_t i = 0; i < inserted->size(); ++i) {
    bytes.clear();
    encode((*inserted)[i], &bytes);
    inserted_at[bytes].push_back(i);
  }
  std::vector<bool> inserted_cancelled(inserted->size());
  std::vector<Row> deleted_kept;
  int64_t freed = 0;
  for (Row& row : *deleted) {
    bytes.clear();
    encode(row, &bytes);
    auto match = inserted_at.find(bytes);
    if (match != inserted_at.end() && !match->second.empty()) {
      inserted_cancelled[match->second.back()] = true;
      match->second.pop_back();
      freed += 2 * RowMemory(row);
    } else {
      deleted_kept.push_back(std::move(row));
    }
  }
  *deleted = std::move(deleted_kept);
  if (freed == 0) return 0;
  std::vector<Row> inserted_kept;
  for (size_t i = 0; i < inserted->size(); ++i) {
    if (!inserted_cancelled[i]) inserted_kept.push_back(std::move((*inserted)[i]));
  }
  *inserted = std::move(inserted_kept);
  return freed;
}

}  // namespace basalt::sql
