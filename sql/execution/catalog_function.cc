#include "sql/execution/catalog_function.h"

#include "sql/execution/array_shape.h"

#include <fmt/format.h>

#include <cstdlib>

#include "catalog/builtin_types.h"
#include "catalog/catalog_rows.h"
#include "catalog/description_rows.h"
#include "catalog/oids.h"
#include "common/aclitem.h"
#include "common/enum_value.h"
#include "common/error.h"
#include "common/value_text.h"
#include "sql/binder/binder.h"
#include "sql/binder/deparse.h"
#include "sql/catalog_names.h"
#include "sql/execution/domain_checks.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/index_check.h"
#include "sql/execution/regex_match.h"
#include "sql/execution/relation_size.h"
#include "sql/parser/ast_printer.h"
#include "sql/parser/parser.h"

namespace basalt::sql {
namespace {

CatalogNames NamesOf(const ExecContext* ctx) {
  if (ctx == nullptr || ctx->catalog == nullptr) {
    // Only constant folding evaluates without a context; the call is then
    // left for run time.
    throw Error(sqlstate::kFeatureNotSupported, "catalog functions need a running statement");
  }
  return CatalogNames(ctx->catalog, ctx->database_oid, ctx->user, ctx->search_path);
}

Oid AsOid(const Value& v) {
  return static_cast<Oid>(v.AsInt());
}

std::string ColumnName(const catalog::proto::Table& t, int attnum) {
  for (const catalog::proto::Column& c : t.columns()) {
    if (c.attnum() == attnum) return ast::QuoteName(c.name(), true);
  }
  return fmt::format("{}", attnum);
}

// pg_get_viewdef: the stored query bound again and printed as PostgreSQL
// prints it; the text as written (in the same frame) if it no longer binds
// or has a construct the printer does not know.
std::string ViewDefinition(const CatalogNames& names,
                           const std::shared_ptr<const catalog::TableEntry>& view, bool pretty) {
  std::vector<std::string> column_names;
  for (const catalog::proto::Column& c : view->def.columns()) column_names.push_back(c.name());
  try {
    Binder binder(names.snapshot(), names.database(), names.user(), names.search_path());
    binder.KeepWithClauses();
    std::unique_ptr<BoundSelect> query = binder.BindViewQuery(view, 0);
    if (std::optional<std::string> text = DeparseQuery(*query, column_names, names, pretty)) {
      return *std::move(text);
    }
  } catch (const Error&) {
  }
  return " " + view->def.view_query() + ";";
}

// pg_get_expr: a stored expression over relation `relation` (a column
// default) bound again and printed as PostgreSQL prints it, so that the
// names in it are qualified where the search_path would not find them
// (pg_dump reads defaults with an empty search_path); the text as stored
// where it does not bind or the printer does not know a construct.
std::string StoredExpressionText(const CatalogNames& names, const std::string& text, Oid relation,
                                 bool pretty) {
  auto table = names.Table(relation);
  if (table == nullptr) return text;
  try {
    Binder binder(names.snapshot(), names.database(), names.user(), names.search_path());
    // PostgreSQL stores a default coerced to its column's type ('x' on a
    // varchar column prints as 'x'::character varying); only the text comes
    // here, so the column whose default it is gives the type.
    int column = -1;
    for (int c = 0; c < table->def.columns_size() && column < 0; ++c) {
      if (table->def.columns(c).default_expr() == text) column = c;
    }
    BoundExprPtr e = column >= 0
                         ? binder.BindColumnDefault(*table, column)
                         : binder.BindRowExpression(table->def, *ParseExpression(text), "DEFAULT");
    if (std::optional<std::string> out = DeparseTableExpression(*e, *table, names, pretty)) {
      return *std::move(out);
    }
  } catch (const Error&) {
  }
  return text;
}

std::string QualifiedTableName(const CatalogNames& names, const catalog::proto::Table& t) {
  const catalog::proto::Namespace* ns =
      names.snapshot().NamespaceByOid(names.database(), t.namespace_oid());
  return ast::QuoteName(ns != nullptr ? ns->name() : "", true) + "." +
         ast::QuoteName(t.name(), true);
}

// An expression index column as pg_get_indexdef prints it: in parentheses
// unless a bare function call (looks_like_function); without pretty, bound
// again and printed with PostgreSQL's own parentheses.
std::string IndexExpressionText(const CatalogNames& names, const catalog::TableEntry& table,
                                const std::string& text, bool pretty) {
  std::optional<std::string> out;
  bool function = false;
  try {
    Binder binder(names.snapshot(), names.database(), names.user(), names.search_path());
    BoundExprPtr e = binder.BindIndexExpression(table.def, *ParseExpression(text));
    function = e->kind == BoundExprKind::kFunction;
    if (!pretty) out = DeparseTableExpression(*e, table, names, false);
  } catch (const Error&) {
  }
  return function ? out.value_or(text) : "(" + out.value_or(text) + ")";
}

// pg_get_indexdef: `CREATE UNIQUE INDEX name ON schema.table USING btree
// (a, b DESC) INCLUDE (c)`, or the `column`th column alone.
Value IndexDef(const CatalogNames& names, Oid index_oid, int64_t column, bool pretty) {
  auto table = names.IndexTable(index_oid);
  if (table == nullptr) return Value::Null();
  const catalog::proto::Table& t = table->def;
  std::string name;
  bool unique = true;
  bool nulls_not_distinct = false;
  std::vector<std::string> keys;
  std::vector<std::string> orders;  // " DESC", ... per key
  std::vector<std::string> included;
  std::string predicate;
  if (catalog::PrimaryKeyIndexOid(t) == index_oid) {
    name = t.primary_key_name();
    for (int attnum : t.primary_key_attnums()) {
      keys.push_back(ColumnName(t, attnum));
      orders.emplace_back();
    }
    for (int attnum : t.primary_key_included_attnums()) included.push_back(ColumnName(t, attnum));
  } else {
    for (const catalog::proto::Index& index : t.indexes()) {
      if (index.oid() != index_oid) continue;
      name = index.name();
      unique = index.unique();
      nulls_not_distinct = index.nulls_not_distinct();
      predicate = index.predicate();
      for (const catalog::proto::IndexColumn& c : index.columns()) {
        keys.push_back(c.expression().empty()
                           ? ColumnName(t, c.attnum())
                           : IndexExpressionText(names, *table, c.expression(), pretty));
        std::string order;
        if (c.descending()) order += c.nulls_first() ? " DESC" : " DESC NULLS LAST";
        if (!c.descending() && c.nulls_first()) order += " NULLS FIRST";
        orders.push_back(std::move(order));
      }
      for (int attnum : index.included_attnums()) included.push_back(ColumnName(t, attnum));
    }
  }
  if (column > 0) {
    const auto k = static_cast<size_t>(column - 1);
    if (k < keys.size()) return Value::String(keys[k]);
    if (k - keys.size() < included.size()) return Value::String(included[k - keys.size()]);
    return Value::String("");
  }
  std::string list;
  for (size_t k = 0; k < keys.size(); ++k) list += (k == 0 ? "" : ", ") + keys[k] + orders[k];
  for (size_t k = 0; k < included.size(); ++k)
    list += (k == 0 ? ") INCLUDE (" : ", ") + included[k];
  std::string where;
  if (!predicate.empty()) {
    // Kept as the pretty form; without pretty, bound again and printed with
    // PostgreSQL's parentheses.
    std::optional<std::string> text;
    if (!pretty) {
      try {
        Binder binder(names.snapshot(), names.database(), names.user(), names.search_path());
        BoundExprPtr e = binder.BindIndexPredicate(t, *ParseExpression(predicate));
        text = DeparseTableExpression(*e, *table, names, false);
      } catch (const Error&) {
      }
    }
    where = " WHERE " + text.value_or(predicate);
  }
  // Pretty names the table unqualified when the search path finds it.
  const std::string table_name = pretty && names.RelationIsVisible(t.oid())
                                     ? ast::QuoteName(t.name(), true)
                                     : QualifiedTableName(names, t);
  return Value::String(fmt::format("CREATE {}INDEX {} ON {} USING btree ({}){}{}",
                                   unique ? "UNIQUE " : "", ast::QuoteName(name, true), table_name,
                                   list, nulls_not_distinct ? " NULLS NOT DISTINCT" : "", where));
}

// A CHECK or FOREIGN KEY constraint as pg_get_constraintdef prints it:
// `CHECK ((a > 0))` (its expression bound again and printed), `FOREIGN KEY
// (p) REFERENCES p(id) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL`,
// then ` DEFERRABLE`, ` INITIALLY DEFERRED` and ` NOT VALID` as they apply.
std::string TableConstraintDef(const CatalogNames& names,
                               const std::shared_ptr<const catalog::TableEntry>& table,
                               const catalog::proto::Constraint& c, bool pretty) {
  const catalog::proto::Table& t = table->def;
  std::string out;
  if (c.type() == "c") {
    std::optional<std::string> text;
    try {
      Binder binder(names.snapshot(), names.database(), names.user(), names.search_path());
      BoundExprPtr e = binder.BindCheckExpression(t, *ParseExpression(c.check_expr()));
      text = DeparseTableExpression(*e, *table, names, pretty);
    } catch (const Error&) {
    }
    out = pretty ? fmt::format("CHECK ({})", text ? *text : c.check_expr())
                 : fmt::format("CHECK ({})", text ? *text : "(" + c.check_expr() + ")");
  } else {
    auto list = [](const catalog::proto::Table& of, const auto& attnums) {
      std::string text;
      for (int attnum : attnums) text += (text.empty() ? "" : ", ") + ColumnName(of, attnum);
      return text;
    };
    auto referenced = names.Table(c.referenced_table_oid());
    std::string target = "?";
    std::string target_columns;
    if (referenced != nullptr) {
      target = names.RelationIsVisible(referenced->def.oid())
                   ? ast::QuoteName(referenced->def.name(), true)
                   : QualifiedTableName(names, referenced->def);
      target_columns = list(referenced->def, c.referenced_attnums());
    }
    out = fmt::format("FOREIGN KEY ({}) REFERENCES {}({})", list(t, c.attnums()), target,
                      target_columns);
    if (c.match_type() == "f") out += " MATCH FULL";
    auto action = [](const std::string& letter) -> std::string {
      if (letter == "r") return "RESTRICT";
      if (letter == "c") return "CASCADE";
      if (letter == "n") return "SET NULL";
      if (letter == "d") return "SET DEFAULT";
      return "";
    };
    if (!action(c.on_update()).empty()) out += " ON UPDATE " + action(c.on_update());
    if (!action(c.on_delete()).empty()) out += " ON DELETE " + action(c.on_delete());
    if (c.delete_set_attnums_size() > 0) out += " (" + list(t, c.delete_set_attnums()) + ")";
  }
  if (c.deferrable()) out += " DEFERRABLE";
  if (c.initially_deferred()) out += " INITIALLY DEFERRED";
  if (c.not_valid()) out += " NOT VALID";
  return out;
}

// pg_get_constraintdef: `PRIMARY KEY (a, b)`, `UNIQUE (a)`, CHECK and
// FOREIGN KEY (TableConstraintDef).
Value ConstraintDef(const CatalogNames& names, Oid constraint_oid, bool pretty) {
  for (const auto& entry : names.snapshot().Tables(names.database())) {
    const catalog::proto::Table& t = entry->def;
    auto columns = [&](const std::vector<int>& attnums) {
      std::string list;
      for (int attnum : attnums) list += (list.empty() ? "" : ", ") + ColumnName(t, attnum);
      return list;
    };
    auto including = [&](const auto& attnums) {
      if (attnums.empty()) return std::string();
      return " INCLUDE (" + columns(std::vector<int>(attnums.begin(), attnums.end())) + ")";
    };
    if (!t.primary_key_name().empty() &&
        catalog::ConstraintOid(catalog::PrimaryKeyIndexOid(t)) == constraint_oid) {
      std::vector<int> attnums(t.primary_key_attnums().begin(), t.primary_key_attnums().end());
      return Value::String(fmt::format("PRIMARY KEY ({}){}", columns(attnums),
                                       including(t.primary_key_included_attnums())));
    }
    for (const catalog::proto::Index& index : t.indexes()) {
      if (!index.constraint() || catalog::ConstraintOid(index.oid()) != constraint_oid) continue;
      std::vector<int> attnums;
      for (const catalog::proto::IndexColumn& c : index.columns()) attnums.push_back(c.attnum());
      std::string def =
          fmt::format("UNIQUE {}({}){}", index.nulls_not_distinct() ? "NULLS NOT DISTINCT " : "",
                      columns(attnums), including(index.included_attnums()));
      if (index.deferrable()) def += " DEFERRABLE";
      if (index.initially_deferred()) def += " INITIALLY DEFERRED";
      return Value::String(def);
    }
    for (const catalog::proto::Constraint& c : t.constraints()) {
      if (c.oid() == constraint_oid) {
        return Value::String(TableConstraintDef(names, entry, c, pretty));
      }
    }
  }
  // A domain's CHECK over VALUE.
  for (const auto& type : names.snapshot().Types(names.database())) {
    for (const catalog::proto::DomainCheck& c : type->checks()) {
      if (c.oid() != constraint_oid) continue;
      const DataType base{static_cast<TypeId>(type->base_type_id()), type->base_typmod()};
      std::optional<std::string> text;
      try {
        Binder binder(names.snapshot(), names.database(), names.user(), names.search_path());
        text = DeparseDomainExpression(
            *binder.BindCheckExpression(DomainValueTable(base), *ParseExpression(c.check_expr())),
            base, names, pretty);
      } catch (const Error&) {
      }
      std::string def = fmt::format("CHECK ({})", text.value_or("(" + c.check_expr() + ")"));
      if (c.not_valid()) def += " NOT VALID";
      return Value::String(def);
    }
  }
  return Value::Null();
}

// pg_get_serial_sequence: the sequence a serial or identity column owns, as
// `schema.name`; NULL for other columns.
Value SerialSequence(const CatalogNames& names, Oid table_oid, const std::string& column) {
  std::shared_ptr<const catalog::TableEntry> table = names.Table(table_oid);
  if (table == nullptr) return Value::Null();
  int attnum = 0;
  for (const catalog::proto::Column& c : table->def.columns()) {
    if (c.name() == column) attnum = c.attnum();
  }
  if (attnum == 0) {
    throw Error(
        sqlstate::kUndefinedColumn,
        fmt::format("column \"{}\" of relation \"{}\" does not exist", column, table->def.name()));
  }
  for (const auto& relation : names.snapshot().Tables(names.database())) {
    const catalog::proto::SequenceDef& owner = relation->def.sequence();
    if (relation->def.relkind() == "S" && owner.owned_by_table() == table_oid &&
        owner.owned_by_attnum() == attnum) {
      return Value::String(QualifiedTableName(names, relation->def));
    }
  }
  return Value::Null();
}

// pg_size_pretty: bytes below 10 kB, then kB, MB, GB, TB, PB, each rounded
// half away from zero from one extra bit of precision.
// obj_description, col_description and shobj_description. A catalog named
// by its pg_catalog relation name (as PostgreSQL's SQL functions look it up
// in pg_class); an unknown name finds no comment.
Value Description(ScalarFunction function, const std::vector<Value>& args, ExecContext* ctx) {
  CatalogNames names = NamesOf(ctx);
  // col_description reads pg_class's; obj_description(oid) any catalog's.
  Oid classoid = function == ScalarFunction::kColDescription ? catalog::kPgClassOid : 0;
  if (args.size() == 2 && function != ScalarFunction::kColDescription) {
    auto relation = names.snapshot().FindTable(names.database(), catalog::oids::kPgCatalogNamespace,
                                               args[1].AsString());
    if (relation == nullptr) return Value::Null();
    classoid = relation->def.oid();
  }
  std::optional<std::string> text;
  if (function == ScalarFunction::kShobjDescription) {
    text = catalog::FindSharedDescription(names.snapshot(), AsOid(args[0]), classoid);
  } else {
    const int objsubid =
        function == ScalarFunction::kColDescription ? static_cast<int>(args[1].AsInt()) : 0;
    text = catalog::FindDescription(names.snapshot(), names.database(), AsOid(args[0]), classoid,
                                    objsubid);
  }
  return text ? Value::String(*std::move(text)) : Value::Null();
}

std::string SizePretty(int64_t size) {
  constexpr int64_t kLimit = 10 * 1024;
  if (std::llabs(size) < kLimit) return fmt::format("{} bytes", size);
  auto half_rounded = [](int64_t x) { return (x + (x < 0 ? -1 : 1)) / 2; };
  size /= 512;  // kB with one extra bit
  for (const char* unit : {"kB", "MB", "GB", "TB"}) {
    if (std::llabs(size) < kLimit * 2 - 1) return fmt::format("{} {}", half_rounded(size), unit);
    size /= 1024;
  }
  return fmt::format("{} PB", half_rounded(size));
}

catalog::SignatureNamer SignatureNamerOf(const CatalogNames& names) {
  return {[&names](Oid type) { return names.FormatType(type); },
          [](const std::string& name) { return ast::QuoteName(name, true); }};
}

}  // namespace

Value EvaluateEnumFunction(const BoundExpr& call, const std::vector<Value>& args,
                           ExecContext* ctx) {
  const DataType type = call.children[0]->type;
  const CatalogNames names = NamesOf(ctx);
  const auto found = names.snapshot().TypeByOid(ctx->database_oid, static_cast<Oid>(type.typmod));
  if (found == nullptr) {
    throw Error(sqlstate::kUndefinedObject,
                fmt::format("cache lookup failed for type {}", type.typmod));
  }
  std::vector<Value> values;
  for (const catalog::proto::EnumLabel& label : found->labels()) {
    values.push_back(Value::String(EncodeEnumValue(label.sort_order())));
  }
  if (call.function != ScalarFunction::kEnumRange) {
    if (values.empty()) {
      throw Error(sqlstate::kObjectNotInPrerequisiteState,
                  fmt::format("enum {} contains no values", type.Name()));
    }
    return call.function == ScalarFunction::kEnumFirst ? values.front() : values.back();
  }
  if (args.size() == 2) {
    // Between the bounds, both included; a NULL bound is the enum's end.
    // The values' bytes sort as the labels do (common/enum_value.h).
    std::vector<Value> between;
    for (Value& v : values) {
      if (!args[0].is_null() && v.AsString() < args[0].AsString()) continue;
      if (!args[1].is_null() && v.AsString() > args[1].AsString()) continue;
      between.push_back(std::move(v));
    }
    values = std::move(between);
  }
  return Value::Array(std::move(values));
}

Value EvaluateCatalogFunction(const BoundExpr& call, const std::vector<Value>& args,
                              ExecContext* ctx) {
  // Strict: a NULL argument gives NULL (format_type's typmod excepted).
  for (size_t i = 0; i < args.size(); ++i) {
    const bool optional_typmod = call.function == ScalarFunction::kFormatType && i == 1;
    if (args[i].is_null() && !optional_typmod) return Value::Null();
  }
  switch (call.function) {
    case ScalarFunction::kCurrentSchemas:
    case ScalarFunction::kCurrentSchema: {
      CatalogNames names = NamesOf(ctx);
      const bool implicit = call.function == ScalarFunction::kCurrentSchemas && args[0].AsBool();
      std::vector<Value> schemas;
      for (Oid oid : names.SearchedSchemas(implicit)) {
        schemas.push_back(
            Value::String(names.snapshot().NamespaceByOid(ctx->database_oid, oid)->name()));
      }
      if (call.function == ScalarFunction::kCurrentSchemas) return Value::Array(std::move(schemas));
      return schemas.empty() ? Value::Null() : schemas.front();
    }
    case ScalarFunction::kArrayUpper:
    case ScalarFunction::kArrayLower: {
      const ArrayShape shape = ShapeOf(args[0], call.children[0]->type);
      const int64_t d = args[1].AsInt() - 1;
      if (d < 0 || d >= static_cast<int64_t>(shape.dims.size())) return Value::Null();
      const int64_t lower = shape.lower_bounds[static_cast<size_t>(d)];
      return Value::Int(call.function == ScalarFunction::kArrayLower
                            ? lower
                            : lower + shape.dims[static_cast<size_t>(d)] - 1);
    }
    case ScalarFunction::kIndexCheck: {
      CatalogNames names = NamesOf(ctx);  // (throws when folding constants)
      return Value::Int(CheckIndexEntries(names, AsOid(args[0]), *ctx));
    }
    case ScalarFunction::kTableIsVisible: {
      CatalogNames names = NamesOf(ctx);
      const Oid oid = AsOid(args[0]);
      if (auto type = names.CompositeTypeOfRelation(oid)) {
        return Value::Bool(*names.UserTypeIsVisible(type->oid()));
      }
      if (names.Table(oid) == nullptr && names.IndexTable(oid) == nullptr) return Value::Null();
      return Value::Bool(names.RelationIsVisible(oid));
    }
    case ScalarFunction::kGetSerialSequence:
      return SerialSequence(NamesOf(ctx), AsOid(args[0]), args[1].AsString());
    case ScalarFunction::kTypeIsVisible: {
      if (catalog::BuiltinTypeByOid(AsOid(args[0])) != nullptr) return Value::Bool(true);
      std::optional<bool> visible = NamesOf(ctx).UserTypeIsVisible(AsOid(args[0]));
      return visible ? Value::Bool(*visible) : Value::Null();
    }
    case ScalarFunction::kFunctionIsVisible:
      return catalog::BuiltinProcByOid(AsOid(args[0])) ? Value::Bool(true) : Value::Null();
    case ScalarFunction::kFormatType: {
      CatalogNames names = NamesOf(ctx);
      std::optional<int32_t> typmod;
      if (!args[1].is_null()) typmod = static_cast<int32_t>(args[1].AsInt());
      return Value::String(names.FormatType(AsOid(args[0]), typmod));
    }
    case ScalarFunction::kGetUserById: {
      CatalogNames names = NamesOf(ctx);
      std::optional<std::string> name = names.RoleName(AsOid(args[0]));
      return Value::String(name ? *name : fmt::format("unknown (OID={})", AsOid(args[0])));
    }
    case ScalarFunction::kGetIndexDef:
      return IndexDef(NamesOf(ctx), AsOid(args[0]), args.size() > 1 ? args[1].AsInt() : 0,
                      args.size() > 2 && !args[2].is_null() && args[2].AsBool());
    case ScalarFunction::kGetConstraintDef:
      return ConstraintDef(NamesOf(ctx), AsOid(args[0]),
                           args.size() > 1 && !args[1].is_null() && args[1].AsBool());
    case ScalarFunction::kGetExpr:
      return Value::String(StoredExpressionText(NamesOf(ctx), args[0].AsString(), AsOid(args[1]),
                                                args.size() > 2 && args[2].AsBool()));
    case ScalarFunction::kGetViewDef: {
      CatalogNames names = NamesOf(ctx);
      auto table = names.Table(AsOid(args[0]));
      if (table == nullptr) return Value::Null();
      if (table->def.view_query().empty()) return Value::String("Not a view");
      // pg_get_viewdef(v, true) and pg_get_viewdef(v, wrap) print pretty.
      const bool pretty = args.size() > 1 && !args[1].is_null() &&
                          (call.children[1]->type.id == TypeId::kBool ? args[1].AsBool() : true);
      return Value::String(ViewDefinition(names, table, pretty));
    }
    case ScalarFunction::kRelationIsUpdatable:
    case ScalarFunction::kColumnIsUpdatable: {
      CatalogNames names = NamesOf(ctx);
      const bool column = call.function == ScalarFunction::kColumnIsUpdatable;
      auto table = names.Table(AsOid(args[0]));
      if (table == nullptr) return column ? Value::Bool(false) : Value::Int(0);
      Binder binder(names.snapshot(), names.database(), names.user(), names.search_path());
      if (!column) return Value::Int(binder.UpdatableEvents(table));
      // A column must take UPDATE and DELETE (PostgreSQL's REQ_EVENTS).
      const int64_t attnum = args[1].AsInt();
      if (attnum <= 0 || attnum > table->def.columns_size()) return Value::Bool(false);
      std::vector<bool> only(static_cast<size_t>(table->def.columns_size()), false);
      for (int c = 0; c < table->def.columns_size(); ++c) {
        only[static_cast<size_t>(c)] = table->def.columns(c).attnum() == attnum;
      }
      constexpr int kUpdateAndDelete = (1 << 2) | (1 << 4);
      return Value::Bool((binder.UpdatableEvents(table, &only) & kUpdateAndDelete) ==
                         kUpdateAndDelete);
    }
    case ScalarFunction::kGetTriggerDef:
      // Basalt has no triggers (foreign keys are not triggers here, so
      // pg_trigger is empty, as psql's \d reads it).
      return Value::Null();
    case ScalarFunction::kGetRuleDef:
      // Basalt keeps no rewrite rules (pg_rewrite is empty: a view's query
      // is its own), so every OID is one PostgreSQL answers with "-".
      return Value::String("-");
    case ScalarFunction::kEncodingToChar: {
      const int64_t encoding = args[0].AsInt();
      return Value::String(encoding == 6 ? "UTF8" : encoding == 0 ? "SQL_ASCII" : "");
    }
    case ScalarFunction::kCharToEncoding: {
      std::string name = args[0].AsString();
      for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (name == "UTF8" || name == "UTF-8" || name == "UNICODE") return Value::Int(6);
      if (name == "SQL_ASCII") return Value::Int(0);
      return Value::Int(-1);
    }
    case ScalarFunction::kSizePretty: return Value::String(SizePretty(args[0].AsInt()));
    case ScalarFunction::kRelationSize:
    case ScalarFunction::kIndexesSize:
    case ScalarFunction::kTotalRelationSize: {
      CatalogNames names = NamesOf(ctx);  // (throws when folding constants)
      // Only the main fork has bytes: there are no free space or visibility maps.
      if (args.size() == 2 && args[1].AsString() != "main") return Value::Int(0);
      const RelationSizeKind kind =
          call.function == ScalarFunction::kRelationSize  ? RelationSizeKind::kRelation
          : call.function == ScalarFunction::kIndexesSize ? RelationSizeKind::kIndexes
                                                          : RelationSizeKind::kTotal;
      std::optional<int64_t> size = RelationSize(names, AsOid(args[0]), kind, *ctx);
      return size ? Value::Int(*size) : Value::Null();
    }
    case ScalarFunction::kDatabaseSize: {
      CatalogNames names = NamesOf(ctx);
      const Oid database = call.children[0]->type.id == TypeId::kName
                               ? DatabaseOidByName(names, args[0].AsString())
                               : AsOid(args[0]);
      std::optional<int64_t> size = DatabaseSize(names, database, *ctx);
      return size ? Value::Int(*size) : Value::Null();
    }
    case ScalarFunction::kGetFunctionArguments:
    case ScalarFunction::kGetFunctionIdentity:
    case ScalarFunction::kGetFunctionResult: {
      CatalogNames names = NamesOf(ctx);
      const catalog::BuiltinProc* proc = catalog::BuiltinProcByOid(AsOid(args[0]));
      if (proc == nullptr) return Value::Null();
      if (call.function == ScalarFunction::kGetFunctionResult) {
        return Value::String(catalog::FunctionResultText(*proc, SignatureNamerOf(names)));
      }
      return Value::String(catalog::FunctionArgumentsText(
          *proc, SignatureNamerOf(names),
          /*with_defaults=*/call.function == ScalarFunction::kGetFunctionArguments));
    }
    case ScalarFunction::kGetFunctionSqlBody: {
      const catalog::BuiltinProc* proc = catalog::BuiltinProcByOid(AsOid(args[0]));
      if (proc == nullptr || proc->prosqlbody == nullptr) return Value::Null();
      return Value::String(proc->prosqlbody);
    }
    case ScalarFunction::kRegexMatch:
    case ScalarFunction::kRegexNotMatch:
    case ScalarFunction::kRegexIMatch:
    case ScalarFunction::kRegexNotIMatch: {
      const bool insensitive = call.function == ScalarFunction::kRegexIMatch ||
                               call.function == ScalarFunction::kRegexNotIMatch;
      const bool negated = call.function == ScalarFunction::kRegexNotMatch ||
                           call.function == ScalarFunction::kRegexNotIMatch;
      return Value::Bool(RegexMatch(args[0].AsString(), args[1].AsString(), insensitive) !=
                         negated);
    }
    case ScalarFunction::kArrayToString: {
      // Elements' text forms joined by the delimiter; NULLs skipped, or
      // written as the third argument when there is one.
      const DataType element_type = call.children[0]->type.Element();
      std::string out;
      bool first = true;
      for (const Value& element : args[0].AsArray()) {
        if (element.is_null() && args.size() < 3) continue;
        if (!first) out += args[1].AsString();
        first = false;
        out += element.is_null() ? args[2].AsString() : ValueToText(element, element_type);
      }
      return Value::String(std::move(out));
    }
    case ScalarFunction::kArraySubscript: {
      std::vector<int64_t> subscripts;
      for (size_t i = 1; i < args.size(); ++i) subscripts.push_back(args[i].AsInt());
      return ElementAt(args[0], call.children[0]->type, subscripts);
    }
    case ScalarFunction::kRelationIsPublishable: {
      // Ordinary tables outside pg_catalog, as PostgreSQL's is_publishable_class.
      auto table = NamesOf(ctx).Table(AsOid(args[0]));
      return Value::Bool(table != nullptr && table->def.relkind() == "r" &&
                         table->def.namespace_oid() != catalog::oids::kPgCatalogNamespace);
    }
    case ScalarFunction::kQuoteIdent:
      return Value::String(ast::QuoteName(args[0].AsString(), true));
    case ScalarFunction::kNameSubscript: {
      // Bytes past the name's end up to NAMEDATALEN are NUL: the empty "char".
      const std::string& name = args[0].AsString();
      const int64_t i = args[1].AsInt();
      if (i < 0 || i >= 64) return Value::Null();
      const size_t at = static_cast<size_t>(i);
      return Value::String(at < name.size() ? name.substr(at, 1) : "");
    }
    case ScalarFunction::kAclDefault: {
      const std::string& objtype = args[0].AsString();
      Result<Value> acl = AclDefault(objtype.empty() ? '\0' : objtype[0], AsOid(args[1]));
      if (!acl.ok()) throw Error::FromStatus(acl.status());
      return *std::move(acl);
    }
    case ScalarFunction::kObjDescription:
    case ScalarFunction::kColDescription:
    case ScalarFunction::kShobjDescription: return Description(call.function, args, ctx);
    default: break;
  }
  throw Error(sqlstate::kInternalError, "unknown scalar function");
}

}  // namespace basalt::sql
