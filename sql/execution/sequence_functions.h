// nextval, currval, setval and lastval: the values of storage::
// SequenceValues, and what each session remembers of them (the last value
// each sequence gave it, and which sequence gave the last one).
#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "common/value.h"
#include "sql/binder/bound_expression.h"
#include "storage/sequence_values.h"

namespace basalt::sql {

struct ExecContext;

// The bounds pg_sequence gives `sequence`.
storage::SequenceBounds SequenceBoundsOf(const catalog::proto::SequenceDef& sequence);

class SessionSequences {
 public:
  explicit SessionSequences(storage::SequenceValues& values) : values_(values) {}

  int64_t Next(const catalog::TableEntry& sequence);
  // 55000 before this session's first nextval of it.
  int64_t Current(const catalog::TableEntry& sequence) const;
  // The value of the sequence this session's last nextval called; 55000
  // before any.
  int64_t Last(const catalog::CatalogSnapshot& catalog, Oid database) const;
  int64_t Set(const catalog::TableEntry& sequence, int64_t value, bool is_called);
  // SELECT * FROM a sequence, pg_sequences.last_value.
  storage::SequenceRow Read(const catalog::TableEntry& sequence) const;
  // ALTER SEQUENCE: the state stored as given, unchecked.
  void Reset(const catalog::TableEntry& sequence, const storage::SequenceState& state);
  void Reset(Oid sequence, const storage::SequenceState& state);
  // DISCARD SEQUENCES / ALL.
  void Discard();

 private:
  // Values of a CACHE block not handed out yet: `count` after `last`,
  // under the bounds they were drawn with.
  struct Cached {
    storage::SequenceBounds bounds;
    int64_t last = 0;
    int64_t count = 0;
  };

  storage::SequenceValues& values_;
  std::unordered_map<Oid, int64_t> current_;
  std::unordered_map<Oid, Cached> cached_;
  std::optional<Oid> last_;
};

// SELECT * FROM a sequence: its one row (last_value, log_cnt, is_called).
std::vector<Row> SequenceRelationRows(const catalog::TableEntry& sequence, ExecContext& ctx);

// REQUIRES: call.function is kNextval, kCurrval, kSetval or kLastval.
Value EvaluateSequenceFunction(const BoundExpr& call, const std::vector<Value>& args,
                               ExecContext* ctx);

}  // namespace basalt::sql
