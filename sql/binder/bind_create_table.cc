// CREATE TABLE: column types, NOT NULL, DEFAULT, PRIMARY KEY, UNIQUE,
// CHECK, FOREIGN KEY -> a table definition ready for the catalog (OIDs and
// relation ids assigned there). UNIQUE constraints become unique indexes
// named t_a_key; CHECK and FOREIGN KEY are bound in bind_constraint.cc.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "catalog/catalog_rows.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/bind_sequence.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/binder/storage_parameters.h"
#include "sql/binder/stored_literals.h"
#include "sql/parser/ast_printer.h"

namespace basalt::sql {
std::unique_ptr<BoundCreateTable> Binder::BindCreateTable(const ast::CreateTableStmt& create) {
  auto out = std::make_unique<BoundCreateTable>();
  out->if_not_exists = create.if_not_exists;
  catalog::proto::Table& t = out->table;
  t.set_database_oid(database_);
  t.set_namespace_oid(ResolveCreationNamespace(create.name, create.temporary));
  t.set_name(create.name.name);
  t.set_relkind("r");

  std::vector<const ast::Constraint*> primary_keys;
  int primary_key_position = 0;
  // UNIQUE constraints: their attnums, in the order written.
  struct Unique {
    std::vector<int> attnums;
    std::string name;  // CONSTRAINT name; empty: chosen below
    bool deferrable = false;
    bool initially_deferred = false;
    bool nulls_not_distinct = false;
    std::vector<int> included;  // INCLUDE (...)
  };
  std::vector<Unique> uniques;
  // CHECK and FOREIGN KEY constraints, bound once every column is known,
  // with the column a column constraint is written on.
  std::vector<std::pair<const ast::Constraint*, std::string>> checks;
  std::vector<std::pair<const ast::Constraint*, std::string>> foreign_keys;
  // LIKE clauses add their columns where they stand among the columns.
  std::vector<TableLikeCopy> likes;
  auto add_likes_at = [&](size_t index) {
    for (const ast::TableLikeClause& like : create.likes) {
      if (like.column_index == index) likes.push_back(AddTableLikeColumns(like, t));
    }
  };
  for (size_t column_index = 0; column_index < create.columns.size(); ++column_index) {
    add_likes_at(column_index);
    const ast::ColumnDef& def = create.columns[column_index];
    for (const catalog::proto::Column& existing : t.columns()) {
      if (existing.name() == def.name) {  // PostgreSQL gives no position here
        throw Error(sqlstate::kDuplicateColumn,
                    fmt::format("column \"{}\" specified more than once", def.name));
      }
    }
    // serial / bigserial / smallserial: an integer column with NOT NULL and
    // a default drawing from a sequence it owns (made by BindSerialColumns).
    const std::optional<TypeId> serial = SerialType(def.type);
    DataType type = serial ? DataType::Of(*serial) : BindTypeName(def.type);
    if (!IsStorableType(type.id)) {
      ThrowAt(sqlstate::kFeatureNotSupported,
              fmt::format("type {} is not supported yet", type.Name()), def.type.position);
    }
    catalog::proto::Column* c = t.add_columns();
    c->set_attnum(t.columns_size());
    c->set_name(def.name);
    c->set_type_id(static_cast<uint32_t>(type.id));
    c->set_typmod(type.typmod);
    if (!serial) c->set_domain_oid(BindDomainName(def.type).value_or(0));
    if (serial) c->set_not_null(true);
    bool saw_null = false;
    bool saw_not_null = false;
    for (const ast::Constraint& con : def.constraints) {
      switch (con.type) {
        case ast::Constraint::Type::kNull:
        case ast::Constraint::Type::kNotNull: {
          bool not_null = con.type == ast::Constraint::Type::kNotNull;
          if (not_null ? saw_null : saw_not_null) {
            ThrowAt(sqlstate::kSyntaxError,
                    fmt::format("conflicting NULL/NOT NULL declarations for column \"{}\" of "
                                "table \"{}\"",
                                def.name, t.name()),
                    con.position);
          }
          (not_null ? saw_not_null : saw_null) = true;
          c->set_not_null(not_null);
          break;
        }
        case ast::Constraint::Type::kIdentity:
          if (type.id != TypeId::kInt2 && type.id != TypeId::kInt4 && type.id != TypeId::kInt8) {
            throw Error(sqlstate::kInvalidParameterValue,
                        "identity column type must be smallint, integer, or bigint");
          }
          if (!c->identity().empty() || !c->default_expr().empty()) {
            ThrowAt(sqlstate::kSyntaxError,
                    fmt::format("{} specified for column \"{}\" of table \"{}\"",
                                c->identity().empty() ? "both default and identity"
                                                      : "multiple identity specifications",
                                def.name, t.name()),
                    con.position);
          }
          c->set_identity(std::string(1, con.identity));
          c->set_not_null(true);
          break;
        case ast::Constraint::Type::kDefault: {
          if (!c->identity().empty()) {
            ThrowAt(sqlstate::kSyntaxError,
                    fmt::format("both default and identity specified for column \"{}\" of "
                                "table \"{}\"",
                                def.name, t.name()),
                    con.position);
          }
          if (serial) {  // PostgreSQL gives no position for this one
            throw Error(sqlstate::kSyntaxError,
                        fmt::format("multiple default values specified for column \"{}\" of "
                                    "table \"{}\"",
                                    def.name, t.name()));
          }
          if (!c->default_expr().empty()) {
            ThrowAt(sqlstate::kSyntaxError,
                    fmt::format("multiple default values specified for column \"{}\" of table "
                                "\"{}\"",
                                def.name, t.name()),
                    con.position);
          }
          // Bound now to reject bad defaults at CREATE time; stored as text.
          column_ref_error_ = "cannot use column reference in DEFAULT expression";
          AggregateRulesScope rules(this, false, "DEFAULT expressions");
          BoundExprPtr e;
          try {
            e = BindExpression(*con.expr, Scope{});
          } catch (...) {
            column_ref_error_ = nullptr;
            throw;
          }
          column_ref_error_ = nullptr;
          DataType from = e->type;
          BoundExprPtr coerced = TryCoerce(std::move(e), type, CastContext::kAssignment);
          if (coerced == nullptr) {
            throw Error(sqlstate::kDatatypeMismatch,
                        fmt::format("column \"{}\" is of type {} but default expression is of "
                                    "type {}",
                                    def.name, type.Name(), TypeNameForMessage(from)))
                .WithHint("You will need to rewrite or cast the expression.");
          }
          c->set_default_expr(ast::ToString(*con.expr, DateTimeLiteralTexts(*coerced)));
          break;
        }
        case ast::Constraint::Type::kPrimaryKey:
          primary_keys.push_back(&con);
          primary_key_position = con.position;
          if (!con.name.empty()) t.set_primary_key_name(con.name);
          t.clear_primary_key_attnums();
          t.add_primary_key_attnums(c->attnum());
          break;
        case ast::Constraint::Type::kUnique:
          uniques.push_back({{c->attnum()},
                             con.name,
                             con.deferrable,
                             con.initially_deferred,
                             con.nulls_not_distinct,
                             {}});
          break;
        case ast::Constraint::Type::kCheck: checks.emplace_back(&con, def.name); break;
        case ast::Constraint::Type::kForeignKey: foreign_keys.emplace_back(&con, def.name); break;
      }
    }
  }
  add_likes_at(create.columns.size());
  for (const ast::Constraint& con : create.constraints) {
    if (con.type == ast::Constraint::Type::kCheck) checks.emplace_back(&con, "");
    if (con.type == ast::Constraint::Type::kForeignKey) foreign_keys.emplace_back(&con, "");
    if (con.type != ast::Constraint::Type::kPrimaryKey &&
        con.type != ast::Constraint::Type::kUnique) {
      continue;
    }
    const bool primary = con.type == ast::Constraint::Type::kPrimaryKey;
    auto attnum_of = [&](const ast::Identifier& id) {
      for (int i = 0; i < t.columns_size(); ++i) {
        if (t.columns(i).name() == id.name) return t.columns(i).attnum();
      }
      ThrowAt(sqlstate::kUndefinedColumn,
              fmt::format("column \"{}\" named in key does not exist", id.name), con.position);
    };
    std::vector<int> attnums;
    for (const ast::Identifier& id : con.columns) {
      const int index = attnum_of(id) - 1;
      for (int attnum : attnums) {
        if (attnum == t.columns(index).attnum()) {
          ThrowAt(sqlstate::kDuplicateColumn,
                  fmt::format("column \"{}\" appears twice in {} constraint", id.name,
                              primary ? "primary key" : "unique"),
                  con.position);
        }
      }
      attnums.push_back(t.columns(index).attnum());
    }
    std::vector<int> included;
    for (const ast::Identifier& id : con.including) included.push_back(attnum_of(id));
    if (!primary) {
      uniques.push_back({std::move(attnums), con.name, con.deferrable, con.initially_deferred,
                         con.nulls_not_distinct, std::move(included)});
      continue;
    }
    primary_keys.push_back(&con);
    primary_key_position = con.position;
    if (!con.name.empty()) t.set_primary_key_name(con.name);
    t.clear_primary_key_attnums();
    for (int attnum : attnums) t.add_primary_key_attnums(attnum);
    t.clear_primary_key_included_attnums();
    for (int attnum : included) t.add_primary_key_included_attnums(attnum);
  }
  if (primary_keys.size() > 1) {
    ThrowAt(sqlstate::kInvalidTableDefinition,
            fmt::format("multiple primary keys for table \"{}\" are not allowed", t.name()),
            primary_key_position);
  }
  if (!primary_keys.empty()) {
    // PostgreSQL's ChooseRelationName: t_pkey, or t_pkey1 if that is taken.
    if (t.primary_key_name().empty()) {
      t.set_primary_key_name(ChooseIndexName(t.namespace_oid(), t.name(), {}, "pkey", {t.name()}));
    }
    // PRIMARY KEY implies NOT NULL.
    for (int attnum : t.primary_key_attnums()) t.mutable_columns(attnum - 1)->set_not_null(true);
    // A key needs a btree ordering, which xid and json lack.
    for (int attnum : t.primary_key_attnums()) {
      if (!HasBtreeOrdering(static_cast<TypeId>(t.columns(attnum - 1).type_id()))) {
        ThrowNoBtreeOrdering(static_cast<TypeId>(t.columns(attnum - 1).type_id()));
      }
    }
  }
  // As PostgreSQL: a UNIQUE constraint on the primary key's columns, or on
  // those of an earlier UNIQUE constraint treating NULLs alike (with the
  // same INCLUDE columns), adds no second index.
  using KeptKey = std::tuple<std::vector<int>, std::vector<int>, bool>;  // NULLS NOT DISTINCT
  std::vector<KeptKey> kept;
  if (t.primary_key_attnums_size() > 0) {
    kept.emplace_back(
        std::vector<int>(t.primary_key_attnums().begin(), t.primary_key_attnums().end()),
        std::vector<int>(t.primary_key_included_attnums().begin(),
                         t.primary_key_included_attnums().end()),
        false);
  }
  std::vector<Unique> distinct;
  for (Unique& u : uniques) {
    const KeptKey key(u.attnums, u.included, u.nulls_not_distinct);
    if (std::find(kept.begin(), kept.end(), key) != kept.end()) continue;
    kept.push_back(key);
    distinct.push_back(std::move(u));
  }
  std::vector<std::string> taken{t.name()};
  if (!t.primary_key_name().empty()) taken.push_back(t.primary_key_name());
  for (const Unique& u : distinct) {
    if (!u.name.empty()) taken.push_back(u.name);
  }
  for (const Unique& u : distinct) {
    catalog::proto::Index* index = t.add_indexes();
    index->set_unique(true);
    index->set_constraint(true);
    index->set_deferrable(u.deferrable);
    index->set_initially_deferred(u.initially_deferred);
    index->set_nulls_not_distinct(u.nulls_not_distinct);
    std::vector<std::string> names;
    for (int attnum : u.attnums) {
      names.push_back(t.columns(attnum - 1).name());
      if (!HasBtreeOrdering(static_cast<TypeId>(t.columns(attnum - 1).type_id()))) {
        ThrowNoBtreeOrdering(static_cast<TypeId>(t.columns(attnum - 1).type_id()));
      }
      catalog::proto::IndexColumn* c = index->add_columns();
      c->set_attnum(attnum);
    }
    for (int attnum : u.included) {
      names.push_back(t.columns(attnum - 1).name());
      index->add_included_attnums(attnum);
    }
    std::string name = u.name.empty()
                           ? ChooseIndexName(t.namespace_oid(), t.name(),
                                             catalog::ChooseIndexColumnNames(names), "key", taken)
                           : u.name;
    taken.push_back(name);
    index->set_name(std::move(name));
  }
  // CHECK first, then FOREIGN KEY, as PostgreSQL names and lists them.
  // NOT VALID means nothing for a new table: its rows are all checked.
  for (const auto& [con, column] : checks) {
    *t.add_constraints() = BindTableConstraint(t, *con, column, &taken);
  }
  for (const auto& [con, column] : foreign_keys) {
    *t.add_constraints() = BindTableConstraint(t, *con, column, &taken);
  }
  FinishTableLikes(likes, t, &taken);
  for (catalog::proto::Constraint& con : *t.mutable_constraints()) con.set_not_valid(false);
  for (std::string& option : CheckStorageParameters(create.storage_parameters)) {
    t.add_reloptions(std::move(option));
  }
  BindSerialColumns(create, likes, out.get());
  return out;
}

}  // namespace basalt::sql
