// aclitem: one entry of an access-control list, PostgreSQL's
// `grantee=privileges/grantor` (utils/acl.h). A Value of type aclitem is a
// 12-byte string: grantee OID, grantor OID and the privilege bits, each
// 4 bytes big-endian; grantee 0 is PUBLIC. Basalt has no GRANT yet, so
// aclitems come only from acldefault() and from text input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt {

struct AclItem {
  Oid grantee = 0;  // 0: PUBLIC
  Oid grantor = 0;
  // Privilege i is bit i (ACL_INSERT = 1 << 0, ... in "arwdDxtXUCTcsA"
  // order); its grant option is bit i + 16.
  uint32_t privileges = 0;
};

std::string EncodeAclItem(const AclItem& item);
AclItem DecodeAclItem(std::string_view bytes);

// aclitemout: role names through the thread's ObjectNames (the OID when the
// role is gone), quoted as PostgreSQL's putid quotes them.
void AppendAclItemText(std::string_view bytes, std::string* out);
// aclitemin: `[grantee]=privileges[/grantor]`; 22P02 on bad syntax, 42704
// for an unknown role.
Result<Value> ParseAclItem(std::string_view text);

// acldefault(objtype, owner): the privileges an object of kind `objtype`
// ('c' column, 'r' relation, 's' sequence, 'd' database, 'f' function,
// 'l' language, 'L' large object, 'n' schema, 't' tablespace, 'F' foreign
// data wrapper, 'S' foreign server, 'T' type, 'p' parameter) has when its
// ACL is NULL, as an aclitem[]; XX000 for another letter.
Result<Value> AclDefault(char objtype, Oid owner);

}  // namespace basalt
