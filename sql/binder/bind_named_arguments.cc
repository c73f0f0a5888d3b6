#include "sql/binder/bind_named_arguments.h"

#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "common/jsonb.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

struct Parameter {
  std::string_view name;
  // The default's value and type; none: the parameter must be given.
  std::optional<Value> value = std::nullopt;
  TypeId type = TypeId::kInt4;
};

struct NamedFunction {
  std::string_view name;
  std::vector<Parameter> parameters;
};

// The SQL/JSON path functions: (target, path, vars DEFAULT '{}', silent
// DEFAULT false).
NamedFunction PathFunction(std::string_view name) {
  return {name,
          {{"target"},
           {"path"},
           {"vars", Value::String(EncodeJsonb(JsonbValue::Object())), TypeId::kJsonb},
           {"silent", Value::Bool(false), TypeId::kBool}}};
}

const std::vector<NamedFunction>& NamedFunctions() {
  static const std::vector<NamedFunction> kFunctions = {
      {"make_interval",
       {{"years", Value::Int(0)},
        {"months", Value::Int(0)},
        {"weeks", Value::Int(0)},
        {"days", Value::Int(0)},
        {"hours", Value::Int(0)},
        {"mins", Value::Int(0)},
        {"secs", Value::Float(0), TypeId::kFloat8}}},
      {"make_date", {{"year"}, {"month"}, {"day"}}},
      {"make_time", {{"hour"}, {"min"}, {"sec"}}},
      {"make_timestamp", {{"year"}, {"month"}, {"mday"}, {"hour"}, {"min"}, {"sec"}}},
      // The seventh is optional: without it, the session's TimeZone.
      {"make_timestamptz",
       {{"year"}, {"month"}, {"mday"}, {"hour"}, {"min"}, {"sec"}, {"timezone"}}},
      {"jsonb_set",
       {{"jsonb_in"},
        {"path"},
        {"replacement"},
        {"create_if_missing", Value::Bool(true), TypeId::kBool}}},
      {"jsonb_insert",
       {{"jsonb_in"},
        {"path"},
        {"replacement"},
        {"insert_after", Value::Bool(false), TypeId::kBool}}},
      {"pg_terminate_backend", {{"pid"}, {"timeout", Value::Int(0), TypeId::kInt8}}},
      PathFunction("jsonb_path_exists"),
      PathFunction("jsonb_path_match"),
      PathFunction("jsonb_path_query"),
      PathFunction("jsonb_path_query_array"),
      PathFunction("jsonb_path_query_first"),
  };
  return kFunctions;
}

[[noreturn]] void NoSuchFunction(const ast::FunctionCall& call,
                                 const std::vector<DataType>& types) {
  std::string list;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) list += ", ";
    if (!call.arg_names[i].empty()) list += call.arg_names[i] + " => ";
    list += TypeNameForMessage(types[i]);
  }
  throw Error(sqlstate::kUndefinedFunction,
              fmt::format("function {}({}) does not exist", call.name.back(), list))
      .WithHint(
          "No function matches the given name and argument types. You might need to add "
          "explicit type casts.")
      .WithPosition(call.position);
}

}  // namespace

void ThrowNoNamedFunction(const ast::FunctionCall& call, const std::vector<BoundExprPtr>& args) {
  std::vector<DataType> types;
  for (const BoundExprPtr& a : args) types.push_back(a->type);
  NoSuchFunction(call, types);
}

std::vector<BoundExprPtr> ArrangeNamedArguments(const ast::FunctionCall& call,
                                                std::vector<BoundExprPtr> args) {
  const NamedFunction* function = nullptr;
  for (const NamedFunction& f : NamedFunctions()) {
    if (f.name == call.name.back()) function = &f;
  }
  if (function == nullptr) ThrowNoNamedFunction(call, args);
  std::vector<DataType> types;
  for (const BoundExprPtr& a : args) types.push_back(a->type);
  const std::vector<Parameter>& parameters = function->parameters;
  // Each argument's parameter: positional ones in order, named ones by name.
  std::vector<size_t> slots;
  std::vector<bool> taken(parameters.size(), false);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& name = call.arg_names[i];  // not twice: the parser checks
    size_t slot = name.empty() ? i : parameters.size();
    for (size_t p = 0; p < parameters.size() && !name.empty(); ++p) {
      if (parameters[p].name == name) slot = p;
    }
    if (slot >= parameters.size() || taken[slot]) NoSuchFunction(call, types);
    taken[slot] = true;
    slots.push_back(slot);
  }
  // Up to the last parameter given; a gap takes its default.
  size_t count = 0;
  for (size_t slot : slots) count = std::max(count, slot + 1);
  for (size_t p = 0; p < count; ++p) {
    if (!taken[p] && !parameters[p].value) NoSuchFunction(call, types);
  }
  std::vector<BoundExprPtr> arranged(count);
  for (size_t i = 0; i < args.size(); ++i) arranged[slots[i]] = std::move(args[i]);
  for (size_t p = 0; p < count; ++p) {
    if (arranged[p] == nullptr) {
      arranged[p] = BoundExpr::Constant(*parameters[p].value, DataType::Of(parameters[p].type));
    }
  }
  return arranged;
}

}  // namespace basalt::sql
