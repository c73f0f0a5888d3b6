#include "sql/execution/function_scan.h"

#include "common/error.h"
#include "sql/execution/array_shape.h"
#include "sql/execution/catalog_function.h"
#include "sql/execution/datetime_arithmetic.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/json_record_function.h"
#include "sql/execution/json_table_function.h"
#include "sql/execution/string_pattern_function.h"

namespace basalt::sql {

namespace {

// step > 0 ? v <= stop : v >= stop.
bool InRange(const Value& v, const Value& stop, const Value& step, TypeId type) {
  if (step.is_interval()) {  // timestamps: the interval's sign by its span
    const bool up = step.AsInterval().Span() > 0;
    return up ? v.AsInt() <= stop.AsInt() : v.AsInt() >= stop.AsInt();
  }
  if (type == TypeId::kNumeric) {
    const bool up = step.AsNumeric().Compare(Numeric::FromInt64(0)) > 0;
    const int c = v.AsNumeric().Compare(stop.AsNumeric());
    return up ? c <= 0 : c >= 0;
  }
  return step.AsInt() > 0 ? v.AsInt() <= stop.AsInt() : v.AsInt() >= stop.AsInt();
}

}  // namespace

bool FunctionScan::Start(ExecContext& ctx) {
  Row empty;
  if (ReturnsRecord(function_)) {
    // Computed whole, each row an array of its values, handed out as
    // unnest's elements.
    static const std::vector<RecordColumn> kNone;
    std::vector<Row> rows =
        JsonToRecordRows(function_, Evaluate(*arguments_[0], empty, &ctx), arguments_[0]->type,
                         record_columns_ != nullptr ? *record_columns_ : kNone);
    std::vector<Value> values;
    for (Row& row : rows) values.push_back(Value::Array(std::move(row)));
    args_ = {Value::Array(std::move(values))};
    return true;
  }
  for (const BoundExprPtr& a : arguments_) {
    args_.push_back(Evaluate(*a, empty, &ctx));
    if (args_.back().is_null()) return false;
  }
  if (function_ == TableFunction::kRegexpMatches ||
      function_ == TableFunction::kRegexpSplitToTable) {
    // All the rows at once, then handed out as unnest's elements.
    // (A view of the argument: `? AsString() : ""` would make a temporary
    // std::string that dies with the statement.)
    const std::string_view flags =
        args_.size() == 3 ? std::string_view(args_[2].AsString()) : std::string_view();
    std::vector<Value> rows =
        function_ == TableFunction::kRegexpMatches
            ? RegexpMatchesRows(args_[0].AsString(), args_[1].AsString(), flags)
            : RegexpSplitRows(args_[0].AsString(), args_[1].AsString(), flags);
    args_ = {Value::Array(std::move(rows))};
    return true;
  }
  if (function_ == TableFunction::kUnnest) return true;
  if (function_ == TableFunction::kOptionsToTable) {
    // "name=value" split at the first '=', handed out as json_each's pairs;
    // an option without '=' has a NULL value, as PostgreSQL's.
    std::vector<Value> names;
    for (const Value& option : args_[0].AsArray()) {
      if (option.is_null()) continue;
      const std::string& text = option.AsString();
      const size_t equals = text.find('=');
      names.push_back(Value::String(text.substr(0, equals)));
      json_values_.push_back(equals == std::string::npos ? Value::Null()
                                                         : Value::String(text.substr(equals + 1)));
    }
    args_[0] = Value::Array(std::move(names));
    return true;
  }
  if (IsJsonTableFunction(function_)) {
    // Computed whole, then handed out as unnest's elements.
    args_[0] = Value::Array(
        JsonTableFunctionRows(function_, args_[0], arguments_[0]->type, &json_values_));
    return true;
  }
  if (function_ == TableFunction::kGenerateSubscripts) {
    const ArrayShape shape = ShapeOf(args_[0], arguments_[0]->type);
    const int64_t d = args_[1].AsInt() - 1;
    if (d < 0 || d >= static_cast<int64_t>(shape.dims.size())) return false;
    const int64_t lower = shape.lower_bounds[static_cast<size_t>(d)];
    current_ = Value::Int(lower);
    args_.push_back(Value::Int(lower + shape.dims[static_cast<size_t>(d)] - 1));
    return true;
  }
  if (args_.size() == 2) {
    args_.push_back(type_.id == TypeId::kNumeric ? Value::Decimal(Numeric::FromInt64(1))
                                                 : Value::Int(1));
  }
  if (type_.id == TypeId::kNumeric) {
    static constexpr const char* kWhat[] = {"start value", "stop value", "step size"};
    for (int i = 0; i < 3; ++i) {
      const Numeric& n = args_[static_cast<size_t>(i)].AsNumeric();
      if (n.is_finite()) continue;
      throw Error(sqlstate::kInvalidParameterValue,
                  std::string(kWhat[i]) + (n.is_nan() ? " cannot be NaN" : " cannot be infinity"));
    }
  }
  const bool zero = args_[2].is_interval() ? args_[2].AsInterval().Span() == 0
                    : type_.id == TypeId::kNumeric
                        ? args_[2].AsNumeric().Compare(Numeric::FromInt64(0)) == 0
                        : args_[2].AsInt() == 0;
  if (zero) throw Error(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
  current_ = args_[0];
  return true;
}

std::optional<Value> FunctionScan::NextValue() {
  if (function_ == TableFunction::kUnnest || function_ == TableFunction::kRegexpMatches ||
      function_ == TableFunction::kRegexpSplitToTable || IsJsonTableFunction(function_) ||
      function_ == TableFunction::kOptionsToTable || ReturnsRecord(function_)) {
    const std::vector<Value>& elements = args_[0].AsArray();
    if (next_index_ >= elements.size()) return std::nullopt;
    return elements[next_index_++];
  }
  if (function_ == TableFunction::kGenerateSubscripts) {
    if (current_.AsInt() > args_[2].AsInt()) return std::nullopt;
    Value out = current_;
    current_ = Value::Int(current_.AsInt() + 1);
    return out;
  }
  if (!InRange(current_, args_[1], args_[2], type_.id)) return std::nullopt;
  Value out = current_;
  // The next value; past the type's range the series simply ends (a
  // timestamp past its range is an error, as PostgreSQL's).
  if (args_[2].is_interval()) {
    current_ = Value::Int(AddInterval(current_.AsInt(), args_[2].AsInterval(), type_.id));
  } else if (type_.id == TypeId::kNumeric) {
    Result<Numeric> next = current_.AsNumeric().Add(args_[2].AsNumeric());
    if (next.ok()) {
      current_ = Value::Decimal(*next);
    } else {
      done_ = true;
    }
  } else {
    int64_t next = 0;
    const bool overflow = __builtin_add_overflow(current_.AsInt(), args_[2].AsInt(), &next) ||
                          (type_.id == TypeId::kInt4 && (next > INT32_MAX || next < INT32_MIN));
    if (overflow) {
      done_ = true;
    } else {
      current_ = Value::Int(next);
    }
  }
  return out;
}

std::optional<Value> FunctionScan::NextLockstepValue(ExecContext& ctx) {
  if (!started_) {
    started_ = true;
    done_ = !Start(ctx);
  }
  if (done_) return std::nullopt;
  std::optional<Value> v = NextValue();
  if (!v) done_ = true;
  return v;
}

void FunctionScan::AppendColumns(Value value, Row* row) {
  if (ReturnsRecord(function_)) {
    for (const Value& v : value.AsArray()) row->push_back(v);
    return;
  }
  row->push_back(std::move(value));
  // json[b]_each: the value beside the key.
  if (!json_values_.empty()) row->push_back(std::move(json_values_[next_index_ - 1]));
  if (with_ordinality_) row->push_back(Value::Int(++ordinal_));
}

bool FunctionScan::AppendLockstepColumns(ExecContext& ctx, Row* row) {
  std::optional<Value> v = NextLockstepValue(ctx);
  if (v) {
    AppendColumns(std::move(*v), row);
    return true;
  }
  const size_t width = 1 + (ReturnsPairs(function_) ? 1 : 0) + (with_ordinality_ ? 1 : 0);
  row->insert(row->end(), width, Value::Null());
  return false;
}

bool FunctionScan::NextLockstepRows(ExecContext& ctx, RowBatch* batch) {
  while (batch->size() < kBatchSize) {
    Row row;
    bool any = AppendLockstepColumns(ctx, &row);
    for (const std::unique_ptr<FunctionScan>& member : lockstep_) {
      any = member->AppendLockstepColumns(ctx, &row) || any;
    }
    if (!any) break;
    batch->push_back(std::move(row));
  }
  ctx.CheckForInterrupts();
  return !batch->empty();
}

bool FunctionScan::Next(ExecContext& ctx, RowBatch* batch) {
  batch->clear();
  if (!lockstep_.empty()) return NextLockstepRows(ctx, batch);
  if (!started_) {
    started_ = true;
    done_ = !Start(ctx);
  }
  while (!done_ && batch->size() < kBatchSize) {
    std::optional<Value> v = NextValue();
    if (!v) break;
    Row row;
    AppendColumns(std::move(*v), &row);
    batch->push_back(std::move(row));
  }
  ctx.CheckForInterrupts();
  return !batch->empty();
}

}  // namespace basalt::sql
