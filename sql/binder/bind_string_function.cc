#include "sql/binder/bind_string_function.h"

#include <string_view>

#include "sql/binder/function_resolver.h"

namespace basalt::sql {
namespace {

using enum TypeId;

// PostgreSQL 15's signatures (pg_proc) for the functions with fixed
// argument types; a call takes the one with the most arguments already of
// the parameter's type, the first listed on a tie.
const std::vector<BuiltinSignature>& StringSignatures() {
  static const std::vector<BuiltinSignature> signatures = {
      {"octet_length", ScalarFunction::kOctetLength, {kText}, kInt4},
      // bpcharoctetlen: the padding counts (length() does not).
      {"octet_length", ScalarFunction::kOctetLength, {kBpchar}, kInt4},
      {"bit_length", ScalarFunction::kBitLength, {kText}, kInt4},
      {"initcap", ScalarFunction::kInitcap, {kText}, kText},
      {"substr", ScalarFunction::kSubstr, {kText, kInt4}, kText},
      {"substr", ScalarFunction::kSubstr, {kText, kInt4, kInt4}, kText},
      {"substring", ScalarFunction::kSubstr, {kText, kInt4}, kText},
      {"substring", ScalarFunction::kSubstr, {kText, kInt4, kInt4}, kText},
      {"substring", ScalarFunction::kSubstringRegex, {kText, kText}, kText},
      {"strpos", ScalarFunction::kStrpos, {kText, kText}, kInt4},
      {"position", ScalarFunction::kStrpos, {kText, kText}, kInt4},
      {"translate", ScalarFunction::kTranslate, {kText, kText, kText}, kText},
      {"replace", ScalarFunction::kReplace, {kText, kText, kText}, kText},
      {"split_part", ScalarFunction::kSplitPart, {kText, kText, kInt4}, kText},
      {"left", ScalarFunction::kLeft, {kText, kInt4}, kText},
      {"right", ScalarFunction::kRight, {kText, kInt4}, kText},
      {"lpad", ScalarFunction::kLpad, {kText, kInt4}, kText},
      {"lpad", ScalarFunction::kLpad, {kText, kInt4, kText}, kText},
      {"rpad", ScalarFunction::kRpad, {kText, kInt4}, kText},
      {"rpad", ScalarFunction::kRpad, {kText, kInt4, kText}, kText},
      {"repeat", ScalarFunction::kRepeat, {kText, kInt4}, kText},
      {"reverse", ScalarFunction::kReverse, {kText}, kText},
      {"md5", ScalarFunction::kMd5, {kText}, kText},
      {"starts_with", ScalarFunction::kStartsWith, {kText, kText}, kBool},
      {"to_hex", ScalarFunction::kToHex, {kInt4}, kText},
      {"to_hex", ScalarFunction::kToHex, {kInt8}, kText},
      {"ascii", ScalarFunction::kAscii, {kText}, kInt4},
      {"chr", ScalarFunction::kChr, {kInt4}, kText},
      {"regexp_replace", ScalarFunction::kRegexpReplace, {kText, kText, kText}, kText},
      {"regexp_replace", ScalarFunction::kRegexpReplace, {kText, kText, kText, kText}, kText},
      {"regexp_replace", ScalarFunction::kRegexpReplace, {kText, kText, kText, kInt4}, kText},
      {"regexp_replace",
       ScalarFunction::kRegexpReplace,
       {kText, kText, kText, kInt4, kInt4},
       kText},
      {"regexp_replace",
       ScalarFunction::kRegexpReplace,
       {kText, kText, kText, kInt4, kInt4, kText},
       kText},
      {"regexp_match", ScalarFunction::kRegexpMatch, {kText, kText}, kTextArray},
      {"regexp_match", ScalarFunction::kRegexpMatch, {kText, kText, kText}, kTextArray},
      {"regexp_split_to_array", ScalarFunction::kRegexpSplitToArray, {kText, kText}, kTextArray},
      {"regexp_split_to_array",
       ScalarFunction::kRegexpSplitToArray,
       {kText, kText, kText},
       kTextArray},
      {"regexp_count", ScalarFunction::kRegexpCount, {kText, kText}, kInt4},
      {"regexp_count", ScalarFunction::kRegexpCount, {kText, kText, kInt4}, kInt4},
      {"regexp_count", ScalarFunction::kRegexpCount, {kText, kText, kInt4, kText}, kInt4},
      {"regexp_instr", ScalarFunction::kRegexpInstr, {kText, kText}, kInt4},
      {"regexp_instr", ScalarFunction::kRegexpInstr, {kText, kText, kInt4}, kInt4},
      {"regexp_instr", ScalarFunction::kRegexpInstr, {kText, kText, kInt4, kInt4}, kInt4},
      {"regexp_instr", ScalarFunction::kRegexpInstr, {kText, kText, kInt4, kInt4, kInt4}, kInt4},
      {"regexp_instr",
       ScalarFunction::kRegexpInstr,
       {kText, kText, kInt4, kInt4, kInt4, kText},
       kInt4},
      {"regexp_instr",
       ScalarFunction::kRegexpInstr,
       {kText, kText, kInt4, kInt4, kInt4, kText, kInt4},
       kInt4},
      {"regexp_like", ScalarFunction::kRegexpLike, {kText, kText}, kBool},
      {"regexp_like", ScalarFunction::kRegexpLike, {kText, kText, kText}, kBool},
      {"regexp_substr", ScalarFunction::kRegexpSubstr, {kText, kText}, kText},
      {"regexp_substr", ScalarFunction::kRegexpSubstr, {kText, kText, kInt4}, kText},
      {"regexp_substr", ScalarFunction::kRegexpSubstr, {kText, kText, kInt4, kInt4}, kText},
      {"regexp_substr", ScalarFunction::kRegexpSubstr, {kText, kText, kInt4, kInt4, kText}, kText},
      {"regexp_substr",
       ScalarFunction::kRegexpSubstr,
       {kText, kText, kInt4, kInt4, kText, kInt4},
       kText},
      // a SIMILAR TO b [ESCAPE e] is a ~ similar_to_escape(b [, e]).
      {"similar_to_escape", ScalarFunction::kSimilarToEscape, {kText}, kText},
      {"similar_to_escape", ScalarFunction::kSimilarToEscape, {kText, kText}, kText},
      // substring(s SIMILAR p ESCAPE e), substring(s FROM p FOR e): bound
      // as PostgreSQL's SQL function, substring(s, similar_to_escape(p, e)).
      {"substring", ScalarFunction::kSimilarToEscape, {kText, kText, kText}, kText},
      {"to_number", ScalarFunction::kToNumber, {kText, kText}, kNumeric},
      {"string_to_array", ScalarFunction::kStringToArray, {kText, kText}, kTextArray},
      {"string_to_array", ScalarFunction::kStringToArray, {kText, kText, kText}, kTextArray},
  };
  return signatures;
}

// The functions taking arguments of any type ("any" / anyelement).
struct AnyArgumentFunction {
  std::string_view name;
  ScalarFunction function;
  size_t min_args;
  size_t max_args;
  TypeId result;
};
constexpr AnyArgumentFunction kAnyArgumentFunctions[] = {
    {"concat", ScalarFunction::kConcat, 1, 100, kText},
    {"concat_ws", ScalarFunction::kConcatWs, 2, 100, kText},
    {"format", ScalarFunction::kFormat, 1, 100, kText},
    {"quote_literal", ScalarFunction::kQuoteLiteral, 1, 1, kText},
    {"quote_nullable", ScalarFunction::kQuoteNullable, 1, 1, kText},
    {"num_nulls", ScalarFunction::kNumNulls, 1, 100, kInt4},
    {"num_nonnulls", ScalarFunction::kNumNonnulls, 1, 100, kInt4},
};

}  // namespace

BoundExprPtr BindBySignature(Resolver& r, const std::vector<BuiltinSignature>& signatures) {
  const BuiltinSignature* best = nullptr;
  int best_exact = -1;
  bool named = false;
  for (const BuiltinSignature& s : signatures) {
    if (s.name != r.name()) continue;
    named = true;
    int exact = r.Fit(s.params);
    // An untyped literal prefers a string parameter, as PostgreSQL prefers
    // the string category for unknown arguments: substring(s FROM 'x+')
    // is the pattern form.
    if (exact >= 0) exact = exact * 100 + r.UnknownAsText(s.params);
    if (exact > best_exact) {
      best = &s;
      best_exact = exact;
    }
  }
  if (!named) return nullptr;
  if (best == nullptr) r.NoFunction();
  for (size_t i = 0; i < best->params.size(); ++i) {
    if (!r.Coerce(i, best->params[i])) r.NoFunction();
  }
  return r.Call(best->function, best->result);
}

std::optional<std::string_view> SignatureName(const std::vector<BuiltinSignature>& signatures,
                                              ScalarFunction f) {
  for (const BuiltinSignature& s : signatures) {
    if (s.function == f) return s.name;
  }
  return std::nullopt;
}

BoundExprPtr BindStringFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args) {
  Resolver r(call, args);
  for (const AnyArgumentFunction& f : kAnyArgumentFunctions) {
    if (f.name != r.name()) continue;
    if (r.size() < f.min_args || r.size() > f.max_args) r.NoFunction();
    // An untyped literal is text; the separator and format are text.
    for (size_t i = 0; i < r.size(); ++i) {
      const bool text_parameter = i == 0 && (f.function == ScalarFunction::kConcatWs ||
                                             f.function == ScalarFunction::kFormat);
      if ((text_parameter || r.Type(i) == kUnknown) && !r.Coerce(i, kText)) r.NoFunction();
    }
    return r.Call(f.function, f.result);
  }
  BoundExprPtr bound = BindBySignature(r, StringSignatures());
  if (bound != nullptr && bound->function == ScalarFunction::kSimilarToEscape &&
      bound->children.size() == 3) {
    BoundExprPtr pattern = BoundExpr::Make(BoundExprKind::kFunction, bound->type, bound->position);
    pattern->function = ScalarFunction::kSimilarToEscape;
    pattern->children.push_back(std::move(bound->children[1]));
    pattern->children.push_back(std::move(bound->children[2]));
    bound->children.resize(1);
    bound->children.push_back(std::move(pattern));
    bound->function = ScalarFunction::kSubstringRegex;
  }
  return bound;
}

std::optional<std::string_view> StringFunctionName(ScalarFunction f) {
  for (const AnyArgumentFunction& any : kAnyArgumentFunctions) {
    if (any.function == f) return any.name;
  }
  return SignatureName(StringSignatures(), f);
}

}  // namespace basalt::sql
