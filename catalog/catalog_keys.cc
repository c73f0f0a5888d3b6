#include "catalog/catalog_keys.h"

namespace basalt::catalog {

void AppendBigEndian32(uint32_t v, std::string* out) {
  out->push_back(static_cast<char>(v >> 24));
  out->push_back(static_cast<char>(v >> 16));
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v));
}

uint32_t ReadBigEndian32(std::string_view in) {
  auto b = [&](int i) { return static_cast<uint32_t>(static_cast<uint8_t>(in[i])); };
  return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

std::string ObjectKey(ObjectKind kind, Oid database, Oid oid) {
  std::string key(1, static_cast<char>(kind));
  AppendBigEndian32(database, &key);
  AppendBigEndian32(oid, &key);
  return key;
}

std::string RelationNameKey(Oid database, Oid namespace_oid, std::string_view name) {
  std::string key(1, static_cast<char>(ObjectKind::kRelationName));
  AppendBigEndian32(database, &key);
  AppendBigEndian32(namespace_oid, &key);
  key.append(name);
  return key;
}

std::string TypeNameKey(Oid database, Oid namespace_oid, std::string_view name) {
  std::string key(1, static_cast<char>(ObjectKind::kTypeName));
  AppendBigEndian32(database, &key);
  AppendBigEndian32(namespace_oid, &key);
  key.append(name);
  return key;
}

std::string RoleNameKey(std::string_view name) {
  std::string key(1, static_cast<char>(ObjectKind::kRoleName));
  key.append(name);
  return key;
}

std::string NamespaceNameKey(Oid database, std::string_view name) {
  std::string key(1, static_cast<char>(ObjectKind::kNamespaceName));
  AppendBigEndian32(database, &key);
  key.append(name);
  return key;
}

std::string DatabaseNameKey(std::string_view name) {
  std::string key(1, static_cast<char>(ObjectKind::kDatabaseName));
  key.append(name);
  return key;
}

std::string FormatKey() {
  return std::string(1, static_cast<char>(ObjectKind::kFormat));
}

}  // namespace basalt::catalog
