#!/usr/bin/env bash
# MERGE's writes reach incremental materialized views as INSERT / UPDATE /
# DELETE's do (Basalt's own refresh_mode, so nothing to record from
# PostgreSQL): after a MERGE that updates, deletes and inserts rows of the
# base table, an incremental refresh applies only those changes and the
# views equal their queries; a rolled-back MERGE leaves nothing to apply.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
status() {  # <view>: strategy|rows_deleted|rows_inserted of its last refresh
  q "SELECT strategy, rows_deleted, rows_inserted FROM basalt_matview_status s
     JOIN pg_class c ON c.oid = s.relid WHERE c.relname = '$1'"
}
same() {  # <view> <query>: equal as multisets
  [[ $(q "SELECT count(*) FROM (($2) EXCEPT ALL (SELECT * FROM $1)) d") == 0 &&
     $(q "SELECT count(*) FROM ((SELECT * FROM $1) EXCEPT ALL ($2)) d") == 0 ]] ||
    fail "$1 differs from its query"
}

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE m (id int PRIMARY KEY, g int, v int);
INSERT INTO m SELECT i, i % 10, i FROM generate_series(1, 1000) i;
CREATE MATERIALIZED VIEW m_rows WITH (refresh_mode = incremental) AS
  SELECT id, v FROM m WHERE v % 2 = 0;
CREATE MATERIALIZED VIEW m_groups WITH (refresh_mode = incremental) AS
  SELECT g, count(*) AS n, sum(v) AS total FROM m GROUP BY g;
REFRESH MATERIALIZED VIEW m_rows;
REFRESH MATERIALIZED VIEW m_groups;
SQL

# Rows 1-4: v + 1 (2 and 4 leave m_rows, 1 and 3 enter it); rows 5-6
# deleted (6 leaves m_rows); 2001-2002 inserted (2002 enters m_rows).
q "MERGE INTO m USING (VALUES (1), (2), (3), (4), (5), (6), (2001), (2002)) s(id)
        ON m.id = s.id
        WHEN MATCHED AND s.id <= 4 THEN UPDATE SET v = m.v + 1
        WHEN MATCHED THEN DELETE
        WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.id % 10, s.id)" >/dev/null
[[ $(q "SELECT count(*) FROM m") == 1000 ]] || fail "MERGE left $(q "SELECT count(*) FROM m") rows"
q "REFRESH MATERIALIZED VIEW m_rows" >/dev/null
[[ $(status m_rows) == "incremental|3|3" ]] || fail "m_rows after MERGE: $(status m_rows)"
same m_rows "SELECT id, v FROM m WHERE v % 2 = 0"
q "REFRESH MATERIALIZED VIEW m_groups" >/dev/null
[[ $(status m_groups) == incremental* ]] || fail "m_groups after MERGE: $(status m_groups)"
same m_groups "SELECT g, count(*), sum(v) FROM m GROUP BY g"

# A rolled-back MERGE changes nothing the next refresh could see.
q "BEGIN; MERGE INTO m USING (VALUES (7)) s(id) ON m.id = s.id WHEN MATCHED THEN DELETE;
   ROLLBACK" >/dev/null
q "REFRESH MATERIALIZED VIEW m_rows" >/dev/null
[[ $(status m_rows) == "incremental|0|0" ]] || fail "m_rows after a rollback: $(status m_rows)"
same m_rows "SELECT id, v FROM m WHERE v % 2 = 0"

q "DROP MATERIALIZED VIEW m_rows, m_groups" >/dev/null
q "DROP TABLE m" >/dev/null
basalt_stop
echo "merge incremental matview: OK"
