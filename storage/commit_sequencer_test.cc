#include "storage/commit_sequencer.h"

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

namespace basalt::storage {
namespace {

TEST_CASE("the watermark passes a sequence only when every smaller one finished",
          "[commit_sequencer]") {
  CommitSequencer sequencer;
  sequencer.Reset(10);
  REQUIRE(sequencer.Watermark() == 10);
  const uint64_t a = sequencer.Reserve(), b = sequencer.Reserve(), c = sequencer.Reserve();
  REQUIRE((a == 11 && b == 12 && c == 13));
  sequencer.Finish(c);  // the last one's sync came back first
  REQUIRE(sequencer.Watermark() == 10);
  sequencer.Finish(b);
  REQUIRE(sequencer.Watermark() == 10);
  sequencer.Finish(a);  // committed or failed: either way it is over
  REQUIRE(sequencer.Watermark() == 13);
  REQUIRE(sequencer.Reserve() == 14);
}

TEST_CASE("WaitForWatermark returns once the commits before it finished", "[commit_sequencer]") {
  CommitSequencer sequencer;
  const uint64_t slow = sequencer.Reserve();
  const uint64_t fast = sequencer.Reserve();
  sequencer.Finish(fast);
  std::atomic<bool> returned{false};
  std::thread waiter([&] {
    sequencer.WaitForWatermark(fast);
    returned = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(returned);
  sequencer.Finish(slow);
  waiter.join();
  REQUIRE(returned);
  REQUIRE(sequencer.Watermark() == fast);
}

TEST_CASE("concurrent finishes in any order leave the watermark at the last sequence",
          "[commit_sequencer]") {
  CommitSequencer sequencer;
  std::vector<std::thread> threads;
  std::vector<std::vector<uint64_t>> seen(4);
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        const uint64_t s = sequencer.Reserve();
        std::this_thread::yield();
        sequencer.Finish(s);
        seen[t].push_back(sequencer.Watermark());
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(sequencer.Watermark() == 4000);
  for (const auto& s : seen) REQUIRE(std::is_sorted(s.begin(), s.end()));
}

}  // namespace
}  // namespace basalt::storage
