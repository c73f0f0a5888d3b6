// PostgreSQL 15's built-in types and functions as far as Basalt has them:
// the rows of pg_type and pg_proc (builtin_type_rows.cc and
// builtin_proc_rows.cc, generated from a PostgreSQL 15 server), and the
// per-type facts pg_attribute and pg_index repeat.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/oids.h"
#include "common/data_type.h"
#include "common/value.h"

namespace basalt::catalog {

struct BuiltinType {
  Oid oid;
  const char* typname;
  int16_t typlen;
  bool typbyval;
  char typtype;
  char typcategory;
  bool typispreferred;
  Oid typelem;
  Oid typarray;
  Oid typinput, typoutput, typreceive, typsend, typmodin, typmodout, typanalyze, typsubscript;
  char typalign;
  char typstorage;
  Oid typcollation;
};

struct BuiltinProc {
  Oid oid;
  const char* proname;
  char prokind;  // 'f' function, 'a' aggregate, 'w' window
  bool proretset;
  char provolatile;
  char proparallel;
  Oid prorettype;
  const char* proargtypes;  // the input arguments' type OIDs, separated by spaces
  Oid prolang;              // 12 internal, 14 sql
  bool proisstrict;
  const char* prosrc;
  float procost;
  float prorows;
  bool proleakproof;
  // Only functions with named, OUT, VARIADIC or defaulted arguments have
  // these (pg_get_function_arguments and psql's \df print them).
  Oid provariadic = 0;
  int16_t pronargdefaults = 0;
  const char* proargnames = nullptr;     // every argument's name, "," between; "" unnamed
  const char* proallargtypes = nullptr;  // OIDs of all arguments, OUT ones too
  const char* proargmodes = nullptr;     // one of i o b v t per argument
  const char* argdefaults = nullptr;     // the defaults' SQL text, a tab between
  // A SQL-standard body (RETURN ... / BEGIN ATOMIC ... END) as
  // pg_get_function_sqlbody prints it; prosrc is empty then.
  const char* prosqlbody = nullptr;
};

const std::vector<BuiltinType>& BuiltinTypes();
const std::vector<BuiltinProc>& BuiltinProcs();
const BuiltinType* BuiltinTypeByOid(Oid oid);
const BuiltinProc* BuiltinProcByOid(Oid oid);

// pg_attribute's attbyval, attalign and attstorage for a column type.
struct TypeStorage {
  bool byval;
  char align;
  char storage;
};
TypeStorage StorageOf(TypeId type);
// The collation of a column type: default (100) for text types, C (950)
// for name, none (0) otherwise.
Oid CollationOf(TypeId type);
// The default btree operator class of a column type (pg_index.indclass).
Oid BtreeOpclassOf(TypeId type);

// information_schema's domains (sql_identifier, ...), with PostgreSQL 15's
// OIDs. They have pg_type rows, and pg_attribute gives them as the types of
// information_schema's columns, but values are of the base types: Basalt
// has no domain types (docs/status.md, issue 13).
struct InformationSchemaDomain {
  Oid oid;
  const char* typname;
  Oid base_type;
  int32_t typmod;
  const char* typdefault;  // nullptr for none
};
const InformationSchemaDomain* InformationSchemaDomainByOid(Oid oid);
const InformationSchemaDomain* InformationSchemaDomainByName(std::string_view typname);

// The rows of pg_type and pg_proc.
std::vector<Row> PgTypeRows();
// One pg_type row of type `t` in the schema, owned by `owner`.
Row PgTypeRow(const BuiltinType& t, Oid namespace_oid, Oid owner = oids::kBootstrapSuperuser);
std::vector<Row> PgProcRows();

// A built-in function's arguments and result as pg_get_function_arguments,
// pg_get_function_identity_arguments (no defaults) and
// pg_get_function_result print them: types named by format_type, argument
// names quoted as quote_ident quotes them (the SQL front end knows how).
struct SignatureNamer {
  std::function<std::string(Oid)> format_type;
  std::function<std::string(const std::string&)> quote_ident;
};
std::string FunctionArgumentsText(const BuiltinProc& proc, const SignatureNamer& namer,
                                  bool with_defaults = true);
std::string FunctionResultText(const BuiltinProc& proc, const SignatureNamer& namer);
// The OIDs in a space-separated list (proargtypes, proallargtypes).
std::vector<Oid> OidList(std::string_view text);

}  // namespace basalt::catalog
