// The jsonb tree, its stored form and its text output. Order and numbers
// are in jsonb_compare.cc.
#include "common/jsonb.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/error.h"
#include "common/stack_depth.h"

namespace basalt {
namespace {

constexpr char kFormatVersion = 1;

void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool ReadVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in->empty()) return false;
    const uint8_t b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

bool ReadBytes(std::string_view* in, std::string* out) {
  uint64_t n;
  if (!ReadVarint(in, &n) || n > in->size()) return false;
  out->assign(in->substr(0, n));
  in->remove_prefix(n);
  return true;
}

void EncodeNode(const JsonbValue& v, std::string* out) {
  CheckStackDepth();
  out->push_back(static_cast<char>(v.kind));
  switch (v.kind) {
    case JsonbValue::Kind::kString:
    case JsonbValue::Kind::kNumber:
      AppendVarint(v.text.size(), out);
      out->append(v.text);
      return;
    case JsonbValue::Kind::kArray:
      AppendVarint(v.elements.size(), out);
      for (const JsonbValue& e : v.elements) EncodeNode(e, out);
      return;
    case JsonbValue::Kind::kObject:
      AppendVarint(v.members.size(), out);
      for (const auto& [key, value] : v.members) {
        AppendVarint(key.size(), out);
        out->append(key);
        EncodeNode(value, out);
      }
      return;
    default: return;
  }
}

bool DecodeNode(std::string_view* in, JsonbValue* v) {
  CheckStackDepth();
  if (in->empty()) return false;
  const uint8_t tag = static_cast<uint8_t>(in->front());
  in->remove_prefix(1);
  if (tag > static_cast<uint8_t>(JsonbValue::Kind::kObject)) return false;
  v->kind = static_cast<JsonbValue::Kind>(tag);
  uint64_t n;
  switch (v->kind) {
    case JsonbValue::Kind::kString:
    case JsonbValue::Kind::kNumber: return ReadBytes(in, &v->text);
    case JsonbValue::Kind::kArray:
      if (!ReadVarint(in, &n) || n > in->size()) return false;
      v->elements.resize(n);
      for (JsonbValue& e : v->elements) {
        if (!DecodeNode(in, &e)) return false;
      }
      return true;
    case JsonbValue::Kind::kObject:
      if (!ReadVarint(in, &n) || n > in->size()) return false;
      v->members.resize(n);
      for (auto& [key, value] : v->members) {
        if (!ReadBytes(in, &key) || !DecodeNode(in, &value)) return false;
      }
      return true;
    default: return true;
  }
}

void AppendIndent(int level, std::string* out) {
  out->append(static_cast<size_t>(level) * 4, ' ');
}

void AppendText(const JsonbValue& v, bool pretty, int level, std::string* out) {
  CheckStackDepth();
  switch (v.kind) {
    case JsonbValue::Kind::kNull: out->append("null"); return;
    case JsonbValue::Kind::kTrue: out->append("true"); return;
    case JsonbValue::Kind::kFalse: out->append("false"); return;
    case JsonbValue::Kind::kNumber: out->append(v.text); return;
    case JsonbValue::Kind::kString: AppendJsonString(v.text, out); return;
    case JsonbValue::Kind::kArray:
    case JsonbValue::Kind::kObject: break;
  }
  const bool object = v.kind == JsonbValue::Kind::kObject;
  const size_t count = object ? v.members.size() : v.elements.size();
  out->push_back(object ? '{' : '[');
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out->append(pretty ? "," : ", ");
    if (pretty) {
      out->push_back('\n');
      AppendIndent(level + 1, out);
    }
    if (object) {
      AppendJsonString(v.members[i].first, out);
      out->append(": ");
    }
    AppendText(object ? v.members[i].second : v.elements[i], pretty, level + 1, out);
  }
  if (pretty) {
    out->push_back('\n');
    AppendIndent(level, out);
  }
  out->push_back(object ? '}' : ']');
}

}  // namespace

bool JsonbKeyLess(std::string_view a, std::string_view b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

namespace {

// The first member whose key is not less than `key`.
template <typename Members>
auto FindSlot(Members& members, std::string_view key) {
  return std::lower_bound(
      members.begin(), members.end(), key,
      [](const auto& m, std::string_view k) { return JsonbKeyLess(m.first, k); });
}

}  // namespace

const JsonbValue* JsonbValue::Find(std::string_view key) const {
  auto it = FindSlot(members, key);
  return it != members.end() && it->first == key ? &it->second : nullptr;
}

JsonbValue* JsonbValue::Find(std::string_view key) {
  return const_cast<JsonbValue*>(static_cast<const JsonbValue*>(this)->Find(key));
}

void JsonbValue::Set(std::string key, JsonbValue value) {
  auto it = FindSlot(members, key);
  if (it != members.end() && it->first == key) {
    it->second = std::move(value);
  } else {
    members.emplace(it, std::move(key), std::move(value));
  }
}

bool JsonbValue::Erase(std::string_view key) {
  auto it = FindSlot(members, key);
  if (it == members.end() || it->first != key) return false;
  members.erase(it);
  return true;
}

void JsonbValue::SortMembers() {
  // Stable, so that of equal keys the last written stays last and wins.
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return JsonbKeyLess(a.first, b.first); });
  std::vector<std::pair<std::string, JsonbValue>> unique;
  unique.reserve(members.size());
  for (auto& m : members) {
    if (!unique.empty() && unique.back().first == m.first) {
      unique.back().second = std::move(m.second);
    } else {
      unique.push_back(std::move(m));
    }
  }
  members = std::move(unique);
}

std::string EncodeJsonb(const JsonbValue& value) {
  std::string out(1, kFormatVersion);
  EncodeNode(value, &out);
  return out;
}

Result<JsonbValue> DecodeJsonb(std::string_view bytes) {
  JsonbValue value;
  if (bytes.empty() || bytes.front() != kFormatVersion) {
    return Status::Corruption("unknown jsonb format version");
  }
  bytes.remove_prefix(1);
  if (!DecodeNode(&bytes, &value) || !bytes.empty()) return Status::Corruption("corrupt jsonb");
  return value;
}

JsonbValue DecodeJsonbOrDie(std::string_view bytes) {
  Result<JsonbValue> value = DecodeJsonb(bytes);
  if (!value.ok()) throw Error::FromStatus(value.status());
  return std::move(*value);
}

void AppendJsonbText(const JsonbValue& value, std::string* out) {
  AppendText(value, false, 0, out);
}

std::string JsonbToText(const JsonbValue& value) {
  std::string out;
  AppendText(value, false, 0, &out);
  return out;
}

std::string JsonbPretty(const JsonbValue& value) {
  std::string out;
  AppendText(value, true, 0, &out);
  return out;
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out->append(fmt::format("\\u{:04x}", static_cast<unsigned char>(c)));
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

}  // namespace basalt
