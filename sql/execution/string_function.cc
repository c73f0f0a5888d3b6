#include "sql/execution/string_function.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>

#include "common/error.h"
#include "common/text_case.h"
#include "common/value_text.h"
#include "sql/execution/string_pattern_function.h"

namespace basalt::sql {
namespace {

// A result above this many bytes fails as PostgreSQL's 1 GB limit does.
constexpr size_t kMaxTextBytes = size_t{1} << 30;

void CheckLength(size_t bytes) {
  if (bytes >= kMaxTextBytes) {
    throw Error(sqlstate::kProgramLimitExceeded, "requested length too large");
  }
}

std::string Join(const std::vector<std::string_view>& chars, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < chars.size(); ++i) out += chars[i];
  return out;
}

// substr(s, start [, count]): the characters at positions start ..
// start + count - 1 that exist (positions count from 1).
std::string Substring(std::string_view s, int64_t start, std::optional<int64_t> count) {
  if (count && *count < 0) {
    throw Error(sqlstate::kSubstringError, "negative substring length not allowed");
  }
  const std::vector<std::string_view> chars = Utf8Characters(s);
  const int64_t n = static_cast<int64_t>(chars.size());
  const int64_t first = std::max<int64_t>(start, 1);
  const int64_t last = count ? std::min<int64_t>(start + *count - 1, n) : n;
  if (last < first) return "";
  return Join(chars, static_cast<size_t>(first - 1), static_cast<size_t>(last));
}

// left / right: the first (last) n characters; a negative n all but the
// last (first) -n.
std::string LeftOrRight(std::string_view s, int64_t n, bool left) {
  const std::vector<std::string_view> chars = Utf8Characters(s);
  const int64_t size = static_cast<int64_t>(chars.size());
  const int64_t keep = std::clamp<int64_t>(n >= 0 ? n : size + n, 0, size);
  return left ? Join(chars, 0, static_cast<size_t>(keep))
              : Join(chars, static_cast<size_t>(size - keep), chars.size());
}

std::string Pad(std::string_view s, int64_t length, std::string_view fill, bool left) {
  if (length <= 0) return "";
  const std::vector<std::string_view> chars = Utf8Characters(s);
  const size_t target = static_cast<size_t>(length);
  if (chars.size() >= target || fill.empty()) return Join(chars, 0, target);
  const std::vector<std::string_view> fill_chars = Utf8Characters(fill);
  CheckLength(target * 4);
  std::string padding;
  for (size_t i = 0; i < target - chars.size(); ++i) padding += fill_chars[i % fill_chars.size()];
  return left ? padding + std::string(s) : std::string(s) + padding;
}

int64_t Strpos(std::string_view s, std::string_view sub) {
  const size_t at = s.find(sub);
  if (at == std::string_view::npos) return 0;
  return static_cast<int64_t>(Utf8Characters(s.substr(0, at)).size()) + 1;
}

std::string Translate(std::string_view s, std::string_view from, std::string_view to) {
  const std::vector<std::string_view> from_chars = Utf8Characters(from);
  const std::vector<std::string_view> to_chars = Utf8Characters(to);
  std::string out;
  for (std::string_view c : Utf8Characters(s)) {
    const auto it = std::find(from_chars.begin(), from_chars.end(), c);
    if (it == from_chars.end()) {
      out += c;
    } else if (const size_t i = static_cast<size_t>(it - from_chars.begin()); i < to_chars.size()) {
      out += to_chars[i];
    }
  }
  return out;
}

std::string Replace(std::string_view s, std::string_view from, std::string_view to) {
  if (from.empty()) return std::string(s);
  std::string out;
  size_t pos = 0;
  for (size_t at = s.find(from); at != std::string_view::npos; at = s.find(from, pos)) {
    out.append(s.substr(pos, at - pos)).append(to);
    CheckLength(out.size());
    pos = at + from.size();
  }
  return out.append(s.substr(pos));
}

// split_part: field n of s split at delimiter (from the end when n < 0).
std::string SplitPart(std::string_view s, std::string_view delimiter, int64_t n) {
  if (n == 0) throw Error(sqlstate::kInvalidParameterValue, "field position must not be zero");
  std::vector<std::string_view> fields;
  if (delimiter.empty()) {
    fields.push_back(s);
  } else {
    size_t pos = 0;
    for (size_t at = s.find(delimiter); at != std::string_view::npos; at = s.find(delimiter, pos)) {
      fields.push_back(s.substr(pos, at - pos));
      pos = at + delimiter.size();
    }
    fields.push_back(s.substr(pos));
  }
  if (s.empty()) return "";
  const int64_t count = static_cast<int64_t>(fields.size());
  const int64_t index = n > 0 ? n - 1 : count + n;
  if (index < 0 || index >= count) return "";
  return std::string(fields[static_cast<size_t>(index)]);
}

// initcap: a letter or digit after another is lowered, any other raised.
std::string Initcap(std::string_view s) {
  std::string out;
  bool after_word = false;
  for (std::string_view c : Utf8Characters(s)) {
    const unsigned char first = static_cast<unsigned char>(c[0]);
    const bool word = first >= 0x80 || std::isalnum(first) != 0;
    out += after_word ? Utf8Lower(c) : Utf8Upper(c);
    after_word = word;
  }
  return out;
}

std::string Md5Hex(std::string_view s) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(s.data(), s.size(), digest, &size, EVP_md5(), nullptr);
  std::string out;
  for (unsigned int i = 0; i < size; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

int64_t FirstCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  const unsigned char b = static_cast<unsigned char>(s[0]);
  const int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
  int64_t cp = extra == 0 ? b : b & (0x3F >> extra);
  for (int i = 1; i <= extra && static_cast<size_t>(i) < s.size(); ++i) {
    cp = cp << 6 | (static_cast<unsigned char>(s[static_cast<size_t>(i)]) & 0x3F);
  }
  return cp;
}

std::string Chr(int64_t cp) {
  if (cp == 0) throw Error(sqlstate::kProgramLimitExceeded, "null character not permitted");
  if (cp < 0) throw Error(sqlstate::kProgramLimitExceeded, "character number must be positive");
  if (cp > 0x10FFFF) {
    throw Error(sqlstate::kProgramLimitExceeded,
                fmt::format("requested character too large for encoding: {}", cp));
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) {
    throw Error(sqlstate::kProgramLimitExceeded,
                fmt::format("requested character not valid for encoding: {}", cp));
  }
  std::string out;
  const auto c = static_cast<uint32_t>(cp);
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | c >> 6);
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | c >> 12);
    out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | c >> 18);
    out += static_cast<char>(0x80 | (c >> 12 & 0x3F));
    out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

std::string ToHex(int64_t v, TypeId type) {
  const uint64_t bits = type == TypeId::kInt4 ? static_cast<uint32_t>(v) : static_cast<uint64_t>(v);
  return fmt::format("{:x}", bits);
}

// string_to_array: a NULL delimiter splits into characters, an empty one
// keeps the string whole; fields equal to `null_text` become NULL.
Value StringToArray(const std::vector<Value>& a) {
  if (a[0].is_null()) return Value::Null();
  const std::string_view s = a[0].AsString();
  std::vector<Value> out;
  if (s.empty()) return Value::Array(std::move(out));
  std::vector<std::string_view> fields;
  if (a[1].is_null()) {
    fields = Utf8Characters(s);
  } else if (a[1].AsString().empty()) {
    fields.push_back(s);
  } else {
    const std::string_view delimiter = a[1].AsString();
    size_t pos = 0;
    for (size_t at = s.find(delimiter); at != std::string_view::npos; at = s.find(delimiter, pos)) {
      fields.push_back(s.substr(pos, at - pos));
      pos = at + delimiter.size();
    }
    fields.push_back(s.substr(pos));
  }
  const bool has_null_text = a.size() == 3 && !a[2].is_null();
  for (std::string_view f : fields) {
    out.push_back(has_null_text && f == a[2].AsString() ? Value::Null()
                                                        : Value::String(std::string(f)));
  }
  return Value::Array(std::move(out));
}

// concat / concat_ws: each non-NULL argument by its type's output function.
Value Concat(const BoundExpr& call, const std::vector<Value>& a, size_t first,
             const std::string* separator) {
  std::string out;
  bool any = false;
  for (size_t i = first; i < a.size(); ++i) {
    if (a[i].is_null()) continue;
    if (any && separator != nullptr) out += *separator;
    out += ValueToText(a[i], call.children[i]->type);
    CheckLength(out.size());
    any = true;
  }
  return Value::String(std::move(out));
}

}  // namespace

std::vector<std::string_view> Utf8Characters(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t n = 1;
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

bool IsStringFunction(ScalarFunction f) {
  return f >= ScalarFunction::kOctetLength && f <= ScalarFunction::kNumNonnulls;
}

Value EvaluateStringFunction(const BoundExpr& call, const std::vector<Value>& a) {
  // The functions that are not strict.
  switch (call.function) {
    case ScalarFunction::kConcat: return Concat(call, a, 0, nullptr);
    case ScalarFunction::kConcatWs:
      return a[0].is_null() ? Value::Null() : Concat(call, a, 1, &a[0].AsString());
    case ScalarFunction::kFormat: return Format(call, a);
    case ScalarFunction::kQuoteNullable:
      if (a[0].is_null()) return Value::String("NULL");
      return Value::String(QuoteLiteralText(ValueToText(a[0], call.children[0]->type)));
    case ScalarFunction::kStringToArray: return StringToArray(a);
    case ScalarFunction::kNumNulls:
    case ScalarFunction::kNumNonnulls: {
      const auto nulls =
          std::count_if(a.begin(), a.end(), [](const Value& v) { return v.is_null(); });
      const auto n =
          call.function == ScalarFunction::kNumNulls ? nulls : static_cast<long>(a.size()) - nulls;
      return Value::Int(n);
    }
    default: break;
  }
  for (const Value& v : a) {
    if (v.is_null()) return Value::Null();
  }
  auto text = [&](size_t i) -> std::string_view { return a[i].AsString(); };
  switch (call.function) {
    case ScalarFunction::kOctetLength: return Value::Int(static_cast<int64_t>(text(0).size()));
    case ScalarFunction::kBitLength: return Value::Int(static_cast<int64_t>(text(0).size()) * 8);
    case ScalarFunction::kInitcap: return Value::String(Initcap(text(0)));
    case ScalarFunction::kSubstr:
      return Value::String(Substring(text(0), a[1].AsInt(),
                                     a.size() == 3 ? std::optional(a[2].AsInt()) : std::nullopt));
    case ScalarFunction::kStrpos: return Value::Int(Strpos(text(0), text(1)));
    case ScalarFunction::kTranslate: return Value::String(Translate(text(0), text(1), text(2)));
    case ScalarFunction::kReplace: return Value::String(Replace(text(0), text(1), text(2)));
    case ScalarFunction::kSplitPart:
      return Value::String(SplitPart(text(0), text(1), a[2].AsInt()));
    case ScalarFunction::kLeft: return Value::String(LeftOrRight(text(0), a[1].AsInt(), true));
    case ScalarFunction::kRight: return Value::String(LeftOrRight(text(0), a[1].AsInt(), false));
    case ScalarFunction::kLpad:
    case ScalarFunction::kRpad:
      return Value::String(Pad(text(0), a[1].AsInt(), a.size() == 3 ? text(2) : " ",
                               call.function == ScalarFunction::kLpad));
    case ScalarFunction::kRepeat: {
      const int64_t n = a[1].AsInt();
      if (n <= 0) return Value::String("");
      CheckLength(text(0).size() * static_cast<size_t>(n));
      std::string out;
      for (int64_t i = 0; i < n; ++i) out += text(0);
      return Value::String(std::move(out));
    }
    case ScalarFunction::kReverse: {
      std::vector<std::string_view> chars = Utf8Characters(text(0));
      std::reverse(chars.begin(), chars.end());
      return Value::String(Join(chars, 0, chars.size()));
    }
    case ScalarFunction::kMd5: return Value::String(Md5Hex(text(0)));
    case ScalarFunction::kStartsWith: return Value::Bool(text(0).starts_with(text(1)));
    case ScalarFunction::kQuoteLiteral:
      return Value::String(QuoteLiteralText(ValueToText(a[0], call.children[0]->type)));
    case ScalarFunction::kToHex:
      return Value::String(ToHex(a[0].AsInt(), call.children[0]->type.id));
    case ScalarFunction::kAscii: return Value::Int(FirstCodePoint(text(0)));
    case ScalarFunction::kChr: return Value::String(Chr(a[0].AsInt()));
    case ScalarFunction::kSubstringRegex:
    case ScalarFunction::kRegexpReplace:
    case ScalarFunction::kRegexpMatch:
    case ScalarFunction::kRegexpSplitToArray:
    case ScalarFunction::kRegexpCount:
    case ScalarFunction::kRegexpInstr:
    case ScalarFunction::kRegexpSubstr:
    case ScalarFunction::kRegexpLike:
    case ScalarFunction::kSimilarToEscape: return EvaluatePatternFunction(call, a);
    default: break;
  }
  throw Error(sqlstate::kInternalError, "unknown string function");
}

}  // namespace basalt::sql
