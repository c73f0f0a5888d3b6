// FROM: tables, subqueries, VALUES lists and joins into a BoundTableRef tree
// and the scope its names resolve in. Comma-separated items are cross joins,
// left to right, as PostgreSQL plans them.
#include <fmt/format.h>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {}  // namespace

void Binder::RenameColumns(const ast::Alias& alias, ScopeItem* item) {
  if (alias.columns.size() > item->columns.size()) {
    // Without a position, as PostgreSQL.
    throw Error(sqlstate::kInvalidColumnReference,
                fmt::format("table \"{}\" has {} columns available but {} columns specified",
                            item->name, item->columns.size(), alias.columns.size()));
  }
  for (size_t i = 0; i < alias.columns.size(); ++i) item->columns[i].name = alias.columns[i];
}

namespace {

// The columns an unqualified name can reach among items [first, end).
std::vector<const ScopeColumn*> VisibleColumns(const Scope& scope, size_t first, size_t end) {
  std::vector<const ScopeColumn*> out;
  for (size_t i = first; i < end; ++i) {
    if (!scope.items[i].columns_visible) continue;
    for (const ScopeColumn& c : scope.items[i].columns) out.push_back(&c);
  }
  return out;
}

// The one column named `name` on one side of a USING join.
const ScopeColumn* FindUsingColumn(const std::vector<const ScopeColumn*>& side,
                                   const std::string& name, const char* which) {
  const ScopeColumn* found = nullptr;
  for (const ScopeColumn* c : side) {
    if (c->name != name) continue;
    if (found != nullptr) {
      throw Error(
          sqlstate::kAmbiguousColumn,
          fmt::format("common column name \"{}\" appears more than once in {} table", name, which));
    }
    found = c;
  }
  if (found == nullptr) {
    throw Error(sqlstate::kUndefinedColumn,
                fmt::format("column \"{}\" specified in USING clause does not exist in {} table",
                            name, which));
  }
  return found;
}

BoundExprPtr ColumnValue(const ScopeColumn& c) {
  return c.merged != nullptr ? c.merged->Clone() : BoundExpr::Column(c.index, c.type);
}

}  // namespace

std::unique_ptr<BoundTableRef> Binder::BindFrom(const std::vector<ast::TableRefPtr>& from,
                                                Scope& scope, int first_column) {
  std::unique_ptr<BoundTableRef> tree;
  int next_column = first_column;
  for (const ast::TableRefPtr& item : from) {
    std::unique_ptr<BoundTableRef> ref = BindTableRef(*item, scope, &next_column);
    if (tree == nullptr) {
      tree = std::move(ref);
      continue;
    }
    tree = CrossJoin(std::move(tree), std::move(ref));
  }
  return tree;
}

void Binder::AddScopeItem(ScopeItem item, Scope& scope) {
  if (!item.name.empty()) {
    for (const ScopeItem& other : scope.items) {
      if (other.name == item.name) {
        // Without a position, as PostgreSQL.
        throw Error(sqlstate::kDuplicateAlias,
                    fmt::format("table name \"{}\" specified more than once", item.name));
      }
    }
  }
  scope.items.push_back(std::move(item));
}

std::unique_ptr<BoundTableRef> Binder::BindTableRef(const ast::TableRef& ref, Scope& scope,
                                                    int* next_column) {
  CheckStackDepth();
  auto out = std::make_unique<BoundTableRef>();
  switch (ref.kind()) {
    case ast::TableRefKind::kTable: {
      const auto& base = ref.As<ast::BaseTableRef>();
      if (auto cte = BindCteReference(base, scope, next_column)) return cte;
      out->kind = BoundTableRef::Kind::kTable;
      out->table = ResolveTable(base.name);
      if (out->table->IsView()) return BindView(base, std::move(out->table), scope, next_column);
      NoteTableRead(out->table);
      out->width = out->table->def.columns_size();
      ScopeItem item = TableScopeItem(base.alias.name.empty() ? base.name.name : base.alias.name,
                                      out->table, *next_column);
      RenameColumns(base.alias, &item);
      out->alias = base.alias.name;
      for (const ScopeColumn& c : item.columns) out->column_names.push_back(c.name);
      *next_column += out->width;
      AddScopeItem(std::move(item), scope);
      return out;
    }
    case ast::TableRefKind::kSubquery: {
      const auto& sub = ref.As<ast::SubqueryRef>();
      out->kind = BoundTableRef::Kind::kSubquery;
      {
        // LATERAL: the FROM items before it are an enclosing scope whose
        // values it reads (lateral values). Otherwise it sees the enclosing
        // queries only, not this FROM.
        ScopedFlag resolve(resolve_unknowns_, true);
        out->subquery = sub.lateral ? BindSelect(*sub.select, &scope, &out->lateral_values)
                                    : BindSelect(*sub.select, scope.parent, scope.outer_values);
      }
      out->width = static_cast<int>(out->subquery->columns.size());
      AddQueryItem(sub.alias.name, out->subquery->columns, sub.alias, scope, next_column);
      out->alias = sub.alias.name;
      out->lateral = sub.lateral;
      for (const ScopeColumn& c : scope.items.back().columns) out->column_names.push_back(c.name);
      return out;
    }
    case ast::TableRefKind::kFunction:
      return BindTableFunction(ref.As<ast::FunctionRef>(), scope, next_column);
    case ast::TableRefKind::kJoin: return BindJoin(ref.As<ast::JoinRef>(), scope, next_column);
  }
  ThrowAt(sqlstate::kFeatureNotSupported, "unsupported FROM item", ref.position);
}

std::unique_ptr<BoundTableRef> Binder::BindJoin(const ast::JoinRef& join, Scope& scope,
                                                int* next_column) {
  auto out = std::make_unique<BoundTableRef>();
  out->kind = BoundTableRef::Kind::kJoin;
  switch (join.type) {
    case ast::JoinType::kInner: out->join_type = JoinType::kInner; break;
    case ast::JoinType::kCross:
      out->join_type = JoinType::kInner;
      out->cross = true;
      break;
    case ast::JoinType::kLeft: out->join_type = JoinType::kLeft; break;
    case ast::JoinType::kRight: out->join_type = JoinType::kRight; break;
    case ast::JoinType::kFull: out->join_type = JoinType::kFull; break;
  }
  const size_t left_begin = scope.items.size();
  out->left = BindTableRef(*join.left, scope, next_column);
  const size_t right_begin = scope.items.size();
  const int left_end_column = *next_column;
  out->right = BindTableRef(*join.right, scope, next_column);
  const size_t right_end = scope.items.size();
  out->width = out->left->width + out->right->width;
  // A join's own lateral values read its left side (checked when it was
  // bound): only a LATERAL item itself can read past its join.
  auto reads_outside = [](const BoundTableRef& side) {
    return side.kind != BoundTableRef::Kind::kJoin && !side.lateral_values.empty();
  };
  if (reads_outside(*out->left)) {
    ThrowAt(sqlstate::kFeatureNotSupported,
            "LATERAL references outside their JOIN are not supported yet", join.position);
  }
  if (reads_outside(*out->right)) {
    // The left side's rows feed the right side's lateral values.
    const int left_begin_column = left_end_column - out->left->width;
    for (const BoundExprPtr& v : out->right->lateral_values) {
      if (!ReadsOnlyColumns(*v, left_begin_column, left_end_column)) {
        ThrowAt(sqlstate::kFeatureNotSupported,
                "LATERAL references outside their JOIN are not supported yet", join.position);
      }
    }
    if (out->join_type != JoinType::kInner && out->join_type != JoinType::kLeft) {
      ThrowAt(sqlstate::kInvalidColumnReference,
              "invalid reference to FROM-clause entry for table on the left of a RIGHT or FULL "
              "JOIN",
              join.position);
    }
    out->lateral_values = std::move(out->right->lateral_values);
  }

  std::vector<std::string> using_names;
  int using_position = join.position;
  if (join.natural) {
    // NATURAL: the names both sides have, in the left side's order.
    for (const ScopeColumn* l : VisibleColumns(scope, left_begin, right_begin)) {
      for (const ScopeColumn* r : VisibleColumns(scope, right_begin, right_end)) {
        if (l->name == r->name) {
          using_names.push_back(l->name);
          break;
        }
      }
    }
  }
  for (const ast::Identifier& id : join.using_columns) {
    for (const std::string& seen : using_names) {
      if (seen == id.name) {
        throw Error(
            sqlstate::kDuplicateColumn,
            fmt::format("column name \"{}\" appears more than once in USING clause", id.name));
      }
    }
    using_names.push_back(id.name);
  }
  if (!join.using_columns.empty()) using_position = join.using_columns[0].position;
  // NATURAL prints as the USING list it stands for, as PostgreSQL's.
  out->using_columns = using_names;

  if (join.on != nullptr) {
    // ON sees the join's two sides only, not the FROM items before it.
    Scope sides;
    sides.parent = scope.parent;
    sides.outer_values = scope.outer_values;
    sides.items.assign(scope.items.begin() + static_cast<std::ptrdiff_t>(left_begin),
                       scope.items.end());
    for (size_t i = 0; i < left_begin; ++i) sides.unreachable.push_back(scope.items[i].name);
    AggregateRulesScope rules(this, false, "JOIN conditions");
    out->condition = BindCondition(*join.on, sides, "JOIN/ON");
  }
  const bool merges = join.natural || !join.using_columns.empty();
  if (!merges && join.alias.name.empty()) return out;

  // The join as one FROM item: merged columns first, then each side's
  // others, as PostgreSQL orders a USING join's columns.
  ScopeItem item;
  item.name = join.alias.name;
  const std::vector<const ScopeColumn*> left_columns =
      VisibleColumns(scope, left_begin, right_begin);
  const std::vector<const ScopeColumn*> right_columns =
      VisibleColumns(scope, right_begin, right_end);
  std::vector<const ScopeColumn*> merged_left;
  std::vector<const ScopeColumn*> merged_right;
  std::vector<BoundExprPtr> conditions;
  for (size_t i = 0; i < using_names.size(); ++i) {
    const std::string& name = using_names[i];
    const int position = join.natural ? join.position : join.using_columns[i].position;
    const ScopeColumn* l = FindUsingColumn(left_columns, name, "left");
    const ScopeColumn* r = FindUsingColumn(right_columns, name, "right");
    merged_left.push_back(l);
    merged_right.push_back(r);
    std::optional<DataType> common = CommonType(l->type, r->type);
    if (!common) {
      ThrowAt(sqlstate::kDatatypeMismatch,
              fmt::format("JOIN/USING types {} and {} cannot be matched",
                          TypeNameForMessage(l->type), TypeNameForMessage(r->type)),
              position);
    }
    conditions.push_back(BindComparison("=", ColumnValue(*l), ColumnValue(*r), position));
    auto side = [&](const ScopeColumn& c) {
      return CoerceOrThrow(ColumnValue(c), *common, CastContext::kImplicit);
    };
    ScopeColumn column{name, *common, -1, nullptr, 0, 0};
    BoundExprPtr value;
    switch (out->join_type) {
      case JoinType::kInner:
      case JoinType::kLeft:
      case JoinType::kSemi:  // not written in SQL
      case JoinType::kAnti: value = side(*l); break;
      case JoinType::kRight: value = side(*r); break;
      case JoinType::kFull: {
        value = BoundExpr::Make(BoundExprKind::kFunction, *common, position);
        value->function = ScalarFunction::kCoalesce;
        value->children.push_back(side(*l));
        value->children.push_back(side(*r));
        break;
      }
    }
    if (value->kind == BoundExprKind::kColumn) {
      column.index = value->column_index;
      const ScopeColumn& source = out->join_type == JoinType::kRight ? *r : *l;
      column.table_oid = source.table_oid;
      column.attnum = source.attnum;
    } else {
      column.merged = std::move(value);
    }
    item.columns.push_back(std::move(column));
  }
  if (!conditions.empty()) {
    out->condition = conditions.size() == 1 ? std::move(conditions[0])
                                            : BindLogical(BoundExprKind::kAnd, "AND",
                                                          std::move(conditions), using_position);
  }
  auto add_rest = [&](const std::vector<const ScopeColumn*>& side,
                      const std::vector<const ScopeColumn*>& merged) {
    for (const ScopeColumn* c : side) {
      if (std::find(merged.begin(), merged.end(), c) == merged.end()) item.columns.push_back(*c);
    }
  };
  add_rest(left_columns, merged_left);
  add_rest(right_columns, merged_right);
  RenameColumns(join.alias, &item);
  for (size_t i = left_begin; i < right_end; ++i) {
    scope.items[i].columns_visible = false;
    // An alias hides the names inside the join.
    if (!join.alias.name.empty()) scope.items[i].name.clear();
  }
  AddScopeItem(std::move(item), scope);
  return out;
}

std::unique_ptr<BoundTableRef> CrossJoin(std::unique_ptr<BoundTableRef> left,
                                         std::unique_ptr<BoundTableRef> right) {
  auto join = std::make_unique<BoundTableRef>();
  join->kind = BoundTableRef::Kind::kJoin;
  join->comma = true;
  join->width = left->width + right->width;
  join->lateral_values = std::move(right->lateral_values);  // LATERAL: per left row
  join->left = std::move(left);
  join->right = std::move(right);
  return join;
}

void Binder::AddQueryItem(std::string name, const std::vector<ResultColumn>& columns,
                          const ast::Alias& alias, Scope& scope, int* next_column) {
  ScopeItem item;
  item.name = std::move(name);
  for (size_t c = 0; c < columns.size(); ++c) {
    const ResultColumn& col = columns[c];
    item.columns.push_back(ScopeColumn{col.name, col.type, *next_column + static_cast<int>(c),
                                       nullptr, col.table_oid, col.column_number});
  }
  RenameColumns(alias, &item);
  *next_column += static_cast<int>(columns.size());
  AddScopeItem(std::move(item), scope);
}

ScopeItem TableScopeItem(std::string name, std::shared_ptr<const catalog::TableEntry> table,
                         int offset) {
  ScopeItem item;
  item.name = std::move(name);
  for (int c = 0; c < table->def.columns_size(); ++c) {
    const catalog::proto::Column& col = table->def.columns(c);
    item.columns.push_back(ScopeColumn{col.name(), table->ColumnType(c), offset + c, nullptr,
                                       table->def.oid(), static_cast<int16_t>(col.attnum())});
  }
  item.table = std::move(table);
  return item;
}

const ScopeColumn* FindScopeColumn(const Scope& scope, int index) {
  for (const ScopeItem& item : scope.items) {
    for (const ScopeColumn& c : item.columns) {
      if (c.index == index) return &c;
    }
  }
  return nullptr;
}

void Binder::NoteTableRead(const std::shared_ptr<const catalog::TableEntry>& table) {
  for (const auto& t : tables_read_) {
    if (t == table) return;
  }
  tables_read_.push_back(table);
}

}  // namespace basalt::sql
