// Resolver: matches a function call's bound arguments against the
// signatures of a family of built-in functions (the date/time, string and
// math binders), converting them as implicit casts would.
#pragma once

#include <fmt/format.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "sql/binder/bind_error.h"
#include "sql/binder/bound_expression.h"
#include "sql/binder/coerce.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// 42725: several candidates fit and none is preferred (sum('1')).
[[noreturn]] inline void NotUnique(const std::string& name, const std::vector<BoundExprPtr>& args,
                                   int position) {
  std::string types;
  for (const BoundExprPtr& a : args) {
    if (!types.empty()) types += ", ";
    types += TypeNameForMessage(a->type);
  }
  throw Error(sqlstate::kAmbiguousFunction,
              fmt::format("function {}({}) is not unique", name, types))
      .WithHint(
          "Could not choose a best candidate function. You might need to add explicit type "
          "casts.")
      .WithPosition(position);
}

class Resolver {
 public:
  Resolver(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args)
      : call_(call), args_(args), name_(call.name.back()) {}

  [[noreturn]] void NoFunction() const { ThrowNoFunction(name_, args_, call_.position); }
  [[noreturn]] void Ambiguous() const { NotUnique(name_, args_, call_.position); }

  // Converts argument i as an implicit cast would; false if it cannot.
  bool Coerce(size_t i, TypeId type) {
    if (args_[i]->type.id == type) return true;
    BoundExprPtr converted =
        TryCoerce(args_[i]->Clone(), DataType::Of(type), CastContext::kImplicit);
    if (converted == nullptr) return false;
    args_[i] = std::move(converted);
    return true;
  }
  bool Text(size_t i) {
    const TypeId id = args_[i]->type.id;
    return (id == TypeId::kUnknown || DataType::Of(id).IsString()) && Coerce(i, TypeId::kText);
  }
  // Each argument to the type at its position; false if one cannot.
  bool Signature(std::initializer_list<TypeId> types) {
    if (args_.size() != types.size()) return false;
    size_t i = 0;
    for (TypeId t : types) {
      if (!Coerce(i++, t)) return false;
    }
    return true;
  }
  TypeId Type(size_t i) const { return args_[i]->type.id; }
  // How many untyped arguments would become text.
  int UnknownAsText(const std::vector<TypeId>& types) const {
    int n = 0;
    for (size_t i = 0; i < types.size() && i < args_.size(); ++i) {
      n += args_[i]->type.id == TypeId::kUnknown && types[i] == TypeId::kText ? 1 : 0;
    }
    return n;
  }
  // How many arguments already have the types of `types`, or -1 when some
  // argument cannot convert implicitly (nothing is changed).
  int Fit(const std::vector<TypeId>& types) const {
    if (args_.size() != types.size()) return -1;
    int exact = 0;
    for (size_t i = 0; i < types.size(); ++i) {
      if (args_[i]->type.id == types[i]) {
        ++exact;
      } else if (args_[i]->type.id == TypeId::kUnknown) {
        // An untyped literal fits any parameter (converting it here would
        // already raise its input errors).
      } else if (TryCoerce(args_[i]->Clone(), DataType::Of(types[i]), CastContext::kImplicit) ==
                 nullptr) {
        return -1;
      }
    }
    return exact;
  }

  BoundExprPtr Call(ScalarFunction f, TypeId result) {
    BoundExprPtr e =
        BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(result), call_.position);
    e->function = f;
    e->children = std::move(args_);
    return e;
  }

  const std::string& name() const { return name_; }
  size_t size() const { return args_.size(); }

 private:
  const ast::FunctionCall& call_;
  std::vector<BoundExprPtr>& args_;
  const std::string& name_;
};

}  // namespace basalt::sql
