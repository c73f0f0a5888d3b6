#include "common/stack_depth.h"

#include <pthread.h>

#include <algorithm>

#include "common/error.h"

#if defined(__SANITIZE_ADDRESS__)
#define BASALT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BASALT_ASAN 1
#endif
#endif

namespace basalt {

namespace {

#ifdef BASALT_ASAN
constexpr uintptr_t kMargin = uintptr_t{2} << 20;
#else
constexpr uintptr_t kMargin = uintptr_t{1} << 20;
#endif

// The stack's lowest address and size; {0, 0} if the platform does not say.
std::pair<uintptr_t, uintptr_t> StackBounds() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return {0, 0};
  void* low = nullptr;
  size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &low, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0) return {0, 0};
  return {reinterpret_cast<uintptr_t>(low), size};
}

}  // namespace

namespace stack_depth_internal {

thread_local constinit uintptr_t limit = 0;

uintptr_t ComputeLimit() {
  auto [low, size] = StackBounds();
  uintptr_t margin = std::min(kMargin, size / 2);
  // Unknown bounds: never fail (1 is below every frame address).
  limit = size == 0 ? 1 : low + margin;
  return limit;
}

void ThrowStackDepthExceeded() {
  throw Error(sqlstate::kStatementTooComplex, "stack depth limit exceeded")
      .WithHint(
          "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after "
          "ensuring the platform's stack depth limit is adequate.");
}

}  // namespace stack_depth_internal

uintptr_t StackDepthMargin() {
  return std::min(kMargin, StackBounds().second / 2);
}

}  // namespace basalt
