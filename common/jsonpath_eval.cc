// jsonpath_exec.c's executor over Basalt's jsonb tree. Each function keeps
// the name and the shape of PostgreSQL's (executeItemOptUnwrapTarget,
// executeAnyItem, executePredicate, ...), since the order in which items are
// visited decides which error is raised and where lax mode stops.
#include "common/jsonpath_eval.h"

#include <fmt/format.h>

#include <cmath>
#include <deque>
#include <regex>

#include "common/float_text.h"
#include "common/stack_depth.h"

namespace basalt {

namespace {

using Type = JsonPathItem::Type;
using Kind = JsonbValue::Kind;
using Res = JsonPathResult;
using ValueList = std::vector<const JsonbValue*>;

enum class Bool3 { kFalse, kTrue, kUnknown };

using namespace jsonpath_sqlstate;  // NOLINT: the SQL/JSON codes

// An error that is never suppressed, or one raised with throw_errors:
// unwound to ExecuteJsonPath.
struct ExecFailure {
  Status status;
};

bool IsArray(const JsonbValue* v) {
  return v->kind == Kind::kArray;
}
bool IsObject(const JsonbValue* v) {
  return v->kind == Kind::kObject;
}
bool IsContainer(const JsonbValue* v) {
  return IsArray(v) || IsObject(v);
}

// JsonbTypeName.
const char* TypeName(const JsonbValue* v) {
  switch (v->kind) {
    case Kind::kNull: return "null";
    case Kind::kString: return "string";
    case Kind::kNumber: return "number";
    case Kind::kTrue:
    case Kind::kFalse: return "boolean";
    case Kind::kArray: return "array";
    case Kind::kObject: return "object";
  }
  return "unknown";
}

Numeric ToNumeric(const JsonbValue* v) {
  Result<Numeric> n = Numeric::Parse(v->text);
  return n.ok() ? std::move(n).value() : Numeric();
}

class Executor {
 public:
  Executor(bool lax, const JsonbValue* root, const JsonbValue* vars, bool throw_errors)
      : vars_(vars),
        root_(root),
        current_(root),
        last_generated_id_(vars != nullptr ? 2 : 1),
        lax_(lax),
        ignore_structural_errors_(lax),
        throw_errors_(throw_errors) {}

  Res ExecuteItem(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found) {
    return ExecuteItemOptUnwrapTarget(jsp, jb, found, lax_);
  }

 private:
  struct BaseObject {
    const JsonbValue* container = nullptr;
    int64_t id = 0;
  };

  // RETURN_ERROR: thrown, or kError when errors are suppressed.
  Res ReturnError(sqlstate::Code code, std::string message) {
    if (throw_errors_) throw ExecFailure{Status::Error(code, std::move(message))};
    return Res::kError;
  }

  const JsonbValue* NewValue(JsonbValue v) {
    arena_.push_back(std::move(v));
    return &arena_.back();
  }
  const JsonbValue* NewNumber(const Numeric& n) {
    return NewValue(JsonbValue::Number(n.ToString()));
  }

  BaseObject SetBaseObject(const JsonbValue* v, int64_t id) {
    BaseObject saved = base_;
    base_ = {IsContainer(v) ? v : nullptr, id};
    return saved;
  }

  Res ExecuteNextItem(const JsonPathItem* next, const JsonbValue* v, ValueList* found) {
    if (next != nullptr) return ExecuteItem(next, v, found);
    if (found != nullptr) found->push_back(v);
    return Res::kOk;
  }

  Res ExecuteItemUnwrapTargetArray(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found,
                                   bool unwrap_elements) {
    return ExecuteAnyItem(jsp, jb, found, 1, 1, 1, false, unwrap_elements);
  }

  Res ExecuteItemOptUnwrapTarget(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found,
                                 bool unwrap);
  Res ExecuteAnyItem(const JsonPathItem* jsp, const JsonbValue* container, ValueList* found,
                     uint32_t level, uint32_t first, uint32_t last, bool ignore_structural_errors,
                     bool unwrap_next);
  Res ExecuteIndexArray(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found);
  Res GetArrayIndex(const JsonPathItem* jsp, const JsonbValue* jb, int32_t* index);
  Res ExecuteItemOptUnwrapResult(const JsonPathItem* jsp, const JsonbValue* jb, bool unwrap,
                                 ValueList* found);
  Res ExecuteItemOptUnwrapResultNoThrow(const JsonPathItem* jsp, const JsonbValue* jb, bool unwrap,
                                        ValueList* found) {
    const bool saved = throw_errors_;
    throw_errors_ = false;
    Res res = ExecuteItemOptUnwrapResult(jsp, jb, unwrap, found);
    throw_errors_ = saved;
    return res;
  }
  Bool3 ExecuteBoolItem(const JsonPathItem* jsp, const JsonbValue* jb);
  Bool3 ExecuteNestedBoolItem(const JsonPathItem* jsp, const JsonbValue* jb) {
    const JsonbValue* saved = current_;
    current_ = jb;
    Bool3 res = ExecuteBoolItem(jsp, jb);
    current_ = saved;
    return res;
  }
  Bool3 ExecutePredicate(const JsonPathItem* pred, const JsonPathItem* larg,
                         const JsonPathItem* rarg, const JsonbValue* jb, bool unwrap_right);
  Res ExecuteBinaryArithmetic(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found);
  Res ExecuteUnaryArithmetic(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found);
  Res ExecuteNumericMethod(const JsonPathItem* jsp, const JsonbValue* jb, bool unwrap,
                           ValueList* found);
  Res ExecuteDouble(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found);
  Res ExecuteKeyValue(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found);
  Res AppendBoolResult(const JsonPathItem* jsp, ValueList* found, Bool3 res) {
    if (jsp->next == nullptr && found == nullptr) return Res::kOk;
    const JsonbValue* v = NewValue(res == Bool3::kUnknown ? JsonbValue::Null()
                                                          : JsonbValue::Bool(res == Bool3::kTrue));
    return ExecuteNextItem(jsp->next.get(), v, found);
  }
  const JsonbValue* GetVariable(const JsonPathItem* jsp);

  const JsonbValue* vars_;
  const JsonbValue* root_;
  const JsonbValue* current_;
  BaseObject base_;
  int64_t last_generated_id_;
  int innermost_array_size_ = -1;
  bool lax_;
  bool ignore_structural_errors_;
  bool throw_errors_;
  std::deque<JsonbValue> arena_;  // items made on the way; stable addresses
};

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

// compareItems.
Bool3 CompareItems(Type op, const JsonbValue* a, const JsonbValue* b) {
  const bool a_bool = a->IsBool();
  const bool b_bool = b->IsBool();
  if (a->kind != b->kind && !(a_bool && b_bool)) {
    if (a->kind == Kind::kNull || b->kind == Kind::kNull) {
      return op == Type::kNotEqual ? Bool3::kTrue : Bool3::kFalse;
    }
    return Bool3::kUnknown;
  }
  int cmp = 0;
  switch (a->kind) {
    case Kind::kNull: break;
    case Kind::kTrue:
    case Kind::kFalse: cmp = a->kind == b->kind ? 0 : (a->kind == Kind::kTrue ? 1 : -1); break;
    case Kind::kNumber: cmp = ToNumeric(a).Compare(ToNumeric(b)); break;
    case Kind::kString:
      if (op == Type::kEqual) return a->text == b->text ? Bool3::kTrue : Bool3::kFalse;
      cmp = a->text.compare(b->text);
      break;
    case Kind::kArray:
    case Kind::kObject: return Bool3::kUnknown;
  }
  bool res = false;
  switch (op) {
    case Type::kEqual: res = cmp == 0; break;
    case Type::kNotEqual: res = cmp != 0; break;
    case Type::kLess: res = cmp < 0; break;
    case Type::kGreater: res = cmp > 0; break;
    case Type::kLessOrEqual: res = cmp <= 0; break;
    case Type::kGreaterOrEqual: res = cmp >= 0; break;
    default: break;
  }
  return res ? Bool3::kTrue : Bool3::kFalse;
}

Bool3 EvaluatePredicatePair(const JsonPathItem* pred, const JsonbValue* l, const JsonbValue* r) {
  switch (pred->type) {
    case Type::kStartsWith:
      if (l->kind != Kind::kString || r->kind != Kind::kString) return Bool3::kUnknown;
      return l->text.starts_with(r->text) ? Bool3::kTrue : Bool3::kFalse;
    case Type::kLikeRegex:
      if (l->kind != Kind::kString) return Bool3::kUnknown;
      return std::regex_search(l->text, *pred->regex) ? Bool3::kTrue : Bool3::kFalse;
    default: return CompareItems(pred->type, l, r);
  }
}

Bool3 Executor::ExecutePredicate(const JsonPathItem* pred, const JsonPathItem* larg,
                                 const JsonPathItem* rarg, const JsonbValue* jb,
                                 bool unwrap_right) {
  ValueList lseq;
  ValueList rseq;
  if (ExecuteItemOptUnwrapResultNoThrow(larg, jb, true, &lseq) == Res::kError) {
    return Bool3::kUnknown;
  }
  if (rarg != nullptr &&
      ExecuteItemOptUnwrapResultNoThrow(rarg, jb, unwrap_right, &rseq) == Res::kError) {
    return Bool3::kUnknown;
  }
  bool error = false;
  bool found = false;
  for (const JsonbValue* l : lseq) {
    const size_t pairs = rarg != nullptr ? rseq.size() : 1;
    for (size_t i = 0; i < pairs; ++i) {
      const Bool3 res = EvaluatePredicatePair(pred, l, rarg != nullptr ? rseq[i] : nullptr);
      if (res == Bool3::kUnknown) {
        if (!lax_) return Bool3::kUnknown;
        error = true;
      } else if (res == Bool3::kTrue) {
        if (lax_) return Bool3::kTrue;
        found = true;
      }
    }
  }
  if (found) return Bool3::kTrue;
  if (error) return Bool3::kUnknown;
  return Bool3::kFalse;
}

Bool3 Executor::ExecuteBoolItem(const JsonPathItem* jsp, const JsonbValue* jb) {
  CheckStackDepth();
  switch (jsp->type) {
    case Type::kAnd: {
      const Bool3 res = ExecuteBoolItem(jsp->left.get(), jb);
      if (res == Bool3::kFalse) return res;
      const Bool3 res2 = ExecuteBoolItem(jsp->right.get(), jb);
      return res2 == Bool3::kTrue ? res : res2;
    }
    case Type::kOr: {
      const Bool3 res = ExecuteBoolItem(jsp->left.get(), jb);
      if (res == Bool3::kTrue) return res;
      const Bool3 res2 = ExecuteBoolItem(jsp->right.get(), jb);
      return res2 == Bool3::kFalse ? res : res2;
    }
    case Type::kNot: {
      const Bool3 res = ExecuteBoolItem(jsp->left.get(), jb);
      if (res == Bool3::kUnknown) return res;
      return res == Bool3::kTrue ? Bool3::kFalse : Bool3::kTrue;
    }
    case Type::kIsUnknown:
      return ExecuteBoolItem(jsp->left.get(), jb) == Bool3::kUnknown ? Bool3::kTrue : Bool3::kFalse;
    case Type::kStartsWith:
      return ExecutePredicate(jsp, jsp->left.get(), jsp->right.get(), jb, false);
    case Type::kLikeRegex: return ExecutePredicate(jsp, jsp->left.get(), nullptr, jb, false);
    case Type::kExists: {
      if (!lax_) {
        ValueList vals;
        if (ExecuteItemOptUnwrapResultNoThrow(jsp->left.get(), jb, false, &vals) == Res::kError) {
          return Bool3::kUnknown;
        }
        return vals.empty() ? Bool3::kFalse : Bool3::kTrue;
      }
      const Res res = ExecuteItemOptUnwrapResultNoThrow(jsp->left.get(), jb, false, nullptr);
      if (res == Res::kError) return Bool3::kUnknown;
      return res == Res::kOk ? Bool3::kTrue : Bool3::kFalse;
    }
    default: return ExecutePredicate(jsp, jsp->left.get(), jsp->right.get(), jb, true);
  }
}

Res Executor::ExecuteBinaryArithmetic(const JsonPathItem* jsp, const JsonbValue* jb,
                                      ValueList* found) {
  ValueList lseq;
  ValueList rseq;
  Res res = ExecuteItemOptUnwrapResult(jsp->left.get(), jb, true, &lseq);
  if (res == Res::kError) return res;
  res = ExecuteItemOptUnwrapResult(jsp->right.get(), jb, true, &rseq);
  if (res == Res::kError) return res;
  const std::string_view op = JsonPathOperationName(jsp->type);
  if (lseq.size() != 1 || lseq[0]->kind != Kind::kNumber) {
    return ReturnError(
        kSingletonSqlJsonItemRequired,
        fmt::format("left operand of jsonpath operator {} is not a single numeric value", op));
  }
  if (rseq.size() != 1 || rseq[0]->kind != Kind::kNumber) {
    return ReturnError(
        kSingletonSqlJsonItemRequired,
        fmt::format("right operand of jsonpath operator {} is not a single numeric value", op));
  }
  const Numeric l = ToNumeric(lseq[0]);
  const Numeric r = ToNumeric(rseq[0]);
  Result<Numeric> value = jsp->type == Type::kAdd   ? l.Add(r)
                          : jsp->type == Type::kSub ? l.Subtract(r)
                          : jsp->type == Type::kMul ? l.Multiply(r)
                          : jsp->type == Type::kDiv ? l.Divide(r)
                                                    : l.Modulo(r);
  if (!value.ok()) {
    if (throw_errors_) throw ExecFailure{value.status()};
    return Res::kError;
  }
  if (jsp->next == nullptr && found == nullptr) return Res::kOk;
  return ExecuteNextItem(jsp->next.get(), NewNumber(*value), found);
}

Res Executor::ExecuteUnaryArithmetic(const JsonPathItem* jsp, const JsonbValue* jb,
                                     ValueList* found) {
  ValueList seq;
  Res res = ExecuteItemOptUnwrapResult(jsp->left.get(), jb, true, &seq);
  if (res == Res::kError) return res;
  res = Res::kNotFound;
  const JsonPathItem* next = jsp->next.get();
  for (const JsonbValue* v : seq) {
    if (v->kind == Kind::kNumber) {
      if (found == nullptr && next == nullptr) return Res::kOk;
    } else {
      if (found == nullptr && next == nullptr) continue;
      return ReturnError(kSqlJsonNumberNotFound,
                         fmt::format("operand of unary jsonpath operator {} is not a numeric value",
                                     JsonPathOperationName(jsp->type)));
    }
    if (jsp->type == Type::kMinus) v = NewNumber(ToNumeric(v).Negate());
    const Res res2 = ExecuteNextItem(next, v, found);
    if (res2 == Res::kError) return res2;
    if (res2 == Res::kOk) {
      if (found == nullptr) return Res::kOk;
      res = Res::kOk;
    }
  }
  return res;
}

Res Executor::ExecuteNumericMethod(const JsonPathItem* jsp, const JsonbValue* jb, bool unwrap,
                                   ValueList* found) {
  if (unwrap && IsArray(jb)) return ExecuteItemUnwrapTargetArray(jsp, jb, found, false);
  if (jb->kind != Kind::kNumber) {
    return ReturnError(
        kNonNumericSqlJsonItem,
        fmt::format("jsonpath item method .{}() can only be applied to a numeric value",
                    JsonPathOperationName(jsp->type)));
  }
  const Numeric n = ToNumeric(jb);
  Result<Numeric> value = jsp->type == Type::kAbs     ? Result<Numeric>(n.Abs())
                          : jsp->type == Type::kFloor ? n.Floor()
                                                      : n.Ceil();
  if (!value.ok()) throw ExecFailure{value.status()};
  if (jsp->next == nullptr && found == nullptr) return Res::kOk;
  return ExecuteNextItem(jsp->next.get(), NewNumber(*value), found);
}

Res Executor::ExecuteDouble(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found) {
  if (jb->kind == Kind::kNumber) {
    Result<double> d = ParseFloat8(jb->text);
    if (!d.ok()) {
      return ReturnError(kNonNumericSqlJsonItem,
                         "numeric argument of jsonpath item method .double() is out of range for "
                         "type double precision");
    }
    return ExecuteNextItem(jsp->next.get(), jb, found);
  }
  if (jb->kind == Kind::kString) {
    Result<double> d = ParseFloat8(jb->text);
    Result<Numeric> n =
        d.ok() && std::isfinite(*d) ? Numeric::FromDouble(*d) : Result<Numeric>(d.status());
    if (!d.ok() || !std::isfinite(*d) || !n.ok()) {
      return ReturnError(kNonNumericSqlJsonItem,
                         "string argument of jsonpath item method .double() is not a valid "
                         "representation of a double precision number");
    }
    return ExecuteNextItem(jsp->next.get(), NewNumber(*n), found);
  }
  return ReturnError(
      kNonNumericSqlJsonItem,
      "jsonpath item method .double() can only be applied to a string or numeric value");
}

Res Executor::ExecuteKeyValue(const JsonPathItem* jsp, const JsonbValue* jb, ValueList* found) {
  if (!IsObject(jb)) {
    return ReturnError(kSqlJsonObjectNotFound,
                       "jsonpath item method .keyvalue() can only be applied to an object");
  }
  if (jb->members.empty()) return Res::kNotFound;
  const JsonPathItem* next = jsp->next.get();
  int64_t id = base_.container != nullptr ? JsonbContainerOffset(*base_.container, jb) : 0;
  id = std::max<int64_t>(id, 0) + base_.id * INT64_C(10000000000);
  Res res = Res::kNotFound;
  for (const auto& [key, value] : jb->members) {
    res = Res::kOk;
    if (next == nullptr && found == nullptr) break;
    JsonbValue object = JsonbValue::Object();
    object.members.emplace_back("id", JsonbValue::Number(std::to_string(id)));
    object.members.emplace_back("key", JsonbValue::String(key));
    object.members.emplace_back("value", value);
    const JsonbValue* v = NewValue(std::move(object));
    const BaseObject saved = SetBaseObject(v, last_generated_id_++);
    res = ExecuteNextItem(next, v, found);
    base_ = saved;
    if (res == Res::kError) return res;
    if (res == Res::kOk && found == nullptr) break;
  }
  return res;
}

}  // namespace

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
