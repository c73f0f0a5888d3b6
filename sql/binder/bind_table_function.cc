// Set-returning functions in FROM (generate_series, unnest) and in the
// target list. Like LATERAL subqueries (bind_from.cc) they may read the FROM
// items before them, which the binder collects as lateral values
// (Scope::outer_values of a scope whose parent is the FROM so far); the join
// then runs them once per row of those items.
#include <fmt/format.h>

#include <algorithm>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/bind_json_function.h"
#include "sql/binder/bind_named_arguments.h"
#include "sql/binder/bind_record_function.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

bool IsSeriesType(TypeId id) {
  return id == TypeId::kInt4 || id == TypeId::kInt8 || id == TypeId::kNumeric;
}

// json_array_elements, jsonb_each_text, ...: the function, and whether its
// argument is jsonb; nullopt for other names.
std::optional<std::pair<TableFunction, bool>> JsonTableFunction(std::string_view name) {
  const bool jsonb = name.starts_with("jsonb_");
  if (!jsonb && !name.starts_with("json_")) return std::nullopt;
  const std::string_view rest = name.substr(jsonb ? 6 : 5);
  if (rest == "array_elements") return std::pair(TableFunction::kJsonArrayElements, jsonb);
  if (rest == "array_elements_text") return std::pair(TableFunction::kJsonArrayElementsText, jsonb);
  if (rest == "object_keys") return std::pair(TableFunction::kJsonObjectKeys, jsonb);
  if (rest == "each") return std::pair(TableFunction::kJsonEach, jsonb);
  if (rest == "each_text") return std::pair(TableFunction::kJsonEachText, jsonb);
  return std::nullopt;
}

bool IsExpandArray(const ast::FunctionCall& call) {
  return call.name.size() == 2 && call.name[0] == "information_schema" &&
         call.name[1] == "_pg_expandarray" && call.args.size() == 1 && !call.star && !call.distinct;
}

// A function of several columns returns rows (its OUT parameters): in the
// target list, its value is a record of them.
DataType TargetRowType(const BoundTableRef& function) {
  const DataType text = DataType::Of(TypeId::kText);
  switch (function.function) {
    case TableFunction::kJsonEach:
    case TableFunction::kJsonEachText:
      return DataType::Record({text, function.function_type}, {"key", "value"});
    case TableFunction::kOptionsToTable:
      return DataType::Record({text, text}, {"option_name", "option_value"});
    default:  // _pg_expandarray: unnest with the positions
      return DataType::Record({function.function_type, DataType::Of(TypeId::kInt4)}, {"x", "n"});
  }
}

}  // namespace

std::unique_ptr<BoundTableRef> Binder::BindTableFunction(const ast::FunctionRef& ref, Scope& scope,
                                                         int* next_column) {
  std::unique_ptr<BoundTableRef> out = BindTableFunctionCall(
      *ref.call, ref.alias, ref.with_ordinality, ref.position, false, scope, next_column);
  // As PostgreSQL's transformRangeFunction: LATERAL when written or when it
  // reads an earlier FROM item (not only enclosing queries).
  out->lateral = ref.lateral;
  for (const BoundExprPtr& v : out->lateral_values) out->lateral = out->lateral || ReadsColumns(*v);
  return out;
}

std::unique_ptr<BoundTableRef> Binder::BindTableFunctionCall(
    const ast::FunctionCall& call, const ast::Alias& alias, bool with_ordinality, int position,
    bool hidden, Scope& scope, int* next_column, std::vector<BoundExprPtr>* lateral_values) {
  const std::string& name = call.name.back();
  const bool catalog_name =
      call.name.size() == 1 || (call.name.size() == 2 && call.name[0] == "pg_catalog");
  auto out = std::make_unique<BoundTableRef>();
  out->kind = BoundTableRef::Kind::kFunction;
  out->with_ordinality = with_ordinality;
  Scope lateral;
  lateral.parent = &scope;
  lateral.outer_values = lateral_values != nullptr ? lateral_values : &out->lateral_values;
  {
    AggregateRulesScope rules(this, false, "functions in FROM");
    for (const ast::ExprPtr& arg : call.args) {
      out->arguments.push_back(BindExpression(*arg, lateral));
    }
  }
  std::vector<BoundExprPtr>& args = out->arguments;
  // Named notation (the set-returning functions name no parameters: 42883).
  if (!call.arg_names.empty()) args = ArrangeNamedArguments(call, std::move(args));
  if (const auto record = catalog_name ? RecordTableFunction(name) : std::nullopt) {
    return BindRecordFunction(call, *record, alias, with_ordinality, hidden, std::move(out), scope,
                              next_column);
  }
  // information_schema._pg_expandarray(array): the elements (x) with their
  // positions (n), as unnest WITH ORDINALITY gives them; pgjdbc's metadata
  // queries and the information_schema views of PostgreSQL use it.
  const bool expand_array = IsExpandArray(call) && args[0]->type.IsArray();
  const std::optional<std::pair<TableFunction, bool>> json_function =
      catalog_name ? JsonTableFunction(name) : std::nullopt;
  auto timestamp_like = [](TypeId t) {
    return t == TypeId::kTimestamp || t == TypeId::kTimestampTz || t == TypeId::kDate;
  };
  if (expand_array) {
    out->function = TableFunction::kUnnest;
    out->function_type = args[0]->type.Element();
    with_ordinality = true;
    out->with_ordinality = true;
  } else if (catalog_name && name == "generate_series" && args.size() == 3 && !call.star &&
             !call.distinct &&
             (timestamp_like(args[0]->type.id) || timestamp_like(args[1]->type.id) ||
              args[2]->type.id == TypeId::kInterval)) {
    // generate_series(timestamp[tz], timestamp[tz], interval); dates and a
    // timestamp beside a timestamptz make it the timestamptz one.
    const TypeId a = args[0]->type.id;
    const TypeId b = args[1]->type.id;
    const bool plain = (a == TypeId::kTimestamp || a == TypeId::kUnknown) &&
                       (b == TypeId::kTimestamp || b == TypeId::kUnknown) &&
                       (a != TypeId::kUnknown || b != TypeId::kUnknown);
    const DataType type = DataType::Of(plain ? TypeId::kTimestamp : TypeId::kTimestampTz);
    for (size_t i = 0; i < 3; ++i) {
      BoundExprPtr converted =
          TryCoerce(args[i]->Clone(), i == 2 ? DataType::Of(TypeId::kInterval) : type,
                    CastContext::kImplicit);
      if (converted == nullptr) ThrowNoFunction(name, args, call.position);
      args[i] = std::move(converted);
    }
    out->function = TableFunction::kGenerateSeries;
    out->function_type = type;
  } else if (catalog_name && name == "generate_series" && (args.size() == 2 || args.size() == 3) &&
             !call.star && !call.distinct) {
    DataType type = DataType::Of(TypeId::kUnknown);
    for (const BoundExprPtr& a : args) {
      if (a->type.id == TypeId::kUnknown) continue;
      std::optional<DataType> common = CommonType(type, a->type);
      if (!common || !IsSeriesType(common->id)) ThrowNoFunction(name, args, call.position);
      type = DataType::Of(common->id);
    }
    if (type.id == TypeId::kUnknown) {
      std::string types;
      for (size_t i = 0; i < args.size(); ++i) types += i == 0 ? "unknown" : ", unknown";
      throw Error(sqlstate::kAmbiguousFunction,
                  fmt::format("function {}({}) is not unique", name, types))
          .WithHint(
              "Could not choose a best candidate function. You might need to add explicit "
              "type casts.")
          .WithPosition(position);
    }
    for (BoundExprPtr& a : args) a = CoerceOrThrow(std::move(a), type, CastContext::kImplicit);
    out->function = TableFunction::kGenerateSeries;
    out->function_type = type;
  } else if (catalog_name && name == "pg_partition_ancestors" && args.size() == 1) {
    // Basalt has no partitions: a relation's only ancestor is itself, one
    // row, as generate_series(r, r) over regclass gives it (psql's \d
    // lists the foreign keys referencing a table through this).
    const DataType regclass = DataType::Of(TypeId::kRegclass);
    args[0] = CoerceOrThrow(std::move(args[0]), regclass, CastContext::kImplicit);
    args.push_back(
        CoerceOrThrow(BindExpression(*call.args[0], lateral), regclass, CastContext::kImplicit));
    out->function = TableFunction::kGenerateSeries;
    out->function_type = regclass;
  } else if (catalog_name && name == "unnest" && args.size() > 1 && !hidden && !with_ordinality &&
             std::all_of(args.begin(), args.end(),
                         [](const BoundExprPtr& a) { return a->type.IsArray(); })) {
    // unnest(a, b, ...) in FROM: ROWS FROM (unnest(a), unnest(b), ...), the
    // arrays' elements side by side, the shorter ones padded with NULLs.
    for (size_t i = 1; i < args.size(); ++i) {
      auto member = std::make_unique<BoundTableRef>();
      member->kind = BoundTableRef::Kind::kFunction;
      member->function = TableFunction::kUnnest;
      member->function_type = args[i]->type.Element();
      member->width = 1;
      member->arguments.push_back(std::move(args[i]));
      out->lockstep.push_back(std::move(member));
    }
    args.resize(1);
    out->function = TableFunction::kUnnest;
    out->function_type = args[0]->type.Element();
  } else if (catalog_name && name == "unnest" && args.size() == 1 && args[0]->type.IsArray()) {
    // unnest(anyarray): int[], and text[] (pg_class.reloptions, which
    // psql's \d+ unnests).
    out->function = TableFunction::kUnnest;
    out->function_type = args[0]->type.Element();
  } else if (catalog_name && name == "jsonb_path_query") {
    // The elements of jsonb_path_query_array's array (bind_json_path.cc).
    BoundExprPtr array = BindJsonPathQuery(call, args);
    args.clear();
    args.push_back(std::move(array));
    out->function = TableFunction::kJsonArrayElements;
    out->function_type = DataType::Of(TypeId::kJsonb);
  } else if (json_function) {
    const auto [function, jsonb] = *json_function;
    const DataType json = DataType::Of(jsonb ? TypeId::kJsonb : TypeId::kJson);
    BoundExprPtr converted =
        args.size() == 1 ? TryCoerce(args[0]->Clone(), json, CastContext::kImplicit) : nullptr;
    if (converted == nullptr || call.star || call.distinct) {
      ThrowNoFunction(name, args, call.position);
    }
    args[0] = std::move(converted);
    out->function = function;
    const bool text = function == TableFunction::kJsonArrayElementsText ||
                      function == TableFunction::kJsonEachText ||
                      function == TableFunction::kJsonObjectKeys;
    out->function_type = text ? DataType::Of(TypeId::kText) : json;
  } else if (catalog_name && name == "generate_subscripts" && args.size() == 2 &&
             args[0]->type.IsArray()) {
    BoundExprPtr dimension =
        TryCoerce(args[1]->Clone(), DataType::Of(TypeId::kInt4), CastContext::kImplicit);
    if (dimension == nullptr) ThrowNoFunction(name, args, call.position);
    args[1] = std::move(dimension);
    out->function = TableFunction::kGenerateSubscripts;
    out->function_type = DataType::Of(TypeId::kInt4);
  } else if (catalog_name && (name == "regexp_matches" || name == "regexp_split_to_table") &&
             (args.size() == 2 || args.size() == 3) && !call.star && !call.distinct) {
    for (BoundExprPtr& a : args) {
      BoundExprPtr text =
          TryCoerce(a->Clone(), DataType::Of(TypeId::kText), CastContext::kImplicit);
      if (text == nullptr) ThrowNoFunction(name, args, call.position);
      a = std::move(text);
    }
    const bool matches = name == "regexp_matches";
    out->function = matches ? TableFunction::kRegexpMatches : TableFunction::kRegexpSplitToTable;
    out->function_type = DataType::Of(matches ? TypeId::kTextArray : TypeId::kText);
  } else if (catalog_name && name == "pg_options_to_table" && args.size() == 1 && !call.star &&
             !call.distinct) {
    BoundExprPtr options =
        TryCoerce(args[0]->Clone(), DataType::Of(TypeId::kTextArray), CastContext::kImplicit);
    if (options == nullptr) ThrowNoFunction(name, args, call.position);
    args[0] = std::move(options);
    out->function = TableFunction::kOptionsToTable;
    out->function_type = DataType::Of(TypeId::kText);
  } else if (catalog_name &&
             (name == "generate_series" || name == "unnest" || name == "generate_subscripts" ||
              name == "regexp_matches" || name == "regexp_split_to_table")) {
    ThrowNoFunction(name, args, call.position);
  } else {
    ThrowAt(sqlstate::kFeatureNotSupported,
            fmt::format("function {} in FROM is not supported yet", name), position);
  }
  CheckColumnDefinitionList(alias, with_ordinality, false, call.position);
  const bool options = out->function == TableFunction::kOptionsToTable;
  const bool json_pairs = ReturnsPairs(out->function);
  out->width =
      (with_ordinality ? 2 : 1) + (json_pairs ? 1 : 0) + static_cast<int>(out->lockstep.size());
  ScopeItem item;
  item.name = alias.name.empty() ? name : alias.name;
  // A scalar function's column is named after the alias, else the function;
  // the json functions name theirs (OUT parameters key and value).
  std::string column_name = expand_array ? "x" : out->lockstep.empty() ? item.name : name;
  if (json_function && out->function != TableFunction::kJsonObjectKeys && !hidden) {
    column_name = "value";
  }
  int column = *next_column;
  if (options && !hidden) column_name = "option_value";
  if (json_pairs) {
    item.columns.push_back(ScopeColumn{options ? "option_name" : "key", DataType::Of(TypeId::kText),
                                       column++, nullptr, 0, 0});
  }
  item.columns.push_back(ScopeColumn{column_name, out->function_type, column, nullptr, 0, 0});
  for (const std::unique_ptr<BoundTableRef>& member : out->lockstep) {
    item.columns.push_back(ScopeColumn{"unnest", member->function_type, ++column, nullptr, 0, 0});
  }
  if (expand_array) {
    item.columns.push_back(
        ScopeColumn{"n", DataType::Of(TypeId::kInt4), *next_column + 1, nullptr, 0, 0});
  } else if (with_ordinality) {
    item.columns.push_back(
        ScopeColumn{"ordinality", DataType::Of(TypeId::kInt8), column + 1, nullptr, 0, 0});
  }
  item.scalar_function = out->width == 1;
  RenameColumns(alias, &item);
  if (!hidden) {
    out->alias = alias.name;
    for (const ScopeColumn& c : item.columns) out->column_names.push_back(c.name);
  }
  if (hidden) {
    // A set-returning function of the target list: not a FROM item.
    item.name.clear();
    item.columns_visible = false;
  }
  *next_column += out->width;
  AddScopeItem(std::move(item), scope);
  return out;
}

namespace {

bool IsSetReturningCall(const ast::Expr& expr) {
  if (expr.kind() != ast::ExprKind::kFunctionCall) return false;
  const auto& call = expr.As<ast::FunctionCall>();
  if (IsExpandArray(call)) return true;
  const bool catalog_name =
      call.name.size() == 1 || (call.name.size() == 2 && call.name[0] == "pg_catalog");
  const std::string& name = call.name.back();
  if (catalog_name && name == "jsonb_path_query") return true;
  return catalog_name &&
         (name == "generate_series" || name == "unnest" || name == "generate_subscripts" ||
          name == "pg_partition_ancestors" || name == "regexp_matches" ||
          name == "regexp_split_to_table" || JsonTableFunction(name).has_value() ||
          RecordTableFunction(name).has_value());
}

}  // namespace

void CollectSetReturningCalls(const ast::Expr& e, std::vector<const ast::FunctionCall*>* out) {
  CheckStackDepth();
  if (IsSetReturningCall(e)) {
    out->push_back(&e.As<ast::FunctionCall>());
    return;
  }
  switch (e.kind()) {
    case ast::ExprKind::kCast: CollectSetReturningCalls(*e.As<ast::Cast>().arg, out); return;
    case ast::ExprKind::kFieldSelect:
      CollectSetReturningCalls(*e.As<ast::FieldSelect>().arg, out);
      return;
    case ast::ExprKind::kUnaryOp:
      CollectSetReturningCalls(*e.As<ast::UnaryOp>().operand, out);
      return;
    case ast::ExprKind::kBinaryOp:
      CollectSetReturningCalls(*e.As<ast::BinaryOp>().left, out);
      CollectSetReturningCalls(*e.As<ast::BinaryOp>().right, out);
      return;
    case ast::ExprKind::kFunctionCall: {
      // a[i] only: an aggregate over a set-returning call is not expanded.
      const auto& call = e.As<ast::FunctionCall>();
      if (ast::IsSubscript(call)) {
        for (const ast::ExprPtr& arg : call.args) CollectSetReturningCalls(*arg, out);
      }
      return;
    }
    default: return;
  }
}

BoundExprPtr Binder::TargetFunctionValue(const TargetFunctionColumns& columns, int position) {
  if (!columns.row) {
    BoundExprPtr e = BoundExpr::Column(columns.first, columns.type);
    e->position = position;
    return e;
  }
  auto record = BoundExpr::Make(BoundExprKind::kArray, columns.type, position);
  const std::vector<DataType>& fields = columns.type.RecordFields();
  for (size_t i = 0; i < fields.size(); ++i) {
    record->children.push_back(BoundExpr::Column(columns.first + static_cast<int>(i), fields[i]));
  }
  return record;
}

void Binder::BindTargetFunctions(const ast::SelectStmt& select, Scope& scope, BoundSelect* out) {
  // As a LATERAL function after the FROM items: one row per value; several
  // run in lockstep as one item (the first with the others in `lockstep`).
  std::unique_ptr<BoundTableRef> functions;
  int next_column = out->from != nullptr ? out->from->width : 0;
  for (const ast::ResultTarget& target : select.targets) {
    std::vector<const ast::FunctionCall*> calls;
    CollectSetReturningCalls(*target.expr, &calls);
    if (calls.empty()) continue;
    if (!select.group_by.empty() || !select.grouping_sets.empty() || select.having != nullptr) {
      ThrowAt(sqlstate::kFeatureNotSupported,
              "this use of set-returning functions in the target list is not supported yet",
              target.expr->position);
    }
    for (const ast::FunctionCall* call : calls) {
      std::unique_ptr<BoundTableRef> function = BindTableFunctionCall(
          *call, ast::Alias{}, false, call->position, true, scope, &next_column,
          functions != nullptr ? &functions->lateral_values : nullptr);
      function->in_target_list = true;
      TargetFunctionColumns value{next_column - 1, function->function_type, false};
      if (function->width > 1) {
        value = {next_column - function->width, TargetRowType(*function), true};
      }
      // Assigned, not emplaced: a view read twice binds the same (cached) tree twice.
      srf_columns_.insert_or_assign(call, value);
      if (functions == nullptr) {
        functions = std::move(function);
      } else {
        functions->width += function->width;
        functions->lockstep.push_back(std::move(function));
      }
    }
  }
  if (functions == nullptr) return;
  out->from = out->from == nullptr ? std::move(functions)
                                   : CrossJoin(std::move(out->from), std::move(functions));
}

}  // namespace basalt::sql
