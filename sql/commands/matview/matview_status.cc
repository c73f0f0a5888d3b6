// basalt_matview_status: one row per materialized view of the database,
// from its catalog entry, the refresh board (last refresh, automatic
// refresher) and, for views maintained from the change log, the changes
// they have not applied in the reading statement's snapshot.
#include <fmt/format.h>

#include "common/datetime.h"
#include "common/interval.h"
#include "sql/commands/matview/incremental_shape.h"
#include "sql/session_impl.h"

namespace basalt::sql {
namespace {

Value SpanOrNull(int64_t micros) {
  return micros == 0 ? Value::Null() : Value::Span(Interval{0, 0, micros});
}

Value TextOrNull(const std::string& text) {
  return text.empty() ? Value::Null() : Value::String(text);
}

// pending_changes, pending_by_table, staleness, sequence_lag; NULL for a
// view refreshed fully (nothing records its base tables' changes).
struct Lag {
  Value pending = Value::Null();
  Value by_table = Value::Null();
  Value staleness = Value::Null();
  Value sequence_lag = Value::Null();
};

}  // namespace

std::vector<Row> SessionImpl::MatviewStatusRows() {
  std::shared_ptr<const catalog::CatalogSnapshot> catalog = writer_.View();
  std::vector<Row> rows;
  for (const auto& view : catalog->Tables(database_oid_)) {
    const catalog::proto::Table& def = view->def;
    if (!view->IsMaterializedView()) continue;
    const MatviewRefreshBoard::ViewRecord record =
        refresh_board_ ? refresh_board_->Record(database_oid_, def.oid())
                       : MatviewRefreshBoard::ViewRecord{};
    Lag lag;
    if (def.incremental()) {
      lag.pending = Value::Int(0);
      lag.staleness = Value::Span(Interval{});
      lag.sequence_lag = Value::Int(0);
      lag.by_table = Value::Array({});
      ChangeLogPlace place;
      if (!MaintainedImmediately(def) && ReadChangeLogPlace(*txn_, def.oid(), &place)) {
        const auto tables = WatchedTables(def);
        const auto summaries = SummarizePendingChanges(*txn_, tables, place, UINT64_MAX);
        uint64_t total = 0;
        std::vector<Value> by_table;
        for (const auto& table : tables) {
          const PendingSummary& summary = summaries.at(table->def.oid());
          const catalog::proto::Namespace* ns =
              catalog->NamespaceByOid(database_oid_, table->def.namespace_oid());
          by_table.push_back(Value::String(
              fmt::format("{}.{}={}", ns ? ns->name() : "", table->def.name(), summary.records)));
          total += summary.records;
        }
        const uint64_t oldest = OldestPendingSequence(summaries);
        lag.pending = Value::Int(static_cast<int64_t>(total));
        lag.by_table = Value::Array(std::move(by_table));
        if (oldest != 0) {
          const int64_t committed =
              refresh_board_ ? refresh_board_->CommitTimeOf(oldest) : CurrentTimestamp();
          lag.staleness =
              Value::Span(Interval{0, 0, std::max<int64_t>(0, CurrentTimestamp() - committed)});
          lag.sequence_lag =
              Value::Int(static_cast<int64_t>(txn_->SnapshotWatermark() - place.watermark));
        }
      }
    }
    const catalog::proto::Namespace* ns =
        catalog->NamespaceByOid(database_oid_, def.namespace_oid());
    const auto& last = record.last;
    rows.push_back(Row{
        Value::Int(def.oid()),
        Value::String(ns ? ns->name() : ""),
        Value::String(def.name()),
        Value::String(def.refresh_mode().empty() ? "full" : def.refresh_mode()),
        Value::Bool(def.populated()),
        Value::Bool(def.auto_refresh()),
        SpanOrNull(def.refresh_interval_us()),
        SpanOrNull(def.max_staleness_us()),
        last ? Value::Int(last->started_at) : Value::Null(),
        last ? Value::Int(last->finished_at) : Value::Null(),
        last ? Value::String(last->strategy) : Value::Null(),
        last ? Value::Float(last->duration_ms) : Value::Null(),
        last ? Value::Int(static_cast<int64_t>(last->rows_inserted)) : Value::Null(),
        last ? Value::Int(static_cast<int64_t>(last->rows_deleted)) : Value::Null(),
        std::move(lag.pending),
        std::move(lag.by_table),
        last ? TextOrNull(last->fallback_reason) : TextOrNull(def.refresh_mode_reason()),
        std::move(lag.staleness),
        std::move(lag.sequence_lag),
        record.running ? Value::String("refreshing")
        : def.auto_refresh()
            ? Value::String(record.auto_state.empty() ? "waiting" : record.auto_state)
            : Value::Null(),
        TextOrNull(record.auto_error),
    });
  }
  return rows;
}

}  // namespace basalt::sql
