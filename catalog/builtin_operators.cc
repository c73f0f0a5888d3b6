#include "catalog/builtin_operators.h"

#include <string>
#include <unordered_map>

#include "catalog/oids.h"

namespace basalt::catalog {
namespace {

Value Oid_(Oid oid) {
  return Value::Int(oid);
}
// A "char" value; the zero byte is the empty string, as charout prints it.
Value Char(char c) {
  return Value::String(c == '\0' ? std::string() : std::string(1, c));
}
Value TextOrNull(const char* text) {
  return text == nullptr ? Value::Null() : Value::String(text);
}

// Every built-in object is in pg_catalog, owned by the bootstrap superuser.
Value PgCatalog() {
  return Oid_(oids::kPgCatalogNamespace);
}
Value Owner() {
  return Oid_(oids::kBootstrapSuperuser);
}

}  // namespace

const BuiltinAggregate* BuiltinAggregateByOid(Oid aggfnoid) {
  static const auto* by_oid = [] {
    auto* map = new std::unordered_map<Oid, const BuiltinAggregate*>();
    for (const BuiltinAggregate& a : BuiltinAggregates()) (*map)[a.aggfnoid] = &a;
    return map;
  }();
  auto it = by_oid->find(aggfnoid);
  return it == by_oid->end() ? nullptr : it->second;
}

std::vector<Row> PgOperatorRows() {
  std::vector<Row> rows;
  for (const BuiltinOperator& o : BuiltinOperators()) {
    rows.push_back(Row{Oid_(o.oid), Value::String(o.oprname), PgCatalog(), Owner(), Char(o.oprkind),
                       Value::Bool(o.oprcanmerge), Value::Bool(o.oprcanhash), Oid_(o.oprleft),
                       Oid_(o.oprright), Oid_(o.oprresult), Oid_(o.oprcom), Oid_(o.oprnegate),
                       Oid_(o.oprcode), Oid_(o.oprrest), Oid_(o.oprjoin)});
  }
  return rows;
}

std::vector<Row> PgAggregateRows() {
  std::vector<Row> rows;
  for (const BuiltinAggregate& a : BuiltinAggregates()) {
    rows.push_back(Row{Oid_(a.aggfnoid),
                       Char(a.aggkind),
                       Value::Int(a.aggnumdirectargs),
                       Oid_(a.aggtransfn),
                       Oid_(a.aggfinalfn),
                       Oid_(a.aggcombinefn),
                       Oid_(a.aggserialfn),
                       Oid_(a.aggdeserialfn),
                       Oid_(a.aggmtransfn),
                       Oid_(a.aggminvtransfn),
                       Oid_(a.aggmfinalfn),
                       Value::Bool(a.aggfinalextra),
                       Value::Bool(a.aggmfinalextra),
                       Char(a.aggfinalmodify),
                       Char(a.aggmfinalmodify),
                       Oid_(a.aggsortop),
                       Oid_(a.aggtranstype),
                       Value::Int(a.aggtransspace),
                       Oid_(a.aggmtranstype),
                       Value::Int(a.aggmtransspace),
                       TextOrNull(a.agginitval),
                       TextOrNull(a.aggminitval)});
  }
  return rows;
}

std::vector<Row> PgCastRows() {
  std::vector<Row> rows;
  for (const BuiltinCast& c : BuiltinCasts()) {
    rows.push_back(Row{Oid_(c.oid), Oid_(c.castsource), Oid_(c.casttarget), Oid_(c.castfunc),
                       Char(c.castcontext), Char(c.castmethod)});
  }
  return rows;
}

std::vector<Row> PgOpfamilyRows() {
  std::vector<Row> rows;
  for (const BuiltinOpfamily& f : BuiltinOpfamilies()) {
    rows.push_back(
        Row{Oid_(f.oid), Oid_(f.opfmethod), Value::String(f.opfname), PgCatalog(), Owner()});
  }
  return rows;
}

std::vector<Row> PgOpclassRows() {
  std::vector<Row> rows;
  for (const BuiltinOpclass& c : BuiltinOpclasses()) {
    rows.push_back(Row{Oid_(c.oid), Oid_(c.opcmethod), Value::String(c.opcname), PgCatalog(),
                       Owner(), Oid_(c.opcfamily), Oid_(c.opcintype), Value::Bool(c.opcdefault),
                       Oid_(c.opckeytype)});
  }
  return rows;
}

std::vector<Row> PgAmopRows() {
  std::vector<Row> rows;
  for (const BuiltinAmop& a : BuiltinAmops()) {
    rows.push_back(Row{Oid_(a.oid), Oid_(a.amopfamily), Oid_(a.amoplefttype), Oid_(a.amoprighttype),
                       Value::Int(a.amopstrategy), Char(a.amoppurpose), Oid_(a.amopopr),
                       Oid_(a.amopmethod), Oid_(a.amopsortfamily)});
  }
  return rows;
}

}  // namespace basalt::catalog
