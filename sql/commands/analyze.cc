#include "sql/commands/analyze.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "catalog/builtin_types.h"
#include "common/value_text.h"
#include "sql/execution/evaluate.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

// PostgreSQL's default_statistics_target: most common values kept, and
// histogram bins.
constexpr size_t kStatisticsTarget = 100;

struct SampledValue {
  const Value* value;
  size_t position;  // among the column's non-NULL sampled values, in stored order
};

// The bytes PostgreSQL's datum of this value takes (pg_stats.avg_width):
// the type's length, or a varlena's header and data.
double StoredWidth(const Value& v, const DataType& type) {
  const catalog::BuiltinType* builtin = catalog::BuiltinTypeByOid(type.oid());
  if (builtin != nullptr && builtin->typlen > 0) return builtin->typlen;
  size_t data = 0;
  if (type.id == TypeId::kNumeric) {
    // Base-10000 digits without leading or trailing zero groups, after a
    // two-byte header.
    const std::string text = ValueToText(v, type);
    const size_t point = text.find('.');
    const size_t sign = text[0] == '-' ? 1 : 0;
    std::string whole =
        text.substr(sign, point == std::string::npos ? std::string::npos : point - sign);
    std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
    whole.erase(0, whole.find_first_not_of('0'));
    fraction.erase(fraction.find_last_not_of('0') + 1);
    if (whole.empty()) {
      // Nor leading zero groups of the fraction.
      while (fraction.size() > 4 && fraction.compare(0, 4, "0000") == 0) fraction.erase(0, 4);
    }
    size_t groups = (whole.size() + 3) / 4 + (fraction.size() + 3) / 4;
    if (!whole.empty() && fraction.empty()) {
      // Trailing zero groups of the integer part are not stored either.
      while (groups > 0 && whole.size() >= 4 && whole.substr(whole.size() - 4) == "0000") {
        whole.resize(whole.size() - 4);
        --groups;
      }
    }
    data = 2 + 2 * groups;
  } else if (v.kind() == Value::Kind::kString) {
    data = v.AsString().size();
  } else {
    data = ValueToText(v, type).size();
  }
  return static_cast<double>(data + (data + 1 <= 127 ? 1 : 4));
}

// PostgreSQL's analyze_mcv_list: of the candidates (most common first),
// how many are significantly more common than the other values would be.
size_t KeptCommonValues(const std::vector<uint64_t>& counts, size_t candidates, double n_distinct,
                        double null_frac, double sample_rows, double total_rows) {
  if (sample_rows == total_rows || total_rows <= 1.0) return candidates;
  const double distinct_in_table = n_distinct < 0 ? -n_distinct * total_rows : n_distinct;
  double sum = 0;
  for (size_t i = 0; i + 1 < candidates; ++i) sum += static_cast<double>(counts[i]);
  size_t kept = candidates;
  while (kept > 0) {
    double other = std::clamp(1.0 - sum / sample_rows - null_frac, 0.0, 1.0);
    const double other_distinct = distinct_in_table - static_cast<double>(kept - 1);
    if (other_distinct > 1) other /= other_distinct;
    const double count = static_cast<double>(counts[kept - 1]);
    const double k = total_rows * count / sample_rows;
    const double variance = sample_rows * k * (total_rows - k) * (total_rows - sample_rows) /
                            (total_rows * total_rows * (total_rows - 1));
    if (count > other * sample_rows + 2 * std::sqrt(variance) + 0.5) break;
    --kept;
    if (kept == 0) break;
    sum -= static_cast<double>(counts[kept - 1]);
  }
  return kept;
}

class ColumnAnalysis {
 public:
  ColumnAnalysis(const std::vector<const Row*>& sample, size_t column, const DataType& type,
                 double total_rows)
      : sample_(sample), column_(column), type_(type), total_rows_(total_rows) {}

  bool Describe(catalog::proto::ColumnStatistics* out) {
    double width = 0;
    for (const Row* row : sample_) {
      const Value& v = (*row)[column_];
      if (v.is_null()) continue;
      width += StoredWidth(v, type_);
      values_.push_back({&v, values_.size()});
    }
    if (sample_.empty()) return false;
    const double rows = static_cast<double>(sample_.size());
    const double nonnull = static_cast<double>(values_.size());
    out->set_null_frac((rows - nonnull) / rows);
    if (values_.empty()) {
      const catalog::BuiltinType* builtin = catalog::BuiltinTypeByOid(type_.oid());
      out->set_avg_width(builtin != nullptr && builtin->typlen > 0 ? builtin->typlen : 0);
      return true;
    }
    out->set_avg_width(static_cast<int32_t>(width / nonnull));
    // json has no equality: PostgreSQL's trivial statistics.
    if (type_.id != TypeId::kJson) DescribeValues(out);
    return true;
  }

 private:
  void DescribeValues(catalog::proto::ColumnStatistics* out) {
    std::stable_sort(values_.begin(), values_.end(),
                     [&](const SampledValue& a, const SampledValue& b) {
                       return CompareValues(*a.value, *b.value, type_) < 0;
                     });
    // Runs of equal values: each one's first index and length.
    struct Run {
      size_t first;
      uint64_t count;
    };
    std::vector<Run> runs;
    for (size_t i = 0; i < values_.size(); ++i) {
      if (i == 0 || CompareValues(*values_[i - 1].value, *values_[i].value, type_) != 0) {
        runs.push_back({i, 0});
      }
      ++runs.back().count;
    }
    const double distinct = static_cast<double>(runs.size());
    std::vector<Run> repeated;
    for (const Run& run : runs) {
      if (run.count > 1) repeated.push_back(run);
    }
    const double n_distinct =
        DistinctValues(distinct, static_cast<double>(repeated.size()), out->null_frac());
    out->set_n_distinct(n_distinct);

    // Most common values: the repeated ones by count (ties in value order).
    std::stable_sort(repeated.begin(), repeated.end(),
                     [](const Run& a, const Run& b) { return a.count > b.count; });
    if (repeated.size() > kStatisticsTarget) repeated.resize(kStatisticsTarget);
    size_t kept = repeated.size();
    const bool all_seen = repeated.size() == runs.size() && n_distinct > 0;
    if (!all_seen && kept > 0) {
      std::vector<uint64_t> counts;
      for (const Run& run : repeated) counts.push_back(run.count);
      kept = KeptCommonValues(counts, kept, n_distinct, out->null_frac(),
                              static_cast<double>(sample_.size()), total_rows_);
    }
    std::vector<bool> common(values_.size(), false);
    for (size_t i = 0; i < kept; ++i) {
      const Run& run = repeated[i];
      out->add_most_common_vals(ValueToText(*values_[run.first].value, type_));
      out->add_most_common_freqs(static_cast<double>(run.count) /
                                 static_cast<double>(sample_.size()));
      for (size_t k = 0; k < run.count; ++k) common[run.first + k] = true;
    }
    AddHistogram(common, runs.size() - kept, out);
    AddCorrelation(out);
  }

  // PostgreSQL's stadistinct: every value unique, every value repeated (the
  // sample saw them all), or Haas and Stokes' estimate; past a tenth of the
  // rows, a share of the row count.
  double DistinctValues(double distinct, double repeated, double null_frac) const {
    double estimate = 0;
    if (repeated == 0) {
      estimate = -1.0 * (1.0 - null_frac);
    } else if (repeated == distinct) {
      estimate = distinct;
    } else {
      const double once = distinct - repeated;
      const double n = static_cast<double>(values_.size());
      const double total = total_rows_ * (1.0 - null_frac);
      double haas_stokes = total > 0 ? (n * distinct) / ((n - once) + once * n / total) : 0;
      haas_stokes = std::min(std::max(haas_stokes, distinct), total);
      estimate = std::floor(haas_stokes + 0.5);
    }
    if (estimate > 0.1 * total_rows_) estimate = -(estimate / total_rows_);
    return estimate;
  }

  // Bounds splitting the values that are not most common into equal parts.
  void AddHistogram(const std::vector<bool>& common, size_t distinct_left,
                    catalog::proto::ColumnStatistics* out) const {
    size_t bounds = std::min(distinct_left, kStatisticsTarget + 1);
    if (bounds < 2) return;
    std::vector<const Value*> rest;
    for (size_t i = 0; i < values_.size(); ++i) {
      if (!common[i]) rest.push_back(values_[i].value);
    }
    const size_t step = (rest.size() - 1) / (bounds - 1);
    const size_t step_fraction = (rest.size() - 1) % (bounds - 1);
    size_t position = 0;
    size_t fraction = 0;
    for (size_t i = 0; i < bounds; ++i) {
      out->add_histogram_bounds(ValueToText(*rest[position], type_));
      position += step;
      fraction += step_fraction;
      if (fraction >= bounds - 1) {
        ++position;
        fraction -= bounds - 1;
      }
    }
  }

  // How well the stored order follows the values' order (-1 to 1).
  void AddCorrelation(catalog::proto::ColumnStatistics* out) const {
    if (values_.size() < 2) return;
    const double n = static_cast<double>(values_.size());
    double xy = 0;
    for (size_t i = 0; i < values_.size(); ++i) {
      xy += static_cast<double>(i) * static_cast<double>(values_[i].position);
    }
    const double x = (n - 1) * n / 2.0;
    const double x2 = (n - 1) * n * (2 * n - 1) / 6.0;
    out->set_correlation((n * xy - x * x) / (n * x2 - x * x));
    out->set_has_correlation(true);
  }

  const std::vector<const Row*>& sample_;
  size_t column_;
  DataType type_;
  double total_rows_;
  std::vector<SampledValue> values_;
};

}  // namespace

catalog::proto::TableStatistics AnalyzeTable(ExecContext& ctx, const catalog::TableEntry& table) {
  // A reservoir of rows with their places in the scan, sorted back into
  // stored order (PostgreSQL's sample is in block order).
  std::vector<std::pair<uint64_t, Row>> reservoir;
  std::mt19937_64 random(table.def.oid());
  storage::TableStore store(ctx.store, &table.layout);
  std::unique_ptr<storage::RowIterator> it = store.Scan(ctx.txn);
  storage::StoredRow stored;
  uint64_t rows = 0;
  while (true) {
    Result<bool> more = it->Next(&stored);
    if (!more.ok()) ThrowStatus(more.status());
    if (!*more) break;
    if ((rows & 1023) == 0) ctx.CheckForInterrupts();
    if (reservoir.size() < kAnalyzeSampleRows) {
      reservoir.emplace_back(rows, std::move(stored.row));
    } else {
      const uint64_t slot = std::uniform_int_distribution<uint64_t>(0, rows)(random);
      if (slot < kAnalyzeSampleRows) reservoir[slot] = {rows, std::move(stored.row)};
    }
    stored = {};
    ++rows;
  }
  std::sort(reservoir.begin(), reservoir.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Row*> sample;
  for (const auto& [place, row] : reservoir) sample.push_back(&row);

  catalog::proto::TableStatistics statistics;
  statistics.set_row_count(static_cast<double>(rows));
  for (size_t c = 0; c < table.layout.column_types.size(); ++c) {
    catalog::proto::ColumnStatistics column;
    column.set_column(table.def.columns(static_cast<int>(c)).name());
    ColumnAnalysis analysis(sample, c, table.layout.column_types[c], static_cast<double>(rows));
    if (analysis.Describe(&column)) *statistics.add_columns() = std::move(column);
  }
  return statistics;
}

}  // namespace basalt::sql
