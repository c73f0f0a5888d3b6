// Functions returning record in FROM: json[b]_to_record and
// json[b]_to_recordset, whose columns are the FROM item's column definition
// list (`AS x(a int, b text)`, parse_select.cc's ParseFunctionAlias). In a
// target list, where no list can be written, they are bound all the same and
// fail when they run on a value, as PostgreSQL's do.
#include "sql/binder/bind_record_function.h"

#include <fmt/format.h>

#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

std::optional<std::pair<TableFunction, bool>> RecordTableFunction(std::string_view name) {
  if (name == "json_to_record") return std::pair(TableFunction::kJsonToRecord, false);
  if (name == "jsonb_to_record") return std::pair(TableFunction::kJsonToRecord, true);
  if (name == "json_to_recordset") return std::pair(TableFunction::kJsonToRecordset, false);
  if (name == "jsonb_to_recordset") return std::pair(TableFunction::kJsonToRecordset, true);
  return std::nullopt;
}

void CheckColumnDefinitionList(const ast::Alias& alias, bool with_ordinality, bool returns_record,
                               int call_position) {
  if (alias.column_types.empty()) {
    if (returns_record) {
      ThrowAt(sqlstate::kSyntaxError,
              "a column definition list is required for functions returning \"record\"",
              call_position);
    }
    return;
  }
  // In PostgreSQL's order: transformRangeFunction, then
  // addRangeTableEntryForFunction.
  if (with_ordinality) {
    throw Error(sqlstate::kSyntaxError,
                "WITH ORDINALITY cannot be used with a column definition list")
        .WithHint("Put the column definition list inside ROWS FROM().")
        .WithPosition(alias.definitions_position);
  }
  if (!returns_record) {
    ThrowAt(sqlstate::kSyntaxError,
            "a column definition list is only allowed for functions returning \"record\"",
            alias.definitions_position);
  }
}

std::unique_ptr<BoundTableRef> Binder::BindRecordFunction(const ast::FunctionCall& call,
                                                          std::pair<TableFunction, bool> function,
                                                          const ast::Alias& alias,
                                                          bool with_ordinality, bool hidden,
                                                          std::unique_ptr<BoundTableRef> out,
                                                          Scope& scope, int* next_column) {
  const std::string& name = call.name.back();
  std::vector<BoundExprPtr>& args = out->arguments;
  const DataType json = DataType::Of(function.second ? TypeId::kJsonb : TypeId::kJson);
  BoundExprPtr converted =
      args.size() == 1 ? TryCoerce(args[0]->Clone(), json, CastContext::kImplicit) : nullptr;
  if (converted == nullptr || call.star || call.distinct) {
    ThrowNoFunction(name, args, call.position);
  }
  args[0] = std::move(converted);
  out->function = function.first;
  ScopeItem item;
  if (hidden) {
    // One record column, NULL or an error (FunctionScan).
    out->function_type = DataType::Of(TypeId::kRecord);
    out->width = 1;
    item.columns.push_back(ScopeColumn{name, out->function_type, *next_column, nullptr, 0, 0});
    item.columns_visible = false;
  } else {
    CheckColumnDefinitionList(alias, with_ordinality, true, call.position);
    item.name = alias.name.empty() ? name : alias.name;
    for (size_t i = 0; i < alias.columns.size(); ++i) {
      const std::string& column = alias.columns[i];
      out->record_columns.push_back(RecordColumn{column, BindTypeName(alias.column_types[i])});
    }
    // After the types, as PostgreSQL's CheckAttributeNamesTypes (no position).
    for (size_t i = 0; i < alias.columns.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (alias.columns[i] != alias.columns[j]) continue;
        throw Error(sqlstate::kDuplicateColumn,
                    fmt::format("column name \"{}\" specified more than once", alias.columns[i]));
      }
    }
    out->width = static_cast<int>(out->record_columns.size());
    int column = *next_column;
    for (const RecordColumn& c : out->record_columns) {
      item.columns.push_back(ScopeColumn{c.name, c.type, column++, nullptr, 0, 0});
    }
    out->alias = alias.name;
    out->column_names = alias.columns;
  }
  *next_column += out->width;
  AddScopeItem(std::move(item), scope);
  return out;
}

}  // namespace basalt::sql
