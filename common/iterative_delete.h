// Freeing deep trees without deep recursion. A tree of nodes owning their
// children through std::unique_ptr is freed recursively by default: a
// left-deep chain of a million operators, which the parser builds with a
// loop, would overflow the stack in its destructors. A node's destructor
// instead hands each child to DeleteIteratively(), which deletes it at once
// if no tree is being freed on this thread, or queues it for the loop that is
// already freeing one: the chain unwinds in a loop, one node at a time.
#pragma once

#include <memory>

namespace basalt {

namespace iterative_delete_internal {
struct Pending {
  void* node;
  void (*destroy)(void*);
};
void Delete(Pending pending) noexcept;
}  // namespace iterative_delete_internal

// Deletes `*child` (if any), now or later on this thread, and leaves `child`
// null. REQUIRES: T is complete here (or has a virtual destructor).
template <typename T>
void DeleteIteratively(std::unique_ptr<T>& child) noexcept {
  if (child == nullptr) return;
  iterative_delete_internal::Delete(
      {child.release(), [](void* node) { delete static_cast<T*>(node); }});
}

}  // namespace basalt
