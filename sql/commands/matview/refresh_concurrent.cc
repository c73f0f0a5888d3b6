// Concurrent refresh, as PostgreSQL's refresh_by_match_merge: the new
// result is matched with the stored rows on the unique keys and whole-row
// identity (equal stored bytes: PostgreSQL's `*=` compares binary images),
// and only the difference is written, deletes before inserts, in the
// refreshing transaction. A refresh that changes 10 rows of a million
// writes 10 rows. Readers read their snapshot throughout.
#include <fmt/format.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "common/value_text.h"
#include "sql/commands/matview/refresh.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "storage/row_codec.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

// A row as PostgreSQL's record_out prints it: `(1,,"a b")`.
std::string RecordText(const Row& row, const std::vector<DataType>& types) {
  std::string out = "(";
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ",";
    if (row[i].is_null()) continue;
    const std::string text = ValueToText(row[i], types[i]);
    bool quote = text.empty();
    for (char c : text) {
      if (c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' ||
          std::isspace(static_cast<unsigned char>(c))) {
        quote = true;
      }
    }
    if (!quote) {
      out += text;
      continue;
    }
    out += '"';
    for (char c : text) {
      if (c == '"' || c == '\\') out += c;
      out += c;
    }
    out += '"';
  }
  return out + ")";
}

bool HasNull(const Row& row) {
  for (const Value& v : row) {
    if (v.is_null()) return true;
  }
  return false;
}

// The columns of the view's unique indexes: PostgreSQL joins old and new
// rows on them with `=`, so a row with NULL in one never matches.
std::vector<int> UniqueKeyColumns(const storage::TableLayout& layout) {
  std::vector<int> columns;
  for (const storage::IndexLayout& index : layout.indexes) {
    if (!index.unique || index.predicate != nullptr) continue;
    for (const storage::IndexLayout::KeyColumn& c : index.columns) columns.push_back(c.column);
  }
  return columns;
}

bool Matchable(const Row& row, const std::vector<int>& key_columns) {
  for (int c : key_columns) {
    if (row[static_cast<size_t>(c)].is_null()) return false;
  }
  return true;
}

}  // namespace

void RefreshConcurrent(MatviewRefresh& refresh) {
  const catalog::TableEntry& view = *refresh.view;
  const storage::TableLayout& layout = view.layout;
  const std::vector<int> key_columns = UniqueKeyColumns(layout);
  // The new result, each distinct row (its stored bytes) with its count.
  struct NewRow {
    Row row;
    uint64_t count = 0;
    bool matched = false;  // a stored row is the same: nothing to insert
  };
  std::unordered_map<std::string, NewRow> fresh;
  RefreshExplanation* explanation = refresh.explanation;
  std::string plan;
  if (explanation && explanation->dry_run()) {
    refresh.compute({}, &plan);
    explanation->AddStep("Compute Result", std::move(plan), 0, {});
    explanation->AddStep("Match Stored Rows on Unique Keys", "", 0, {});
    explanation->AddStep("Write Differences", "", 0, {});
    return;
  }
  auto started = std::chrono::steady_clock::now();
  uint64_t computed = 0;
  refresh.compute(
      [&](const RowBatch& rows) {
        computed += rows.size();
        for (const Row& row : rows) {
          std::string bytes;
          storage::EncodeTableRow(layout, row, &bytes);
          if (refresh.progress) ++refresh.progress->rows_done;
          NewRow& entry = fresh[std::move(bytes)];
          if (entry.count++ == 0) {
            entry.row = row;
          } else if (entry.count == 2 && !HasNull(row)) {
            throw Error(sqlstate::kCardinalityViolation,
                        fmt::format("new data for materialized view \"{}\" contains duplicate rows "
                                    "without any null columns",
                                    view.def.name()))
                .WithDetail("Row: " + RecordText(row, layout.column_types));
          }
        }
      },
      explanation ? &plan : nullptr);
  if (explanation) {
    explanation->AddStep("Compute Result", std::move(plan), computed, started);
    started = std::chrono::steady_clock::now();
  }

  // As PostgreSQL's full join of the stored and the new rows on the unique
  // keys and whole-row identity: a stored row stays if the new result has
  // it and its keys are not NULL; every other stored row goes, and every
  // new row no stored row matched comes in (all its copies).
  if (refresh.progress) refresh.progress->phase = MatviewRefreshBoard::kApplyingChanges;
  storage::TableStore table(refresh.store, &layout);
  std::vector<storage::LockedRow> deleted;
  {
    std::unique_ptr<storage::RowIterator> it = table.Scan(refresh.txn);
    storage::StoredRow stored;
    while (true) {
      Result<bool> more = it->Next(&stored);
      Check(more.status());
      if (!*more) break;
      auto match = fresh.find(stored.value);
      if (match != fresh.end() && Matchable(stored.row, key_columns)) {
        match->second.matched = true;
        continue;
      }
      deleted.push_back({std::move(stored.key), std::move(stored.value), std::move(stored.row)});
      stored = {};
    }
  }
  Check(refresh.interrupt.Check());
  if (explanation) {
    explanation->AddStep("Match Stored Rows on Unique Keys", "", deleted.size(), started);
    started = std::chrono::steady_clock::now();
  }
  for (const storage::LockedRow& row : deleted) {
    Status st = table.Delete(refresh.txn, row);
    if (!st.ok()) ThrowStatus(st);
  }
  refresh.rows_deleted = deleted.size();
  for (const auto& [bytes, entry] : fresh) {
    if (entry.matched) continue;
    for (uint64_t i = 0; i < entry.count; ++i) {
      Status st = table.Insert(refresh.txn, entry.row);
      if (!st.ok()) ThrowWriteFailure(view, entry.row, st);
      ++refresh.rows_inserted;
    }
  }
  if (explanation) {
    explanation->AddStep("Write Differences", "", refresh.rows_deleted + refresh.rows_inserted,
                         started);
  }
}

}  // namespace basalt::sql
