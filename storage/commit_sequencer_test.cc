#include "storage/commit_sequencer.h"

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

namespace basalt::storage {
namespace {

// The store's durable counter, in memory: blocks follow each other.
struct Blocks {
  uint64_t stored = 0;  // end of the last block
  int allocations = 0;
  CommitSequencer::BlockAllocator allocator() {
    return [this]() -> Result<uint64_t> {
      ++allocations;
      const uint64_t first = stored + 1;
      stored += kCommitSequenceBlock;
      return first;
    };
  }
};

uint64_t ReserveOrDie(CommitSequencer& sequencer, Blocks& blocks) {
  Result<uint64_t> s = sequencer.Reserve(blocks.allocator());
  REQUIRE(s.ok());
  return *s;
}

TEST_CASE("the watermark passes a sequence only when every smaller one finished",
          "[commit_sequencer]") {
  CommitSequencer sequencer;
  Blocks blocks;
  const uint64_t a = ReserveOrDie(sequencer, blocks), b = ReserveOrDie(sequencer, blocks),
                 c = ReserveOrDie(sequencer, blocks);
  REQUIRE((a == 1 && b == 2 && c == 3));
  sequencer.Finish(c);  // the last one's sync came back first
  REQUIRE(sequencer.Watermark() == 0);
  sequencer.Finish(b);
  REQUIRE(sequencer.Watermark() == 0);
  sequencer.Finish(a);  // committed or failed: either way it is over
  REQUIRE(sequencer.Watermark() == 3);
}

TEST_CASE("sequences are reserved durably a block at a time and continue after a restart",
          "[commit_sequencer]") {
  Blocks blocks;
  {
    CommitSequencer sequencer;
    for (uint64_t i = 1; i <= kCommitSequenceBlock + 1; ++i) {
      REQUIRE(ReserveOrDie(sequencer, blocks) == i);
      sequencer.Finish(i);
    }
    REQUIRE(blocks.allocations == 2);
  }
  // Restart: whatever the last run used, the stored block end bounds it.
  CommitSequencer sequencer;
  sequencer.Reset(blocks.stored);
  REQUIRE(sequencer.Watermark() == blocks.stored);
  const uint64_t next = ReserveOrDie(sequencer, blocks);
  REQUIRE(next == 2 * kCommitSequenceBlock + 1);
  sequencer.Finish(next);
  REQUIRE(sequencer.Watermark() == next);

  // A failed block write hands out nothing.
  CommitSequencer failing;
  Result<uint64_t> s =
      failing.Reserve([]() -> Result<uint64_t> { return Status::IoError("disk full"); });
  REQUIRE_FALSE(s.ok());
  REQUIRE(failing.Watermark() == 0);
}

TEST_CASE("WaitForWatermark returns once the commits before it finished", "[commit_sequencer]") {
  CommitSequencer sequencer;
  Blocks blocks;
  const uint64_t slow = ReserveOrDie(sequencer, blocks);
  const uint64_t fast = ReserveOrDie(sequencer, blocks);
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
  Blocks blocks;
  std::vector<std::thread> threads;
  std::vector<std::vector<uint64_t>> seen(4);
  std::atomic<int> failures{0};
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        Result<uint64_t> s = sequencer.Reserve(blocks.allocator());
        if (!s.ok()) {
          ++failures;
          return;
        }
        std::this_thread::yield();
        sequencer.Finish(*s);
        seen[t].push_back(sequencer.Watermark());
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(failures == 0);
  REQUIRE(sequencer.Watermark() == 4000);
  for (const auto& s : seen) REQUIRE(std::is_sorted(s.begin(), s.end()));
}

}  // namespace
}  // namespace basalt::storage
