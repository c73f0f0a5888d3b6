#include "sql/execution/activity_rows.h"

#include <algorithm>

#include "catalog/catalog_rows.h"
#include "catalog/system_relations.h"
#include "sql/activity_counts.h"
#include "sql/execution/system_scan.h"

namespace basalt::sql {
namespace {

namespace oids = catalog::oids;

Value Count(uint64_t n) {
  return Value::Int(static_cast<int64_t>(n));
}

// Which tables a view lists: all, or PostgreSQL's _user_ / _sys_ halves
// (the system schemas are pg_catalog, information_schema and pg_toast*).
enum class Schemas { kAll, kUser, kSystem };

bool Lists(Schemas schemas, const std::string& name) {
  if (schemas == Schemas::kAll) return true;
  const bool system =
      name == "pg_catalog" || name == "information_schema" || name.starts_with("pg_toast");
  return system == (schemas == Schemas::kSystem);
}

struct CountedTable {
  const catalog::proto::Table* def;
  std::string schema;
};

// The relations of those schemas with one of `relkinds` ("rm": tables and
// materialized views), by OID.
std::vector<CountedTable> CountedTables(const catalog::CatalogSnapshot& snapshot, Oid database,
                                        Schemas schemas, std::string_view relkinds = "rm") {
  std::vector<CountedTable> out;
  for (const auto& table : snapshot.Tables(database)) {
    const catalog::proto::Table& def = table->def;
    if (def.relkind().size() != 1 || relkinds.find(def.relkind()[0]) == std::string_view::npos) {
      continue;
    }
    const catalog::proto::Namespace* ns = snapshot.NamespaceByOid(database, def.namespace_oid());
    if (ns == nullptr || !Lists(schemas, ns->name())) continue;
    out.push_back({&def, ns->name()});
  }
  std::sort(out.begin(), out.end(), [](const CountedTable& a, const CountedTable& b) {
    return a.def->oid() < b.def->oid();
  });
  return out;
}

// The rows ANALYZE counted last plus the committed inserts and deletes
// since, never below zero.
int64_t LiveRows(const catalog::proto::Table& def, const TableActivityCounts& t) {
  const int64_t counted = t.live_rows_counted.value_or(
      def.has_statistics() ? static_cast<int64_t>(def.statistics().row_count()) : 0);
  return std::max<int64_t>(0, counted + t.live_rows_change);
}

Row TableRow(const CountedTable& table) {
  const TableActivityCounts t = ServerActivityCounts().Table(table.def->oid());
  return Row{Value::Int(table.def->oid()),
             Value::String(table.schema),
             Value::String(table.def->name()),
             Count(t.seq_scan),
             Count(t.seq_tup_read),
             Count(t.idx_scan),
             Count(t.idx_tup_fetch),
             Count(t.n_tup_ins),
             Count(t.n_tup_upd),
             Count(t.n_tup_del),
             Count(0),  // n_tup_hot_upd: Basalt has no heap-only tuples
             Value::Int(LiveRows(*table.def, t)),
             Count(0),  // n_dead_tup: RocksDB's compaction drops old versions
             Count(t.n_mod_since_analyze),
             Count(t.n_ins_since_vacuum),
             IntOrNull(t.last_vacuum),
             IntOrNull(t.last_autovacuum),
             IntOrNull(t.last_analyze),
             IntOrNull(t.last_autoanalyze),
             Count(t.vacuum_count),
             Count(t.autovacuum_count),
             Count(t.analyze_count),
             Count(t.autoanalyze_count)};
}

struct CountedIndex {
  Oid oid;
  const std::string* name;
};

// As pg_index lists them (catalog::ListedIndexes).
std::vector<CountedIndex> IndexesOf(const catalog::proto::Table& def) {
  std::vector<CountedIndex> out;
  for (const catalog::proto::Index* index : catalog::ListedIndexes(def)) {
    out.push_back(index == nullptr
                      ? CountedIndex{catalog::PrimaryKeyIndexOid(def), &def.primary_key_name()}
                      : CountedIndex{index->oid(), &index->name()});
  }
  return out;
}

Row IndexRow(const CountedTable& table, const CountedIndex& index) {
  const IndexActivityCounts i = ServerActivityCounts().Index(index.oid);
  return Row{Value::Int(table.def->oid()), Value::Int(index.oid),
             Value::String(table.schema),  Value::String(table.def->name()),
             Value::String(*index.name),   Count(i.idx_scan),
             Count(i.idx_tup_read),        Count(i.idx_tup_fetch)};
}

// pg_statio_*_indexes: block counts, zero (BlockIoRow).
Row IndexBlockIoRow(const CountedTable& table, const CountedIndex& index) {
  return Row{Value::Int(table.def->oid()),
             Value::Int(index.oid),
             Value::String(table.schema),
             Value::String(table.def->name()),
             Value::String(*index.name),
             Count(0),
             Count(0)};
}

template <typename MakeRow>
std::vector<Row> RowPerIndex(const std::vector<CountedTable>& tables, MakeRow make_row) {
  std::vector<Row> rows;
  for (const CountedTable& table : tables) {
    for (const CountedIndex& index : IndexesOf(*table.def)) rows.push_back(make_row(table, index));
  }
  return rows;
}

// Basalt reads rows from RocksDB, not through a buffer pool of blocks: the
// block counts are zero; NULL where PostgreSQL's would be (no index, no
// TOAST table).
Row BlockIoRow(const CountedTable& table) {
  const Value index_blocks = IndexesOf(*table.def).empty() ? Value::Null() : Count(0);
  return Row{Value::Int(table.def->oid()),
             Value::String(table.schema),
             Value::String(table.def->name()),
             Count(0),
             Count(0),
             index_blocks,
             index_blocks,
             Value::Null(),
             Value::Null(),
             Value::Null(),
             Value::Null()};
}

// pg_statio_*_sequences: block counts, zero (BlockIoRow).
Row SequenceBlockIoRow(const CountedTable& sequence) {
  return Row{Value::Int(sequence.def->oid()), Value::String(sequence.schema),
             Value::String(sequence.def->name()), Count(0), Count(0)};
}

template <typename MakeRow>
std::vector<Row> RowPerTable(const std::vector<CountedTable>& tables, MakeRow make_row) {
  std::vector<Row> rows;
  rows.reserve(tables.size());
  for (const CountedTable& table : tables) rows.push_back(make_row(table));
  return rows;
}

// The tuple counts of a database's tables, summed.
struct DatabaseTuples {
  uint64_t returned = 0;  // read by sequential scans, index entries read
  uint64_t fetched = 0;   // rows fetched through indexes
  uint64_t inserted = 0;
  uint64_t updated = 0;
  uint64_t deleted = 0;
};

DatabaseTuples TuplesOf(const catalog::CatalogSnapshot& snapshot, Oid database) {
  DatabaseTuples sum;
  for (const CountedTable& table : CountedTables(snapshot, database, Schemas::kAll)) {
    const TableActivityCounts t = ServerActivityCounts().Table(table.def->oid());
    sum.returned += t.seq_tup_read;
    sum.fetched += t.idx_tup_fetch;
    sum.inserted += t.n_tup_ins;
    sum.updated += t.n_tup_upd;
    sum.deleted += t.n_tup_del;
    for (const CountedIndex& index : IndexesOf(*table.def)) {
      sum.returned += ServerActivityCounts().Index(index.oid).idx_tup_read;
    }
  }
  return sum;
}

Row DatabaseRow(Oid database, Value name, int64_t backends, const DatabaseActivityCounts& d,
                const DatabaseTuples& tuples) {
  const Value zero_ms = Value::Float(0);
  return Row{Value::Int(database),
             std::move(name),
             Value::Int(backends),
             Count(d.xact_commit),
             Count(d.xact_rollback),
             Count(0),  // blks_read, blks_hit: no buffer pool (BlockIoRow)
             Count(0),
             Count(tuples.returned),
             Count(tuples.fetched),
             Count(tuples.inserted),
             Count(tuples.updated),
             Count(tuples.deleted),
             Count(0),  // conflicts: no standby
             Count(d.temp_files),
             Count(d.temp_bytes),
             Count(0),       // deadlocks: not counted yet
             Value::Null(),  // checksum_failures, _last_failure: RocksDB checks its own
             Value::Null(),
             zero_ms,  // blk_read_time, blk_write_time: track_io_timing is off
             zero_ms,
             zero_ms,  // session_time, active_time, idle_in_transaction_time:
             zero_ms,  // not tracked yet
             zero_ms,
             Count(d.sessions),
             Count(0),  // sessions_abandoned, _fatal, _killed: not counted yet
             Count(0),
             Count(0),
             Value::Null()};  // stats_reset: never reset
}

// pg_stat_database_conflicts: queries a standby cancelled; Basalt has no
// standbys, so none.
std::vector<Row> DatabaseConflictRows(const catalog::CatalogSnapshot& snapshot) {
  std::vector<Row> rows;
  for (const catalog::proto::Database* database : snapshot.Databases()) {
    rows.push_back(Row{Value::Int(database->oid()), Value::String(database->name()), Count(0),
                       Count(0), Count(0), Count(0), Count(0)});
  }
  return rows;
}

}  // namespace

std::vector<Row> DatabaseActivityRows(const catalog::CatalogSnapshot& snapshot,
                                      const std::map<Oid, int64_t>& backends) {
  std::vector<Row> rows{DatabaseRow(0, Value::Null(), 0, {}, {})};
  for (const catalog::proto::Database* database : snapshot.Databases()) {
    auto n = backends.find(database->oid());
    rows.push_back(DatabaseRow(
        database->oid(), Value::String(database->name()), n == backends.end() ? 0 : n->second,
        ServerActivityCounts().Database(database->oid()), TuplesOf(snapshot, database->oid())));
  }
  return rows;
}

std::optional<std::vector<Row>> TableActivityRows(Oid relation,
                                                  const catalog::CatalogSnapshot& snapshot,
                                                  Oid database) {
  auto tables = [&](Schemas schemas) { return CountedTables(snapshot, database, schemas); };
  switch (relation) {
    case oids::kPgStatAllTables: return RowPerTable(tables(Schemas::kAll), TableRow);
    case oids::kPgStatUserTables: return RowPerTable(tables(Schemas::kUser), TableRow);
    case oids::kPgStatSysTables: return RowPerTable(tables(Schemas::kSystem), TableRow);
    case oids::kPgStatioAllTables: return RowPerTable(tables(Schemas::kAll), BlockIoRow);
    case oids::kPgStatioUserTables: return RowPerTable(tables(Schemas::kUser), BlockIoRow);
    case oids::kPgStatioSysTables: return RowPerTable(tables(Schemas::kSystem), BlockIoRow);
    case oids::kPgStatAllIndexes: return RowPerIndex(tables(Schemas::kAll), IndexRow);
    case oids::kPgStatUserIndexes: return RowPerIndex(tables(Schemas::kUser), IndexRow);
    case oids::kPgStatSysIndexes: return RowPerIndex(tables(Schemas::kSystem), IndexRow);
    case oids::kPgStatioAllIndexes: return RowPerIndex(tables(Schemas::kAll), IndexBlockIoRow);
    case oids::kPgStatioUserIndexes: return RowPerIndex(tables(Schemas::kUser), IndexBlockIoRow);
    case oids::kPgStatioSysIndexes: return RowPerIndex(tables(Schemas::kSystem), IndexBlockIoRow);
    case oids::kPgStatioAllSequences:
      return RowPerTable(CountedTables(snapshot, database, Schemas::kAll, "S"), SequenceBlockIoRow);
    case oids::kPgStatioUserSequences:
      return RowPerTable(CountedTables(snapshot, database, Schemas::kUser, "S"),
                         SequenceBlockIoRow);
    case oids::kPgStatioSysSequences:
      return RowPerTable(CountedTables(snapshot, database, Schemas::kSystem, "S"),
                         SequenceBlockIoRow);
    case oids::kPgStatDatabaseConflicts: return DatabaseConflictRows(snapshot);
    default: return std::nullopt;
  }
}

}  // namespace basalt::sql
