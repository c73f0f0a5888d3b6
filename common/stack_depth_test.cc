#include "common/stack_depth.h"

#include <pthread.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <functional>
#include <memory>
#include <string>

#include "common/error.h"
#include "common/iterative_delete.h"

namespace basalt {
namespace {

// Recurses until CheckStackDepth throws. The buffer makes each frame about
// 1 KiB and the write after the call keeps the compiler from turning the
// recursion into a loop.
size_t RecurseUntilLimit(size_t depth) {
  CheckStackDepth();
  if (depth > (size_t{1} << 40)) return depth;  // never: the stack ends first
  volatile char frame[1024];
  frame[0] = 1;
  size_t reached = RecurseUntilLimit(depth + 1);
  return reached + static_cast<size_t>(frame[0]);
}

// What RecurseUntilLimit throws.
struct Outcome {
  bool threw = false;
  std::string code;
  std::string message;
  std::string hint;
};

Outcome RunToLimit() {
  Outcome out;
  try {
    RecurseUntilLimit(0);
  } catch (const Error& e) {
    out.threw = true;
    out.code = std::string(e.code());
    out.message = e.message();
    out.hint = e.hint();
  }
  return out;
}

// Runs `body` on a new thread with a stack of `stack_size` bytes.
void RunOnThread(size_t stack_size, const std::function<void()>& body) {
  pthread_attr_t attr;
  REQUIRE(pthread_attr_init(&attr) == 0);
  REQUIRE(pthread_attr_setstacksize(&attr, stack_size) == 0);
  pthread_t thread;
  auto start = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  REQUIRE(pthread_create(&thread, &attr, start, const_cast<std::function<void()>*>(&body)) == 0);
  pthread_attr_destroy(&attr);
  pthread_join(thread, nullptr);
}

void CheckOutcome(const Outcome& out) {
  CHECK(out.threw);
  CHECK(out.code == "54001");
  CHECK(out.message == "stack depth limit exceeded");
  CHECK(out.hint ==
        "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after "
        "ensuring the platform's stack depth limit is adequate.");
}

TEST_CASE("CheckStackDepth stops runaway recursion with 54001 on the main thread",
          "[stack_depth]") {
  CheckOutcome(RunToLimit());
  // The thread is fine afterwards, and the limit holds again.
  CheckOutcome(RunToLimit());
}

TEST_CASE("CheckStackDepth works on threads of any stack size", "[stack_depth]") {
  for (size_t size : {size_t{256} << 10, size_t{2} << 20, size_t{8} << 20, size_t{32} << 20}) {
    INFO("stack size " << size);
    Outcome out;
    RunOnThread(size, [&out] { out = RunToLimit(); });
    CheckOutcome(out);
  }
}

TEST_CASE("CheckStackDepth leaves room for ordinary depths", "[stack_depth]") {
  // An 8 MiB stack gives a thousand 1 KiB frames easily.
  bool threw = false;
  RunOnThread(size_t{8} << 20, [&threw] {
    std::function<void(int)> recurse = [&](int left) {
      CheckStackDepth();
      volatile char frame[1024];
      frame[0] = 1;
      if (left > 0) recurse(left - 1);
      (void)frame[0];
    };
    try {
      recurse(1000);
    } catch (const Error&) {
      threw = true;
    }
  });
  CHECK_FALSE(threw);
  CHECK(StackDepthMargin() > 0);
}

// A list node freeing its successor through DeleteIteratively.
struct ChainNode {
  std::unique_ptr<ChainNode> next;
  std::unique_ptr<ChainNode> side;
  int* freed = nullptr;
  ~ChainNode() {
    ++*freed;
    DeleteIteratively(next);
    DeleteIteratively(side);
  }
};

std::unique_ptr<ChainNode> MakeChain(size_t length, int* freed) {
  std::unique_ptr<ChainNode> head;
  for (size_t i = 0; i < length; ++i) {
    auto node = std::make_unique<ChainNode>();
    node->freed = freed;
    node->next = std::move(head);
    head = std::move(node);
  }
  return head;
}

TEST_CASE("DeleteIteratively frees a chain of millions without deep recursion", "[stack_depth]") {
  int freed = 0;
  // On a small stack, so a recursive free would surely overflow it.
  RunOnThread(size_t{256} << 10, [&freed] {
    auto chain = MakeChain(2'000'000, &freed);
    // A node whose destructor frees another chain while one is being freed.
    chain->side = MakeChain(1000, &freed);
    chain.reset();
  });
  CHECK(freed == 2'001'000);
  // Nothing is left queued: a tree freed afterwards is freed at once.
  int later = 0;
  auto small = MakeChain(3, &later);
  small.reset();
  CHECK(later == 3);
}

}  // namespace
}  // namespace basalt
