#include "sql/planner/plan_statistics.h"

#include <algorithm>
#include <cmath>

#include "common/value_text.h"
#include "sql/execution/evaluate.h"

namespace basalt::sql {

namespace {

// PostgreSQL's defaults where statistics say nothing: an equality, a range
// and anything else.
constexpr double kDefaultEquality = 0.005;
constexpr double kDefaultRange = 1.0 / 3.0;

const catalog::proto::ColumnStatistics* ColumnStats(const catalog::TableEntry& table, int column) {
  if (column < 0 || column >= table.def.columns_size()) return nullptr;
  const std::string& name = table.def.columns(column).name();
  for (const catalog::proto::ColumnStatistics& c : table.def.statistics().columns()) {
    if (c.column() == name) return &c;
  }
  return nullptr;
}

double DistinctValues(const catalog::proto::ColumnStatistics& c, double rows) {
  const double n = c.n_distinct() < 0 ? -c.n_distinct() * rows : c.n_distinct();
  return std::max(n, 1.0);
}

double CommonFrequencies(const catalog::proto::ColumnStatistics& c) {
  double sum = 0;
  for (double f : c.most_common_freqs()) sum += f;
  return sum;
}

// A value in the column's statistics, read back in its type.
bool StatValue(const std::string& text, const DataType& type, Value* out) {
  Result<Value> v = ValueFromText(text, type);
  if (!v.ok()) return false;
  *out = std::move(*v);
  return true;
}

class Estimator {
 public:
  explicit Estimator(const catalog::TableEntry& table) : table_(table), rows_(TableRows(table)) {}

  double Of(const BoundExpr& e) const {
    switch (e.kind) {
      case BoundExprKind::kAnd: {
        double s = 1;
        for (const BoundExprPtr& c : e.children) s *= Of(*c);
        return s;
      }
      case BoundExprKind::kOr: {
        double s = 0;
        for (const BoundExprPtr& c : e.children) {
          const double t = Of(*c);
          s = s + t - s * t;
        }
        return s;
      }
      case BoundExprKind::kNot: return 1.0 - Of(*e.children[0]);
      case BoundExprKind::kIsNull: return IsNull(e);
      case BoundExprKind::kCompare: return Compare(e);
      case BoundExprKind::kIn: return In(e);
      default: return kGuessedTermSelectivity;
    }
  }

 private:
  const catalog::proto::ColumnStatistics* ColumnOf(const BoundExpr& e) const {
    return e.kind == BoundExprKind::kColumn ? ColumnStats(table_, e.column_index) : nullptr;
  }

  double IsNull(const BoundExpr& e) const {
    const catalog::proto::ColumnStatistics* c = ColumnOf(*e.children[0]);
    if (c == nullptr) return kGuessedTermSelectivity;
    return e.negated ? 1.0 - c->null_frac() : c->null_frac();
  }

  // column = value: the value's frequency among the most common values, or
  // the other values' share spread evenly over them.
  double Equal(const catalog::proto::ColumnStatistics& c, const BoundExpr* constant,
               const DataType& type) const {
    if (constant != nullptr && constant->value.is_null()) return 0;
    if (constant != nullptr) {
      const std::string text = ValueToText(constant->value, type);
      for (int i = 0; i < c.most_common_vals_size(); ++i) {
        if (c.most_common_vals(i) == text) return c.most_common_freqs(i);
      }
    }
    const double others = DistinctValues(c, rows_) - c.most_common_vals_size();
    const double share = std::max(0.0, 1.0 - c.null_frac() - CommonFrequencies(c));
    return others >= 1 ? share / others : share;
  }

  // column < value (or >, <=, >=): the common values that qualify, and the
  // histogram's share of the others.
  double Range(const catalog::proto::ColumnStatistics& c, const Value& value, const DataType& type,
               CompareOp op) const {
    auto qualifies = [&](const Value& v) {
      const int cmp = CompareValues(v, value, type);
      switch (op) {
        case CompareOp::kLess: return cmp < 0;
        case CompareOp::kLessEqual: return cmp <= 0;
        case CompareOp::kGreater: return cmp > 0;
        default: return cmp >= 0;
      }
    };
    double common = 0;
    Value v;
    for (int i = 0; i < c.most_common_vals_size(); ++i) {
      if (StatValue(c.most_common_vals(i), type, &v) && qualifies(v)) {
        common += c.most_common_freqs(i);
      }
    }
    const double others = std::max(0.0, 1.0 - c.null_frac() - CommonFrequencies(c));
    const int bounds = c.histogram_bounds_size();
    if (bounds < 2) return c.most_common_vals_size() > 0 ? common : kDefaultRange;
    // The bins below the value, the one it falls in counted by half.
    int below = 0;
    for (; below < bounds; ++below) {
      if (!StatValue(c.histogram_bounds(below), type, &v) || CompareValues(v, value, type) >= 0) {
        break;
      }
    }
    double fraction = below == 0 ? 0.0
                      : below == bounds
                          ? 1.0
                          : (static_cast<double>(below) - 0.5) / static_cast<double>(bounds - 1);
    const bool less = op == CompareOp::kLess || op == CompareOp::kLessEqual;
    if (!less) fraction = 1.0 - fraction;
    return common + others * fraction;
  }

  double Compare(const BoundExpr& e) const {
    const BoundExpr* column = e.children[0].get();
    const BoundExpr* other = e.children[1].get();
    CompareOp op = e.compare_op;
    if (column->kind != BoundExprKind::kColumn) {
      std::swap(column, other);
      // 5 < x is x > 5.
      switch (op) {
        case CompareOp::kLess: op = CompareOp::kGreater; break;
        case CompareOp::kLessEqual: op = CompareOp::kGreaterEqual; break;
        case CompareOp::kGreater: op = CompareOp::kLess; break;
        case CompareOp::kGreaterEqual: op = CompareOp::kLessEqual; break;
        default: break;
      }
    }
    const catalog::proto::ColumnStatistics* c = ColumnOf(*column);
    const bool known = other->kind == BoundExprKind::kConstant;
    if (c == nullptr || (!known && other->kind != BoundExprKind::kParameter &&
                         other->kind != BoundExprKind::kOuterColumn)) {
      return op == CompareOp::kEqual      ? kDefaultEquality
             : op == CompareOp::kNotEqual ? 1.0 - kDefaultEquality
                                          : kDefaultRange;
    }
    const DataType type = table_.ColumnType(column->column_index);
    switch (op) {
      case CompareOp::kEqual: return Equal(*c, known ? other : nullptr, type);
      case CompareOp::kNotEqual:
        return std::max(0.0, 1.0 - c->null_frac() - Equal(*c, known ? other : nullptr, type));
      default:
        if (!known || other->value.is_null()) return known ? 0.0 : kDefaultRange;
        return Range(*c, other->value, type, op);
    }
  }

  double In(const BoundExpr& e) const {
    const catalog::proto::ColumnStatistics* c = ColumnOf(*e.children[0]);
    if (c == nullptr) return kGuessedTermSelectivity;
    const DataType type = table_.ColumnType(e.children[0]->column_index);
    double s = 0;
    for (size_t i = 1; i < e.children.size(); ++i) {
      const BoundExpr& item = *e.children[i];
      s += Equal(*c, item.kind == BoundExprKind::kConstant ? &item : nullptr, type);
    }
    s = std::min(s, 1.0);
    return e.negated ? std::max(0.0, 1.0 - c->null_frac() - s) : s;
  }

  const catalog::TableEntry& table_;
  double rows_;
};

}  // namespace

bool Analyzed(const catalog::TableEntry& table) {
  return table.def.has_statistics();
}

double TableRows(const catalog::TableEntry& table) {
  return Analyzed(table) ? table.def.statistics().row_count() : kGuessedTableRows;
}

std::optional<double> RowsPerValue(const catalog::TableEntry& table, int column) {
  if (!Analyzed(table)) return std::nullopt;
  const catalog::proto::ColumnStatistics* c = ColumnStats(table, column);
  if (c == nullptr) return std::nullopt;
  const double rows = TableRows(table);
  return rows * (1 - c->null_frac()) / DistinctValues(*c, rows);
}

std::optional<double> HashBucketShare(const catalog::TableEntry& table, int column) {
  if (!Analyzed(table)) return std::nullopt;
  const catalog::proto::ColumnStatistics* c = ColumnStats(table, column);
  if (c == nullptr) return std::nullopt;
  double share = 1 / DistinctValues(*c, TableRows(table));
  for (double f : c->most_common_freqs()) share = std::max(share, f);
  return share;
}

double GuessedSelectivity(const BoundExpr& predicate) {
  const size_t terms = predicate.kind == BoundExprKind::kAnd ? predicate.children.size() : 1;
  return std::pow(kGuessedTermSelectivity, static_cast<double>(terms));
}

double FilterSelectivity(const BoundExpr& predicate, const catalog::TableEntry& table) {
  if (!Analyzed(table)) return GuessedSelectivity(predicate);
  return std::clamp(Estimator(table).Of(predicate), 0.0, 1.0);
}

}  // namespace basalt::sql
