// The registry behind DataType::Record: each distinct list of field types
// gets a typmod, its index here, for the life of the process. Entries are
// never removed (a typmod may sit in any plan), and only lists a query
// built are registered, so the registry stays as small as the set of row
// shapes the server has seen.
#include <deque>
#include <map>
#include <mutex>

#include "common/data_type.h"

namespace basalt {
namespace {

struct RecordRegistry {
  std::mutex mutex;
  std::map<std::vector<std::pair<TypeId, int32_t>>, int32_t> typmods;
  std::deque<std::vector<DataType>> fields;  // by typmod; a deque keeps references valid
};

RecordRegistry& Registry() {
  static RecordRegistry* registry = new RecordRegistry;  // never destroyed: used at exit
  return *registry;
}

}  // namespace

DataType DataType::Record(const std::vector<DataType>& fields) {
  std::vector<std::pair<TypeId, int32_t>> key;
  key.reserve(fields.size());
  for (const DataType& f : fields) key.emplace_back(f.id, f.typmod);
  RecordRegistry& registry = Registry();
  std::lock_guard lock(registry.mutex);
  auto [it, added] = registry.typmods.emplace(std::move(key), 0);
  if (added) {
    it->second = static_cast<int32_t>(registry.fields.size());
    registry.fields.push_back(fields);
  }
  return DataType{TypeId::kRecord, it->second};
}

const std::vector<DataType>& DataType::RecordFields() const {
  RecordRegistry& registry = Registry();
  std::lock_guard lock(registry.mutex);
  return registry.fields.at(static_cast<size_t>(typmod));
}

}  // namespace basalt
