#include "common/aclitem.h"

#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "common/object_names.h"
#include "common/sqlstate.h"

namespace basalt {
namespace {

// The privilege letters, bit i for letter i (PostgreSQL 15's ACL_ALL_RIGHTS_STR).
constexpr std::string_view kPrivilegeLetters = "arwdDxtXUCTcsA";

uint32_t Privileges(std::string_view letters) {
  uint32_t bits = 0;
  for (char c : letters) bits |= 1u << kPrivilegeLetters.find(c);
  return bits;
}

void AppendBigEndian32(uint32_t v, std::string* out) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

uint32_t ReadBigEndian32(std::string_view bytes) {
  uint32_t v = 0;
  for (char c : bytes.substr(0, 4)) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

// putid: double quotes unless every character is alphanumeric or '_'.
void AppendRoleName(Oid oid, std::string* out) {
  const ObjectNames* names = CurrentObjectNames();
  std::optional<std::string> name = names != nullptr ? names->RoleName(oid) : std::nullopt;
  if (!name) {
    out->append(std::to_string(oid));
    return;
  }
  bool quote = false;
  for (char c : *name) {
    quote = quote || !(std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  }
  if (quote) out->push_back('"');
  for (char c : *name) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  if (quote) out->push_back('"');
}

Status BadAcl(std::string message) {
  return Status::Error(sqlstate::kInvalidTextRepresentation, std::move(message));
}

// getid: a role name, double-quoted or up to the next non-name character;
// not case-folded (aclitemin reads what aclitemout wrote).
std::string ReadRoleName(std::string_view text, size_t* i) {
  std::string name;
  bool in_quotes = false;
  while (*i < text.size()) {
    const char c = text[*i];
    if (c == '"') {
      if (in_quotes && *i + 1 < text.size() && text[*i + 1] == '"') {
        name.push_back('"');
        *i += 2;
        continue;
      }
      in_quotes = !in_quotes;
      ++*i;
      continue;
    }
    if (!in_quotes && !(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) break;
    name.push_back(c);
    ++*i;
  }
  return name;
}

Result<Oid> RoleOid(const std::string& name) {
  const ObjectNames* names = CurrentObjectNames();
  std::optional<Oid> oid = names != nullptr ? names->RoleOid(name) : std::nullopt;
  if (!oid) {
    return Status::Error(sqlstate::kUndefinedObject,
                         fmt::format("role \"{}\" does not exist", name));
  }
  return *oid;
}

}  // namespace

std::string EncodeAclItem(const AclItem& item) {
  std::string out;
  AppendBigEndian32(item.grantee, &out);
  AppendBigEndian32(item.grantor, &out);
  AppendBigEndian32(item.privileges, &out);
  return out;
}

AclItem DecodeAclItem(std::string_view bytes) {
  return AclItem{ReadBigEndian32(bytes), ReadBigEndian32(bytes.substr(4)),
                 ReadBigEndian32(bytes.substr(8))};
}

void AppendAclItemText(std::string_view bytes, std::string* out) {
  const AclItem item = DecodeAclItem(bytes);
  if (item.grantee != 0) AppendRoleName(item.grantee, out);
  out->push_back('=');
  for (size_t i = 0; i < kPrivilegeLetters.size(); ++i) {
    if ((item.privileges & (1u << i)) == 0) continue;
    out->push_back(kPrivilegeLetters[i]);
    if ((item.privileges & (1u << (i + 16))) != 0) out->push_back('*');
  }
  out->push_back('/');
  AppendRoleName(item.grantor, out);
}

Result<Value> ParseAclItem(std::string_view text) {
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  skip_spaces();
  AclItem item;
  std::string grantee = ReadRoleName(text, &i);
  skip_spaces();
  if (i < text.size() && text[i] != '=') {
    // `group name=...` and `user name=...`, PostgreSQL's old spellings.
    if (grantee != "group" && grantee != "user") {
      return BadAcl(fmt::format("unrecognized key word: \"{}\"", grantee))
          .WithHint("ACL key word must be \"group\" or \"user\".");
    }
    grantee = ReadRoleName(text, &i);
    if (grantee.empty()) return BadAcl("a name must follow the \"group\" or \"user\" key word");
    skip_spaces();
  }
  if (i >= text.size() || text[i] != '=') return BadAcl("missing \"=\" sign");
  ++i;
  if (!grantee.empty()) {
    BASALT_ASSIGN_OR_RETURN(item.grantee, RoleOid(grantee));
  }
  int last = -1;
  for (; i < text.size() && text[i] != '/' && !std::isspace(static_cast<unsigned char>(text[i]));
       ++i) {
    if (text[i] == '*' && last >= 0) {
      item.privileges |= 1u << (last + 16);
      continue;
    }
    const size_t letter = kPrivilegeLetters.find(text[i]);
    if (letter == std::string_view::npos) {
      return BadAcl(
          fmt::format("invalid mode character: must be one of \"{}\"", kPrivilegeLetters));
    }
    item.privileges |= 1u << letter;
    last = static_cast<int>(letter);
  }
  skip_spaces();
  if (i < text.size() && text[i] == '/') {
    ++i;
    skip_spaces();
    const std::string grantor = ReadRoleName(text, &i);
    if (grantor.empty()) return BadAcl("a name must follow the \"/\" sign");
    BASALT_ASSIGN_OR_RETURN(item.grantor, RoleOid(grantor));
  } else {
    // PostgreSQL warns and takes the bootstrap superuser.
    item.grantor = 10;
  }
  skip_spaces();
  if (i != text.size()) return BadAcl("extra garbage at the end of the ACL specification");
  return Value::String(EncodeAclItem(item));
}

Result<Value> AclDefault(char objtype, Oid owner) {
  std::string_view world;
  std::string_view owner_privileges;
  switch (objtype) {
    case 'c': break;
    case 'r': owner_privileges = "arwdDxt"; break;
    case 's': owner_privileges = "rwU"; break;
    case 'd':
      world = "Tc";
      owner_privileges = "CTc";
      break;
    case 'f':
      world = "X";
      owner_privileges = "X";
      break;
    case 'l':
    case 'T':
      world = "U";
      owner_privileges = "U";
      break;
    case 'L': owner_privileges = "rw"; break;
    case 'n': owner_privileges = "UC"; break;
    case 't': owner_privileges = "C"; break;
    case 'F':
    case 'S': owner_privileges = "U"; break;
    case 'p': owner_privileges = "sA"; break;
    default:
      return Status::Error(sqlstate::kInternalError,
                           fmt::format("unrecognized objtype abbreviation: {}", objtype));
  }
  std::vector<Value> items;
  if (!world.empty()) items.push_back(Value::String(EncodeAclItem({0, owner, Privileges(world)})));
  if (!owner_privileges.empty()) {
    items.push_back(Value::String(EncodeAclItem({owner, owner, Privileges(owner_privileges)})));
  }
  return Value::Array(std::move(items));
}

}  // namespace basalt
