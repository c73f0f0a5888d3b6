#!/usr/bin/env bash
# pg_stat_user_tables, pg_stat_all_tables, pg_stat_user_indexes,
# pg_stat_all_indexes, pg_statio_user_tables and pg_stat_database (issue
# 13): each table's sequential and index scans and the rows they read, the
# rows inserted, updated and deleted (rolled-back writes count as writes,
# not as live rows), the live rows after ANALYZE and TRUNCATE, the last
# ANALYZE and VACUUM; each database's sessions, transactions and rows, as
# PostgreSQL counts them.
source "$(dirname "$0")/lib.sh"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
expect() {  # <sql> <want>
  local got
  got=$(q "$1")
  [[ "$got" == "$2" ]] || fail "'$1' answered '$got', not '$2'"
}
table_counts() {  # <table> <columns>
  q "SELECT $2 FROM pg_stat_user_tables WHERE relname = '$1'"
}

echo "autovacuum = off" >"$WORK_DIR/quiet.conf"  # no automatic ANALYZE here
BASALT_EXTRA_ARGS="--config $WORK_DIR/quiet.conf"
basalt_start "$1"

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE items (id int PRIMARY KEY, v int, tag text);
CREATE INDEX items_v ON items (v);
CREATE TABLE plain (v int);
CREATE MATERIALIZED VIEW items_mv AS SELECT v FROM items;
SQL

# A new table: every count zero but the scans of CREATE INDEX and of the
# query that filled items_mv.
expect "SELECT relname, schemaname, seq_scan, idx_scan, n_tup_ins, n_live_tup, n_dead_tup,
               last_analyze IS NULL, analyze_count
        FROM pg_stat_user_tables WHERE relname = 'items'" "items|public|2|0|0|0|0|t|0"
expect "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_stat_user_tables" \
  "items,items_mv,plain"
expect "SELECT count(*) FROM pg_stat_all_tables WHERE schemaname = 'pg_catalog'
          AND relname IN ('pg_class', 'pg_attribute')" 2
expect "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'pg_catalog'" 0
expect "SELECT string_agg(indexrelname, ',' ORDER BY indexrelname) FROM pg_stat_user_indexes
        WHERE relname = 'items'" "items_pkey,items_v"
expect "SELECT i.indexrelid = c.oid FROM pg_stat_user_indexes i JOIN pg_class c
          ON c.relname = i.indexrelname WHERE i.indexrelname = 'items_pkey'" t
expect "SELECT heap_blks_read, idx_blks_read, toast_blks_read IS NULL FROM pg_statio_user_tables
        WHERE relname = 'items'" "0|0|t"
expect "SELECT idx_blks_read IS NULL FROM pg_statio_user_tables WHERE relname = 'plain'" t

# Writes: 10 inserted, 3 updated, 2 deleted; 5 more rolled back.
run_psql <<'SQL' || fail "writes failed"
INSERT INTO items SELECT g, g % 4, 'x' FROM generate_series(1, 10) g;
UPDATE items SET tag = 'y' WHERE id <= 3;
DELETE FROM items WHERE id > 8;
BEGIN;
INSERT INTO items SELECT g, 0, 'z' FROM generate_series(100, 104) g;
ROLLBACK;
SQL
# A failed statement's transaction rolls back too: both its inserts count
# (PostgreSQL's heap insert comes before the unique check that fails).
psql -X -q -c "INSERT INTO items VALUES (200, 1, 'w'), (1, 1, 'dup')" 2>/dev/null &&
  fail "a duplicate key was accepted"
# The scans of the statements above (UPDATE and DELETE read too) are left
# out: what follows is compared with the counts now.
before=$(table_counts items "seq_scan, seq_tup_read, idx_scan, idx_tup_fetch")
expect "SELECT n_tup_ins, n_tup_upd, n_tup_del, n_live_tup, n_mod_since_analyze,
               n_ins_since_vacuum
        FROM pg_stat_user_tables WHERE relname = 'items'" "17|3|2|8|15|17"

# One sequential scan reading all 8 rows, one primary-key lookup, one scan
# of items_v.
IFS='|' read -r seq_scan seq_read idx_scan idx_fetch <<<"$before"
q "SELECT count(*) FROM items" >/dev/null
q "SELECT tag FROM items WHERE id = 4" >/dev/null
q "SELECT tag FROM items WHERE v = 2" >/dev/null
expect "SELECT seq_scan - $seq_scan, seq_tup_read - $seq_read, idx_scan - $idx_scan,
               idx_tup_fetch - $idx_fetch
        FROM pg_stat_user_tables WHERE relname = 'items'" "1|8|2|3"
expect "SELECT idx_scan >= 1, idx_tup_read >= 2 FROM pg_stat_user_indexes
        WHERE indexrelname = 'items_v'" "t|t"
expect "SELECT idx_scan >= 1, idx_tup_fetch >= 1 FROM pg_stat_user_indexes
        WHERE indexrelname = 'items_pkey'" "t|t"

# ANALYZE counts the rows and starts the writes since it again.
q "ANALYZE items" >/dev/null
expect "SELECT n_live_tup, n_mod_since_analyze, analyze_count, last_analyze > now() - interval '1 minute',
               autoanalyze_count, last_autoanalyze IS NULL
        FROM pg_stat_user_tables WHERE relname = 'items'" "8|0|1|t|0|t"
q "INSERT INTO items VALUES (50, 1, 'a'), (51, 2, 'b')" >/dev/null
expect "SELECT n_live_tup, n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = 'items'" "10|2"

# VACUUM (one table, then the whole database).
q "VACUUM items" >/dev/null
expect "SELECT vacuum_count, last_vacuum IS NOT NULL, n_ins_since_vacuum
        FROM pg_stat_user_tables WHERE relname = 'items'" "1|t|0"
q "VACUUM" >/dev/null
expect "SELECT string_agg(relname || ':' || vacuum_count, ',' ORDER BY relname)
        FROM pg_stat_user_tables" "items:2,items_mv:1,plain:1"

# TRUNCATE: the rows written after it in its transaction are the live ones;
# a rolled-back TRUNCATE changes nothing.
psql -X -q -v ON_ERROR_STOP=1 -c "BEGIN" -c "TRUNCATE items" -c "ROLLBACK"
expect "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'items'" 10
psql -X -q -v ON_ERROR_STOP=1 -c "BEGIN" -c "INSERT INTO items VALUES (60, 1, 'c')" \
  -c "TRUNCATE items" -c "INSERT INTO items VALUES (61, 1, 'd'), (62, 2, 'e')" -c "COMMIT"
expect "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'items'" 2

# COPY counts its rows; another session sees the counts at once.
printf '1\n2\n3\n' | psql -X -q -v ON_ERROR_STOP=1 -c "COPY plain FROM STDIN"
expect "SELECT n_tup_ins, n_live_tup FROM pg_stat_all_tables WHERE relname = 'plain'" "3|3"

# pg_stat_database: the transactions (each psql -c above is one, or a
# block), the sessions, the rows of its tables summed, the shared row.
db_counts() {
  q "SELECT xact_commit, xact_rollback, sessions FROM pg_stat_database WHERE datname = 'basalt'"
}
IFS='|' read -r commits rollbacks sessions <<<"$(db_counts)"
psql -X -q -v ON_ERROR_STOP=1 -c "BEGIN" -c "SELECT 1" -c "ROLLBACK" >/dev/null
q "SELECT 1" >/dev/null
# Each q is a session whose SELECT commits; the first also read the counts.
expect "SELECT xact_commit - $commits, xact_rollback - $rollbacks, sessions - $sessions
        FROM pg_stat_database WHERE datname = 'basalt'" "2|1|3"
expect "SELECT numbackends, tup_inserted = (SELECT sum(n_tup_ins) FROM pg_stat_all_tables),
               tup_deleted = (SELECT sum(n_tup_del) FROM pg_stat_all_tables)
        FROM pg_stat_database WHERE datname = 'basalt'" "1|t|t"
expect "SELECT string_agg(coalesce(datname, '<shared>') || ':' || datid::text, ',' ORDER BY datid)
        FROM pg_stat_database WHERE datid < 16384" "<shared>:0,template1:1,template0:4,postgres:5"
expect "SELECT count(*) FROM pg_stat_database" 5
# A sort past work_mem writes temporary files, which the database counts.
q "SET work_mem = '64kB'; SELECT g FROM generate_series(1, 50000) g ORDER BY g DESC" >/dev/null
expect "SELECT temp_files > 0, temp_bytes > 100000 FROM pg_stat_database WHERE datname = 'basalt'" \
  "t|t"

# The counts of a table live as long as the server: a restart starts over.
basalt_stop
basalt_start "$1"
expect "SELECT seq_scan, n_tup_ins, analyze_count FROM pg_stat_user_tables
        WHERE relname = 'items'" "0|0|0"
echo "pg_stat counts: OK"
