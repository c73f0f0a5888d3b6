// The executor shared by jsonpath_eval.cc (accessors, the walk over
// items) and jsonpath_eval_ops.cc (predicates, arithmetic, item methods);
// not part of common/'s interface.
#pragma once

#include <cmath>
#include <deque>
#include <regex>
#include <string>
#include <vector>

#include "common/jsonpath_eval.h"

namespace basalt::jsonpath_internal {

using namespace jsonpath_sqlstate;  // NOLINT: the SQL/JSON codes
using Type = JsonPathItem::Type;
using Kind = JsonbValue::Kind;
using Res = JsonPathResult;
using ValueList = std::vector<const JsonbValue*>;

enum class Bool3 { kFalse, kTrue, kUnknown };

// An error that is never suppressed, or one raised with throw_errors:
// unwound to ExecuteJsonPath.
struct ExecFailure {
  Status status;
};

inline bool IsArray(const JsonbValue* v) {
  return v->kind == Kind::kArray;
}
inline bool IsObject(const JsonbValue* v) {
  return v->kind == Kind::kObject;
}
inline bool IsContainer(const JsonbValue* v) {
  return IsArray(v) || IsObject(v);
}

// JsonbTypeName.
inline const char* TypeName(const JsonbValue* v) {
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

inline Numeric ToNumeric(const JsonbValue* v) {
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

}  // namespace basalt::jsonpath_internal
