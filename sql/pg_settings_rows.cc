#include "sql/pg_settings_rows.h"

#include "sql/setting_descriptions.h"

namespace basalt::sql {

namespace {

Value TextOrNull(const char* text) {
  return text ? Value::String(text) : Value::Null();
}

}  // namespace

std::vector<Row> PgSettingsRows(const Settings& settings) {
  std::vector<Row> rows;
  for (const SettingDescription& d : SettingDescriptions()) {
    Result<std::string> value = settings.Get(d.name);
    if (!value.ok()) continue;
    const Settings::Origin origin = settings.OriginOf(d.name);
    Value enumvals = Value::Null();
    if (!d.enumvals.empty()) {
      std::vector<Value> names;
      for (const char* e : d.enumvals) names.push_back(Value::String(e));
      enumvals = Value::Array(std::move(names));
    }
    const std::string_view unit = d.unit;
    rows.push_back(Row{
        Value::String(d.name),
        Value::String(Settings::InUnit(d.name, value.value(), unit)),
        unit.empty() ? Value::Null() : Value::String(std::string(unit)),
        Value::String(d.category),
        Value::String(d.short_desc),
        TextOrNull(d.extra_desc),
        Value::String(d.context),
        Value::String(d.vartype),
        Value::String(origin.source),
        TextOrNull(d.min_val),
        TextOrNull(d.max_val),
        std::move(enumvals),
        Value::String(Settings::InUnit(d.name, origin.boot_value, unit)),
        Value::String(Settings::InUnit(d.name, origin.reset_value, unit)),
        Value::Null(),  // sourcefile: shown to no one
        Value::Null(),  // sourceline
        Value::Bool(false),
    });
  }
  return rows;
}

}  // namespace basalt::sql
