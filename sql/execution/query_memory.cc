#include "sql/execution/query_memory.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/error.h"
#include "common/sqlstate.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

void QueryMemory::Charge(int64_t bytes, std::string_view op) {
  const int64_t before = used_.fetch_add(bytes, std::memory_order_relaxed);
  if (bytes > 0 && before + bytes > limit_) {
    used_.fetch_sub(bytes, std::memory_order_relaxed);
    // PostgreSQL's palloc failure: the same SQLSTATE and message, with the
    // operator named so the user knows which part of the plan to change.
    throw Error(sqlstate::kOutOfMemory, "out of memory")
        .WithDetail(fmt::format("Failed on request of size {} in operator \"{}\".", bytes, op));
  }
}

void OperatorMemory::Attach(const ExecContext& ctx) {
  if (query_ == nullptr) query_ = ctx.memory;
}

void OperatorMemory::Add(int64_t bytes) {
  if (query_ != nullptr) query_->Charge(bytes, name_);
  used_ += bytes;
  peak_ = std::max(peak_, used_);
}

void OperatorMemory::ReleaseAll() {
  if (query_ != nullptr) query_->Release(used_);
  used_ = 0;
}

namespace {

int64_t ValueMemory(const Value& v) {
  int64_t bytes = static_cast<int64_t>(sizeof(Value));
  if (v.is_null()) return bytes;
  // Only strings and arrays own heap memory; the rest fits in the Value.
  if (v.kind() == Value::Kind::kString) {
    // Short strings live inside std::string itself.
    const std::string& s = v.AsString();
    if (s.size() >= sizeof(std::string)) bytes += static_cast<int64_t>(s.capacity()) + 1;
  } else if (v.IsArrayValue()) {
    for (const Value& e : v.AsArray()) bytes += ValueMemory(e);
  }
  return bytes;
}

}  // namespace

int64_t RowMemory(const Row& row) {
  int64_t bytes = static_cast<int64_t>(sizeof(Row));
  for (const Value& v : row) bytes += ValueMemory(v);
  return bytes;
}

}  // namespace basalt::sql
