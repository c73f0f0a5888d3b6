#include "catalog/statistics_rows.h"

namespace basalt::catalog {

namespace {

// real: what float4 keeps of the double.
Value Real(double v) {
  return Value::Float(static_cast<float>(v));
}

Value TextArrayOrNull(const google::protobuf::RepeatedPtrField<std::string>& values) {
  if (values.empty()) return Value::Null();
  std::vector<Value> elements;
  for (const std::string& v : values) elements.push_back(Value::String(v));
  return Value::Array(std::move(elements));
}

Value RealArrayOrNull(const google::protobuf::RepeatedField<double>& values) {
  if (values.empty()) return Value::Null();
  std::vector<Value> elements;
  for (double v : values) elements.push_back(Real(v));
  return Value::Array(std::move(elements));
}

}  // namespace

std::vector<Row> PgStatsRows(const CatalogSnapshot& snapshot, Oid database) {
  std::vector<Row> rows;
  for (const auto& table : snapshot.Tables(database)) {
    const proto::Table& def = table->def;
    if (!def.has_statistics()) continue;
    const proto::Namespace* ns = snapshot.NamespaceByOid(database, def.namespace_oid());
    for (const proto::ColumnStatistics& c : def.statistics().columns()) {
      // A column dropped or renamed since ANALYZE has no statistics.
      if (table->FindColumn(c.column()) < 0) continue;
      rows.push_back({
          Value::String(ns != nullptr ? ns->name() : ""),
          Value::String(def.name()),
          Value::String(c.column()),
          Value::Bool(false),  // inherited
          Real(c.null_frac()),
          Value::Int(c.avg_width()),
          Real(c.n_distinct()),
          TextArrayOrNull(c.most_common_vals()),
          RealArrayOrNull(c.most_common_freqs()),
          TextArrayOrNull(c.histogram_bounds()),
          c.has_correlation() ? Real(c.correlation()) : Value::Null(),
          Value::Null(),  // most_common_elems: no array statistics
          Value::Null(),
          Value::Null(),
      });
    }
  }
  return rows;
}

}  // namespace basalt::catalog
