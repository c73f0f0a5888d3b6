#include "catalog/catalog_rows.h"

#include "catalog/role.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "catalog/builtin_operators.h"
#include "catalog/builtin_types.h"
#include "catalog/composite_type.h"
#include "catalog/description_rows.h"
#include "catalog/oids.h"
#include "catalog/statistics_rows.h"
#include "catalog/system_relations.h"
#include "catalog/user_type_rows.h"
#include "common/aclitem.h"

namespace basalt::catalog {
namespace {

// pg_class OIDs of the catalogs objects belong to (pg_description.classoid,
// pg_depend), and of the access methods.
constexpr Oid kHeapAm = 2;
constexpr Oid kBtreeAm = 403;
constexpr Oid kDefaultTablespace = 1663;
constexpr Oid kGlobalTablespace = 1664;
constexpr Oid kPgDatabaseOwner = 6171;

Value Oid_(Oid oid) {
  return Value::Int(oid);
}
Value Name(std::string s) {
  return Value::String(std::move(s));
}
// A "char" value; the zero byte is the empty string, as PostgreSQL's
// charout prints it and '' reads back.
Value Char(char c) {
  return Value::String(c == '\0' ? std::string() : std::string(1, c));
}
Value Bool(bool b) {
  return Value::Bool(b);
}
Value Int(int64_t v) {
  return Value::Int(v);
}
Value Null() {
  return Value::Null();
}
Value Text(std::string s) {
  return Value::String(std::move(s));
}

Value IntArray(const std::vector<int>& values) {
  std::vector<Value> elements;
  for (int v : values) elements.push_back(Value::Int(v));
  return Value::Array(std::move(elements));
}

// The indexes of a table as pg_index sees them: the primary key first (it
// has no entry in Table.indexes), then the others in creation order.
struct IndexView {
  Oid oid = 0;
  std::string name;
  uint32_t relation_id = 0;
  std::vector<int> attnums;
  std::vector<bool> descending;
  std::vector<bool> nulls_first;
  bool unique = false;
  bool primary = false;
  bool constraint = false;  // made by PRIMARY KEY or UNIQUE: has a pg_constraint row
  bool deferrable = false;
  bool initially_deferred = false;
  bool valid = true;      // pg_index.indisvalid (proto::Index::invalid)
  std::string predicate;  // pg_index.indpred (proto::Index::predicate)
  // Per column: an expression column's proto::IndexColumn (attnum 0), or
  // null for a table column.
  std::vector<const proto::IndexColumn*> expressions;
  bool nulls_not_distinct = false;
  std::vector<int> included;  // INCLUDE: indkey's attnums after the key's
};

IndexView IndexViewOf(const proto::Index& index) {
  IndexView v;
  v.oid = index.oid();
  v.name = index.name();
  v.relation_id = index.relation_id();
  v.unique = index.unique();
  v.constraint = index.constraint();
  v.deferrable = index.deferrable();
  v.initially_deferred = index.initially_deferred();
  v.valid = !index.invalid();
  v.predicate = index.predicate();
  v.nulls_not_distinct = index.nulls_not_distinct();
  for (const proto::IndexColumn& c : index.columns()) {
    v.attnums.push_back(c.attnum());
    v.descending.push_back(c.descending());
    v.nulls_first.push_back(c.nulls_first());
    v.expressions.push_back(c.expression().empty() ? nullptr : &c);
  }
  v.included.assign(index.included_attnums().begin(), index.included_attnums().end());
  return v;
}

std::vector<IndexView> IndexesOf(const proto::Table& t) {
  std::vector<IndexView> out;
  for (const proto::Index* listed : ListedIndexes(t)) {
    if (listed != nullptr) {
      out.push_back(IndexViewOf(*listed));
      continue;
    }
    IndexView& pk = out.emplace_back();
    pk.oid = PrimaryKeyIndexOid(t);
    pk.name = t.primary_key_name();
    pk.unique = true;
    pk.primary = true;
    pk.constraint = true;
    for (int attnum : t.primary_key_attnums()) {
      pk.attnums.push_back(attnum);
      pk.descending.push_back(false);
      pk.nulls_first.push_back(false);
      pk.expressions.push_back(nullptr);
    }
    pk.included.assign(t.primary_key_included_attnums().begin(),
                       t.primary_key_included_attnums().end());
  }
  return out;
}

DataType ColumnDataType(const proto::Column& c) {
  return DataType{static_cast<TypeId>(c.type_id()), c.typmod()};
}

const proto::Column* ColumnByAttnum(const proto::Table& t, int attnum) {
  for (const proto::Column& c : t.columns()) {
    if (c.attnum() == attnum) return &c;
  }
  return nullptr;
}

// pg_class.reloptions: the storage parameters set, NULL when none. A
// toast.* parameter belongs to the TOAST table's row, which Basalt has not.
Value RelOptions(const proto::Table& t) {
  std::vector<Value> options;
  for (const std::string& option : t.reloptions()) {
    if (!option.starts_with("toast.")) options.push_back(Value::String(option));
  }
  return options.empty() ? Value::Null() : Value::Array(std::move(options));
}

bool HasStorage(const proto::Table& t) {
  return t.relkind() == "r" || t.relkind() == "m";
}

std::vector<Row> PgClassRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  // relhastriggers: PostgreSQL's foreign keys are triggers on both tables.
  std::set<Oid> with_triggers;
  for (const auto& entry : snapshot.Tables(database)) {
    for (const proto::Constraint& c : entry->def.constraints()) {
      if (c.type() != "f") continue;
      with_triggers.insert(entry->def.oid());
      with_triggers.insert(c.referenced_table_oid());
    }
  }
  for (const auto& entry : snapshot.Tables(database)) {
    const proto::Table& t = entry->def;
    const std::vector<IndexView> indexes = IndexesOf(t);
    const char relkind = t.relkind().empty() ? 'r' : t.relkind()[0];
    const bool stored = HasStorage(t) && !entry->computed;
    // Temporary relations live in a session's pg_temp_<pid> schema.
    const proto::Namespace* ns = snapshot.NamespaceByOid(database, t.namespace_oid());
    const char persistence = ns != nullptr && ns->name().starts_with("pg_temp_") ? 't' : 'p';
    rows.push_back(
        Row{Oid_(t.oid()), Name(t.name()), Oid_(t.namespace_oid()),
            Oid_(0),  // reltype: Basalt has no row types
            Oid_(0), Oid_(t.owner_oid()), Oid_(stored || entry->computed ? kHeapAm : 0),
            Oid_(stored ? t.relation_id() : 0), Oid_(0),
            Int(0),  // relpages
            // reltuples: -1 never analyzed, as a new PostgreSQL 15 table
            Value::Float(t.has_statistics() ? t.statistics().row_count() : -1), Int(0), Oid_(0),
            Bool(!indexes.empty()), Bool(false), Char(persistence), Char(relkind),
            Int(t.columns_size()),
            Int(std::count_if(t.constraints().begin(), t.constraints().end(),
                              [](const proto::Constraint& c) { return c.type() == "c"; })),
            // relhasrules: a view, or a materialized view, is its _RETURN rule
            Bool(relkind == 'v' || relkind == 'm'), Bool(with_triggers.contains(t.oid())),
            Bool(false), Bool(false), Bool(false),
            Bool(relkind != 'm' || t.populated()),  // relispopulated
            Char(relkind == 'r' || relkind == 'm' ? 'd' : 'n'), Bool(false), Oid_(0), Int(0),
            Int(0), Null(), RelOptions(t), Null()});
    for (const IndexView& index : indexes) {
      rows.push_back(Row{Oid_(index.oid),
                         Name(index.name),
                         Oid_(t.namespace_oid()),
                         Oid_(0),
                         Oid_(0),
                         Oid_(t.owner_oid()),
                         Oid_(kBtreeAm),
                         Oid_(index.relation_id != 0 ? index.relation_id : t.relation_id()),
                         Oid_(0),
                         Int(1),
                         Value::Float(0),
                         Int(0),
                         Oid_(0),
                         Bool(false),
                         Bool(false),
                         Char('p'),
                         Char('i'),
                         Int(static_cast<int64_t>(index.attnums.size() + index.included.size())),
                         Int(0),
                         Bool(false),
                         Bool(false),
                         Bool(false),
                         Bool(false),
                         Bool(false),
                         Bool(true),
                         Char('n'),
                         Bool(false),
                         Oid_(0),
                         Int(0),
                         Int(0),
                         Null(),
                         Null(),
                         Null()});
    }
  }
  for (const auto& type : snapshot.Types(database)) {
    if (type->kind() == "c") rows.push_back(CompositeClassRow(*type));
  }
  return rows;
}

// The grant of USAGE to PUBLIC, and of everything to the owner, that
// initdb gives public and pg_catalog.
Value SchemaGrant(Oid owner) {
  constexpr uint32_t kUsage = 1u << 8;
  constexpr uint32_t kCreate = 1u << 9;
  return Value::Array({Value::String(EncodeAclItem({owner, owner, kUsage | kCreate})),
                       Value::String(EncodeAclItem({0, owner, kUsage}))});
}

// pg_init_privs: the schema privileges initdb set, which pg_dump compares
// the current ones with (PostgreSQL 15 lists public's and pg_catalog's;
// its rows for pg_catalog's tables and functions stand for privileges
// Basalt does not have).
std::vector<Row> PgInitPrivsRows() {
  return {Row{Oid_(oids::kPgCatalogNamespace), Oid_(2615), Int(0), Char('i'),
              SchemaGrant(oids::kBootstrapSuperuser)},
          Row{Oid_(oids::kPublicNamespace), Oid_(2615), Int(0), Char('i'),
              SchemaGrant(kPgDatabaseOwner)}};
}

// nspacl: initdb grants USAGE on public, pg_catalog and information_schema
// to PUBLIC (`{owner=UC/owner,=U/owner}`, the owner's name following ALTER
// SCHEMA ... OWNER TO as PostgreSQL's aclnewowner); other schemas keep the
// default (NULL). pg_dump compares public's ACL with that grant.
Value SchemaAcl(const proto::Namespace& ns, Oid owner) {
  if (ns.oid() != oids::kPublicNamespace && ns.oid() != oids::kPgCatalogNamespace &&
      ns.oid() != oids::kInformationSchemaNamespace) {
    return Null();
  }
  return SchemaGrant(owner);
}

std::vector<Row> PgNamespaceRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  for (const proto::Namespace* ns : snapshot.Namespaces(database)) {
    // public belongs to pg_database_owner in PostgreSQL 15.
    const Oid owner = ns->owner_oid() != 0                  ? ns->owner_oid()
                      : ns->oid() == oids::kPublicNamespace ? kPgDatabaseOwner
                                                            : oids::kBootstrapSuperuser;
    rows.push_back(Row{Oid_(ns->oid()), Name(ns->name()), Oid_(owner), SchemaAcl(*ns, owner)});
  }
  return rows;
}

std::vector<Row> PgAttributeRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  auto add = [&](Oid relation, const std::string& name, const DataType& type, int attnum,
                 bool not_null, bool has_default, char identity) {
    const TypeStorage storage = StorageOf(type.id);
    rows.push_back(Row{Oid_(relation),
                       Name(name),
                       Oid_(type.oid()),
                       Int(-1),
                       Int(type.typlen()),
                       Int(attnum),
                       Int(type.IsArray() ? 1 : 0),
                       Int(-1),
                       Int(type.PgTypmod()),
                       Bool(storage.byval),
                       Char(storage.align),
                       Char(storage.storage),
                       Char('\0'),
                       Bool(not_null),
                       Bool(has_default),
                       Bool(false),
                       Char(identity),  // attidentity
                       Char('\0'),
                       Bool(false),
                       Bool(true),
                       Int(0),
                       Oid_(CollationOf(type.id)),
                       Null(),
                       Null(),
                       Null(),
                       Null()});
  };
  constexpr size_t kAttTypId = 2, kAttTypmod = 8;
  // A column of a domain: the domain is its type (its values are the base
  // type's).
  auto of_domain = [&](Oid domain) {
    if (domain == 0) return;
    rows.back()[kAttTypId] = Oid_(domain);
    rows.back()[kAttTypmod] = Int(-1);
  };
  for (const auto& entry : snapshot.Tables(database)) {
    const proto::Table& t = entry->def;
    for (const proto::Column& c : t.columns()) {
      add(t.oid(), c.name(), ColumnDataType(c), c.attnum(), c.not_null(), !c.default_expr().empty(),
          c.identity().empty() ? '\0' : c.identity()[0]);
      of_domain(c.domain_oid());
      if (t.namespace_oid() != oids::kInformationSchemaNamespace) continue;
      // information_schema's columns are declared with its domains, whose
      // string types collate as "C"; their values are of the base types.
      if (const InformationSchemaDomain* domain =
              InformationSchemaColumnDomain(t.name(), c.attnum())) {
        constexpr size_t kAttCollation = 21;
        constexpr Oid kCCollation = 950;
        Row& row = rows.back();
        row[kAttTypId] = Oid_(domain->oid);
        row[kAttTypmod] = Int(-1);
        if (row[kAttCollation].AsInt() != 0) row[kAttCollation] = Oid_(kCCollation);
      }
    }
    for (const IndexView& index : IndexesOf(t)) {
      // Key columns, then INCLUDE's, named as the index made them.
      std::vector<int> attnums = index.attnums;
      attnums.insert(attnums.end(), index.included.begin(), index.included.end());
      std::vector<std::string> names;
      std::vector<DataType> types;
      for (size_t i = 0; i < attnums.size(); ++i) {
        const proto::IndexColumn* e = i < index.expressions.size() ? index.expressions[i] : nullptr;
        const proto::Column* c = ColumnByAttnum(t, attnums[i]);
        if (e != nullptr) {
          names.push_back(e->expression_name());
          types.push_back(
              DataType{static_cast<TypeId>(e->expression_type_id()), e->expression_typmod()});
        } else {
          names.push_back(c != nullptr ? c->name() : "?");
          types.push_back(c != nullptr ? ColumnDataType(*c) : DataType::Of(TypeId::kInt4));
        }
      }
      names = ChooseIndexColumnNames(names);
      for (size_t i = 0; i < attnums.size(); ++i) {
        add(index.oid, names[i], types[i], static_cast<int>(i + 1), false, false, '\0');
      }
    }
  }
  for (const auto& type : snapshot.Types(database)) {
    int attnum = 0;
    for (const proto::CompositeField& field : type->fields()) {
      add(type->relation_oid(), field.name(), CompositeFieldType(field), ++attnum, false, false,
          '\0');
      of_domain(field.domain_oid());
    }
  }
  return rows;
}

std::vector<Row> PgIndexRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  for (const auto& entry : snapshot.Tables(database)) {
    const proto::Table& t = entry->def;
    for (const IndexView& index : IndexesOf(t)) {
      std::vector<Value> collations, classes, options;
      // indexprs: the expressions' text (PostgreSQL's is a node tree).
      std::string expressions;
      for (size_t i = 0; i < index.attnums.size(); ++i) {
        const proto::Column* c = ColumnByAttnum(t, index.attnums[i]);
        TypeId type = c != nullptr ? static_cast<TypeId>(c->type_id()) : TypeId::kInt4;
        if (const proto::IndexColumn* e = index.expressions[i]) {
          type = static_cast<TypeId>(e->expression_type_id());
          expressions += (expressions.empty() ? "" : ", ") + e->expression();
        }
        collations.push_back(Value::Int(CollationOf(type)));
        classes.push_back(Value::Int(BtreeOpclassOf(type)));
        options.push_back(
            Value::Int((index.descending[i] ? 1 : 0) | (index.nulls_first[i] ? 2 : 0)));
      }
      const auto keys = static_cast<int64_t>(index.attnums.size());
      std::vector<int> indkey = index.attnums;
      indkey.insert(indkey.end(), index.included.begin(), index.included.end());
      rows.push_back(Row{Oid_(index.oid),
                         Oid_(t.oid()),
                         Int(static_cast<int64_t>(indkey.size())),
                         Int(keys),
                         Bool(index.unique),
                         Bool(index.nulls_not_distinct),
                         Bool(index.primary),
                         Bool(false),
                         Bool(!index.deferrable),
                         Bool(false),
                         Bool(index.valid),
                         Bool(false),
                         Bool(true),
                         Bool(true),
                         Bool(false),
                         IntArray(indkey),
                         Value::Array(std::move(collations)),
                         Value::Array(std::move(classes)),
                         Value::Array(std::move(options)),
                         expressions.empty() ? Null() : Text(expressions),
                         index.predicate.empty() ? Null() : Text(index.predicate)});
    }
  }
  return rows;
}

// The index a foreign key's referenced columns are looked up in
// (pg_constraint.conindid): the primary key's or a unique index's.
Oid ReferencedIndexOid(const proto::Table& referenced, const proto::Constraint& c) {
  std::vector<int> wanted(c.referenced_attnums().begin(), c.referenced_attnums().end());
  std::sort(wanted.begin(), wanted.end());
  for (const IndexView& index : IndexesOf(referenced)) {
    std::vector<int> have = index.attnums;
    std::sort(have.begin(), have.end());
    if (index.unique && have == wanted) return index.oid;
  }
  return 0;
}

// A CHECK or FOREIGN KEY constraint's pg_constraint row.
Row ConstraintRow(const CatalogSnapshot& snapshot, const proto::Table& t,
                  const proto::Constraint& c) {
  const bool foreign = c.type() == "f";
  std::shared_ptr<const TableEntry> referenced =
      foreign ? snapshot.TableByOid(t.database_oid(), c.referenced_table_oid()) : nullptr;
  auto attnums = [](const auto& list) {
    return IntArray(std::vector<int>(list.begin(), list.end()));
  };
  return Row{Oid_(c.oid()),
             Name(c.name()),
             Oid_(t.namespace_oid()),
             Char(foreign ? 'f' : 'c'),
             Bool(c.deferrable()),
             Bool(c.initially_deferred()),
             Bool(!c.not_valid()),
             Oid_(t.oid()),
             Oid_(0),
             Oid_(referenced != nullptr ? ReferencedIndexOid(referenced->def, c) : 0),
             Oid_(0),
             Oid_(foreign ? c.referenced_table_oid() : 0),
             Char(foreign ? c.on_update()[0] : ' '),
             Char(foreign ? c.on_delete()[0] : ' '),
             Char(foreign ? c.match_type()[0] : ' '),
             Bool(true),
             Int(0),
             Bool(foreign),  // connoinherit: a foreign key is never inherited
             attnums(c.attnums()),
             foreign ? attnums(c.referenced_attnums()) : Null(),
             Null(),
             Null(),
             Null(),
             c.delete_set_attnums_size() > 0 ? attnums(c.delete_set_attnums()) : Null(),
             Null(),
             foreign ? Null() : Text(c.check_expr())};
}

std::vector<Row> PgConstraintRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  for (const auto& entry : snapshot.Tables(database)) {
    const proto::Table& t = entry->def;
    for (const IndexView& index : IndexesOf(t)) {
      if (!index.constraint) continue;
      rows.push_back(Row{Oid_(ConstraintOid(index.oid)),
                         Name(index.name),
                         Oid_(t.namespace_oid()),
                         Char(index.primary ? 'p' : 'u'),
                         Bool(index.deferrable),
                         Bool(index.initially_deferred),
                         Bool(true),
                         Oid_(t.oid()),
                         Oid_(0),
                         Oid_(index.oid),
                         Oid_(0),
                         Oid_(0),
                         Char(' '),
                         Char(' '),
                         Char(' '),
                         Bool(true),
                         Int(0),
                         Bool(true),
                         IntArray(index.attnums),
                         Null(),
                         Null(),
                         Null(),
                         Null(),
                         Null(),
                         Null(),
                         Null()});
    }
    for (const proto::Constraint& c : t.constraints())
      rows.push_back(ConstraintRow(snapshot, t, c));
  }
  for (const auto& type : snapshot.Types(database)) {  // domains' CHECKs (contypid)
    for (const proto::DomainCheck& c : type->checks()) {
      rows.push_back(Row{Oid_(c.oid()),
                         Name(c.name()),
                         Oid_(type->namespace_oid()),
                         Char('c'),
                         Bool(false),
                         Bool(false),
                         Bool(!c.not_valid()),
                         Oid_(0),
                         Oid_(type->oid()),
                         Oid_(0),
                         Oid_(0),
                         Oid_(0),
                         Char(' '),
                         Char(' '),
                         Char(' '),
                         Bool(true),
                         Int(0),
                         Bool(false),
                         Null(),
                         Null(),
                         Null(),
                         Null(),
                         Null(),
                         Null(),
                         Null(),
                         Text(c.check_expr())});
    }
  }
  return rows;
}

std::vector<Row> PgAttrdefRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  for (const auto& entry : snapshot.Tables(database)) {
    const proto::Table& t = entry->def;
    for (const proto::Column& c : t.columns()) {
      if (c.default_expr().empty()) continue;
      rows.push_back(Row{Oid_(AttrDefOid(t, c.attnum())), Oid_(t.oid()), Int(c.attnum()),
                         Text(c.default_expr())});
    }
  }
  return rows;
}

std::vector<Row> PgSequenceRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  for (const auto& entry : snapshot.Tables(database)) {
    if (entry->def.relkind() != "S") continue;
    const proto::SequenceDef& s = entry->def.sequence();
    rows.push_back(Row{Oid_(entry->def.oid()),
                       Oid_(DataType::Of(static_cast<TypeId>(s.type_id())).oid()), Int(s.start()),
                       Int(s.increment()), Int(s.max_value()), Int(s.min_value()), Int(s.cache()),
                       Bool(s.cycle())});
  }
  return rows;
}

// A view or materialized view of the user's: its query is its _RETURN
// rule in PostgreSQL (pg_rewrite), which pg_dump orders views by.
bool HasReturnRule(const TableEntry& entry) {
  return !entry.computed && (entry.def.relkind() == "v" || entry.def.relkind() == "m");
}

// pg_rewrite: each view's and materialized view's _RETURN rule. Its query
// is not kept as a node tree: ev_qual and ev_action are NULL.
std::vector<Row> PgRewriteRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  for (const auto& entry : snapshot.Tables(database)) {
    if (!HasReturnRule(*entry)) continue;
    rows.push_back(Row{Oid_(ReturnRuleOid(entry->def)), Name("_RETURN"), Oid_(entry->def.oid()),
                       Char('1'), Char('O'), Bool(true), Null(), Null()});
  }
  return rows;
}

// pg_depend: a sequence's dependency on the column owning it, automatic
// ('a') for a serial column, internal ('i') for an identity column
// (information_schema tells the two apart by it); a view's _RETURN rule on
// its view (internal) and on each relation its query reads (normal).
// PostgreSQL records a dependency per column read (refobjsubid = attnum);
// Basalt one per relation (refobjsubid 0), which is what pg_dump's ordering
// reads.
std::vector<Row> PgDependRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  constexpr Oid kPgRewriteOid = 2618;
  for (const auto& entry : snapshot.Tables(database)) {
    if (!HasReturnRule(*entry)) continue;
    const Oid rule = ReturnRuleOid(entry->def);
    rows.push_back(Row{Oid_(kPgRewriteOid), Oid_(rule), Int(0), Oid_(kPgClassOid),
                       Oid_(entry->def.oid()), Int(0), Char('i')});
    std::set<Oid> read;
    for (const proto::ViewReference& r : entry->def.view_references()) {
      if (r.oid() == 0 || r.oid() == entry->def.oid() || !read.insert(r.oid()).second) continue;
      rows.push_back(Row{Oid_(kPgRewriteOid), Oid_(rule), Int(0), Oid_(kPgClassOid), Oid_(r.oid()),
                         Int(0), Char('n')});
    }
  }
  for (const auto& entry : snapshot.Tables(database)) {
    const proto::SequenceDef& s = entry->def.sequence();
    if (entry->def.relkind() != "S" || s.owned_by_table() == 0) continue;
    std::shared_ptr<const TableEntry> owner = snapshot.TableByOid(database, s.owned_by_table());
    const proto::Column* column =
        owner != nullptr ? ColumnByAttnum(owner->def, s.owned_by_attnum()) : nullptr;
    const bool identity = column != nullptr && !column->identity().empty();
    rows.push_back(Row{Oid_(kPgClassOid), Oid_(entry->def.oid()), Int(0), Oid_(kPgClassOid),
                       Oid_(s.owned_by_table()), Int(s.owned_by_attnum()),
                       Char(identity ? 'i' : 'a')});
    // A serial column's default draws from the sequence it owns (the rule
    // DROP SEQUENCE applies); pg_dump sets such a default after the
    // sequence exists.
    if (column != nullptr && column->default_expr().find("nextval(") != std::string::npos) {
      constexpr Oid kPgAttrdefOid = 2604;
      rows.push_back(Row{Oid_(kPgAttrdefOid), Oid_(AttrDefOid(owner->def, column->attnum())),
                         Int(0), Oid_(kPgClassOid), Oid_(entry->def.oid()), Int(0), Char('n')});
    }
  }
  return rows;
}

// datacl of initdb's templates: CONNECT for PUBLIC, everything for the
// owner (`{=c/owner,owner=CTc/owner}`); other databases keep the default.
Value DatabaseAcl(const proto::Database& db) {
  if (!oids::IsTemplateDatabase(db.oid())) return Null();
  constexpr uint32_t kCreate = 1u << 9;
  constexpr uint32_t kTemporary = 1u << 10;
  constexpr uint32_t kConnect = 1u << 11;
  const Oid owner = db.owner_oid();
  return Value::Array(
      {Value::String(EncodeAclItem({0, owner, kConnect})),
       Value::String(EncodeAclItem({owner, owner, kCreate | kTemporary | kConnect}))});
}

std::vector<Row> PgDatabaseRows(const CatalogSnapshot& snapshot) {
  std::vector<Row> rows;
  for (const proto::Database* db : snapshot.Databases()) {
    rows.push_back(Row{Oid_(db->oid()), Name(db->name()), Oid_(db->owner_oid()),
                       Int(6),  // UTF8
                       Char('c'), Bool(oids::IsTemplateDatabase(db->oid())),
                       Bool(oids::DatabaseAllowsConnections(db->oid())), Int(-1), Int(0), Int(1),
                       Oid_(kDefaultTablespace), Text("C.UTF-8"), Text("C.UTF-8"), Null(), Null(),
                       DatabaseAcl(*db)});
  }
  return rows;
}

std::vector<Row> PgAuthidRows(const CatalogSnapshot& snapshot) {
  std::vector<Row> rows;
  for (const proto::Role* role : snapshot.Roles()) {
    // The bootstrap superuser has every attribute, as initdb's.
    const bool bootstrap = role->oid() == oids::kBootstrapSuperuser;
    const std::optional<std::string> password = RolePassword(*role);
    const std::optional<int64_t> valid_until = RoleValidUntil(*role);
    rows.push_back(Row{
        Oid_(role->oid()), Name(role->name()), Bool(role->superuser()), Bool(RoleInherit(*role)),
        Bool(bootstrap || role->create_role()), Bool(bootstrap || role->create_db()),
        Bool(role->can_login()), Bool(bootstrap || role->replication()),
        Bool(bootstrap || role->bypass_rls()), Int(RoleConnectionLimit(*role)),
        password ? Value::String(*password) : Null(), valid_until ? Int(*valid_until) : Null()});
  }
  // PostgreSQL 15's predefined roles, which own nothing in Basalt but
  // public's schema (pg_database_owner).
  static constexpr std::pair<Oid, const char*> kPredefined[] = {
      {3373, "pg_monitor"},
      {3374, "pg_read_all_settings"},
      {3375, "pg_read_all_stats"},
      {3377, "pg_stat_scan_tables"},
      {4200, "pg_signal_backend"},
      {4544, "pg_checkpoint"},
      {4569, "pg_read_server_files"},
      {4570, "pg_write_server_files"},
      {4571, "pg_execute_server_program"},
      {6171, "pg_database_owner"},
      {6181, "pg_read_all_data"},
      {6182, "pg_write_all_data"},
  };
  for (const auto& [oid, name] : kPredefined) {
    if (snapshot.RoleByOid(oid) != nullptr) continue;
    rows.push_back(Row{Oid_(oid), Name(name), Bool(false), Bool(true), Bool(false), Bool(false),
                       Bool(false), Bool(false), Bool(false), Int(-1), Null(), Null()});
  }
  return rows;
}

std::vector<Row> PgAmRows() {
  static constexpr std::tuple<Oid, const char*, Oid, char> kAms[] = {
      {2, "heap", 3, 't'},      {403, "btree", 330, 'i'}, {405, "hash", 331, 'i'},
      {783, "gist", 332, 'i'},  {2742, "gin", 333, 'i'},  {4000, "spgist", 334, 'i'},
      {3580, "brin", 335, 'i'},
  };
  std::vector<Row> rows;
  for (const auto& [oid, name, handler, type] : kAms) {
    rows.push_back(Row{Oid_(oid), Name(name), Oid_(handler), Char(type)});
  }
  return rows;
}

std::vector<Row> PgTablespaceRows() {
  return {Row{Oid_(kDefaultTablespace), Name("pg_default"), Oid_(oids::kBootstrapSuperuser), Null(),
              Null()},
          Row{Oid_(kGlobalTablespace), Name("pg_global"), Oid_(oids::kBootstrapSuperuser), Null(),
              Null()}};
}

// initdb's collations of a C.UTF-8 cluster but ICU's: Basalt compares
// strings bytewise, which is what each of these does (C.UTF-8 orders by
// code point, as UTF-8 bytes do).
std::vector<Row> PgCollationRows() {
  auto row = [](Oid oid, const char* name, char provider, int encoding, Value collate) {
    return Row{Oid_(oid),
               Name(name),
               Oid_(oids::kPgCatalogNamespace),
               Oid_(oids::kBootstrapSuperuser),
               Char(provider),
               Bool(true),
               Int(encoding),
               collate,
               collate,
               Null(),
               Null()};
  };
  constexpr int kAnyEncoding = -1, kUtf8 = 6;
  return {row(100, "default", 'd', kAnyEncoding, Null()),
          row(950, "C", 'c', kAnyEncoding, Text("C")),
          row(951, "POSIX", 'c', kAnyEncoding, Text("POSIX")),
          row(12340, "ucs_basic", 'c', kUtf8, Text("C")),
          row(12341, "C.utf8", 'c', kUtf8, Text("C.utf8"))};
}

// PostgreSQL 15's memberships among its predefined roles, granted by the
// bootstrap superuser (Basalt has no GRANT role TO role yet).
std::vector<Row> PgAuthMembersRows() {
  constexpr Oid kPgMonitor = 3373;
  std::vector<Row> rows;
  for (Oid role : {3374 /* pg_read_all_settings */, 3375 /* pg_read_all_stats */,
                   3377 /* pg_stat_scan_tables */}) {
    rows.push_back(Row{Oid_(role), Oid_(kPgMonitor), Oid_(oids::kBootstrapSuperuser), Bool(false)});
  }
  return rows;
}

std::vector<Row> PgExtensionRows() {
  // plpgsql, as every PostgreSQL database lists it.
  return {Row{Oid_(13559), Name("plpgsql"), Oid_(oids::kBootstrapSuperuser),
              Oid_(oids::kPgCatalogNamespace), Bool(false), Text("1.0"), Null(), Null()}};
}

// initdb's languages: \df+ names a function's language through prolang.
std::vector<Row> PgLanguageRows() {
  std::vector<Row> rows;
  for (auto [oid, name, pl, trusted, handler, inline_handler, validator] :
       {std::tuple<Oid, const char*, bool, bool, Oid, Oid, Oid>{12, "internal", false, false, 0, 0,
                                                                2246},
        {13, "c", false, false, 0, 0, 2247},
        {14, "sql", false, true, 0, 0, 2248},
        {13563, "plpgsql", true, true, 13560, 13561, 13562}}) {
    rows.push_back(Row{Oid_(oid), Name(name), Oid_(oids::kBootstrapSuperuser), Bool(pl),
                       Bool(trusted), Oid_(handler), Oid_(inline_handler), Oid_(validator),
                       Null()});
  }
  return rows;
}

}  // namespace

std::vector<std::string> ChooseIndexColumnNames(const std::vector<std::string>& names) {
  std::vector<std::string> chosen;
  for (const std::string& name : names) {
    std::string distinct = name;
    for (int i = 1; std::find(chosen.begin(), chosen.end(), distinct) != chosen.end(); ++i) {
      distinct = name + std::to_string(i);
    }
    chosen.push_back(std::move(distinct));
  }
  return chosen;
}

std::vector<const proto::Index*> ListedIndexes(const proto::Table& table) {
  std::vector<const proto::Index*> out;
  if (!table.primary_key_name().empty()) out.push_back(nullptr);
  for (const proto::Index& index : table.indexes()) {
    if (!index.hidden()) out.push_back(&index);
  }
  return out;
}

Oid PrimaryKeyIndexOid(const proto::Table& table) {
  return 0x40000000u | table.oid();
}
Oid ConstraintOid(Oid index_oid) {
  return 0x80000000u | index_oid;
}
Oid ReturnRuleOid(const proto::Table& view) {
  // Above the primary keys' derived OIDs (0x40000000 | OID, OIDs below 2^29).
  return 0x60000000u | view.oid();
}
Oid AttrDefOid(const proto::Table& table, int attnum) {
  // 2^29 + 2^16 * ... would not fit every table: combine the table's OID
  // with the column number in the range 0x20000000.. (16384 + 1600 columns
  // per table stays below 2^29 for 300,000 tables; beyond that the OIDs
  // could meet, which only pg_attrdef's oid column would show).
  return 0x20000000u + (table.oid() - oids::kFirstUserOid) * 1600u + static_cast<Oid>(attnum);
}

std::vector<Row> CatalogRows(Oid relation, const CatalogSnapshot& snapshot, Oid database) {
  switch (relation) {
    case 1259: return PgClassRows(snapshot, database);
    case 2615: return PgNamespaceRows(snapshot, database);
    case 1249: return PgAttributeRows(snapshot, database);
    case 2610: return PgIndexRows(snapshot, database);
    case 2606: return PgConstraintRows(snapshot, database);
    case 2604: return PgAttrdefRows(snapshot, database);
    case 2224: return PgSequenceRows(snapshot, database);
    case 2608: return PgDependRows(snapshot, database);
    case 2618: return PgRewriteRows(snapshot, database);
    case 3394: return PgInitPrivsRows();
    case 1262: return PgDatabaseRows(snapshot);
    case 1260: return PgAuthidRows(snapshot);
    case 2601: return PgAmRows();
    case 1213: return PgTablespaceRows();
    case 3456: return PgCollationRows();
    case 1261: return PgAuthMembersRows();
    case 2617: return PgOperatorRows();
    case 2600: return PgAggregateRows();
    case 2605: return PgCastRows();
    case 2753: return PgOpfamilyRows();
    case 2616: return PgOpclassRows();
    case 2602: return PgAmopRows();
    case 3079: return PgExtensionRows();
    case 2612: return PgLanguageRows();
    case 2609: return PgDescriptionRows(snapshot, database);
    case 2396: return PgShdescriptionRows(snapshot);
    case 1247: {
      std::vector<Row> rows = PgTypeRows();
      std::vector<Row> user = UserTypeRows(snapshot, database);
      rows.insert(rows.end(), std::make_move_iterator(user.begin()),
                  std::make_move_iterator(user.end()));
      return rows;
    }
    case 3501: return PgEnumRows(snapshot, database);
    case 1255: return PgProcRows();
    case oids::kPgStats: return PgStatsRows(snapshot, database);
    default: return {};
  }
}

}  // namespace basalt::catalog
