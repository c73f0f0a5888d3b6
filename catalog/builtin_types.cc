#include "catalog/builtin_types.h"

#include <string>
#include <string_view>
#include <unordered_map>

#include "catalog/oids.h"

namespace basalt::catalog {

const BuiltinType* BuiltinTypeByOid(Oid oid) {
  for (const BuiltinType& t : BuiltinTypes()) {
    if (t.oid == oid) return &t;
  }
  return nullptr;
}

const BuiltinProc* BuiltinProcByOid(Oid oid) {
  // Thousands of functions, looked up per row of regproc output.
  static const auto* by_oid = [] {
    auto* map = new std::unordered_map<Oid, const BuiltinProc*>();
    for (const BuiltinProc& p : BuiltinProcs()) (*map)[p.oid] = &p;
    return map;
  }();
  auto it = by_oid->find(oid);
  return it == by_oid->end() ? nullptr : it->second;
}

std::vector<Oid> OidList(std::string_view text) {
  std::vector<Oid> oids;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    if (end > i) oids.push_back(static_cast<Oid>(std::stoul(std::string(text.substr(i, end - i)))));
    i = end + 1;
  }
  return oids;
}

TypeStorage StorageOf(TypeId type) {
  // Composite types store as record does.
  if (type == TypeId::kComposite) type = TypeId::kRecord;
  if (type == TypeId::kCompositeArray) type = TypeId::kRecordArray;
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
    case TypeId::kBool: return 10003;  // bool_ops
    case TypeId::kInt2: return 1979;
    case TypeId::kInt4: return 1978;
    case TypeId::kInt8: return 3124;
    case TypeId::kFloat4: return 10012;  // float4_ops
    case TypeId::kFloat8: return 3123;   // float8_ops
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
    case TypeId::kEnum: return 10069;      // enum_ops
    case TypeId::kBytea: return 10006;     // bytea_ops
    case TypeId::kJsonb: return 10088;     // jsonb_ops
    case TypeId::kOid: return 1981;
    case TypeId::kName: return 10028;  // name_ops
    default: return 0;
  }
}

namespace {

Value Char(char c) {
  return Value::String(std::string(1, c));
}

Value OidArrayFromText(std::string_view text) {
  std::vector<Value> elements;
  for (Oid oid : OidList(text)) elements.push_back(Value::Int(oid));
  return Value::Array(std::move(elements));
}

// A list of strings split at `separator`, empty items kept ("a,,b").
std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> items;
  while (true) {
    const size_t end = text.find(separator);
    items.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) return items;
    text.remove_prefix(end + 1);
  }
}

Value TextArrayOrNull(const char* text, char separator) {
  if (text == nullptr) return Value::Null();
  std::vector<Value> elements;
  for (std::string& item : Split(text, separator)) elements.push_back(Value::String(item));
  return Value::Array(std::move(elements));
}

Value ModesOrNull(const char* modes) {
  if (modes == nullptr) return Value::Null();
  std::vector<Value> elements;
  for (const char* m = modes; *m != '\0'; ++m) elements.push_back(Char(*m));
  return Value::Array(std::move(elements));
}

// proargdefaults as pg_get_expr prints PostgreSQL's list: the defaults'
// SQL text, ", " between.
Value DefaultsOrNull(const char* defaults) {
  if (defaults == nullptr) return Value::Null();
  std::string text;
  for (const std::string& item : Split(defaults, '\t')) {
    if (!text.empty()) text += ", ";
    text += item;
  }
  return Value::String(text);
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

Row PgTypeRow(const BuiltinType& t, Oid namespace_oid, Oid owner) {
  return Row{Value::Int(t.oid),
             Value::String(t.typname),
             Value::Int(namespace_oid),
             Value::Int(owner),
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

namespace {

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
                       Value::Float(p.procost),
                       Value::Float(p.prorows),
                       Value::Int(p.provariadic),
                       Value::Int(0),  // prosupport
                       Char(p.prokind),
                       Value::Bool(false),  // prosecdef
                       Value::Bool(p.proleakproof),
                       Value::Bool(p.proisstrict),
                       Value::Bool(p.proretset),
                       Char(p.provolatile),
                       Char(p.proparallel),
                       Value::Int(nargs),
                       Value::Int(p.pronargdefaults),
                       Value::Int(p.prorettype),
                       std::move(argtypes),
                       p.proallargtypes ? OidArrayFromText(p.proallargtypes) : Value::Null(),
                       ModesOrNull(p.proargmodes),
                       TextArrayOrNull(p.proargnames, ','),
                       DefaultsOrNull(p.argdefaults),
                       Value::Null(),
                       Value::String(p.prosrc),
                       Value::Null(),
                       p.prosqlbody ? Value::String(p.prosqlbody) : Value::Null(),
                       Value::Null(),
                       Value::Null()});
  }
  return rows;
}

}  // namespace basalt::catalog
