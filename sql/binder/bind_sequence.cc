#include "sql/binder/bind_sequence.h"

#include <fmt/format.h>

#include <limits>

#include "common/error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/binder/deparse_text.h"
#include "sql/parser/ast_printer.h"

namespace basalt::sql {

namespace {

Error InvalidOption(std::string message) {
  return Error(sqlstate::kInvalidParameterValue, std::move(message));
}

struct TypeRange {
  int64_t min;
  int64_t max;
};

TypeRange RangeOf(TypeId type) {
  switch (type) {
    case TypeId::kInt2:
      return {std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()};
    case TypeId::kInt4:
      return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
    default: return {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  }
}

catalog::proto::SequenceDef Resolve(const ast::SequenceOptions& options,
                                    std::optional<TypeId> as_type,
                                    const catalog::proto::SequenceDef* current,
                                    std::optional<int64_t>* restart) {
  const bool init = current == nullptr;
  catalog::proto::SequenceDef def;
  if (!init) def = *current;
  const TypeId old_type = init ? TypeId::kInt8 : static_cast<TypeId>(current->type_id());
  const TypeId type = as_type.value_or(old_type);
  def.set_type_id(static_cast<uint32_t>(type));
  const std::string type_name = TypeNameForMessage(DataType::Of(type));
  const TypeRange range = RangeOf(type);
  // A bound at its old type's limit follows a new AS type (init_params).
  const bool reset_max = !init && as_type && current->max_value() == RangeOf(old_type).max;
  const bool reset_min = !init && as_type && current->min_value() == RangeOf(old_type).min;
  if (options.increment) {
    if (*options.increment == 0) throw InvalidOption("INCREMENT must not be zero");
    def.set_increment(*options.increment);
  } else if (init) {
    def.set_increment(1);
  }
  if (options.max_value && options.max_value->has_value()) {
    def.set_max_value(**options.max_value);
  } else if (init || options.max_value || reset_max) {
    def.set_max_value(def.increment() > 0 || reset_max ? range.max : -1);
  }
  if (options.min_value && options.min_value->has_value()) {
    def.set_min_value(**options.min_value);
  } else if (init || options.min_value || reset_min) {
    def.set_min_value(def.increment() < 0 || reset_min ? range.min : 1);
  }
  if (def.max_value() < range.min || def.max_value() > range.max) {
    throw InvalidOption(fmt::format("MAXVALUE ({}) is out of range for sequence data type {}",
                                    def.max_value(), type_name));
  }
  if (def.min_value() < range.min || def.min_value() > range.max) {
    throw InvalidOption(fmt::format("MINVALUE ({}) is out of range for sequence data type {}",
                                    def.min_value(), type_name));
  }
  if (def.min_value() >= def.max_value()) {
    throw InvalidOption(fmt::format("MINVALUE ({}) must be less than MAXVALUE ({})",
                                    def.min_value(), def.max_value()));
  }
  if (options.start) {
    def.set_start(*options.start);
  } else if (current == nullptr) {
    def.set_start(def.increment() > 0 ? def.min_value() : def.max_value());
  }
  if (def.start() < def.min_value()) {
    throw InvalidOption(fmt::format("START value ({}) cannot be less than MINVALUE ({})",
                                    def.start(), def.min_value()));
  }
  if (def.start() > def.max_value()) {
    throw InvalidOption(fmt::format("START value ({}) cannot be greater than MAXVALUE ({})",
                                    def.start(), def.max_value()));
  }
  if (options.restart) {
    const int64_t value = options.restart->value_or(def.start());
    if (value < def.min_value()) {
      throw InvalidOption(fmt::format("RESTART value ({}) cannot be less than MINVALUE ({})", value,
                                      def.min_value()));
    }
    if (value > def.max_value()) {
      throw InvalidOption(fmt::format("RESTART value ({}) cannot be greater than MAXVALUE ({})",
                                      value, def.max_value()));
    }
    *restart = value;
  }
  if (options.cache) {
    if (*options.cache <= 0) {
      throw InvalidOption(fmt::format("CACHE ({}) must be greater than zero", *options.cache));
    }
    def.set_cache(*options.cache);
  } else if (current == nullptr) {
    def.set_cache(1);
  }
  if (options.cycle) def.set_cycle(*options.cycle);
  return def;
}

}  // namespace

catalog::proto::SequenceDef ResolveSequenceOptions(const ast::SequenceOptions& options,
                                                   const catalog::proto::SequenceDef* current,
                                                   std::optional<int64_t>* restart) {
  std::optional<TypeId> as_type;
  if (options.as_type) {
    DataType t = BindTypeName(*options.as_type);
    if (t.id != TypeId::kInt2 && t.id != TypeId::kInt4 && t.id != TypeId::kInt8) {
      throw InvalidOption("sequence type must be smallint, integer, or bigint");
    }
    as_type = t.id;
  }
  return Resolve(options, as_type, current, restart);
}

catalog::proto::SequenceDef DefaultSequenceOptions(TypeId type) {
  return Resolve(ast::SequenceOptions{}, type, nullptr, nullptr);
}

catalog::proto::SequenceDef ResolveIdentityOptions(const ast::SequenceOptions& options,
                                                   TypeId type) {
  if (options.as_type) return ResolveSequenceOptions(options, nullptr, nullptr);
  return Resolve(options, type, nullptr, nullptr);
}

std::optional<TypeId> SerialType(const ast::TypeName& type) {
  if (!type.schema.empty() || type.array_bounds > 0 || !type.modifiers.empty()) return std::nullopt;
  if (type.name == "serial" || type.name == "serial4") return TypeId::kInt4;
  if (type.name == "bigserial" || type.name == "serial8") return TypeId::kInt8;
  if (type.name == "smallserial" || type.name == "serial2") return TypeId::kInt2;
  return std::nullopt;
}

catalog::proto::Table NewSequenceTable(Oid database, Oid namespace_oid, const std::string& name,
                                       catalog::proto::SequenceDef options) {
  catalog::proto::Table t;
  t.set_database_oid(database);
  t.set_namespace_oid(namespace_oid);
  t.set_name(name);
  t.set_relkind("S");
  const std::pair<const char*, TypeId> columns[] = {
      {"last_value", TypeId::kInt8}, {"log_cnt", TypeId::kInt8}, {"is_called", TypeId::kBool}};
  for (const auto& [column_name, type] : columns) {
    catalog::proto::Column* c = t.add_columns();
    c->set_attnum(t.columns_size());
    c->set_name(column_name);
    c->set_type_id(static_cast<uint32_t>(type));
    c->set_typmod(-1);
    c->set_not_null(true);
  }
  *t.mutable_sequence() = std::move(options);
  return t;
}

std::string Binder::SerialDefault(Oid namespace_oid, const std::string& sequence) const {
  // The name schema-qualified: the default is stored as text and bound
  // again under whatever search_path the writer has (PostgreSQL keeps the
  // sequence's OID); pg_get_expr prints it qualified only where needed.
  const catalog::proto::Namespace* ns = snapshot_.NamespaceByOid(database_, namespace_oid);
  const std::string qualified =
      (ns != nullptr ? ast::QuoteName(ns->name(), /*quote_keywords=*/true) + "." : "") +
      ast::QuoteName(sequence, /*quote_keywords=*/true);
  return fmt::format("nextval({}::regclass)", QuotedLiteral(qualified));
}

void Binder::BindSerialColumns(const ast::CreateTableStmt& create,
                               const std::vector<TableLikeCopy>& likes,
                               BoundCreateTable* out) const {
  catalog::proto::Table& t = out->table;
  std::vector<std::string> taken{t.name()};
  // In column order, the table's own columns and those LIKE copied.
  for (catalog::proto::Column& c : *t.mutable_columns()) {
    const ast::ColumnDef* def = nullptr;
    for (const ast::ColumnDef& d : create.columns) {
      if (d.name == c.name()) def = &d;
    }
    const TableLikeCopy* like = nullptr;
    if (def == nullptr && !c.identity().empty()) {
      for (const TableLikeCopy& copy : likes) {
        for (int attnum : copy.new_attnums) {
          if (attnum == c.attnum()) like = &copy;
        }
      }
    }
    const std::optional<TypeId> serial =
        def != nullptr ? SerialType(def->type) : std::optional<TypeId>();
    const ast::Constraint* identity = nullptr;
    if (def != nullptr) {
      for (const ast::Constraint& con : def->constraints) {
        if (con.type == ast::Constraint::Type::kIdentity) identity = &con;
      }
    }
    if (!serial && identity == nullptr && like == nullptr) continue;
    catalog::proto::Column* column = &c;
    const TypeId type = static_cast<TypeId>(column->type_id());
    // PostgreSQL's name: <table>_<column>_seq, made unique as index names are.
    const std::string name = ChooseIndexName(t.namespace_oid(), t.name(), {c.name()}, "seq", taken);
    taken.push_back(name);
    catalog::proto::SequenceDef options =
        like != nullptr ? LikeIdentityOptions(*like, c.attnum())
        : serial        ? DefaultSequenceOptions(type)
                        : ResolveIdentityOptions(*identity->identity_options, type);
    options.set_owned_by_attnum(column->attnum());
    if (serial) {
      // An identity column has no default: BindColumnDefault draws from the
      // sequence it owns.
      column->set_default_expr(SerialDefault(t.namespace_oid(), name));
    }
    out->sequences.push_back(
        NewSequenceTable(t.database_oid(), t.namespace_oid(), name, std::move(options)));
  }
}

}  // namespace basalt::sql
