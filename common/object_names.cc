#include "common/object_names.h"

namespace basalt {
namespace {
thread_local const ObjectNames* current_names = nullptr;
}  // namespace

const ObjectNames* CurrentObjectNames() {
  return current_names;
}

ScopedObjectNames::ScopedObjectNames(const ObjectNames* names) : previous_(current_names) {
  current_names = names;
}

ScopedObjectNames::~ScopedObjectNames() {
  current_names = previous_;
}

}  // namespace basalt
