// Window function calls: `f(...) OVER (...)` and `OVER name`, the WINDOW
// clause and window inheritance (`OVER (w ORDER BY ...)`), frames and their
// offsets, with PostgreSQL's signatures, result types and errors (42P20,
// 42809, 0A000); and the move of a query's calls into BoundSelect::windows.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

std::optional<WindowFunction> WindowFunctionByName(std::string_view name) {
  static constexpr std::pair<std::string_view, WindowFunction> kFunctions[] = {
      {"row_number", WindowFunction::kRowNumber},
      {"rank", WindowFunction::kRank},
      {"dense_rank", WindowFunction::kDenseRank},
      {"percent_rank", WindowFunction::kPercentRank},
      {"cume_dist", WindowFunction::kCumeDist},
      {"ntile", WindowFunction::kNtile},
      {"lag", WindowFunction::kLag},
      {"lead", WindowFunction::kLead},
      {"first_value", WindowFunction::kFirstValue},
      {"last_value", WindowFunction::kLastValue},
      {"nth_value", WindowFunction::kNthValue},
  };
  for (const auto& [function_name, function] : kFunctions) {
    if (name == function_name) return function;
  }
  return std::nullopt;
}

[[noreturn]] void WindowingError(std::string message, int position) {
  ThrowAt(sqlstate::kWindowingError, std::move(message), position);
}

// The window a call's OVER clause means once the WINDOW clause's window it
// names is merged in: each part points into the AST that wrote it.
struct MergedWindow {
  const ast::ExprList* partition_by = nullptr;
  const std::vector<ast::OrderByItem>* order_by = nullptr;
  const ast::WindowDef* frame = nullptr;  // the definition holding the frame clause
  int position = 0;                       // the definition's, for errors
};

const ast::WindowDef* FindNamedWindow(const std::vector<std::unique_ptr<ast::WindowDef>>* windows,
                                      const std::string& name, size_t before, int position) {
  if (windows != nullptr) {
    for (size_t i = 0; i < before && i < windows->size(); ++i) {
      if ((*windows)[i]->name == name) return (*windows)[i].get();
    }
  }
  ThrowAt(sqlstate::kUndefinedObject, fmt::format("window \"{}\" does not exist", name), position);
}

// PostgreSQL's transformWindowDefinitions rules for `def`, which may extend
// an earlier window of the WINDOW clause (`before`: how many it may see).
MergedWindow MergeWindow(const std::vector<std::unique_ptr<ast::WindowDef>>* windows,
                         const ast::WindowDef& def, size_t before) {
  CheckStackDepth();
  MergedWindow merged;
  merged.partition_by = &def.partition_by;
  merged.order_by = &def.order_by;
  merged.frame = &def;
  merged.position = def.position;
  if (def.ref_name.empty()) return merged;
  const ast::WindowDef* ref = FindNamedWindow(windows, def.ref_name, before, def.position);
  size_t ref_index = 0;
  while ((*windows)[ref_index].get() != ref) ++ref_index;
  const MergedWindow base = MergeWindow(windows, *ref, ref_index);
  if (!def.partition_by.empty()) {
    WindowingError(
        fmt::format("cannot override PARTITION BY clause of window \"{}\"", def.ref_name),
        def.position);
  }
  merged.partition_by = base.partition_by;
  if (!def.order_by.empty() && !base.order_by->empty()) {
    WindowingError(fmt::format("cannot override ORDER BY clause of window \"{}\"", def.ref_name),
                   def.position);
  }
  if (def.order_by.empty()) merged.order_by = base.order_by;
  if (base.frame->frame_mode != ast::WindowDef::FrameMode::kNone) {
    Error error(
        sqlstate::kWindowingError,
        fmt::format("cannot copy window \"{}\" because it has a frame clause", def.ref_name));
    if (def.name.empty() && def.order_by.empty() &&
        def.frame_mode == ast::WindowDef::FrameMode::kNone) {
      error.WithHint("Omit the parentheses in this OVER clause.");
    }
    throw error.WithPosition(def.position);
  }
  return merged;
}

FrameBound ToFrameBound(ast::WindowFrameBound::Type type) {
  switch (type) {
    case ast::WindowFrameBound::Type::kUnboundedPreceding: return FrameBound::kUnboundedPreceding;
    case ast::WindowFrameBound::Type::kPreceding: return FrameBound::kPreceding;
    case ast::WindowFrameBound::Type::kCurrentRow: return FrameBound::kCurrentRow;
    case ast::WindowFrameBound::Type::kFollowing: return FrameBound::kFollowing;
    case ast::WindowFrameBound::Type::kUnboundedFollowing: return FrameBound::kUnboundedFollowing;
  }
  return FrameBound::kCurrentRow;
}

// Where an expression starts, as PostgreSQL's exprLocation: a cast's
// argument, not its `::`.
int StartPosition(const ast::Expr& e) {
  int position = e.position;
  for (const ast::Expr* x = &e; x->kind() == ast::ExprKind::kCast;) {
    x = x->As<ast::Cast>().arg.get();
    if (x->position > 0 && x->position < position) position = x->position;
  }
  return position;
}

const BoundExpr* FindColumnRef(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumn) return &e;
  for (const BoundExprPtr& c : e.children) {
    if (const BoundExpr* found = FindColumnRef(*c)) return found;
  }
  return nullptr;
}

// A window's sort key as PostgreSQL's planner orders windows by: the key's
// number among the query's sort and group expressions (tleSortGroupRef),
// its direction and NULLs placement.
struct WindowSortKey {
  size_t ref = 0;
  bool descending = false;
  bool nulls_first = false;
  bool operator==(const WindowSortKey&) const = default;
};

// PostgreSQL's common_prefix_cmp: whether window keys `a` come before `b`
// (the lower in the plan): larger numbers first, then '>' before '<' (its
// operator's OID is the larger), NULLS FIRST before LAST; a list extending
// the other first.
bool SortsFirst(const std::vector<WindowSortKey>& a, const std::vector<WindowSortKey>& b) {
  for (size_t k = 0; k < a.size() && k < b.size(); ++k) {
    if (a[k].ref != b[k].ref) return a[k].ref > b[k].ref;
    if (a[k].descending != b[k].descending) return a[k].descending;
    if (a[k].nulls_first != b[k].nulls_first) return a[k].nulls_first;
  }
  return a.size() > b.size();
}

// Every window call in e (not inside another: they cannot nest).
void CollectWindows(BoundExprPtr& e, std::vector<BoundExprPtr*>* calls) {
  CheckStackDepth();
  if (e->kind == BoundExprKind::kWindow) {
    calls->push_back(&e);
    return;
  }
  for (BoundExprPtr& c : e->children) CollectWindows(c, calls);
}

}  // namespace

bool SameWindowDefinition(const BoundExpr& a, const BoundExpr& b) {
  const BoundWindow& x = a.window;
  const BoundWindow& y = b.window;
  if (x.partition_count != y.partition_count || x.order != y.order || x.mode != y.mode ||
      x.start != y.start || x.end != y.end || x.exclusion != y.exclusion) {
    return false;
  }
  if (a.children.size() - x.arg_count != b.children.size() - y.arg_count) return false;
  for (size_t i = x.arg_count, j = y.arg_count; i < a.children.size(); ++i, ++j) {
    if (!a.children[i]->Equals(*b.children[j])) return false;
  }
  return true;
}

BoundExprPtr Binder::BindWindowCall(const ast::FunctionCall& call, const Scope& scope,
                                    std::optional<AggregateFunction> aggregate) {
  const std::string& name = call.name.back();
  const std::optional<WindowFunction> function = WindowFunctionByName(name);
  if (call.over == nullptr) {
    ThrowAt(sqlstate::kWrongObjectType,
            fmt::format("window function {} requires an OVER clause", name), call.position);
  }
  if (!function && !aggregate) {
    ThrowAt(sqlstate::kWrongObjectType,
            fmt::format("OVER specified, but {} is not a window function nor an aggregate function",
                        name),
            call.position);
  }
  if (aggregate && IsOrderedSetAggregate(*aggregate) && call.within_group) {
    ThrowAt(sqlstate::kFeatureNotSupported,
            fmt::format("OVER is not supported for ordered-set aggregate {}", name), call.position);
  }
  if (inside_aggregate_) {
    ThrowAt(sqlstate::kGroupingError,
            "aggregate function calls cannot contain window function calls", call.position);
  }
  if (inside_window_) {
    WindowingError("window function calls cannot be nested", call.position);
  }
  if (!window_rules_.allowed) {
    WindowingError(
        window_rules_.clause.empty()
            ? std::string("window functions are not allowed here")
            : fmt::format("window functions are not allowed in {}", window_rules_.clause),
        call.position);
  }
  auto e = BoundExpr::Make(BoundExprKind::kWindow, DataType(), call.position);
  if (aggregate) {
    std::vector<BoundExprPtr> args;
    {
      ScopedFlag inside(inside_window_, true);
      for (const ast::ExprPtr& a : call.args) args.push_back(BindExpression(*a, scope));
    }
    if (call.distinct) {
      ThrowAt(sqlstate::kFeatureNotSupported, "DISTINCT is not implemented for window functions",
              call.position);
    }
    if (!call.order_by.empty()) {
      ThrowAt(sqlstate::kFeatureNotSupported,
              "aggregate ORDER BY is not implemented for window functions", call.position);
    }
    if (IsOrderedSetAggregate(*aggregate) || call.within_group ||
        *aggregate == AggregateFunction::kGrouping) {
      ThrowNoFunction(name, args, call.position);
    }
    BoundExprPtr aggregate_call = MakeAggregateCall(call, *aggregate, std::move(args));
    // FILTER's own rules: neither aggregates nor windows.
    BindAggregateOrderAndFilter(call, scope, aggregate_call.get());
    e->window_function = WindowFunction::kAggregate;
    e->type = aggregate_call->type;
    e->children.push_back(std::move(aggregate_call));
  } else {
    if (call.distinct) {
      ThrowAt(sqlstate::kWrongObjectType,
              fmt::format("DISTINCT specified, but {} is not an aggregate function", name),
              call.position);
    }
    if (!call.order_by.empty()) {
      ThrowAt(sqlstate::kWrongObjectType,
              fmt::format("ORDER BY specified, but {} is not an aggregate function", name),
              call.position);
    }
    if (call.filter != nullptr) {
      ThrowAt(sqlstate::kFeatureNotSupported,
              "FILTER is not implemented for non-aggregate window functions", call.position);
    }
    e->window_function = *function;
    BindWindowArguments(call, scope, e.get());
  }
  found_window_ = true;
  e->window.arg_count = e->children.size();
  BindWindowDefinition(*call.over, scope, e.get());
  return e;
}

void Binder::BindWindowArguments(const ast::FunctionCall& call, const Scope& scope,
                                 BoundExpr* window) {
  const std::string& name = call.name.back();
  std::vector<BoundExprPtr> args;
  {
    ScopedFlag inside(inside_window_, true);
    for (const ast::ExprPtr& a : call.args) args.push_back(BindExpression(*a, scope));
  }
  auto no_function = [&] { ThrowNoFunction(name, args, call.position); };
  auto coerce = [&](size_t i, const DataType& to) {
    BoundExprPtr converted = TryCoerce(args[i]->Clone(), to, CastContext::kImplicit);
    if (converted == nullptr) no_function();
    args[i] = std::move(converted);
  };
  // anyelement takes its type from the argument; an untyped literal has
  // none (without a position, as PostgreSQL).
  auto any_value = [&](size_t i) {
    if (args[i]->type.id == TypeId::kUnknown) {
      throw Error(sqlstate::kDatatypeMismatch,
                  "could not determine polymorphic type because input has type unknown");
    }
  };
  const DataType int4 = DataType::Of(TypeId::kInt4);
  DataType type;
  switch (window->window_function) {
    case WindowFunction::kRowNumber:
    case WindowFunction::kRank:
    case WindowFunction::kDenseRank:
      if (!args.empty()) no_function();
      type = DataType::Of(TypeId::kInt8);
      break;
    case WindowFunction::kPercentRank:
    case WindowFunction::kCumeDist:
      if (!args.empty()) no_function();
      type = DataType::Of(TypeId::kFloat8);
      break;
    case WindowFunction::kNtile:
      if (args.size() != 1) no_function();
      coerce(0, int4);
      type = int4;
      break;
    case WindowFunction::kLag:
    case WindowFunction::kLead:
      if (args.empty() || args.size() > 3) no_function();
      if (args.size() >= 2) coerce(1, int4);
      if (args.size() == 3) {
        // lag(anycompatible, integer, anycompatible): the common type.
        DataType common = DataType::Of(TypeId::kUnknown);
        for (size_t i : {size_t{0}, size_t{2}}) {
          if (args[i]->type.id == TypeId::kUnknown) continue;
          std::optional<DataType> next = UnifyTypes(common, args[i]->type);
          if (!next) no_function();
          common = *next;
        }
        if (common.id == TypeId::kUnknown) common = DataType::Of(TypeId::kText);
        if (args[0]->type.id != common.id) coerce(0, common.Unmodified());
        if (args[2]->type.id != common.id) coerce(2, common.Unmodified());
      }
      any_value(0);
      type = args[0]->type;
      break;
    case WindowFunction::kFirstValue:
    case WindowFunction::kLastValue:
      if (args.size() != 1) no_function();
      any_value(0);
      type = args[0]->type;
      break;
    case WindowFunction::kNthValue:
      if (args.size() != 2) no_function();
      any_value(0);
      coerce(1, int4);
      type = args[0]->type;
      break;
    case WindowFunction::kAggregate: break;
  }
  window->type = type;
  window->children = std::move(args);
}

void Binder::BindWindowDefinition(const ast::WindowDef& over, const Scope& scope,
                                  BoundExpr* window) {
  MergedWindow merged;
  if (over.copy_whole) {  // OVER w: the WINDOW clause's w as it is
    const ast::WindowDef* named =
        FindNamedWindow(named_windows_, over.ref_name, SIZE_MAX, over.ref_position);
    size_t index = 0;
    while ((*named_windows_)[index].get() != named) ++index;
    merged = MergeWindow(named_windows_, *named, index);
  } else {
    merged = MergeWindow(named_windows_, over, SIZE_MAX);
  }
  BoundWindow& w = window->window;
  if (over.copy_whole) {
    w.name = over.ref_name;
  } else {
    w.ref_name = over.ref_name;
    w.order_inherited = !over.ref_name.empty() && over.order_by.empty();
  }
  w.frame_written = merged.frame->frame_mode != ast::WindowDef::FrameMode::kNone;
  w.frame_between = merged.frame->frame_between;
  {
    // Keys may read aggregates (in a grouped query), not other windows.
    WindowRulesScope rules(this, false, "window definitions");
    for (const ast::ExprPtr& key : *merged.partition_by) {
      BoundExprPtr e = BindExpression(*key, scope);
      if (IsUnknownLiteral(*e)) {
        e = CoerceOrThrow(std::move(e), DataType::Of(TypeId::kText), CastContext::kImplicit);
      }
      window->children.push_back(std::move(e));
      ++w.partition_count;
    }
    for (const ast::OrderByItem& item : *merged.order_by) {
      BoundExprPtr e = BindExpression(*item.expr, scope);
      if (IsUnknownLiteral(*e)) {
        e = CoerceOrThrow(std::move(e), DataType::Of(TypeId::kText), CastContext::kImplicit);
      }
      AggregateOrderKey key;
      key.descending = item.direction == ast::OrderByItem::Direction::kDesc;
      key.nulls_first = item.nulls == ast::OrderByItem::Nulls::kDefault
                            ? key.descending
                            : item.nulls == ast::OrderByItem::Nulls::kFirst;
      w.order.push_back(key);
      window->children.push_back(std::move(e));
    }
  }
  const ast::WindowDef& frame = *merged.frame;
  if (frame.frame_mode == ast::WindowDef::FrameMode::kNone) return;  // the default frame
  w.mode = frame.frame_mode == ast::WindowDef::FrameMode::kRows    ? FrameMode::kRows
           : frame.frame_mode == ast::WindowDef::FrameMode::kRange ? FrameMode::kRange
                                                                   : FrameMode::kGroups;
  w.start = ToFrameBound(frame.frame_start.type);
  w.end = ToFrameBound(frame.frame_end.type);
  w.exclusion = frame.exclusion == ast::WindowDef::Exclusion::kCurrentRow
                    ? FrameExclusion::kCurrentRow
                : frame.exclusion == ast::WindowDef::Exclusion::kGroup ? FrameExclusion::kGroup
                : frame.exclusion == ast::WindowDef::Exclusion::kTies  ? FrameExclusion::kTies
                                                                       : FrameExclusion::kNoOthers;
  const bool offsets = BoundWindow::HasOffset(w.start) || BoundWindow::HasOffset(w.end);
  const BoundExpr* order_key = nullptr;
  if (w.mode == FrameMode::kRange && offsets) {
    if (w.order.size() != 1) {
      WindowingError("RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                     merged.position);
    }
    order_key = window->children[w.OrderBegin()].get();
  }
  if (w.mode == FrameMode::kGroups && w.order.empty()) {
    WindowingError("GROUPS mode requires an ORDER BY clause", merged.position);
  }
  if (BoundWindow::HasOffset(w.start)) {
    window->children.push_back(
        BindFrameOffset(*frame.frame_start.offset, scope, w.mode, order_key));
  }
  if (BoundWindow::HasOffset(w.end)) {
    window->children.push_back(BindFrameOffset(*frame.frame_end.offset, scope, w.mode, order_key));
  }
}

BoundExprPtr Binder::BindFrameOffset(const ast::Expr& offset, const Scope& scope, FrameMode mode,
                                     const BoundExpr* order_key) {
  const char* what = mode == FrameMode::kRows    ? "ROWS"
                     : mode == FrameMode::kRange ? "RANGE"
                                                 : "GROUPS";
  const std::string clause = fmt::format("window {}", what);
  BoundExprPtr e;
  {
    AggregateRulesScope rules(this, false, clause);
    WindowRulesScope windows(this, false, "window definitions");
    e = BindExpression(offset, scope);
  }
  DataType to = DataType::Of(TypeId::kInt8);
  if (mode == FrameMode::kRange) {
    // PostgreSQL's in_range support functions Basalt has: integers by an
    // integer, numeric by numeric, floats by float8.
    const TypeId column = order_key->type.id;
    // An untyped offset takes an integer column's own type, as PostgreSQL
    // picks in_range(int4, int4, int4) for it (its input errors say so).
    if (e->type.id == TypeId::kUnknown && DataType::Of(column).IsInteger()) {
      e = CoerceOrThrow(std::move(e), DataType::Of(column), CastContext::kImplicit);
    }
    // Date, time and interval columns have only in_range(x, x, interval):
    // an untyped offset is an interval.
    const bool interval_column = column == TypeId::kDate || column == TypeId::kTimestamp ||
                                 column == TypeId::kTimestampTz || column == TypeId::kTime ||
                                 column == TypeId::kInterval;
    if (e->type.id == TypeId::kUnknown && interval_column) {
      e = CoerceOrThrow(std::move(e), DataType::Of(TypeId::kInterval), CastContext::kImplicit);
    }
    const TypeId given = e->type.id;
    const bool integer_offset = DataType::Of(given).IsInteger() || given == TypeId::kUnknown;
    const bool numeric_offset = integer_offset || given == TypeId::kNumeric;
    const bool float_offset =
        numeric_offset || given == TypeId::kFloat4 || given == TypeId::kFloat8;
    std::optional<DataType> range_type;
    if (DataType::Of(column).IsInteger() && integer_offset)
      range_type = DataType::Of(TypeId::kInt8);
    if (column == TypeId::kNumeric && numeric_offset) range_type = DataType::Of(TypeId::kNumeric);
    if ((column == TypeId::kFloat4 || column == TypeId::kFloat8) && float_offset) {
      range_type = DataType::Of(TypeId::kFloat8);
    }
    if (interval_column && given == TypeId::kInterval) range_type = DataType::Of(TypeId::kInterval);
    const bool column_has_range = DataType::Of(column).IsNumeric() || interval_column;
    if (!column_has_range) {
      ThrowAt(
          sqlstate::kFeatureNotSupported,
          fmt::format("RANGE with offset PRECEDING/FOLLOWING is not supported for column type {}",
                      TypeNameForMessage(order_key->type)),
          StartPosition(offset));
    }
    if (!range_type) {
      throw Error(sqlstate::kFeatureNotSupported,
                  fmt::format("RANGE with offset PRECEDING/FOLLOWING is not supported for column "
                              "type {} and offset type {}",
                              TypeNameForMessage(order_key->type), TypeNameForMessage(e->type)))
          .WithHint("Cast the offset value to an appropriate type.")
          .WithPosition(StartPosition(offset));
    }
    to = *range_type;
  }
  if (const BoundExpr* column = FindColumnRef(*e)) {
    ThrowAt(sqlstate::kInvalidColumnReference,
            fmt::format("argument of {} must not contain variables", what), column->position);
  }
  const DataType given = e->type;
  // ROWS and GROUPS as PostgreSQL's coerce_to_specific_type: assignment
  // casts (1.5 rows is 2).
  BoundExprPtr out =
      TryCoerce(std::move(e), to,
                mode == FrameMode::kRange ? CastContext::kImplicit : CastContext::kAssignment);
  if (out == nullptr) {
    ThrowAt(sqlstate::kDatatypeMismatch,
            fmt::format("argument of {} must be type bigint, not type {}", what,
                        TypeNameForMessage(given)),
            StartPosition(offset));
  }
  return out;
}

std::vector<BoundExprPtr> Binder::CheckWindowClause(const ast::SelectStmt& select,
                                                    const Scope& scope) {
  std::vector<BoundExprPtr> windows;
  for (size_t i = 0; i < select.windows.size(); ++i) {
    const ast::WindowDef& def = *select.windows[i];
    for (size_t j = 0; j < i; ++j) {
      if (select.windows[j]->name == def.name) {
        WindowingError(fmt::format("window \"{}\" is already defined", def.name), def.position);
      }
    }
    MergeWindow(&select.windows, def, i);
    AggregateRulesScope rules(this, true, "");
    auto window =
        BoundExpr::Make(BoundExprKind::kWindow, DataType::Of(TypeId::kInt8), def.position);
    window->window_function = WindowFunction::kRowNumber;
    BindWindowDefinition(def, scope, window.get());
    window->window.name = def.name;
    windows.push_back(std::move(window));
  }
  return windows;
}

void Binder::ExtractWindows(const ast::SelectStmt& select, int input_width, BoundSelect* out) {
  if (!select.locking.empty()) {
    // Without a position, as PostgreSQL.
    const ast::LockingClause& clause = select.locking[0];
    const char* strength =
        clause.strength == ast::LockingClause::Strength::kKeyShare      ? "FOR KEY SHARE"
        : clause.strength == ast::LockingClause::Strength::kShare       ? "FOR SHARE"
        : clause.strength == ast::LockingClause::Strength::kNoKeyUpdate ? "FOR NO KEY UPDATE"
                                                                        : "FOR UPDATE";
    throw Error(sqlstate::kFeatureNotSupported,
                fmt::format("{} is not allowed with window functions", strength));
  }
  for (const ast::ResultTarget& target : select.targets) {
    // PostgreSQL expands them after the windows (ProjectSet over WindowAgg);
    // Basalt's are FROM items, under the windows.
    std::vector<const ast::FunctionCall*> srf_calls;
    CollectSetReturningCalls(*target.expr, &srf_calls);
    if (!srf_calls.empty()) {
      ThrowAt(sqlstate::kFeatureNotSupported,
              "set-returning functions in the target list of a query with window functions are "
              "not supported yet",
              target.expr->position);
    }
  }
  std::vector<BoundExprPtr*> calls;
  for (BoundExprPtr& e : out->targets) CollectWindows(e, &calls);
  for (BoundOrderBy& o : out->order_by) CollectWindows(o.expr, &calls);
  // Calls over one window are computed by one operator: grouped in the
  // order their windows first appear, each distinct call once.
  std::vector<std::vector<BoundExprPtr*>> groups;
  std::vector<bool> taken(calls.size(), false);
  for (size_t i = 0; i < calls.size(); ++i) {
    if (taken[i]) continue;
    groups.emplace_back();
    for (size_t j = i; j < calls.size(); ++j) {
      // (A NaN offset equals nothing, not even itself.)
      if (j == i || (!taken[j] && SameWindowDefinition(**calls[i], **calls[j]))) {
        taken[j] = true;
        groups.back().push_back(calls[j]);
      }
    }
  }
  // As PostgreSQL's select_active_windows: windows sorted by their keys, so
  // that those sharing a sort are adjacent, the longest first, and one sort
  // serves them all. Keys are numbered as PostgreSQL numbers sort and group
  // expressions: ORDER BY's, GROUP BY's, then each window's.
  std::vector<const BoundExpr*> sort_expressions;
  std::vector<BoundExprPtr> group_columns;
  auto ref_of = [&](const BoundExpr& e) {
    for (size_t r = 0; r < sort_expressions.size(); ++r) {
      if (sort_expressions[r]->Equals(e)) return r + 1;
    }
    sort_expressions.push_back(&e);
    return sort_expressions.size();
  };
  for (const BoundOrderBy& o : out->order_by) ref_of(*o.expr);
  if (out->grouped) {
    for (size_t g = 0; g < out->group_by.size(); ++g) {
      group_columns.push_back(BoundExpr::Column(static_cast<int>(g), out->group_by[g]->type));
      ref_of(*group_columns.back());
    }
  }
  std::vector<std::vector<WindowSortKey>> sort_keys;
  for (const auto& group : groups) {
    const BoundExpr& call = **group[0];
    const BoundWindow& w = call.window;
    std::vector<WindowSortKey> keys;
    auto add = [&](WindowSortKey key) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    };
    for (size_t k = 0; k < w.partition_count; ++k) {
      add({ref_of(*call.children[w.PartitionBegin() + k]), false, false});
    }
    for (size_t k = 0; k < w.order.size(); ++k) {
      add({ref_of(*call.children[w.OrderBegin() + k]), w.order[k].descending,
           w.order[k].nulls_first});
    }
    sort_keys.push_back(std::move(keys));
  }
  std::vector<size_t> order(groups.size());
  for (size_t g = 0; g < order.size(); ++g) order[g] = g;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return SortsFirst(sort_keys[a], sort_keys[b]); });
  std::vector<BoundExprPtr*> ordered;
  for (size_t g : order) ordered.insert(ordered.end(), groups[g].begin(), groups[g].end());
  for (BoundExprPtr* slot : ordered) {
    int index = -1;
    for (size_t k = 0; k < out->windows.size() && index < 0; ++k) {
      if (out->windows[k]->Equals(**slot)) index = static_cast<int>(k);
    }
    const int position = (*slot)->position;
    const DataType type = (*slot)->type;
    if (index < 0) {
      index = static_cast<int>(out->windows.size());
      out->windows.push_back(std::move(*slot));
    }
    *slot = BoundExpr::Column(input_width + index, type);
    (*slot)->position = position;
  }
}

}  // namespace basalt::sql
