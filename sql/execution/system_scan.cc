#include "sql/execution/system_scan.h"

#include <fmt/format.h>

#include "catalog/catalog_rows.h"
#include "catalog/system_relations.h"
#include "common/error.h"
#include "sql/execution/activity_rows.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/sequence_functions.h"

namespace basalt::sql {
namespace {

Value StringOrNull(const std::optional<std::string>& v) {
  return v ? Value::String(*v) : Value::Null();
}

// pg_locks: the lock manager's relation, advisory, transactionid and
// virtualxid locks, held and awaited.
std::vector<Row> PgLocksRows(ExecContext& ctx) {
  std::vector<Row> rows;
  for (storage::LockStatusRow& l : ctx.store.locks().StatusRows()) {
    rows.push_back(Row{
        Value::String(std::move(l.locktype)),
        IntOrNull(l.database),
        IntOrNull(l.relation),
        Value::Null(),  // page
        Value::Null(),  // tuple
        StringOrNull(l.virtualxid),
        IntOrNull(l.transactionid),
        IntOrNull(l.classid),
        IntOrNull(l.objid),
        IntOrNull(l.objsubid),
        Value::String(std::move(l.virtualtransaction)),
        Value::Int(l.pid),
        Value::String(std::move(l.mode)),
        Value::Bool(l.granted),
        Value::Bool(false),  // fastpath: Basalt has no fast path
        IntOrNull(l.waitstart),
    });
  }
  return rows;
}

}  // namespace

std::vector<Row> ComputeSystemRows(const catalog::TableEntry& table, ExecContext& ctx) {
  if (table.def.relkind() == "S") return SequenceRelationRows(table, ctx);
  switch (table.def.oid()) {
    case catalog::oids::kPgLocks: return PgLocksRows(ctx);
    case catalog::oids::kPgCursors:
    case catalog::oids::kPgPreparedStatements:
    case catalog::oids::kPgSettings:
    case catalog::oids::kPgStatActivity:
    case catalog::oids::kPgStatDatabase:
    case catalog::oids::kPgStatSsl:
    case catalog::oids::kPgStatGssapi:
    case catalog::oids::kPgStatProgressCreateIndex:
    case catalog::oids::kPgStatProgressRefreshMatview:
    case catalog::oids::kBasaltMatviewStatus:
      if (ctx.session_relation_rows) return ctx.session_relation_rows(table.def.oid());
      break;
    default:
      if (ctx.catalog != nullptr) {
        std::optional<std::vector<Row>> activity =
            TableActivityRows(table.def.oid(), *ctx.catalog, ctx.database_oid);
        if (activity) return std::move(*activity);
        return catalog::CatalogRows(table.def.oid(), *ctx.catalog, ctx.database_oid);
      }
      break;
  }
  throw Error(sqlstate::kInternalError,
              fmt::format("no rows for system relation \"{}\"", table.def.name()));
}

bool SystemScan::Next(ExecContext& ctx, RowBatch* batch) {
  if (!started_) {
    rows_ = ComputeSystemRows(*table_, ctx);
    started_ = true;
  }
  batch->clear();
  while (next_ < rows_.size() && batch->size() < kBatchSize) {
    Row& row = rows_[next_++];
    if (predicate_ == nullptr || EvaluatePredicate(*predicate_, row, &ctx)) {
      batch->push_back(std::move(row));
    }
  }
  return !batch->empty();
}

}  // namespace basalt::sql
