// jsonpath_exec.c's predicates (executeBoolItem, executePredicate,
// compareItems), arithmetic and item methods (.abs(), .double(),
// .keyvalue(), ...), in PostgreSQL's order of checks.
#include <fmt/format.h>

#include "common/float_text.h"
#include "common/jsonpath_executor.h"
#include "common/stack_depth.h"

namespace basalt::jsonpath_internal {

namespace {

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

}  // namespace

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
    // NaN and the infinities parse as float8 but are no jsonb number.
    Result<double> d = ParseFloat8(jb->text);
    const bool finite = d.ok() && std::isfinite(*d);
    Result<Numeric> n = finite ? Numeric::FromDouble(*d) : Result<Numeric>(Numeric());
    if (!finite || !n.ok()) {
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

}  // namespace basalt::jsonpath_internal
