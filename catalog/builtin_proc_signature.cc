// pg_get_function_arguments / _identity_arguments / _result of the built-in
// functions, from their pg_proc columns.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/builtin_operators.h"
#include "catalog/builtin_types.h"

namespace basalt::catalog {
namespace {

std::vector<std::string> SplitOrEmpty(const char* text, char separator) {
  std::vector<std::string> items;
  if (text == nullptr) return items;
  std::string_view rest = text;
  while (true) {
    const size_t end = rest.find(separator);
    items.emplace_back(rest.substr(0, end));
    if (end == std::string_view::npos) return items;
    rest.remove_prefix(end + 1);
  }
}

struct Argument {
  char mode;  // i o b v t
  Oid type;
  std::string name;
};

std::vector<Argument> ArgumentsOf(const BuiltinProc& proc) {
  const std::vector<Oid> types =
      OidList(proc.proallargtypes ? proc.proallargtypes : proc.proargtypes);
  const std::vector<std::string> names = SplitOrEmpty(proc.proargnames, ',');
  std::vector<Argument> arguments;
  for (size_t i = 0; i < types.size(); ++i) {
    const char mode = proc.proargmodes != nullptr ? proc.proargmodes[i] : 'i';
    arguments.push_back({mode, types[i], i < names.size() ? names[i] : std::string()});
  }
  return arguments;
}

bool IsInput(char mode) {
  return mode == 'i' || mode == 'b' || mode == 'v';
}

std::string ArgumentText(const Argument& argument, const SignatureNamer& namer) {
  std::string text = argument.mode == 'b'   ? "INOUT "
                     : argument.mode == 'o' ? "OUT "
                     : argument.mode == 'v' ? "VARIADIC "
                                            : "";
  if (!argument.name.empty()) text += namer.quote_ident(argument.name) + " ";
  return text + namer.format_type(argument.type);
}

}  // namespace

std::string FunctionArgumentsText(const BuiltinProc& proc, const SignatureNamer& namer,
                                  bool with_defaults) {
  const std::vector<Argument> arguments = ArgumentsOf(proc);
  const std::vector<std::string> defaults = SplitOrEmpty(proc.argdefaults, '\t');
  int inputs = 0;
  for (const Argument& argument : arguments) inputs += IsInput(argument.mode) ? 1 : 0;
  // The last pronargdefaults inputs have defaults.
  const int first_default = inputs - static_cast<int>(defaults.size());
  // An ordered-set aggregate lists its aggregated arguments after ORDER BY;
  // a variadic one repeats its variadic argument there.
  int order_by_at = -1;
  if (const BuiltinAggregate* aggregate = BuiltinAggregateByOid(proc.oid)) {
    if (aggregate->aggkind != 'n') order_by_at = aggregate->aggnumdirectargs;
  }
  std::string text;
  int printed = 0;
  int input = 0;
  for (size_t i = 0; i < arguments.size(); ++i) {
    const Argument& argument = arguments[i];
    if (argument.mode == 't') continue;  // TABLE columns belong to the result
    if (printed == order_by_at) {
      text += printed > 0 ? " ORDER BY " : "ORDER BY ";
    } else if (printed > 0) {
      text += ", ";
    }
    text += ArgumentText(argument, namer);
    if (IsInput(argument.mode)) {
      if (with_defaults && input >= first_default) {
        text += " DEFAULT " + defaults[static_cast<size_t>(input - first_default)];
      }
      ++input;
    }
    ++printed;
    if (printed == order_by_at && i + 1 == arguments.size()) {
      text += " ORDER BY " + ArgumentText(argument, namer);
    }
  }
  return text;
}

std::string FunctionResultText(const BuiltinProc& proc, const SignatureNamer& namer) {
  std::string columns;
  for (const Argument& argument : ArgumentsOf(proc)) {
    if (argument.mode != 't') continue;
    if (!columns.empty()) columns += ", ";
    columns += ArgumentText(argument, namer);
  }
  if (proc.proretset && !columns.empty()) return "TABLE(" + columns + ")";
  return (proc.proretset ? "SETOF " : "") + namer.format_type(proc.prorettype);
}

}  // namespace basalt::catalog
