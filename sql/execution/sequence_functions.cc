#include "sql/execution/sequence_functions.h"

#include <fmt/format.h>

#include "common/error.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/exec_context.h"

namespace basalt::sql {

namespace {

Error NotYetDefined(std::string message) {
  return Error(sqlstate::kObjectNotInPrerequisiteState, std::move(message));
}

// The session's sequences; a plan-time constant fold (no session) leaves
// the call for run time.
SessionSequences& SequencesOf(const ExecContext* ctx) {
  if (ctx == nullptr || ctx->sequences == nullptr || ctx->catalog == nullptr) {
    throw Error(sqlstate::kFeatureNotSupported, "sequence functions need a session");
  }
  return *ctx->sequences;
}

// The sequence `oid` names: 42809 for another kind of relation.
std::shared_ptr<const catalog::TableEntry> SequenceByOid(const ExecContext& ctx, Oid oid) {
  auto table = ctx.catalog->TableByOid(ctx.database_oid, oid);
  if (table == nullptr) {
    throw Error(sqlstate::kUndefinedTable, fmt::format("could not open relation with OID {}", oid));
  }
  if (table->def.relkind() != "S") {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("\"{}\" is not a sequence", table->def.name()));
  }
  return table;
}

// nextval and setval write the sequence, which a read-only transaction
// may not (PostgreSQL's PreventCommandIfReadOnly).
void CheckSequenceWritable(const ExecContext& ctx, std::string_view function) {
  if (ctx.read_only) {
    throw Error(sqlstate::kReadOnlySqlTransaction,
                fmt::format("cannot execute {}() in a read-only transaction", function));
  }
}

}  // namespace

storage::SequenceBounds SequenceBoundsOf(const catalog::proto::SequenceDef& sequence) {
  return storage::SequenceBounds{.increment = sequence.increment(),
                                 .min_value = sequence.min_value(),
                                 .max_value = sequence.max_value(),
                                 .cycle = sequence.cycle()};
}

int64_t SessionSequences::Next(const catalog::TableEntry& sequence) {
  const catalog::proto::SequenceDef& def = sequence.def.sequence();
  const Oid oid = sequence.def.oid();
  const storage::SequenceBounds bounds = SequenceBoundsOf(def);
  int64_t value = 0;
  auto cached = cached_.find(oid);
  if (cached != cached_.end() && cached->second.count > 0 && cached->second.bounds == bounds &&
      storage::SequenceStep(bounds, cached->second.last, &value)) {
    --cached->second.count;
  } else {
    Result<storage::SequenceValues::Block> block = values_.Next(
        oid, bounds, def.start(), std::max<int64_t>(def.cache(), 1), sequence.def.name());
    if (!block.ok()) ThrowStatus(block.status());
    value = block->first;
    cached_[oid] = Cached{bounds, value, block->count - 1};
  }
  cached_[oid].last = value;
  current_[oid] = value;
  last_ = oid;
  return value;
}

int64_t SessionSequences::Current(const catalog::TableEntry& sequence) const {
  auto it = current_.find(sequence.def.oid());
  if (it == current_.end()) {
    throw NotYetDefined(fmt::format("currval of sequence \"{}\" is not yet defined in this session",
                                    sequence.def.name()));
  }
  return it->second;
}

int64_t SessionSequences::Last(const catalog::CatalogSnapshot& catalog, Oid database) const {
  if (!last_ || catalog.TableByOid(database, *last_) == nullptr) {
    throw NotYetDefined("lastval is not yet defined in this session");
  }
  return current_.at(*last_);
}

int64_t SessionSequences::Set(const catalog::TableEntry& sequence, int64_t value, bool is_called) {
  const catalog::proto::SequenceDef& def = sequence.def.sequence();
  if (value < def.min_value() || value > def.max_value()) {
    throw Error(sqlstate::kNumericValueOutOfRange,
                fmt::format("setval: value {} is out of bounds for sequence \"{}\" ({}..{})", value,
                            sequence.def.name(), def.min_value(), def.max_value()));
  }
  Status st = values_.Set(sequence.def.oid(), storage::SequenceState{value, is_called});
  if (!st.ok()) ThrowStatus(st);
  cached_.erase(sequence.def.oid());
  if (is_called) current_[sequence.def.oid()] = value;  // as PostgreSQL's do_setval
  return value;
}

storage::SequenceRow SessionSequences::Read(const catalog::TableEntry& sequence) const {
  Result<storage::SequenceRow> state =
      values_.Read(sequence.def.oid(), sequence.def.sequence().start());
  if (!state.ok()) ThrowStatus(state.status());
  return *state;
}

void SessionSequences::Reset(const catalog::TableEntry& sequence,
                             const storage::SequenceState& state) {
  Reset(sequence.def.oid(), state);
}

void SessionSequences::Reset(Oid sequence, const storage::SequenceState& state) {
  Status st = values_.Set(sequence, state);
  if (!st.ok()) ThrowStatus(st);
  cached_.erase(sequence);
}

void SessionSequences::Discard() {
  current_.clear();
  cached_.clear();
  last_.reset();
}

std::vector<Row> SequenceRelationRows(const catalog::TableEntry& sequence, ExecContext& ctx) {
  const storage::SequenceRow row = SequencesOf(&ctx).Read(sequence);
  return {Row{Value::Int(row.state.last_value), Value::Int(row.log_cnt),
              Value::Bool(row.state.is_called)}};
}

Value EvaluateSequenceFunction(const BoundExpr& call, const std::vector<Value>& args,
                               ExecContext* ctx) {
  SessionSequences& sequences = SequencesOf(ctx);
  if (call.function == ScalarFunction::kLastval) {
    return Value::Int(sequences.Last(*ctx->catalog, ctx->database_oid));
  }
  if (args[0].is_null()) return Value::Null();
  auto sequence = SequenceByOid(*ctx, static_cast<Oid>(args[0].AsInt()));
  switch (call.function) {
    case ScalarFunction::kNextval:
      CheckSequenceWritable(*ctx, "nextval");
      return Value::Int(sequences.Next(*sequence));
    case ScalarFunction::kCurrval: return Value::Int(sequences.Current(*sequence));
    case ScalarFunction::kSequenceLastValue: {
      const storage::SequenceState state = sequences.Read(*sequence).state;
      return state.is_called ? Value::Int(state.last_value) : Value::Null();
    }
    default: {
      if (args[1].is_null() || (args.size() > 2 && args[2].is_null())) return Value::Null();
      CheckSequenceWritable(*ctx, "setval");
      const bool is_called = args.size() < 3 || args[2].AsBool();
      return Value::Int(sequences.Set(*sequence, args[1].AsInt(), is_called));
    }
  }
}

}  // namespace basalt::sql
