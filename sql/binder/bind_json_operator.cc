// json's and jsonb's operators, resolved as PostgreSQL's pg_operator does
// for them: an untyped literal on the right is text (-> 'a', ? 'a', - 'a'),
// text[] (#>, ?|, ?&, #-) or jsonb (@>, <@, ||).
#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/bind_json_function.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

bool IsJson(TypeId id) {
  return id == TypeId::kJson || id == TypeId::kJsonb;
}

bool IsTextLike(const DataType& t) {
  return t.id == TypeId::kUnknown || t.IsString();
}

bool IsTextArray(const DataType& t) {
  return t.id == TypeId::kUnknown || t.id == TypeId::kTextArray || t.id == TypeId::kNameArray;
}

bool IsInt4Like(const DataType& t) {
  return t.id == TypeId::kInt4 || t.id == TypeId::kInt2;
}

BoundExprPtr Call(ScalarFunction f, DataType type, BoundExprPtr& left, BoundExprPtr& right,
                  DataType right_type, int position) {
  const int leftmost = left->position == 0
                           ? position
                           : (position == 0 ? left->position : std::min(left->position, position));
  auto e = BoundExpr::Make(BoundExprKind::kFunction, type, leftmost);
  e->function = f;
  e->children.push_back(std::move(left));
  e->children.push_back(CoerceOrThrow(std::move(right), right_type, CastContext::kImplicit));
  return e;
}

}  // namespace

BoundExprPtr BindJsonOperator(std::string_view op, BoundExprPtr& left, BoundExprPtr& right,
                              int position) {
  if (BoundExprPtr path = BindJsonPathOperator(op, left, right, position)) return path;
  const DataType lt = left->type;
  const DataType rt = right->type;
  const DataType text = DataType::Of(TypeId::kText);
  const DataType text_array = DataType::Of(TypeId::kTextArray);
  const DataType jsonb = DataType::Of(TypeId::kJsonb);
  const DataType boolean = DataType::Of(TypeId::kBool);
  if (op == "->" || op == "->>" || op == "#>" || op == "#>>") {
    if (lt.id == TypeId::kUnknown) {
      // json and jsonb both have the operator: an untyped literal on the
      // left cannot choose.
      throw Error(sqlstate::kAmbiguousFunction,
                  fmt::format("operator is not unique: unknown {} {}", op,
                              rt.id == TypeId::kUnknown ? "unknown" : rt.Name()))
          .WithHint(
              "Could not choose a best candidate operator. You might need to add explicit type "
              "casts.")
          .WithPosition(position);
    }
    if (!IsJson(lt.id)) return nullptr;
    const bool as_text = op == "->>" || op == "#>>";
    const DataType result = as_text ? text : DataType::Of(lt.id);
    if (op[0] == '#') {
      if (!IsTextArray(rt)) return nullptr;
      return Call(as_text ? ScalarFunction::kJsonPathText : ScalarFunction::kJsonPath, result, left,
                  right, text_array, position);
    }
    if (IsInt4Like(rt)) {
      return Call(as_text ? ScalarFunction::kJsonElementText : ScalarFunction::kJsonElement, result,
                  left, right, DataType::Of(TypeId::kInt4), position);
    }
    if (!IsTextLike(rt)) return nullptr;
    return Call(as_text ? ScalarFunction::kJsonFieldText : ScalarFunction::kJsonField, result, left,
                right, text, position);
  }
  const bool jsonb_left = lt.id == TypeId::kJsonb;
  if (op == "@>" || op == "<@" || op == "||") {
    const bool both = (jsonb_left && (rt.id == TypeId::kJsonb || rt.id == TypeId::kUnknown)) ||
                      (rt.id == TypeId::kJsonb && lt.id == TypeId::kUnknown);
    if (!both) return nullptr;
    left = CoerceOrThrow(std::move(left), jsonb, CastContext::kImplicit);
    const ScalarFunction f = op == "@>"   ? ScalarFunction::kJsonbContains
                             : op == "<@" ? ScalarFunction::kJsonbContained
                                          : ScalarFunction::kJsonbConcat;
    return Call(f, op == "||" ? jsonb : boolean, left, right, jsonb, position);
  }
  if (!jsonb_left) return nullptr;
  if (op == "?" && IsTextLike(rt)) {
    return Call(ScalarFunction::kJsonbExists, boolean, left, right, text, position);
  }
  if ((op == "?|" || op == "?&") && IsTextArray(rt)) {
    return Call(op == "?|" ? ScalarFunction::kJsonbExistsAny : ScalarFunction::kJsonbExistsAll,
                boolean, left, right, text_array, position);
  }
  if (op == "-") {
    if (IsTextLike(rt))
      return Call(ScalarFunction::kJsonbDeleteKey, jsonb, left, right, text, position);
    if (IsInt4Like(rt)) {
      return Call(ScalarFunction::kJsonbDeleteIndex, jsonb, left, right,
                  DataType::Of(TypeId::kInt4), position);
    }
    if (rt.id == TypeId::kTextArray) {
      return Call(ScalarFunction::kJsonbDeleteKeys, jsonb, left, right, text_array, position);
    }
    return nullptr;
  }
  if (op == "#-" && IsTextArray(rt)) {
    return Call(ScalarFunction::kJsonbDeletePath, jsonb, left, right, text_array, position);
  }
  return nullptr;
}

std::optional<std::string_view> JsonOperatorSpelling(ScalarFunction f) {
  switch (f) {
    case ScalarFunction::kJsonField:
    case ScalarFunction::kJsonElement: return "->";
    case ScalarFunction::kJsonFieldText:
    case ScalarFunction::kJsonElementText: return "->>";
    case ScalarFunction::kJsonPath: return "#>";
    case ScalarFunction::kJsonPathText: return "#>>";
    case ScalarFunction::kJsonbContains: return "@>";
    case ScalarFunction::kJsonbContained: return "<@";
    case ScalarFunction::kJsonbExists: return "?";
    case ScalarFunction::kJsonbExistsAny: return "?|";
    case ScalarFunction::kJsonbExistsAll: return "?&";
    case ScalarFunction::kJsonbConcat: return "||";
    case ScalarFunction::kJsonbDeleteKey:
    case ScalarFunction::kJsonbDeleteIndex:
    case ScalarFunction::kJsonbDeleteKeys: return "-";
    case ScalarFunction::kJsonbDeletePath: return "#-";
    default: return JsonPathOperatorSpelling(f);
  }
}

}  // namespace basalt::sql
