// The registry behind DataType::Record: each distinct list of field types
// (and names) gets a typmod, its index here, for the life of the process. Entries are
// never removed (a typmod may sit in any plan), and only lists a query
// built are registered, so the registry stays as small as the set of row
// shapes the server has seen.
//
// RecordFields is read per row and per comparison (output, sort, group
// keys), from every session at once, so it takes no lock: entries sit in
// blocks that never move, published by atomic stores. Only Record, at bind
// time, locks, and a composite type's lookup of its shape (by OID, brief).
//
// A composite type (CREATE TYPE ... AS) keeps its catalog OID as typmod;
// the catalog registers its fields' shape here whenever it loads or makes
// one, so values of it compare, print and encode as records do.
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <unordered_map>

#include "common/data_type.h"
#include "common/error.h"

namespace basalt {
namespace {

struct Shape {
  std::vector<DataType> fields;
  std::vector<std::string> names;
};
constexpr size_t kBlockSize = 1024;
constexpr size_t kBlocks = 1024;  // at most 1,048,576 row shapes

struct Block {
  std::array<std::atomic<const Shape*>, kBlockSize> entries{};
};

using ShapeKey = std::pair<std::vector<std::pair<TypeId, int32_t>>, std::vector<std::string>>;

struct RecordRegistry {
  std::mutex mutex;  // over typmods, size, composites and adding entries
  std::map<ShapeKey, int32_t> typmods;
  // A composite type's OID -> the typmod of its fields' shape.
  std::unordered_map<Oid, int32_t> composites;
  size_t size = 0;
  std::array<std::atomic<Block*>, kBlocks> blocks{};
};

RecordRegistry& Registry() {
  static RecordRegistry* registry = new RecordRegistry;  // never destroyed: used at exit
  return *registry;
}

const Shape& ShapeOf(int32_t typmod) {
  const auto index = static_cast<size_t>(typmod);
  const Block* block = typmod < 0 || index >= kBlocks * kBlockSize
                           ? nullptr
                           : Registry().blocks[index / kBlockSize].load(std::memory_order_acquire);
  const Shape* shape =
      block ? block->entries[index % kBlockSize].load(std::memory_order_acquire) : nullptr;
  // Never expected: a record's typmod comes from Record.
  if (shape == nullptr) throw Error(sqlstate::kInternalError, "record type without its fields");
  return *shape;
}

}  // namespace

DataType DataType::Record(const std::vector<DataType>& fields,
                          const std::vector<std::string>& names) {
  ShapeKey key;
  key.first.reserve(fields.size());
  for (const DataType& f : fields) key.first.emplace_back(f.id, f.typmod);
  key.second = names;
  if (key.second.empty()) {
    for (size_t i = 0; i < fields.size(); ++i) key.second.push_back("f" + std::to_string(i + 1));
  }
  RecordRegistry& registry = Registry();
  std::lock_guard lock(registry.mutex);
  auto found = registry.typmods.find(key);
  if (found != registry.typmods.end()) return DataType{TypeId::kRecord, found->second};
  const size_t typmod = registry.size;
  if (typmod == kBlocks * kBlockSize) {
    throw Error(sqlstate::kProgramLimitExceeded, "too many distinct row types");
  }
  std::atomic<Block*>& slot = registry.blocks[typmod / kBlockSize];
  Block* block = slot.load(std::memory_order_relaxed);
  if (block == nullptr) {
    block = new Block;
    slot.store(block, std::memory_order_release);
  }
  block->entries[typmod % kBlockSize].store(new Shape{fields, key.second},
                                            std::memory_order_release);
  ++registry.size;
  registry.typmods.emplace(std::move(key), static_cast<int32_t>(typmod));
  return DataType{TypeId::kRecord, static_cast<int32_t>(typmod)};
}

void DataType::RegisterComposite(Oid oid, const std::vector<DataType>& fields,
                                 const std::vector<std::string>& names) {
  const int32_t shape = Record(fields, names).typmod;
  RecordRegistry& registry = Registry();
  std::lock_guard lock(registry.mutex);
  registry.composites[oid] = shape;
}

namespace {

// A record's shape, or a composite type's registered one.
const Shape& RowShape(const DataType& type) {
  if (type.id != TypeId::kComposite) return ShapeOf(type.typmod);
  RecordRegistry& registry = Registry();
  int32_t shape = -1;
  {
    std::lock_guard lock(registry.mutex);
    auto found = registry.composites.find(static_cast<Oid>(type.typmod));
    if (found != registry.composites.end()) shape = found->second;
  }
  // Never expected: the catalog registers every composite type it holds.
  if (shape < 0) throw Error(sqlstate::kInternalError, "composite type without its fields");
  return ShapeOf(shape);
}

}  // namespace

const std::vector<DataType>& DataType::RecordFields() const {
  return RowShape(*this).fields;
}

const std::vector<std::string>& DataType::RecordFieldNames() const {
  return RowShape(*this).names;
}

}  // namespace basalt
