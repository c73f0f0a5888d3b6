// The functions clients use to read the catalog and the session: schema and
// user information, visibility, object definitions (pg_get_indexdef, ...),
// privileges. Values fixed for the session are constants; the rest read
// ExecContext at run time (sql/execution/catalog_function.cc).
#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

// PostgreSQL 15's version() for the server_version Basalt reports.
constexpr const char* kVersion =
    "PostgreSQL 15.0 (Basalt) on x86_64-pc-linux-gnu, compiled by Basalt, 64-bit";

bool IsPrivilegeFunction(std::string_view name) {
  return name == "has_table_privilege" || name == "has_schema_privilege" ||
         name == "has_database_privilege" || name == "has_column_privilege" ||
         name == "has_function_privilege" || name == "has_sequence_privilege" ||
         name == "has_any_column_privilege" || name == "has_tablespace_privilege" ||
         name == "has_type_privilege" || name == "has_language_privilege" || name == "pg_has_role";
}

}  // namespace

BoundExprPtr Binder::BindCatalogFunction(const ast::FunctionCall& call,
                                         std::vector<BoundExprPtr>& args) {
  const std::string& name = call.name.back();
  auto constant = [&](Value v, TypeId type) {
    auto c = BoundExpr::Constant(std::move(v), DataType::Of(type));
    c->position = call.position;
    return c;
  };
  // Converts argument i to `type` as an implicit cast would; false if it
  // cannot.
  auto coerce = [&](size_t i, TypeId type) {
    BoundExprPtr converted =
        TryCoerce(args[i]->Clone(), DataType::Of(type), CastContext::kImplicit);
    if (converted == nullptr) return false;
    args[i] = std::move(converted);
    return true;
  };
  auto signature = [&](std::initializer_list<TypeId> types) {
    if (args.size() != types.size()) return false;
    size_t i = 0;
    for (TypeId t : types) {
      if (!coerce(i++, t)) return false;
    }
    return true;
  };
  auto call_of = [&](ScalarFunction f, TypeId type) {
    BoundExprPtr e = BoundExpr::Make(BoundExprKind::kFunction, DataType::Of(type), call.position);
    e->function = f;
    e->children = std::move(args);
    return e;
  };
  using enum TypeId;

  if (call.no_parens) {
    if (name == "current_user" || name == "session_user" || name == "current_role") {
      return constant(Value::String(user_), kName);
    }
    if (name == "current_catalog") return BindCatalogFunctionByName("current_database", call);
    if (name == "current_schema") return call_of(ScalarFunction::kCurrentSchema, kName);
    return nullptr;
  }
  if (name == "current_database" && args.empty()) {
    return BindCatalogFunctionByName("current_database", call);
  }
  if (name == "current_schema" && args.empty()) {
    return call_of(ScalarFunction::kCurrentSchema, kName);
  }
  if (name == "current_schemas" && signature({kBool})) {
    return call_of(ScalarFunction::kCurrentSchemas, kNameArray);
  }
  if (name == "version" && args.empty()) return constant(Value::String(kVersion), kText);
  if (name == "pg_is_in_recovery" && args.empty()) return constant(Value::Bool(false), kBool);
  // Every Basalt database is UTF8 (pg_database.encoding 6); psql's \dO asks.
  if (name == "getdatabaseencoding" && args.empty()) return constant(Value::String("UTF8"), kName);
  if ((name == "array_upper" || name == "array_lower") && args.size() == 2) {
    if (!args[0]->type.IsArray()) return nullptr;
    if (!coerce(1, kInt4)) return nullptr;
    return call_of(
        name == "array_upper" ? ScalarFunction::kArrayUpper : ScalarFunction::kArrayLower, kInt4);
  }
  if ((name == "pg_table_is_visible" || name == "pg_type_is_visible" ||
       name == "pg_function_is_visible") &&
      signature({kOid})) {
    return call_of(name == "pg_table_is_visible"  ? ScalarFunction::kTableIsVisible
                   : name == "pg_type_is_visible" ? ScalarFunction::kTypeIsVisible
                                                  : ScalarFunction::kFunctionIsVisible,
                   kBool);
  }
  // pg_opclass, pg_opfamily and pg_collation hold PostgreSQL's built-in
  // rows only, all in pg_catalog, which every search path reads (psql's
  // \dAc, \dO, \dd ask).
  if ((name == "pg_opclass_is_visible" || name == "pg_opfamily_is_visible" ||
       name == "pg_collation_is_visible") &&
      signature({kOid})) {
    return constant(Value::Bool(true), kBool);
  }
  // A function whose body is SQL-standard (RETURN ..., BEGIN ATOMIC ...
  // END) has its body here (\df+ reads it).
  if (name == "pg_get_function_sqlbody" && signature({kOid})) {
    return call_of(ScalarFunction::kGetFunctionSqlBody, kText);
  }
  if (name == "format_type" && signature({kOid, kInt4})) {
    return call_of(ScalarFunction::kFormatType, kText);
  }
  if (name == "basalt_index_check" && signature({kOid})) {
    return call_of(ScalarFunction::kIndexCheck, kInt8);
  }
  if (name == "pg_get_userbyid" && signature({kOid})) {
    return call_of(ScalarFunction::kGetUserById, kName);
  }
  if (name == "pg_get_indexdef" && (signature({kOid}) || signature({kOid, kInt4, kBool}))) {
    return call_of(ScalarFunction::kGetIndexDef, kText);
  }
  if (name == "pg_get_constraintdef" && (signature({kOid}) || signature({kOid, kBool}))) {
    return call_of(ScalarFunction::kGetConstraintDef, kText);
  }
  if (name == "pg_get_expr" &&
      (signature({kPgNodeTree, kOid}) || signature({kPgNodeTree, kOid, kBool}) ||
       signature({kText, kOid}) || signature({kText, kOid, kBool}))) {
    return call_of(ScalarFunction::kGetExpr, kText);
  }
  if (name == "pg_get_ruledef" && (signature({kOid}) || signature({kOid, kBool}))) {
    return call_of(ScalarFunction::kGetRuleDef, kText);
  }
  if (name == "pg_relation_is_updatable" && signature({kOid, kBool})) {
    return call_of(ScalarFunction::kRelationIsUpdatable, kInt4);
  }
  if (name == "pg_column_is_updatable" && signature({kOid, kInt2, kBool})) {
    return call_of(ScalarFunction::kColumnIsUpdatable, kBool);
  }
  if (name == "pg_get_triggerdef" && (signature({kOid}) || signature({kOid, kBool}))) {
    return call_of(ScalarFunction::kGetTriggerDef, kText);
  }
  // pg_get_viewdef(text [, bool]) first: an untyped literal is text, as
  // PostgreSQL's preference for the string category picks it.
  if (name == "pg_get_viewdef" && (signature({kText}) || signature({kText, kBool}))) {
    args[0] = CoerceOrThrow(std::move(args[0]), DataType::Of(kRegclass), CastContext::kExplicit);
    return call_of(ScalarFunction::kGetViewDef, kText);
  }
  if (name == "pg_get_viewdef" &&
      (signature({kOid}) || signature({kOid, kBool}) || signature({kOid, kInt4}))) {
    return call_of(ScalarFunction::kGetViewDef, kText);
  }
  if (name == "pg_get_function_arguments" && signature({kOid})) {
    return call_of(ScalarFunction::kGetFunctionArguments, kText);
  }
  if (name == "pg_get_function_identity_arguments" && signature({kOid})) {
    return call_of(ScalarFunction::kGetFunctionIdentity, kText);
  }
  if (name == "pg_get_function_result" && signature({kOid})) {
    return call_of(ScalarFunction::kGetFunctionResult, kText);
  }
  if (name == "pg_encoding_to_char" && signature({kInt4})) {
    return call_of(ScalarFunction::kEncodingToChar, kName);
  }
  if (name == "pg_char_to_encoding" && signature({kName})) {
    return call_of(ScalarFunction::kCharToEncoding, kInt4);
  }
  if (name == "pg_size_pretty" && signature({kInt8})) {
    return call_of(ScalarFunction::kSizePretty, kText);
  }
  if (name == "array_subscript" && args.size() >= 2 && args[0]->type.IsArray()) {
    // a[i], a[i][j], ...: one subscript per dimension.
    const DataType element = WithoutTypeModifier(args[0]->type.Element());
    for (size_t i = 1; i < args.size(); ++i) {
      if (!coerce(i, kInt4)) return nullptr;
    }
    BoundExprPtr e = call_of(ScalarFunction::kArraySubscript, element.id);
    e->type = element;  // a record keeps its fields
    return e;
  }
  // name is a fixed-length array of "char" in PostgreSQL: typname[0] is its
  // first byte (pg_dump tests typname[0] = '_').
  if (name == "array_subscript" && args.size() == 2 && args[0]->type.id == kName) {
    if (!coerce(1, kInt4)) return nullptr;
    return call_of(ScalarFunction::kNameSubscript, kChar);
  }
  if (name == "pg_get_statisticsobjdef_columns" && signature({kOid})) {
    return constant(Value::Null(), kText);  // no extended statistics objects
  }
  if ((name == "nextval" || name == "currval") && signature({kRegclass})) {
    return call_of(name == "nextval" ? ScalarFunction::kNextval : ScalarFunction::kCurrval, kInt8);
  }
  if (name == "setval" && (signature({kRegclass, kInt8}) || signature({kRegclass, kInt8, kBool}))) {
    return call_of(ScalarFunction::kSetval, kInt8);
  }
  if (name == "lastval" && args.empty()) return call_of(ScalarFunction::kLastval, kInt8);
  if (name == "current_setting" && (signature({kText}) || signature({kText, kBool}))) {
    return call_of(ScalarFunction::kCurrentSetting, kText);
  }
  if (name == "set_config" && signature({kText, kText, kBool})) {
    return call_of(ScalarFunction::kSetConfig, kText);
  }
  // PostgreSQL's pg_current_xact_id returns xid8, which Basalt lacks: its
  // value is the same 64-bit number, as bigint (txid_current's type).
  if ((name == "txid_current" || name == "pg_current_xact_id") && args.empty()) {
    return call_of(ScalarFunction::kTxidCurrent, kInt8);
  }
  if ((name == "txid_current_if_assigned" || name == "pg_current_xact_id_if_assigned") &&
      args.empty()) {
    return call_of(ScalarFunction::kTxidCurrentIfAssigned, kInt8);
  }
  if (name == "pg_cancel_backend" && signature({kInt4})) {
    return call_of(ScalarFunction::kCancelBackend, kBool);
  }
  if (name == "pg_terminate_backend" && (signature({kInt4}) || signature({kInt4, kInt8}))) {
    return call_of(ScalarFunction::kTerminateBackend, kBool);
  }
  if (name == "pg_sequence_last_value" && signature({kRegclass})) {
    return call_of(ScalarFunction::kSequenceLastValue, kInt8);
  }
  if (name == "pg_relation_is_publishable" && signature({kRegclass})) {
    return call_of(ScalarFunction::kRelationIsPublishable, kBool);
  }
  if (name == "array_to_string" && (args.size() == 2 || args.size() == 3) &&
      args[0]->type.IsArray()) {
    if (!coerce(1, kText) || (args.size() == 3 && !coerce(2, kText))) return nullptr;
    return call_of(ScalarFunction::kArrayToString, kText);
  }
  if (name == "acldefault" && signature({kChar, kOid})) {
    return call_of(ScalarFunction::kAclDefault, kAclItemArray);
  }
  if (name == "quote_ident" && signature({kText})) {
    return call_of(ScalarFunction::kQuoteIdent, kText);
  }
  // Comments (COMMENT ON), read from the statement's catalog at run time.
  if (name == "obj_description" && (signature({kOid}) || signature({kOid, kName}))) {
    return call_of(ScalarFunction::kObjDescription, kText);
  }
  if (name == "col_description" && signature({kOid, kInt4})) {
    return call_of(ScalarFunction::kColDescription, kText);
  }
  if (name == "shobj_description" && signature({kOid, kName})) {
    return call_of(ScalarFunction::kShobjDescription, kText);
  }
  // Sizes: estimates from RocksDB (sql/execution/relation_size.h).
  if (name == "pg_relation_size" && (signature({kRegclass}) || signature({kRegclass, kText}))) {
    return call_of(ScalarFunction::kRelationSize, kInt8);
  }
  if (name == "pg_table_size" && signature({kRegclass})) {
    return call_of(ScalarFunction::kRelationSize, kInt8);
  }
  if (name == "pg_indexes_size" && signature({kRegclass})) {
    return call_of(ScalarFunction::kIndexesSize, kInt8);
  }
  if (name == "pg_total_relation_size" && signature({kRegclass})) {
    return call_of(ScalarFunction::kTotalRelationSize, kInt8);
  }
  // name first: an untyped literal is a name, as PostgreSQL's preference
  // for the string category picks it.
  if (name == "pg_database_size" && (signature({kName}) || signature({kOid}))) {
    return call_of(ScalarFunction::kDatabaseSize, kInt8);
  }
  if (name == "pg_tablespace_location" && signature({kOid})) {
    return constant(Value::String(""), kText);
  }
  if (name == "pg_get_serial_sequence" && signature({kText, kText})) {
    // The table name is parsed (search_path, quoting) as a regclass input.
    args[0] = CoerceOrThrow(std::move(args[0]), DataType::Of(kRegclass), CastContext::kExplicit);
    return call_of(ScalarFunction::kGetSerialSequence, kText);
  }
  // Privileges: every role may do everything until GRANT exists (the
  // arguments are not checked for existence either).
  if (IsPrivilegeFunction(name) && args.size() >= 2 && args.size() <= 4) {
    return constant(Value::Bool(true), kBool);
  }
  return nullptr;
}

BoundExprPtr Binder::BindCatalogFunctionByName(std::string_view name,
                                               const ast::FunctionCall& call) {
  if (name == "current_database") {
    std::string database;
    for (const catalog::proto::Database* db : snapshot_.Databases()) {
      if (db->oid() == database_) database = db->name();
    }
    auto c = BoundExpr::Constant(Value::String(database), DataType::Of(TypeId::kName));
    c->position = call.position;
    return c;
  }
  return nullptr;
}

}  // namespace basalt::sql
