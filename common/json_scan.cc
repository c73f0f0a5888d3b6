#include "common/json_scan.h"

#include "common/json_parse.h"

namespace basalt {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

size_t SkipString(std::string_view s, size_t i) {
  for (++i; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] == '\\') ++i;
  }
  return i + 1;
}

// The end of the value starting at s[i] (checked JSON, so no errors); a
// loop with a depth count, so no nesting overflows the stack.
size_t SkipValue(std::string_view s, size_t i) {
  int depth = 0;
  do {
    const char c = s[i];
    if (c == '"') {
      i = SkipString(s, i);
    } else if (c == '{' || c == '[') {
      ++depth;
      ++i;
    } else if (c == '}' || c == ']') {
      --depth;
      ++i;
    } else if (depth > 0) {
      ++i;  // whitespace, commas, colons, and the scalars inside
    } else {
      while (i < s.size() && !IsSpace(s[i]) && s[i] != ',' && s[i] != '}' && s[i] != ']' &&
             s[i] != ':') {
        ++i;
      }
    }
  } while (depth > 0 && i < s.size());
  return i;
}

}  // namespace

std::string_view TrimJson(std::string_view json) {
  const size_t start = SkipSpace(json, 0);
  size_t end = json.size();
  while (end > start && IsSpace(json[end - 1])) --end;
  return json.substr(start, end - start);
}

JsonbValue::Kind JsonTextKind(std::string_view json) {
  const std::string_view t = TrimJson(json);
  if (t.empty()) return JsonbValue::Kind::kNull;
  switch (t[0]) {
    case '{': return JsonbValue::Kind::kObject;
    case '[': return JsonbValue::Kind::kArray;
    case '"': return JsonbValue::Kind::kString;
    case 't': return JsonbValue::Kind::kTrue;
    case 'f': return JsonbValue::Kind::kFalse;
    case 'n': return JsonbValue::Kind::kNull;
    default: return JsonbValue::Kind::kNumber;
  }
}

void ForEachJsonElement(std::string_view array, const std::function<bool(std::string_view)>& fn) {
  array = TrimJson(array);
  size_t i = SkipSpace(array, 1);
  if (i >= array.size() || array[i] == ']') return;
  while (i < array.size()) {
    const size_t end = SkipValue(array, i);
    if (!fn(array.substr(i, end - i))) return;
    i = SkipSpace(array, end);
    if (i >= array.size() || array[i] != ',') return;
    i = SkipSpace(array, i + 1);
  }
}

void ForEachJsonMember(std::string_view object,
                       const std::function<bool(std::string, std::string_view)>& fn) {
  object = TrimJson(object);
  size_t i = SkipSpace(object, 1);
  if (i >= object.size() || object[i] == '}') return;
  while (i < object.size()) {
    const size_t key_end = SkipString(object, i);
    Result<std::string> key = JsonStringContents(object.substr(i, key_end - i));
    i = SkipSpace(object, SkipSpace(object, key_end) + 1);  // past the colon
    const size_t end = SkipValue(object, i);
    // A key json cannot decode (\u0000) matches no text key.
    if (!fn(key.ok() ? std::move(*key) : std::string(), object.substr(i, end - i))) return;
    i = SkipSpace(object, end);
    if (i >= object.size() || object[i] != ',') return;
    i = SkipSpace(object, i + 1);
  }
}

Result<std::string> JsonStringContents(std::string_view string_token) {
  if (string_token.find('\\') == std::string_view::npos) {
    return std::string(string_token.substr(1, string_token.size() - 2));
  }
  BASALT_ASSIGN_OR_RETURN(JsonbValue v, ParseJsonb(string_token));
  return std::move(v.text);
}

}  // namespace basalt
