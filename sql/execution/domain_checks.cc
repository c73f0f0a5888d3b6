#include "sql/execution/domain_checks.h"

#include <fmt/format.h>

#include <algorithm>

#include "sql/binder/binder.h"
#include "sql/catalog_names.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/parser.h"

namespace basalt::sql {

DomainChecks::DomainChecks(Oid domain, const ExecContext& ctx) {
  CatalogNames names(ctx.catalog, ctx.database_oid, ctx.user, ctx.search_path);
  Binder binder(*ctx.catalog, ctx.database_oid, ctx.user, ctx.search_path);
  // The domain, then the domains it is over: each one's checks in name
  // order, as PostgreSQL's type cache sorts them. Errors name the domain
  // cast to, whichever level the constraint is of.
  std::string name;
  for (Oid oid = domain; oid != 0;) {
    const auto type = ctx.catalog->TypeByOid(ctx.database_oid, oid);
    if (type == nullptr || type->kind() != "d") break;
    if (name.empty()) name = names.UserTypeName(*type);
    if (type->not_null()) not_null_domain_ = name;
    const catalog::proto::Table row_of_value =
        DomainValueTable(DataType{static_cast<TypeId>(type->base_type_id()), type->base_typmod()});
    std::vector<Bound> level;
    for (const catalog::proto::DomainCheck& c : type->checks()) {
      level.push_back({name, c.name(),
                       binder.BindCheckExpression(row_of_value, *ParseExpression(c.check_expr()))});
    }
    std::sort(level.begin(), level.end(),
              [](const Bound& a, const Bound& b) { return a.name < b.name; });
    for (Bound& b : level) checks_.push_back(std::move(b));
    oid = type->base_domain_oid();
  }
}

DomainChecks::~DomainChecks() = default;

const DomainChecks& DomainChecks::Of(Oid domain, ExecContext& ctx) {
  std::shared_ptr<const DomainChecks>& checks = ctx.domain_checks[domain];
  if (checks == nullptr) checks = std::make_shared<DomainChecks>(domain, ctx);
  return *checks;
}

const DomainChecks::Bound* DomainChecks::FirstBroken(const Value& value, ExecContext& ctx) const {
  const Row row{value};
  for (const Bound& check : checks_) {
    const Value v = Evaluate(*check.expr, row, &ctx);
    if (!v.is_null() && !v.AsBool()) return &check;
  }
  return nullptr;
}

bool DomainChecks::Meets(const Value& value, ExecContext& ctx) const {
  if (value.is_null()) return not_null_domain_.empty();
  return FirstBroken(value, ctx) == nullptr;
}

void DomainChecks::Check(const Value& value, ExecContext& ctx) const {
  if (value.is_null()) {
    if (not_null_domain_.empty()) return;
    throw Error(sqlstate::kNotNullViolation,
                fmt::format("domain {} does not allow null values", not_null_domain_));
  }
  if (const Bound* broken = FirstBroken(value, ctx)) {
    throw Error(sqlstate::kCheckViolation,
                fmt::format("value for domain {} violates check constraint \"{}\"", broken->domain,
                            broken->name));
  }
}

catalog::proto::Table DomainValueTable(const DataType& base) {
  catalog::proto::Table row;
  catalog::proto::Column* column = row.add_columns();
  column->set_attnum(1);
  column->set_name("value");
  column->set_type_id(static_cast<uint32_t>(base.id));
  column->set_typmod(base.typmod);
  return row;
}

bool HasDomainColumns(const catalog::TableEntry& table) {
  return std::any_of(table.def.columns().begin(), table.def.columns().end(),
                     [](const catalog::proto::Column& c) { return c.domain_oid() != 0; });
}

void CheckDomainColumns(const catalog::TableEntry& table, const Row& row, ExecContext& ctx) {
  for (int i = 0; i < table.def.columns_size(); ++i) {
    const Oid domain = table.def.columns(i).domain_oid();
    if (domain != 0) DomainChecks::Of(domain, ctx).Check(row[static_cast<size_t>(i)], ctx);
  }
}

}  // namespace basalt::sql
