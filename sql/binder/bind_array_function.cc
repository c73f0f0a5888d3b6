#include "sql/binder/bind_array_function.h"

#include <algorithm>
#include <iterator>

#include "sql/binder/bind_error.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {
namespace {

// A parameter of an array function: anyarray and anyelement (one type
// exactly), anycompatiblearray and anycompatible (converted to the common
// type of their elements), or a fixed type.
enum class Param { kAnyArray, kAnyElement, kCompatibleArray, kCompatible, kInt4, kInt4Array };
// Its result: the resolved array type or a fixed type.
enum class Returns { kAnyArray, kInt4, kInt4Array, kText };

struct ArraySignature {
  std::string_view name;
  ScalarFunction function;
  std::vector<Param> params;
  Returns returns;
};

using enum Param;

const std::vector<ArraySignature>& ArraySignatures() {
  static const std::vector<ArraySignature> signatures = {
      {"array_cat",
       ScalarFunction::kArrayCat,
       {kCompatibleArray, kCompatibleArray},
       Returns::kAnyArray},
      {"array_append",
       ScalarFunction::kArrayAppend,
       {kCompatibleArray, kCompatible},
       Returns::kAnyArray},
      {"array_prepend",
       ScalarFunction::kArrayPrepend,
       {kCompatible, kCompatibleArray},
       Returns::kAnyArray},
      {"array_replace",
       ScalarFunction::kArrayReplace,
       {kCompatibleArray, kCompatible, kCompatible},
       Returns::kAnyArray},
      {"array_remove",
       ScalarFunction::kArrayRemove,
       {kCompatibleArray, kCompatible},
       Returns::kAnyArray},
      {"array_position",
       ScalarFunction::kArrayPosition,
       {kCompatibleArray, kCompatible},
       Returns::kInt4},
      {"array_position",
       ScalarFunction::kArrayPosition,
       {kCompatibleArray, kCompatible, kInt4},
       Returns::kInt4},
      {"array_positions",
       ScalarFunction::kArrayPositions,
       {kCompatibleArray, kCompatible},
       Returns::kInt4Array},
      {"array_dims", ScalarFunction::kArrayDims, {kAnyArray}, Returns::kText},
      {"array_ndims", ScalarFunction::kArrayNdims, {kAnyArray}, Returns::kInt4},
      {"trim_array", ScalarFunction::kTrimArray, {kAnyArray, kInt4}, Returns::kAnyArray},
      {"array_fill", ScalarFunction::kArrayFill, {kAnyElement, kInt4Array}, Returns::kAnyArray},
      {"array_fill",
       ScalarFunction::kArrayFill,
       {kAnyElement, kInt4Array, kInt4Array},
       Returns::kAnyArray},
      // a[l:u], a[l1:u1][l2:u2], ... (the parser's array_slice).
      {"array_slice", ScalarFunction::kArraySlice, {kAnyArray, kInt4, kInt4}, Returns::kAnyArray},
      {"array_slice",
       ScalarFunction::kArraySlice,
       {kAnyArray, kInt4, kInt4, kInt4, kInt4},
       Returns::kAnyArray},
      {"array_slice",
       ScalarFunction::kArraySlice,
       {kAnyArray, kInt4, kInt4, kInt4, kInt4, kInt4, kInt4},
       Returns::kAnyArray},
  };
  return signatures;
}

constexpr std::pair<std::string_view, ScalarFunction> kArrayOperators[] = {
    {"@>", ScalarFunction::kArrayContains},
    {"<@", ScalarFunction::kArrayContained},
    {"&&", ScalarFunction::kArrayOverlap},
};

// The array type the anyarray and anyelement arguments agree on, as
// PostgreSQL's enforce_generic_type_consistency: the arrays of one type,
// the elements of its element type, untyped literals taking theirs.
// nullopt when they disagree; 42804 when only literals decide.
std::optional<DataType> PolymorphicArrayType(const std::vector<Param>& params,
                                             const std::vector<BoundExprPtr>& args, int position) {
  std::optional<DataType> array;
  // anycompatible: the elements' common type (select_common_type).
  std::optional<DataType> common = DataType::Of(TypeId::kUnknown);
  for (size_t i = 0; i < params.size(); ++i) {
    const DataType& type = args[i]->type;
    if (type.id == TypeId::kUnknown) continue;
    switch (params[i]) {
      case kAnyArray:
        if (!type.IsArray() || (array && array->id != type.id)) return std::nullopt;
        if (!array) array = WithoutTypeModifier(type);
        break;
      case kAnyElement: {
        const std::optional<DataType> of_element = type.ResultArrayType();
        if (!of_element || type.IsArray() || (array && array->id != of_element->id)) {
          return std::nullopt;
        }
        if (!array) array = of_element;
        break;
      }
      case kCompatibleArray:
      case kCompatible:
        if (params[i] == kCompatibleArray && !type.IsArray()) return std::nullopt;
        common = UnifyTypes(*common, params[i] == kCompatible ? type : type.Element());
        if (!common) return std::nullopt;
        break;
      default: break;
    }
  }
  // Untyped literals alone make anycompatible text.
  const bool compatible = std::find(params.begin(), params.end(), kCompatible) != params.end();
  if (compatible && common->id == TypeId::kUnknown) common = DataType::Of(TypeId::kText);
  if (common->id != TypeId::kUnknown) {
    array = WithoutTypeModifier(*common).ResultArrayType();
    if (!array) return std::nullopt;
  }
  if (!array) {
    ThrowAt(sqlstate::kDatatypeMismatch,
            "could not determine polymorphic type because input has type unknown", position);
  }
  return array;
}

bool Fits(const ArraySignature& s, const std::vector<BoundExprPtr>& args) {
  if (s.params.size() != args.size()) return false;
  for (size_t i = 0; i < args.size(); ++i) {
    const DataType& type = args[i]->type;
    if (type.id == TypeId::kUnknown) continue;
    if ((s.params[i] == kAnyArray || s.params[i] == kCompatibleArray) && !type.IsArray()) {
      return false;
    }
    const TypeId fixed = s.params[i] == kInt4 ? TypeId::kInt4 : TypeId::kInt4Array;
    if ((s.params[i] == kInt4 || s.params[i] == kInt4Array) &&
        !CanCast(type, DataType::Of(fixed), CastContext::kImplicit)) {
      return false;
    }
  }
  return true;
}

BoundExprPtr Call(ScalarFunction f, const DataType& type, std::vector<BoundExprPtr> children,
                  int position) {
  BoundExprPtr e = BoundExpr::Make(BoundExprKind::kFunction, type, position);
  e->function = f;
  e->children = std::move(children);
  return e;
}

}  // namespace

BoundExprPtr BindArrayFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args) {
  const std::string& name = call.name.back();
  const ArraySignature* signature = nullptr;
  bool named = false;
  for (const ArraySignature& s : ArraySignatures()) {
    if (s.name != name) continue;
    named = true;
    if (Fits(s, args)) {
      signature = &s;
      break;
    }
  }
  if (!named) return nullptr;
  if (signature == nullptr) ThrowNoFunction(name, args, call.position);
  const std::optional<DataType> array =
      PolymorphicArrayType(signature->params, args, call.position);
  if (!array) ThrowNoFunction(name, args, call.position);
  for (size_t i = 0; i < args.size(); ++i) {
    DataType to;
    switch (signature->params[i]) {
      case kAnyArray:
      case kCompatibleArray: to = *array; break;
      case kAnyElement:
      case kCompatible: to = array->Element(); break;
      case kInt4: to = DataType::Of(TypeId::kInt4); break;
      case kInt4Array: to = DataType::Of(TypeId::kInt4Array); break;
    }
    // int2vector and oidvector keep their lower bound 0 (array_position).
    const bool vector_of_element =
        (args[i]->type.id == TypeId::kInt2Vector || args[i]->type.id == TypeId::kOidVector) &&
        to.IsArray() && args[i]->type.ElementType() == to.ElementType();
    if (!vector_of_element) args[i] = CoerceOrThrow(std::move(args[i]), to, CastContext::kImplicit);
  }
  DataType result;
  switch (signature->returns) {
    case Returns::kAnyArray: result = *array; break;
    case Returns::kInt4: result = DataType::Of(TypeId::kInt4); break;
    case Returns::kInt4Array: result = DataType::Of(TypeId::kInt4Array); break;
    case Returns::kText: result = DataType::Of(TypeId::kText); break;
  }
  // A slice keeps its array's typmod (varchar(3)[]).
  if (signature->function == ScalarFunction::kArraySlice) result = args[0]->type;
  return Call(signature->function, result, std::move(args), call.position);
}

BoundExprPtr BindArrayOperator(std::string_view op, BoundExprPtr& left, BoundExprPtr& right,
                               int position) {
  const auto* entry = std::find_if(std::begin(kArrayOperators), std::end(kArrayOperators),
                                   [&](const auto& o) { return o.first == op; });
  if (entry == std::end(kArrayOperators)) return nullptr;
  const DataType& lt = left->type;
  const DataType& rt = right->type;
  const bool left_array = lt.IsArray() && (rt.IsArray() || rt.id == TypeId::kUnknown);
  const bool right_array = rt.IsArray() && lt.id == TypeId::kUnknown;
  if (!left_array && !right_array) return nullptr;
  const DataType array = WithoutTypeModifier(left_array ? lt : rt);
  if (left_array && rt.IsArray() && rt.id != lt.id) ThrowNoOperator(op, lt, rt, position);
  std::vector<BoundExprPtr> children;
  children.push_back(CoerceOrThrow(std::move(left), array, CastContext::kImplicit));
  children.push_back(CoerceOrThrow(std::move(right), array, CastContext::kImplicit));
  const int leftmost = children[0]->position != 0 ? children[0]->position : position;
  return Call(entry->second, DataType::Of(TypeId::kBool), std::move(children), leftmost);
}

std::optional<std::string_view> ArrayFunctionName(ScalarFunction f) {
  for (const ArraySignature& s : ArraySignatures()) {
    if (s.function == f && f != ScalarFunction::kArraySlice) return s.name;
  }
  return std::nullopt;
}

std::optional<std::string_view> ArrayOperatorName(ScalarFunction f) {
  for (const auto& [op, function] : kArrayOperators) {
    if (function == f) return op;
  }
  return std::nullopt;
}

}  // namespace basalt::sql
