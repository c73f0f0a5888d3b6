#include "sql/binder/bind_bytea_function.h"

#include <algorithm>

#include "sql/binder/bind_string_function.h"
#include "sql/binder/function_resolver.h"

namespace basalt::sql {
namespace {

using enum TypeId;

// PostgreSQL 15's signatures (pg_proc) of the functions over bytea. An
// encoding name (type name in PostgreSQL) is text here.
const std::vector<BuiltinSignature>& ByteaSignatures() {
  static const std::vector<BuiltinSignature> signatures = {
      {"length", ScalarFunction::kByteaLength, {kBytea}, kInt4},
      {"length", ScalarFunction::kLengthInEncoding, {kBytea, kText}, kInt4},
      {"octet_length", ScalarFunction::kByteaLength, {kBytea}, kInt4},
      {"bit_length", ScalarFunction::kByteaBitLength, {kBytea}, kInt4},
      {"substr", ScalarFunction::kByteaSubstr, {kBytea, kInt4}, kBytea},
      {"substr", ScalarFunction::kByteaSubstr, {kBytea, kInt4, kInt4}, kBytea},
      {"substring", ScalarFunction::kByteaSubstr, {kBytea, kInt4}, kBytea},
      {"substring", ScalarFunction::kByteaSubstr, {kBytea, kInt4, kInt4}, kBytea},
      {"position", ScalarFunction::kByteaPosition, {kBytea, kBytea}, kInt4},
      {"btrim", ScalarFunction::kByteaBtrim, {kBytea, kBytea}, kBytea},
      {"ltrim", ScalarFunction::kByteaLtrim, {kBytea, kBytea}, kBytea},
      {"rtrim", ScalarFunction::kByteaRtrim, {kBytea, kBytea}, kBytea},
      {"md5", ScalarFunction::kByteaMd5, {kBytea}, kText},
      {"get_byte", ScalarFunction::kGetByte, {kBytea, kInt4}, kInt4},
      {"set_byte", ScalarFunction::kSetByte, {kBytea, kInt4, kInt4}, kBytea},
      {"get_bit", ScalarFunction::kGetBit, {kBytea, kInt8}, kInt4},
      {"set_bit", ScalarFunction::kSetBit, {kBytea, kInt8, kInt4}, kBytea},
      {"encode", ScalarFunction::kEncode, {kBytea, kText}, kText},
      {"decode", ScalarFunction::kDecode, {kText, kText}, kBytea},
      {"sha224", ScalarFunction::kSha224, {kBytea}, kBytea},
      {"sha256", ScalarFunction::kSha256, {kBytea}, kBytea},
      {"sha384", ScalarFunction::kSha384, {kBytea}, kBytea},
      {"sha512", ScalarFunction::kSha512, {kBytea}, kBytea},
      {"convert_to", ScalarFunction::kConvertTo, {kText, kText}, kBytea},
      {"convert_from", ScalarFunction::kConvertFrom, {kBytea, kText}, kText},
      {"convert", ScalarFunction::kConvert, {kBytea, kText, kText}, kBytea},
      {"gen_random_uuid", ScalarFunction::kGenRandomUuid, {}, kUuid},
  };
  return signatures;
}

// The names the text functions share: bound here for a bytea first
// argument only.
bool SharedWithText(std::string_view name) {
  static constexpr std::string_view kShared[] = {
      "length",   "octet_length", "bit_length", "substr", "substring",
      "position", "btrim",        "ltrim",      "rtrim",  "md5",
  };
  return std::find(std::begin(kShared), std::end(kShared), name) != std::end(kShared);
}

}  // namespace

BoundExprPtr BindByteaFunction(const ast::FunctionCall& call, std::vector<BoundExprPtr>& args) {
  const std::string& name = call.name.back();
  if (SharedWithText(name) && (args.empty() || args[0]->type.id != kBytea)) return nullptr;
  Resolver r(call, args);
  return BindBySignature(r, ByteaSignatures());
}

std::optional<std::string_view> ByteaFunctionName(ScalarFunction f) {
  return SignatureName(ByteaSignatures(), f);
}

}  // namespace basalt::sql
