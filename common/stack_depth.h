// Stack depth checks, PostgreSQL's check_stack_depth(): every function that
// recurses over something the user wrote (the SQL text, parsed and bound
// trees, plans) calls CheckStackDepth() first, so no SQL text can overflow the
// stack; past the limit the statement fails with 54001 and the server and the
// session go on.
//
// The limit is the current thread's own stack (found once per thread with
// pthread_getattr_np), less a safety margin for the non-recursive code that
// runs below the deepest check (function bodies, libraries, throwing the
// error): any thread works, whatever its stack size.
#pragma once

#include <cstdint>

namespace basalt {

namespace stack_depth_internal {
// The lowest frame address allowed on this thread; 0 until computed.
extern thread_local constinit uintptr_t limit;
uintptr_t ComputeLimit();
[[noreturn]] void ThrowStackDepthExceeded();
}  // namespace stack_depth_internal

// Throws basalt::Error 54001 `stack depth limit exceeded` (with PostgreSQL's
// hint) when less than the safety margin of this thread's stack is left.
// Cheap: one thread-local load and a compare.
inline void CheckStackDepth() {
  uintptr_t limit = stack_depth_internal::limit;
  if (limit == 0) limit = stack_depth_internal::ComputeLimit();
  if (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < limit) {
    stack_depth_internal::ThrowStackDepthExceeded();
  }
}

// The safety margin kept free below the deepest check (bytes): 1 MiB, 2 MiB
// under AddressSanitizer (larger frames), at most half of a small stack.
uintptr_t StackDepthMargin();

}  // namespace basalt
