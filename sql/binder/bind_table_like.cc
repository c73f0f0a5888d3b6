// CREATE TABLE ... (LIKE source [INCLUDING | EXCLUDING ...]): the source's
// columns (name, type, NOT NULL) copied where the clause stands; with the
// options, its defaults, identity, comments, CHECK constraints (their names
// kept) and indexes (primary key, UNIQUE constraints and plain indexes,
// named for the new table as PostgreSQL's ChooseIndexName names them).
// Foreign keys are never copied. The copies made after the table's own
// constraints are added by FinishTableLikes, as PostgreSQL adds them once
// the table exists.
#include <fmt/format.h>

#include "catalog/catalog_rows.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"

namespace basalt::sql {

namespace {

using Option = ast::TableLikeClause::Option;

// The new attnum of the source's column `attnum`.
int MapAttnum(const TableLikeCopy& copy, int attnum) {
  for (size_t i = 0; i < copy.source_attnums.size(); ++i) {
    if (copy.source_attnums[i] == attnum) return copy.new_attnums[i];
  }
  return 0;
}

}  // namespace

TableLikeCopy Binder::AddTableLikeColumns(const ast::TableLikeClause& like,
                                          catalog::proto::Table& t) {
  TableLikeCopy copy;
  copy.options = like.options;
  copy.source = ResolveTable(like.source, /*missing_ok=*/true);
  const bool index = copy.source == nullptr && ResolveIndexTable(like.source) != nullptr;
  if (copy.source == nullptr && !index) ResolveTable(like.source);  // 42P01
  if (index || copy.source->def.relkind() == "S") {
    throw Error(sqlstate::kWrongObjectType,
                fmt::format("relation \"{}\" is invalid in LIKE clause", like.source.name))
        .WithPosition(like.source.position)
        .WithDetail(fmt::format("This operation is not supported for {}.",
                                index ? "indexes" : "sequences"));
  }
  const catalog::proto::Table& source = copy.source->def;
  for (const catalog::proto::Column& from : source.columns()) {
    for (const catalog::proto::Column& existing : t.columns()) {
      if (existing.name() == from.name()) {  // PostgreSQL gives no position here
        throw Error(sqlstate::kDuplicateColumn,
                    fmt::format("column \"{}\" specified more than once", from.name()));
      }
    }
    catalog::proto::Column* c = t.add_columns();
    c->set_attnum(t.columns_size());
    c->set_name(from.name());
    c->set_type_id(from.type_id());
    c->set_typmod(from.typmod());
    c->set_not_null(from.not_null());
    if ((like.options & Option::kDefaults) != 0 && from.identity().empty()) {
      c->set_default_expr(from.default_expr());
    }
    if ((like.options & Option::kIdentity) != 0 && !from.identity().empty()) {
      c->set_identity(from.identity());
    }
    if ((like.options & Option::kComments) != 0) c->set_comment(from.comment());
    copy.source_attnums.push_back(from.attnum());
    copy.new_attnums.push_back(c->attnum());
  }
  return copy;
}

void Binder::FinishTableLikes(const std::vector<TableLikeCopy>& copies, catalog::proto::Table& t,
                              std::vector<std::string>* taken) {
  // CHECK constraints, under their own names.
  for (const TableLikeCopy& copy : copies) {
    if ((copy.options & Option::kConstraints) == 0) continue;
    for (const catalog::proto::Constraint& from : copy.source->def.constraints()) {
      if (from.type() != "c") continue;
      catalog::proto::Constraint* c = t.add_constraints();
      c->set_name(from.name());
      c->set_type("c");
      c->set_check_expr(from.check_expr());
      if ((copy.options & Option::kComments) != 0) c->set_comment(from.comment());
      taken->push_back(from.name());
    }
  }
  // Indexes, in the source's order, the primary key first.
  for (const TableLikeCopy& copy : copies) {
    if ((copy.options & Option::kIndexes) == 0) continue;
    const catalog::proto::Table& source = copy.source->def;
    if (source.primary_key_attnums_size() > 0) {
      if (t.primary_key_attnums_size() > 0) {  // index_check_primary_key: no position
        throw Error(
            sqlstate::kInvalidTableDefinition,
            fmt::format("multiple primary keys for table \"{}\" are not allowed", t.name()));
      }
      for (int attnum : source.primary_key_attnums()) {
        const int mapped = MapAttnum(copy, attnum);
        t.add_primary_key_attnums(mapped);
        t.mutable_columns(mapped - 1)->set_not_null(true);
      }
      for (int attnum : source.primary_key_included_attnums()) {
        t.add_primary_key_included_attnums(MapAttnum(copy, attnum));
      }
      t.set_primary_key_name(ChooseIndexName(t.namespace_oid(), t.name(), {}, "pkey", *taken));
      taken->push_back(t.primary_key_name());
      if ((copy.options & Option::kComments) != 0) {
        t.set_primary_key_comment(source.primary_key_comment());
        t.set_primary_key_constraint_comment(source.primary_key_constraint_comment());
      }
    }
    for (const catalog::proto::Index& from : source.indexes()) {
      if (from.hidden() || from.invalid()) continue;
      catalog::proto::Index* index = t.add_indexes();
      index->set_unique(from.unique());
      index->set_constraint(from.constraint());
      index->set_deferrable(from.deferrable());
      index->set_initially_deferred(from.initially_deferred());
      index->set_nulls_not_distinct(from.nulls_not_distinct());
      // A partial index's predicate names columns, which keep their names.
      index->set_predicate(from.predicate());
      for (int attnum : from.predicate_attnums()) {
        index->add_predicate_attnums(MapAttnum(copy, attnum));
      }
      std::vector<std::string> names;
      for (const catalog::proto::IndexColumn& column : from.columns()) {
        catalog::proto::IndexColumn* c = index->add_columns();
        *c = column;
        if (!column.expression().empty()) {  // attnum 0; its text names columns
          c->clear_expression_attnums();
          for (int attnum : column.expression_attnums()) {
            c->add_expression_attnums(MapAttnum(copy, attnum));
          }
          names.push_back(column.expression_name());
          continue;
        }
        c->set_attnum(MapAttnum(copy, column.attnum()));
        names.push_back(t.columns(c->attnum() - 1).name());
      }
      for (int attnum : from.included_attnums()) {
        const int mapped = MapAttnum(copy, attnum);
        index->add_included_attnums(mapped);
        names.push_back(t.columns(mapped - 1).name());
      }
      index->set_name(ChooseIndexName(t.namespace_oid(), t.name(),
                                      catalog::ChooseIndexColumnNames(names),
                                      from.constraint() ? "key" : "idx", *taken));
      taken->push_back(index->name());
      if ((copy.options & Option::kComments) != 0) {
        index->set_comment(from.comment());
        index->set_constraint_comment(from.constraint_comment());
      }
    }
  }
}

catalog::proto::SequenceDef Binder::LikeIdentityOptions(const TableLikeCopy& copy,
                                                        int attnum) const {
  int source_attnum = 0;
  for (size_t i = 0; i < copy.new_attnums.size(); ++i) {
    if (copy.new_attnums[i] == attnum) source_attnum = copy.source_attnums[i];
  }
  for (const auto& relation : snapshot_.Tables(database_)) {
    const catalog::proto::SequenceDef& owner = relation->def.sequence();
    if (relation->def.relkind() == "S" && owner.owned_by_table() == copy.source->def.oid() &&
        owner.owned_by_attnum() == source_attnum) {
      catalog::proto::SequenceDef options = owner;
      options.clear_owned_by_table();
      options.clear_owned_by_attnum();
      return options;
    }
  }
  throw Error(sqlstate::kInternalError, "no sequence for the identity column LIKE copies");
}

}  // namespace basalt::sql
