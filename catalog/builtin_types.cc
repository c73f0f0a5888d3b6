#include "catalog/builtin_types.h"

#include <string>
#include <string_view>

#include "catalog/oids.h"

namespace basalt::catalog {

const BuiltinType* BuiltinTypeByOid(Oid oid) {
  for (const BuiltinType& t : BuiltinTypes()) {
    if (t.oid == oid) return &t;
  }
  return nullptr;
}

const BuiltinProc* BuiltinProcByOid(Oid oid) {
  for (const BuiltinProc& p : BuiltinProcs()) {
    if (p.oid == oid) return &p;
  }
  return nullptr;
}

TypeStorage StorageOf(TypeId type) {
  if (const BuiltinType* t = BuiltinTypeByOid(DataType::Of(type).oid())) {
    return {t->typbyval, t->typalign, t->typstorage};
  }
  return {false, 'i', 'x'};
}

Oid CollationOf(TypeId type) {
  if (const BuiltinType* t = BuiltinTypeByOid(DataType::Of(type).oid())) return t->typcollation;
  return 0;
}

Oid BtreeOpclassOf(TypeId type) {
  switch (type) {
    case TypeId::kBool: return 424;
    case TypeId::kInt2: return 1979;
    case TypeId::kInt4: return 1978;
    case TypeId::kInt8: return 3124;
    case TypeId::kFloat4: return 1970;
    case TypeId::kFloat8: return 1971;
    case TypeId::kNumeric: return 3125;
    case TypeId::kText:
    case TypeId::kVarchar: return 3126;  // text_ops (varchar has none of its own)
    case TypeId::kBpchar: return 10004;  // bpchar_ops
    case TypeId::kDate: return 3122;
    case TypeId::kTimestamp: return 3128;
    case TypeId::kTimestampTz: return 3127;
    case TypeId::kInterval: return 10022;  // interval_ops
    case TypeId::kTime: return 10038;      // time_ops
    case TypeId::kTimeTz: return 10041;    // timetz_ops
    case TypeId::kUuid: return 10065;      // uuid_ops
    case TypeId::kBytea: return 10006;     // bytea_ops
    case TypeId::kJsonb: return 4033;      // jsonb_ops
    case TypeId::kOid: return 1981;
    case TypeId::kName: return 1986;
    default: return 0;
  }
}

namespace {

Value OidArrayFromText(std::string_view text) {
  std::vector<Value> elements;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    if (end > i) elements.push_back(Value::Int(std::stoll(std::string(text.substr(i, end - i)))));
    i = end + 1;
  }
  return Value::Array(std::move(elements));
}

Value Char(char c) {
  return Value::String(std::string(1, c));
}

}  // namespace

namespace {

constexpr InformationSchemaDomain kInformationSchemaDomains[] = {
    {13221, "cardinal_number", type_oid::kInt4, -1, nullptr},
    {13224, "character_data", type_oid::kVarchar, -1, nullptr},
    {13226, "sql_identifier", type_oid::kName, -1, nullptr},
    {13232, "time_stamp", type_oid::kTimestampTz, 2, "CURRENT_TIMESTAMP(2)"},
    {13234, "yes_or_no", type_oid::kVarchar, 7, nullptr},
};

}  // namespace

const InformationSchemaDomain* InformationSchemaDomainByOid(Oid oid) {
  for (const InformationSchemaDomain& domain : kInformationSchemaDomains) {
    if (domain.oid == oid) return &domain;
  }
  return nullptr;
}

const InformationSchemaDomain* InformationSchemaDomainByName(std::string_view typname) {
  for (const InformationSchemaDomain& domain : kInformationSchemaDomains) {
    if (domain.typname == typname) return &domain;
  }
  return nullptr;
}

namespace {

Row PgTypeRow(const BuiltinType& t, Oid namespace_oid) {
  return Row{Value::Int(t.oid),
             Value::String(t.typname),
             Value::Int(namespace_oid),
             Value::Int(oids::kBootstrapSuperuser),
             Value::Int(t.typlen),
             Value::Bool(t.typbyval),
             Char(t.typtype),
             Char(t.typcategory),
             Value::Bool(t.typispreferred),
             Value::Bool(true),  // typisdefined
             Char(','),
             Value::Int(0),
             Value::Int(t.typsubscript),
             Value::Int(t.typelem),
             Value::Int(t.typarray),
             Value::Int(t.typinput),
             Value::Int(t.typoutput),
             Value::Int(t.typreceive),
             Value::Int(t.typsend),
             Value::Int(t.typmodin),
             Value::Int(t.typmodout),
             Value::Int(t.typanalyze),
             Char(t.typalign),
             Char(t.typstorage),
             Value::Bool(false),
             Value::Int(0),
             Value::Int(-1),
             Value::Int(0),
             Value::Int(t.typcollation),
             Value::Null(),
             Value::Null(),
             Value::Null()};
}

constexpr Oid kDomainIn = 2597;
constexpr Oid kDomainRecv = 2598;
// The information_schema domains over strings are declared COLLATE "C".
constexpr Oid kCCollation = 950;

Row DomainTypeRow(const InformationSchemaDomain& domain) {
  BuiltinType t = *BuiltinTypeByOid(domain.base_type);
  t.oid = domain.oid;
  t.typname = domain.typname;
  t.typtype = 'd';
  t.typelem = 0;
  t.typarray = 0;  // Basalt has no arrays of the domains
  t.typinput = kDomainIn;
  t.typreceive = kDomainRecv;
  t.typanalyze = 0;
  t.typsubscript = 0;
  if (t.typcollation != 0) t.typcollation = kCCollation;
  Row row = PgTypeRow(t, oids::kInformationSchemaNamespace);
  constexpr size_t kTypBaseType = 25, kTypTypmod = 26, kTypDefaultBin = 29, kTypDefault = 30;
  row[kTypBaseType] = Value::Int(domain.base_type);
  row[kTypTypmod] = Value::Int(domain.typmod);
  if (domain.typdefault != nullptr) {
    row[kTypDefaultBin] = Value::String(domain.typdefault);
    row[kTypDefault] = Value::String(domain.typdefault);
  }
  return row;
}

}  // namespace

std::vector<Row> PgTypeRows() {
  std::vector<Row> rows;
  for (const BuiltinType& t : BuiltinTypes())
    rows.push_back(PgTypeRow(t, oids::kPgCatalogNamespace));
  for (const InformationSchemaDomain& domain : kInformationSchemaDomains) {
    rows.push_back(DomainTypeRow(domain));
  }
  return rows;
}

std::vector<Row> PgProcRows() {
  std::vector<Row> rows;
  for (const BuiltinProc& p : BuiltinProcs()) {
    Value argtypes = OidArrayFromText(p.proargtypes);
    const auto nargs = static_cast<int64_t>(argtypes.AsArray().size());
    rows.push_back(Row{Value::Int(p.oid),
                       Value::String(p.proname),
                       Value::Int(oids::kPgCatalogNamespace),
                       Value::Int(oids::kBootstrapSuperuser),
                       Value::Int(p.prolang),
                       Value::Float(1),
                       Value::Float(p.proretset ? 1000 : 0),
                       Value::Int(0),
                       Value::Int(0),
                       Char(p.prokind),
                       Value::Bool(false),
                       Value::Bool(false),
                       Value::Bool(p.proisstrict),
                       Value::Bool(p.proretset),
                       Char(p.provolatile),
                       Char('s'),
                       Value::Int(nargs),
                       Value::Int(0),
                       Value::Int(p.prorettype),
                       std::move(argtypes),
                       Value::Null(),
                       Value::Null(),
                       Value::Null(),
                       Value::Null(),
                       Value::Null(),
                       Value::String(p.prosrc),
                       Value::Null(),
                       Value::Null(),
                       Value::Null(),
                       Value::Null()});
  }
  return rows;
}

}  // namespace basalt::catalog
