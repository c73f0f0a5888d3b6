// Keys of the `catalog` column family (docs/formats/catalog.md). Internal to
// catalog/. DO NOT CHANGE THESE VALUES: they are on disk.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/data_type.h"

namespace basalt::catalog {

inline constexpr uint8_t kCatalogFormatVersion = 1;

enum class ObjectKind : uint8_t {
  kFormat = 0x00,  // the single format-version key
  kDatabase = 'D',
  kRole = 'R',
  kNamespace = 'S',
  kTable = 'T',
  kRelationName = 'n',   // (database, namespace, name) -> relation OID; locks names
  kRoleName = 'r',       // role name -> role OID; locks names
  kNamespaceName = 's',  // (database, name) -> schema OID; locks names
  kDatabaseName = 'd',   // name -> database OID; locks names
  kType = 'Y',           // a user-defined type (proto::UserType)
  kTypeName = 'y',       // (database, namespace, name) -> type OID; locks names
};

// kind byte + database OID (0 for shared objects) + OID, both big-endian, so
// one database's objects of one kind form a contiguous range.
std::string ObjectKey(ObjectKind kind, Oid database, Oid oid);
std::string RelationNameKey(Oid database, Oid namespace_oid, std::string_view name);
std::string TypeNameKey(Oid database, Oid namespace_oid, std::string_view name);
std::string RoleNameKey(std::string_view name);
std::string NamespaceNameKey(Oid database, std::string_view name);
std::string DatabaseNameKey(std::string_view name);
std::string FormatKey();
// Big-endian 4-byte integers.
void AppendBigEndian32(uint32_t v, std::string* out);
uint32_t ReadBigEndian32(std::string_view in);

}  // namespace basalt::catalog
