// The pg_type rows of user-defined types (each enum or composite type and
// its array type, each domain)
// and pg_enum's rows.
#include "catalog/user_type_rows.h"

#include <string>

#include "catalog/builtin_types.h"

namespace basalt::catalog {

namespace {

// enum_in, enum_out, enum_recv and enum_send.
constexpr Oid kEnumIn = 3506, kEnumOut = 3507, kEnumRecv = 3532, kEnumSend = 3533;
// domain_in and domain_recv.
constexpr Oid kDomainIn = 2597, kDomainRecv = 2598;

// A domain's row: its base type's, as a domain (domain_in, domain_recv),
// with typbasetype, typtypmod, typnotnull and typdefault.
Row DomainRow(const proto::UserType& domain) {
  const DataType base{static_cast<TypeId>(domain.base_type_id()), domain.base_typmod()};
  BuiltinType t = *BuiltinTypeByOid(base.oid());
  t.oid = domain.oid();
  t.typname = domain.name().c_str();
  t.typtype = 'd';
  t.typelem = 0;
  t.typarray = 0;
  t.typinput = kDomainIn;
  t.typreceive = kDomainRecv;
  t.typanalyze = 0;
  t.typsubscript = 0;
  Row row = PgTypeRow(t, domain.namespace_oid(), domain.owner_oid());
  constexpr size_t kTypNotNull = 24, kTypBaseType = 25, kTypTypmod = 26, kTypDefault = 30;
  row[kTypNotNull] = Value::Bool(domain.not_null());
  row[kTypBaseType] =
      Value::Int(domain.base_domain_oid() != 0 ? domain.base_domain_oid() : base.oid());
  row[kTypTypmod] = Value::Int(base.PgTypmod());
  if (!domain.default_expr().empty()) row[kTypDefault] = Value::String(domain.default_expr());
  return row;
}

// A composite type's row and its array type's: record's and _record's,
// renamed, as a composite type ('c', category 'C', typrelid its pg_class
// row).
void AddCompositeRows(const proto::UserType& type, std::vector<Row>* rows) {
  BuiltinType t = *BuiltinTypeByOid(type_oid::kRecord);
  t.oid = type.oid();
  t.typname = type.name().c_str();
  t.typtype = 'c';
  t.typcategory = 'C';
  t.typarray = type.array_oid();
  rows->push_back(PgTypeRow(t, type.namespace_oid(), type.owner_oid()));
  constexpr size_t kTypRelId = 11;
  rows->back()[kTypRelId] = Value::Int(type.relation_oid());
  const std::string array_name = "_" + type.name();
  BuiltinType array = *BuiltinTypeByOid(type_oid::kRecordArray);
  array.oid = type.array_oid();
  array.typname = array_name.c_str();
  array.typtype = 'b';
  array.typcategory = 'A';
  array.typelem = type.oid();
  rows->push_back(PgTypeRow(array, type.namespace_oid(), type.owner_oid()));
}

}  // namespace

std::vector<Row> UserTypeRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  // Their pg_type rows are an int4's and an int4[]'s, renamed.
  const BuiltinType& int4 = *BuiltinTypeByOid(type_oid::kInt4);
  const BuiltinType& int4_array = *BuiltinTypeByOid(type_oid::kInt4Array);
  for (const auto& type : snapshot.Types(database)) {
    if (type->kind() == "d") {
      rows.push_back(DomainRow(*type));
      continue;
    }
    if (type->kind() == "c") {
      AddCompositeRows(*type, &rows);
      continue;
    }
    BuiltinType t = int4;
    t.oid = type->oid();
    t.typname = type->name().c_str();
    t.typtype = 'e';
    t.typcategory = 'E';
    t.typarray = type->array_oid();
    t.typinput = kEnumIn;
    t.typoutput = kEnumOut;
    t.typreceive = kEnumRecv;
    t.typsend = kEnumSend;
    rows.push_back(PgTypeRow(t, type->namespace_oid(), type->owner_oid()));
    const std::string array_name = "_" + type->name();
    BuiltinType array = int4_array;
    array.oid = type->array_oid();
    array.typname = array_name.c_str();
    array.typelem = type->oid();
    rows.push_back(PgTypeRow(array, type->namespace_oid(), type->owner_oid()));
  }
  return rows;
}

std::vector<Row> PgEnumRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  for (const auto& type : snapshot.Types(database)) {
    for (const proto::EnumLabel& label : type->labels()) {
      rows.push_back(Row{Value::Int(label.oid()), Value::Int(type->oid()),
                         Value::Float(static_cast<float>(label.sort_order())),
                         Value::String(label.label())});
    }
  }
  return rows;
}

}  // namespace basalt::catalog
