#include "sql/binder/deparse_text.h"

#include <cctype>

#include "common/value_text.h"
#include "sql/binder/bind_array_function.h"
#include "sql/binder/bind_bytea_function.h"
#include "sql/binder/bind_json_function.h"
#include "sql/binder/bind_string_function.h"

namespace basalt::sql {

std::string QuotedLiteral(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

std::string DeparsedConstant(const BoundExpr& e, bool always_type) {
  const std::string type_name = e.type.Name();
  if (e.value.is_null()) return "NULL::" + type_name;
  const std::string text = ValueToText(e.value, e.type);
  std::string out;
  bool label = always_type;
  switch (e.type.id) {
    case TypeId::kInt4:
      label = label || text[0] == '-';
      out = text[0] != '-' ? text : "'" + text + "'";
      break;
    case TypeId::kNumeric: {
      const bool plain = std::isdigit(static_cast<unsigned char>(text[0])) &&
                         text.find_first_of("eE.") != std::string::npos;
      label = label || !plain;
      out = plain ? text : "'" + text + "'";
      break;
    }
    case TypeId::kBool: out = e.value.AsBool() ? "true" : "false"; break;
    case TypeId::kUnknown: return QuotedLiteral(text);
    default:
      out = QuotedLiteral(text);
      label = true;
      break;
  }
  return label ? out + "::" + type_name : out;
}

std::optional<std::string> DeparsedFunctionName(ScalarFunction f) {
  switch (f) {
    case ScalarFunction::kAbs: return "abs";
    case ScalarFunction::kLength: return "length";
    case ScalarFunction::kLower: return "lower";
    case ScalarFunction::kUpper: return "upper";
    case ScalarFunction::kBtrim: return "btrim";
    case ScalarFunction::kLtrim: return "ltrim";
    case ScalarFunction::kRtrim: return "rtrim";
    case ScalarFunction::kCoalesce: return "COALESCE";
    case ScalarFunction::kNullIf: return "NULLIF";
    case ScalarFunction::kRound: return "round";
    case ScalarFunction::kNow: return "now";
    case ScalarFunction::kGreatest: return "GREATEST";
    case ScalarFunction::kLeast: return "LEAST";
    case ScalarFunction::kPgBackendPid: return "pg_backend_pid";
    case ScalarFunction::kCardinality: return "cardinality";
    case ScalarFunction::kArrayLength: return "array_length";
    case ScalarFunction::kEnumFirst: return "enum_first";
    case ScalarFunction::kEnumLast: return "enum_last";
    case ScalarFunction::kEnumRange: return "enum_range";
    case ScalarFunction::kDomainCheck: return "domain_check";
    case ScalarFunction::kCurrentSchema: return "CURRENT_SCHEMA";
    case ScalarFunction::kArrayToString: return "array_to_string";
    case ScalarFunction::kAclDefault: return "acldefault";
    case ScalarFunction::kQuoteIdent: return "quote_ident";
    case ScalarFunction::kObjDescription: return "obj_description";
    case ScalarFunction::kColDescription: return "col_description";
    case ScalarFunction::kShobjDescription: return "shobj_description";
    case ScalarFunction::kNextval: return "nextval";
    case ScalarFunction::kCurrval: return "currval";
    case ScalarFunction::kSetval: return "setval";
    case ScalarFunction::kLastval: return "lastval";
    case ScalarFunction::kCurrentSetting: return "current_setting";
    case ScalarFunction::kCancelBackend: return "pg_cancel_backend";
    case ScalarFunction::kTerminateBackend: return "pg_terminate_backend";
    case ScalarFunction::kSetConfig: return "set_config";
    case ScalarFunction::kTxidCurrent: return "txid_current";
    case ScalarFunction::kTxidCurrentIfAssigned: return "txid_current_if_assigned";
    case ScalarFunction::kToNumber: return "to_number";
    case ScalarFunction::kDatePart: return "date_part";
    case ScalarFunction::kDateTrunc: return "date_trunc";
    case ScalarFunction::kToChar: return "to_char";
    case ScalarFunction::kToDate: return "to_date";
    case ScalarFunction::kToTimestamp: return "to_timestamp";
    case ScalarFunction::kMakeDate: return "make_date";
    case ScalarFunction::kMakeTime: return "make_time";
    case ScalarFunction::kMakeInterval: return "make_interval";
    case ScalarFunction::kJustifyDays: return "justify_days";
    case ScalarFunction::kJustifyHours: return "justify_hours";
    case ScalarFunction::kJustifyInterval: return "justify_interval";
    case ScalarFunction::kAge:
    case ScalarFunction::kAgeFromToday: return "age";
    case ScalarFunction::kIsFinite: return "isfinite";
    case ScalarFunction::kDateBin: return "date_bin";
    case ScalarFunction::kClockTimestamp: return "clock_timestamp";
    case ScalarFunction::kStatementTimestamp: return "statement_timestamp";
    case ScalarFunction::kTimeOfDay: return "timeofday";
    default: break;
  }
  if (std::optional<std::string_view> name = StringFunctionName(f)) return std::string(*name);
  if (std::optional<std::string_view> name = ByteaFunctionName(f)) return std::string(*name);
  if (std::optional<std::string_view> name = JsonFunctionName(f)) return std::string(*name);
  if (std::optional<std::string_view> name = MathFunctionName(f)) return std::string(*name);
  if (std::optional<std::string_view> name = ArrayFunctionName(f)) return std::string(*name);
  return std::nullopt;
}

std::string DeparsedTableFunctionName(TableFunction f) {
  switch (f) {
    case TableFunction::kGenerateSeries: return "generate_series";
    case TableFunction::kUnnest: return "unnest";
    case TableFunction::kGenerateSubscripts: return "generate_subscripts";
    case TableFunction::kRegexpMatches: return "regexp_matches";
    case TableFunction::kRegexpSplitToTable: return "regexp_split_to_table";
    case TableFunction::kJsonArrayElements: return "jsonb_array_elements";
    case TableFunction::kJsonArrayElementsText: return "jsonb_array_elements_text";
    case TableFunction::kJsonObjectKeys: return "jsonb_object_keys";
    case TableFunction::kJsonEach: return "jsonb_each";
    case TableFunction::kJsonEachText: return "jsonb_each_text";
    case TableFunction::kOptionsToTable: return "pg_options_to_table";
    case TableFunction::kJsonToRecord: return "jsonb_to_record";
    case TableFunction::kJsonToRecordset: return "jsonb_to_recordset";
  }
  return "unnest";
}

std::string DeparsedTableFunctionName(const BoundTableRef& function) {
  std::string name = DeparsedTableFunctionName(function.function);
  if (name.starts_with("jsonb_") && !function.arguments.empty() &&
      function.arguments[0]->type.id == TypeId::kJson) {
    name.erase(4, 1);
  }
  return name;
}

bool IsRegexFunction(ScalarFunction f) {
  return f == ScalarFunction::kRegexMatch || f == ScalarFunction::kRegexNotMatch ||
         f == ScalarFunction::kRegexIMatch || f == ScalarFunction::kRegexNotIMatch;
}

std::optional<std::string_view> BitwiseOperatorSpelling(ScalarFunction f) {
  switch (f) {
    case ScalarFunction::kBitAnd: return "&";
    case ScalarFunction::kBitOr: return "|";
    case ScalarFunction::kBitXor: return "#";
    case ScalarFunction::kBitNot: return "~";
    case ScalarFunction::kShiftLeft: return "<<";
    case ScalarFunction::kShiftRight: return ">>";
    default: return std::nullopt;
  }
}

bool CastShown(const BoundExpr& cast, bool show_implicit, const BoundExpr* parent) {
  if (cast.cast_context == CastContext::kExplicit) return true;
  if (!show_implicit) return false;
  const DataType& from = cast.children[0]->type;
  if (from.id == cast.type.id) return false;  // a typmod dropped: numeric(8,2) as numeric
  const bool under_operator =
      parent == nullptr || parent->kind == BoundExprKind::kArithmetic ||
      parent->kind == BoundExprKind::kCompare || parent->kind == BoundExprKind::kIn ||
      parent->kind == BoundExprKind::kNegate || parent->kind == BoundExprKind::kIsDistinct ||
      parent->kind == BoundExprKind::kArrayCompare || parent->kind == BoundExprKind::kSubquery;
  if (under_operator && from.IsInteger() && cast.type.IsInteger()) return false;
  if (under_operator && from.IsFloat() && cast.type.IsFloat()) return false;
  return true;
}

char ArithmeticPrecedence(const BoundExpr& e) {
  if (e.kind != BoundExprKind::kArithmetic) return 0;
  switch (e.arithmetic_op) {
    case ArithmeticOp::kAdd:
    case ArithmeticOp::kSubtract: return '+';
    case ArithmeticOp::kMultiply:
    case ArithmeticOp::kDivide:
    case ArithmeticOp::kModulo: return '*';
    case ArithmeticOp::kPower: return 0;
  }
  return 0;
}

}  // namespace basalt::sql
