#include "common/iterative_delete.h"

#include <vector>

namespace basalt::iterative_delete_internal {

namespace {
// The queue of the outermost Delete() running on this thread; null when none.
thread_local constinit std::vector<Pending>* queue = nullptr;
}  // namespace

void Delete(Pending pending) noexcept {
  if (queue != nullptr) {
    queue->push_back(pending);
    return;
  }
  std::vector<Pending> pending_nodes;
  queue = &pending_nodes;
  pending_nodes.push_back(pending);
  while (!pending_nodes.empty()) {
    Pending next = pending_nodes.back();
    pending_nodes.pop_back();
    next.destroy(next.node);  // may queue the node's children
  }
  queue = nullptr;
}

}  // namespace basalt::iterative_delete_internal
