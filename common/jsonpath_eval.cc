// jsonpath_exec.c's executor over Basalt's jsonb tree: the walk over items
// and accessors (predicates, arithmetic and methods: jsonpath_eval_ops.cc).
// Each function keeps the name and the shape of PostgreSQL's
// (executeItemOptUnwrapTarget, executeAnyItem, ...), since the order in
// which items are visited decides which error is raised and where lax mode
// stops.
#include "common/jsonpath_eval.h"

#include <fmt/format.h>

#include "common/jsonpath_executor.h"
#include "common/stack_depth.h"

namespace basalt {

namespace jsonpath_internal {

const JsonbValue* Executor::GetVariable(const JsonPathItem* jsp) {
  if (vars_ == nullptr) return NewValue(JsonbValue::Null());
  const JsonbValue* v = vars_->Find(jsp->text);
  if (v == nullptr) {
    throw ExecFailure{
        Status::Error(sqlstate::kUndefinedObject,
                      fmt::format("could not find jsonpath variable \"{}\"", jsp->text))};
  }
  SetBaseObject(vars_, 1);
  return v;
}

Res Executor::ExecuteItemOptUnwrapTarget(const JsonPathItem* jsp, const JsonbValue* jb,
                                         ValueList* found, bool unwrap) {
  CheckStackDepth();
  const JsonPathItem* next = jsp->next.get();
  switch (jsp->type) {
    case Type::kNull:
    case Type::kBool:
    case Type::kNumeric:
    case Type::kString:
    case Type::kVariable: {
      if (next == nullptr && found == nullptr && jsp->type != Type::kVariable) return Res::kOk;
      const BaseObject saved = base_;
      const JsonbValue* v = nullptr;
      switch (jsp->type) {
        case Type::kNull: v = NewValue(JsonbValue::Null()); break;
        case Type::kBool: v = NewValue(JsonbValue::Bool(jsp->boolean)); break;
        case Type::kNumeric: v = NewNumber(jsp->numeric); break;
        case Type::kString: v = NewValue(JsonbValue::String(jsp->text)); break;
        default: v = GetVariable(jsp); break;
      }
      Res res = ExecuteNextItem(next, v, found);
      base_ = saved;
      return res;
    }
    case Type::kAnd:
    case Type::kOr:
    case Type::kNot:
    case Type::kIsUnknown:
    case Type::kEqual:
    case Type::kNotEqual:
    case Type::kLess:
    case Type::kLessOrEqual:
    case Type::kGreater:
    case Type::kGreaterOrEqual:
    case Type::kExists:
    case Type::kStartsWith:
    case Type::kLikeRegex: return AppendBoolResult(jsp, found, ExecuteBoolItem(jsp, jb));
    case Type::kAdd:
    case Type::kSub:
    case Type::kMul:
    case Type::kDiv:
    case Type::kMod: return ExecuteBinaryArithmetic(jsp, jb, found);
    case Type::kPlus:
    case Type::kMinus: return ExecuteUnaryArithmetic(jsp, jb, found);
    case Type::kAnyArray:
      if (IsArray(jb)) return ExecuteItemUnwrapTargetArray(next, jb, found, lax_);
      if (lax_) return ExecuteNextItem(next, jb, found);
      if (!ignore_structural_errors_) {
        return ReturnError(kSqlJsonArrayNotFound,
                           "jsonpath wildcard array accessor can only be applied to an array");
      }
      return Res::kNotFound;
    case Type::kAnyKey:
      if (IsObject(jb)) return ExecuteAnyItem(next, jb, found, 1, 1, 1, false, lax_);
      if (unwrap && IsArray(jb)) return ExecuteItemUnwrapTargetArray(jsp, jb, found, false);
      if (!ignore_structural_errors_) {
        return ReturnError(kSqlJsonObjectNotFound,
                           "jsonpath wildcard member accessor can only be applied to an object");
      }
      return Res::kNotFound;
    case Type::kIndexArray:
      if (IsArray(jb) || lax_) return ExecuteIndexArray(jsp, jb, found);
      if (!ignore_structural_errors_) {
        return ReturnError(kSqlJsonArrayNotFound,
                           "jsonpath array accessor can only be applied to an array");
      }
      return Res::kNotFound;
    case Type::kAny: {
      Res res = Res::kNotFound;
      if (jsp->first == 0) {
        const bool saved = ignore_structural_errors_;
        ignore_structural_errors_ = true;
        res = ExecuteNextItem(next, jb, found);
        ignore_structural_errors_ = saved;
        if (res == Res::kOk && found == nullptr) return res;
      }
      if (IsContainer(jb)) {
        res = ExecuteAnyItem(next, jb, found, 1, jsp->first, jsp->last, true, lax_);
      }
      return res;
    }
    case Type::kKey:
      if (IsObject(jb)) {
        const JsonbValue* v = jb->Find(jsp->text);
        if (v != nullptr) return ExecuteNextItem(next, v, found);
        if (!ignore_structural_errors_) {
          return ReturnError(kSqlJsonMemberNotFound,
                             fmt::format("JSON object does not contain key \"{}\"", jsp->text));
        }
        return Res::kNotFound;
      }
      if (unwrap && IsArray(jb)) return ExecuteItemUnwrapTargetArray(jsp, jb, found, false);
      if (!ignore_structural_errors_) {
        return ReturnError(kSqlJsonMemberNotFound,
                           "jsonpath member accessor can only be applied to an object");
      }
      return Res::kNotFound;
    case Type::kCurrent: return ExecuteNextItem(next, current_, found);
    case Type::kRoot: {
      const BaseObject saved = SetBaseObject(root_, 0);
      Res res = ExecuteNextItem(next, root_, found);
      base_ = saved;
      return res;
    }
    case Type::kFilter: {
      if (unwrap && IsArray(jb)) return ExecuteItemUnwrapTargetArray(jsp, jb, found, false);
      if (ExecuteNestedBoolItem(jsp->left.get(), jb) != Bool3::kTrue) return Res::kNotFound;
      return ExecuteNextItem(next, jb, found);
    }
    case Type::kType:
      return ExecuteNextItem(next, NewValue(JsonbValue::String(TypeName(jb))), found);
    case Type::kSize: {
      int64_t size = IsArray(jb) ? static_cast<int64_t>(jb->elements.size()) : -1;
      if (size < 0) {
        if (!lax_) {
          if (!ignore_structural_errors_) {
            return ReturnError(kSqlJsonArrayNotFound,
                               "jsonpath item method .size() can only be applied to an array");
          }
          return Res::kNotFound;
        }
        size = 1;
      }
      return ExecuteNextItem(next, NewNumber(Numeric::FromInt64(size)), found);
    }
    case Type::kAbs:
    case Type::kFloor:
    case Type::kCeiling: return ExecuteNumericMethod(jsp, jb, unwrap, found);
    case Type::kDouble:
      if (unwrap && IsArray(jb)) return ExecuteItemUnwrapTargetArray(jsp, jb, found, false);
      return ExecuteDouble(jsp, jb, found);
    case Type::kDatetime:
      if (unwrap && IsArray(jb)) return ExecuteItemUnwrapTargetArray(jsp, jb, found, false);
      if (jb->kind != Kind::kString) {
        return ReturnError(kInvalidArgumentForSqlJsonDatetimeFunction,
                           "jsonpath item method .datetime() can only be applied to a string");
      }
      throw ExecFailure{Status::Error(sqlstate::kFeatureNotSupported,
                                      "jsonpath item method .datetime() is not supported yet")};
    case Type::kKeyValue:
      if (unwrap && IsArray(jb)) return ExecuteItemUnwrapTargetArray(jsp, jb, found, false);
      return ExecuteKeyValue(jsp, jb, found);
    case Type::kLast: {
      if (innermost_array_size_ < 0) {
        throw ExecFailure{Status::Internal("evaluating jsonpath LAST outside of array subscript")};
      }
      if (next == nullptr && found == nullptr) return Res::kOk;
      return ExecuteNextItem(next, NewNumber(Numeric::FromInt64(innermost_array_size_ - 1)), found);
    }
  }
  return Res::kNotFound;
}

Res Executor::ExecuteIndexArray(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found) {
  const JsonPathItem* next = jsp->next.get();
  const int saved_size = innermost_array_size_;
  const bool singleton = !IsArray(jb);
  const int size = singleton ? 1 : static_cast<int>(jb->elements.size());
  innermost_array_size_ = size;  // for `last`
  Res res = Res::kNotFound;
  for (const auto& [from, to] : jsp->subscripts) {
    int32_t index_from = 0;
    int32_t index_to = 0;
    res = GetArrayIndex(from.get(), jb, &index_from);
    if (res == Res::kError) break;
    if (to != nullptr) {
      res = GetArrayIndex(to.get(), jb, &index_to);
      if (res == Res::kError) break;
    } else {
      index_to = index_from;
    }
    if (!ignore_structural_errors_ &&
        (index_from < 0 || index_from > index_to || index_to >= size)) {
      innermost_array_size_ = saved_size;
      return ReturnError(kInvalidSqlJsonSubscript, "jsonpath array subscript is out of bounds");
    }
    index_from = std::max(index_from, 0);
    index_to = std::min(index_to, size - 1);
    res = Res::kNotFound;
    for (int32_t index = index_from; index <= index_to; ++index) {
      const JsonbValue* v = singleton ? jb : &jb->elements[static_cast<size_t>(index)];
      if (next == nullptr && found == nullptr) {
        innermost_array_size_ = saved_size;
        return Res::kOk;
      }
      res = ExecuteNextItem(next, v, found);
      if (res == Res::kError) break;
      if (res == Res::kOk && found == nullptr) break;
    }
    if (res == Res::kError) break;
    if (res == Res::kOk && found == nullptr) break;
  }
  innermost_array_size_ = saved_size;
  return res;
}

// getArrayIndex: the subscript's single numeric value, truncated.
Res Executor::GetArrayIndex(const JsonPathItem* jsp, const JsonbValue* jb, int32_t* index) {
  ValueList found;
  Res res = ExecuteItem(jsp, jb, &found);
  if (res == Res::kError) return res;
  if (found.size() != 1 || found[0]->kind != Kind::kNumber) {
    return ReturnError(kInvalidSqlJsonSubscript,
                       "jsonpath array subscript is not a single numeric value");
  }
  Result<Numeric> truncated = ToNumeric(found[0]).Trunc(0);
  Result<int64_t> value =
      truncated.ok() ? truncated->ToInt64("integer") : Result<int64_t>(truncated.status());
  if (!value.ok() || *value < INT32_MIN || *value > INT32_MAX) {
    return ReturnError(kInvalidSqlJsonSubscript,
                       "jsonpath array subscript is out of integer range");
  }
  *index = static_cast<int32_t>(*value);
  return Res::kOk;
}

Res Executor::ExecuteAnyItem(const JsonPathItem* jsp, const JsonbValue* container, ValueList* found,
                             uint32_t level, uint32_t first, uint32_t last,
                             bool ignore_structural_errors, bool unwrap_next) {
  CheckStackDepth();
  Res res = Res::kNotFound;
  if (level > last) return res;
  auto visit = [&](const JsonbValue* v) -> bool {  // false: stop
    constexpr uint32_t kMax = JsonPathItem::kUnboundedLevel;
    if (level >= first || (first == kMax && last == kMax && !IsContainer(v))) {
      if (jsp != nullptr) {
        if (ignore_structural_errors) {
          const bool saved = ignore_structural_errors_;
          ignore_structural_errors_ = true;
          res = ExecuteItemOptUnwrapTarget(jsp, v, found, unwrap_next);
          ignore_structural_errors_ = saved;
        } else {
          res = ExecuteItemOptUnwrapTarget(jsp, v, found, unwrap_next);
        }
        if (res == Res::kError) return false;
        if (res == Res::kOk && found == nullptr) return false;
      } else if (found != nullptr) {
        found->push_back(v);
      } else {
        res = Res::kOk;
        return false;
      }
    }
    if (level < last && IsContainer(v)) {
      res = ExecuteAnyItem(jsp, v, found, level + 1, first, last, ignore_structural_errors,
                           unwrap_next);
      if (res == Res::kError) return false;
      if (res == Res::kOk && found == nullptr) return false;
    }
    return true;
  };
  if (IsArray(container)) {
    for (const JsonbValue& e : container->elements) {
      if (!visit(&e)) break;
    }
  } else {
    for (const auto& member : container->members) {
      if (!visit(&member.second)) break;
    }
  }
  return res;
}

Res Executor::ExecuteItemOptUnwrapResult(const JsonPathItem* jsp, const JsonbValue* jb, bool unwrap,
                                         ValueList* found) {
  if (!unwrap || !lax_) return ExecuteItem(jsp, jb, found);
  ValueList seq;
  Res res = ExecuteItem(jsp, jb, &seq);
  if (res == Res::kError) return res;
  for (const JsonbValue* item : seq) {
    if (IsArray(item)) {
      (void)ExecuteItemUnwrapTargetArray(nullptr, item, found, false);
    } else {
      found->push_back(item);
    }
  }
  return Res::kOk;
}

}  // namespace jsonpath_internal

using jsonpath_internal::ExecFailure;
using jsonpath_internal::Executor;
using jsonpath_internal::Kind;
using jsonpath_internal::Res;
using jsonpath_internal::ValueList;

Result<JsonPathResult> ExecuteJsonPath(const JsonPath& path, const JsonbValue& document,
                                       const JsonbValue* vars, bool throw_errors,
                                       std::vector<JsonbValue>* found) {
  if (vars != nullptr && vars->kind != Kind::kObject) {
    return Status::Error(sqlstate::kInvalidParameterValue, "\"vars\" argument is not an object")
        .WithDetail("Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.");
  }
  try {
    Executor executor(path.lax, &document, vars, throw_errors);
    if (!path.lax && found == nullptr) {
      // Strict mode must see every item to know there is no error.
      ValueList vals;
      const Res res = executor.ExecuteItem(path.root.get(), &document, &vals);
      if (res == Res::kError) return res;
      return vals.empty() ? Res::kNotFound : Res::kOk;
    }
    ValueList items;
    const Res res = executor.ExecuteItem(path.root.get(), &document, found ? &items : nullptr);
    if (found != nullptr) {
      for (const JsonbValue* v : items) found->push_back(*v);
    }
    return res;
  } catch (ExecFailure& failure) {
    return std::move(failure.status);
  }
}

}  // namespace basalt
