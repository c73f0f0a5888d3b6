#include "catalog/description_rows.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>

#include "catalog/catalog_rows.h"
#include "catalog/oids.h"

namespace basalt::catalog {

const std::vector<BuiltinDescription>& BuiltinDescriptions() {
  // In pg_description's order of PostgreSQL's initdb: by class, then object.
  static const std::vector<BuiltinDescription> all = [] {
    std::vector<BuiltinDescription> out = BuiltinObjectDescriptions();
    const auto& functions = BuiltinFunctionDescriptions();
    out.insert(out.end(), functions.begin(), functions.end());
    std::sort(out.begin(), out.end(), [](const BuiltinDescription& a, const BuiltinDescription& b) {
      return std::pair(a.classoid, a.objoid) < std::pair(b.classoid, b.objoid);
    });
    return out;
  }();
  return all;
}

std::vector<Description> Descriptions(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Description> out;
  auto add = [&](Oid objoid, Oid classoid, int objsubid, const std::string& text) {
    if (!text.empty()) out.push_back({objoid, classoid, objsubid, text});
  };
  for (const BuiltinDescription& d : BuiltinDescriptions()) add(d.objoid, d.classoid, 0, d.text);
  for (const proto::Namespace* ns : snapshot.Namespaces(database)) {
    add(ns->oid(), kPgNamespaceOid, 0, ns->comment());
  }
  for (const auto& entry : snapshot.Tables(database)) {
    const proto::Table& t = entry->def;
    add(t.oid(), kPgClassOid, 0, t.comment());
    for (const proto::Column& c : t.columns()) add(t.oid(), kPgClassOid, c.attnum(), c.comment());
    if (!t.primary_key_name().empty()) {
      const Oid pk_index = PrimaryKeyIndexOid(t);
      add(pk_index, kPgClassOid, 0, t.primary_key_comment());
      add(ConstraintOid(pk_index), kPgConstraintOid, 0, t.primary_key_constraint_comment());
    }
    for (const proto::Index& index : t.indexes()) {
      if (index.hidden()) continue;
      add(index.oid(), kPgClassOid, 0, index.comment());
      if (index.constraint()) {
        add(ConstraintOid(index.oid()), kPgConstraintOid, 0, index.constraint_comment());
      }
    }
    for (const proto::Constraint& c : t.constraints()) {
      add(c.oid(), kPgConstraintOid, 0, c.comment());
    }
  }
  return out;
}

std::vector<Description> SharedDescriptions(const CatalogSnapshot& snapshot) {
  std::vector<Description> out;
  for (const proto::Database* db : snapshot.Databases()) {
    if (!db->comment().empty()) out.push_back({db->oid(), kPgDatabaseOid, 0, db->comment()});
  }
  for (const proto::Role* role : snapshot.Roles()) {
    if (!role->comment().empty()) out.push_back({role->oid(), kPgAuthidOid, 0, role->comment()});
  }
  return out;
}

namespace {

std::optional<std::string> Find(const std::vector<Description>& descriptions, Oid objoid,
                                Oid classoid, int objsubid) {
  auto it = std::find_if(descriptions.begin(), descriptions.end(), [&](const Description& d) {
    return d.objoid == objoid && (classoid == 0 || d.classoid == classoid) &&
           d.objsubid == objsubid;
  });
  if (it == descriptions.end()) return std::nullopt;
  return it->text;
}

std::vector<Row> RowsOf(std::vector<Description> descriptions, bool shared) {
  std::vector<Row> rows;
  rows.reserve(descriptions.size());
  for (Description& d : descriptions) {
    Row row{Value::Int(d.objoid), Value::Int(d.classoid)};
    if (!shared) row.push_back(Value::Int(d.objsubid));  // pg_shdescription has no objsubid
    row.push_back(Value::String(std::move(d.text)));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::optional<std::string> FindDescription(const CatalogSnapshot& snapshot, Oid database,
                                           Oid objoid, Oid classoid, int objsubid) {
  // The built-in types and functions first, without copying every
  // comment: \dT and \df+ ask once per row.
  if (objsubid == 0 && objoid < oids::kFirstUserOid) {
    static const std::unordered_map<uint64_t, const char*> builtin = [] {
      std::unordered_map<uint64_t, const char*> out;
      for (const BuiltinDescription& d : BuiltinDescriptions()) {
        out.emplace(uint64_t{d.classoid} << 32 | d.objoid, d.text);
      }
      return out;
    }();
    for (Oid catalog : {kPgTypeOid, kPgProcOid, kPgExtensionOid}) {
      if (classoid != 0 && classoid != catalog) continue;
      auto it = builtin.find(uint64_t{catalog} << 32 | objoid);
      if (it != builtin.end()) return std::string(it->second);
    }
  }
  return Find(Descriptions(snapshot, database), objoid, classoid, objsubid);
}

std::optional<std::string> FindSharedDescription(const CatalogSnapshot& snapshot, Oid objoid,
                                                 Oid classoid) {
  return Find(SharedDescriptions(snapshot), objoid, classoid, 0);
}

std::vector<Row> PgDescriptionRows(const CatalogSnapshot& snapshot, Oid database) {
  return RowsOf(Descriptions(snapshot, database), /*shared=*/false);
}

std::vector<Row> PgShdescriptionRows(const CatalogSnapshot& snapshot) {
  return RowsOf(SharedDescriptions(snapshot), /*shared=*/true);
}

}  // namespace basalt::catalog
