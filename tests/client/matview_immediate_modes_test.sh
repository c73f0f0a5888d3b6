#!/usr/bin/env bash
# refresh_mode = 'immediate' (issue 17; Basalt's own option, so nothing to
# record from PostgreSQL): the shapes it refuses with 0A000, a view current
# after every statement inside a block and after commit, ROLLBACK and
# ROLLBACK TO SAVEPOINT undoing the view's rows with the writes, a view
# over an immediate view, TRUNCATE, WITH NO DATA and REFRESH, ALTER ... SET
# (refresh_mode) both ways, COPY, writes through the extended protocol, and
# the two kinds of lock writers take (a group's; a join input's).
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
# In one session: statements, then how many rows the view and its query
# differ by (as multisets).
diff_in() {  # <view> <query> [<statements>]
  psql -X -A -t -v ON_ERROR_STOP=1 <<SQL | tail -n 1
${3:-}
SELECT (SELECT count(*) FROM (($2) EXCEPT ALL (SELECT * FROM $1)) d) +
       (SELECT count(*) FROM ((SELECT * FROM $1) EXCEPT ALL ($2)) d);
SQL
}
same() {  # <view> <query>
  local diff
  diff=$(diff_in "$1" "$2")
  [[ "$diff" == 0 ]] || fail "$1 differs from its query by $diff rows"
}

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE t (id int PRIMARY KEY, g int, v int);
CREATE TABLE u (g int, name text);
INSERT INTO t SELECT i, i % 10, i FROM generate_series(1, 1000) i;
INSERT INTO u SELECT i, 'g' || i FROM generate_series(0, 9) i;
SQL

expect_error "CREATE MATERIALIZED VIEW bad WITH (refresh_mode = immediate) AS
  SELECT id, row_number() OVER (ORDER BY v) AS r FROM t" 0A000 \
  "immediate maintenance does not support window functions"
expect_error "CREATE MATERIALIZED VIEW bad WITH (refresh_mode = immediately) AS SELECT 1" 22023 \
  'invalid value for enum option "refresh_mode": immediately'

BY_G="SELECT t.g, u.name, count(*) AS n, sum(v) AS total, max(v) AS top
      FROM t JOIN u ON t.g = u.g GROUP BY t.g, u.name"
ROWS="SELECT id, v FROM t WHERE v % 3 = 0"
GLOBAL="SELECT count(*) AS n, sum(v) AS total FROM t"
OVER="SELECT g, total FROM by_g WHERE n > 99"
q "CREATE MATERIALIZED VIEW by_g WITH (refresh_mode = immediate) AS $BY_G;
   CREATE UNIQUE INDEX by_g_key ON by_g (g, name);
   CREATE MATERIALIZED VIEW rows_mv WITH (refresh_mode = immediate) AS $ROWS;
   CREATE MATERIALIZED VIEW global_mv WITH (refresh_mode = immediate) AS $GLOBAL;
   CREATE MATERIALIZED VIEW over_mv WITH (refresh_mode = immediate) AS $OVER" >/dev/null

# Autocommit writes: current at once, no REFRESH.
q "UPDATE t SET v = v + 1 WHERE id <= 25" >/dev/null
q "INSERT INTO t VALUES (1001, 3, 7), (1002, 11, 9)" >/dev/null
q "DELETE FROM t WHERE id BETWEEN 500 AND 520" >/dev/null
same by_g "$BY_G"; same rows_mv "$ROWS"; same global_mv "$GLOBAL"; same over_mv "$OVER"
[[ $(q "SELECT n FROM global_mv") == $(q "SELECT count(*) FROM t") ]] || fail "global_mv's count"

# Inside a block, after each statement, in both isolation levels; then
# rolled back: the view's rows go with the writes.
for level in "READ COMMITTED" "REPEATABLE READ"; do
  for view in "by_g|$BY_G" "rows_mv|$ROWS" "global_mv|$GLOBAL" "over_mv|$OVER"; do
    name=${view%%|*} query=${view#*|}
    d=$(diff_in "$name" "$query" "BEGIN ISOLATION LEVEL $level;
      UPDATE t SET g = (g + 1) % 10 WHERE id % 7 = 0;
      INSERT INTO u VALUES (3, 'g3 again');")
    [[ "$d" == 0 ]] || fail "$name in a $level block differs by $d rows"
    before=$(q "SELECT * FROM $name" | sort | md5sum)
    q "BEGIN ISOLATION LEVEL $level; DELETE FROM t WHERE g = 4; UPDATE u SET name = 'x';
       ROLLBACK" >/dev/null
    [[ $(q "SELECT * FROM $name" | sort | md5sum) == "$before" ]] ||
      fail "$name changed by a rolled-back block ($level)"
  done
done

# ROLLBACK TO SAVEPOINT: the writes after it and their view rows go; the
# writes before stay.
d=$(diff_in by_g "$BY_G" "BEGIN; UPDATE t SET v = v * 2 WHERE g = 1; SAVEPOINT s;
  DELETE FROM t WHERE g = 2; INSERT INTO u VALUES (5, 'five');
  SELECT count(*) FROM by_g; ROLLBACK TO SAVEPOINT s; UPDATE t SET v = 0 WHERE id = 3;")
[[ "$d" == 0 ]] || fail "by_g after ROLLBACK TO SAVEPOINT differs by $d rows"
q "BEGIN; UPDATE t SET v = v * 2 WHERE g = 1; SAVEPOINT s; DELETE FROM t WHERE g = 2;
   ROLLBACK TO SAVEPOINT s; COMMIT" >/dev/null
same by_g "$BY_G"; same over_mv "$OVER"
# An error inside a block with a savepoint: the failed statement's rows go.
q "BEGIN; SAVEPOINT s; INSERT INTO t VALUES (2000, 1, 1), (1, 1, 1);" >/dev/null 2>&1 || true
same by_g "$BY_G"

# COPY and the extended protocol (psycopg 3).
printf '3001\t2\t5\n3002\t2\t6\n' | psql -X -q -c "COPY t FROM STDIN" || fail "COPY failed"
same by_g "$BY_G"; same rows_mv "$ROWS"
/usr/bin/python3 - "$PORT" <<'PY' || fail "extended-protocol writes failed"
import sys
import psycopg  # psycopg 3: Parse/Bind/Execute
with psycopg.connect(host="127.0.0.1", port=int(sys.argv[1]), user="basalt", dbname="basalt") as c:
    c.execute("INSERT INTO t VALUES (%s, %s, %s)", (3003, 6, 33))
    with c.transaction():
        c.execute("UPDATE t SET v = v + %s WHERE g = %s", (1, 6))
        n, = c.execute("SELECT n FROM global_mv").fetchone()
        total, = c.execute("SELECT count(*) FROM t").fetchone()
        assert n == total, (n, total)
PY
same by_g "$BY_G"; same rows_mv "$ROWS"

# TRUNCATE: the views over the table are recomputed in the transaction.
q "BEGIN; TRUNCATE u; INSERT INTO u VALUES (1, 'one'), (2, 'two'); COMMIT" >/dev/null
same by_g "$BY_G"; same over_mv "$OVER"

# WITH NO DATA stops maintenance; REFRESH fills it and it goes on.
q "REFRESH MATERIALIZED VIEW rows_mv WITH NO DATA" >/dev/null
q "UPDATE t SET v = v + 3 WHERE id <= 30" >/dev/null
expect_error "SELECT * FROM rows_mv" 55000 'materialized view "rows_mv" has not been populated'
q "REFRESH MATERIALIZED VIEW rows_mv" >/dev/null
q "UPDATE t SET v = v + 3 WHERE id <= 30" >/dev/null
same rows_mv "$ROWS"
q "REFRESH MATERIALIZED VIEW CONCURRENTLY by_g" >/dev/null
same by_g "$BY_G"

# ALTER ... SET (refresh_mode): to immediate recomputes a stale view; away
# from it, the view is left as it stands and refreshes as its mode says.
q "CREATE MATERIALIZED VIEW later AS SELECT g, count(*) AS n FROM t GROUP BY g" >/dev/null
q "UPDATE t SET g = 9 WHERE id <= 100" >/dev/null
q "ALTER MATERIALIZED VIEW later SET (refresh_mode = immediate)" >/dev/null
same later "SELECT g, count(*) AS n FROM t GROUP BY g"
q "DELETE FROM t WHERE id <= 50" >/dev/null
same later "SELECT g, count(*) AS n FROM t GROUP BY g"
q "ALTER MATERIALIZED VIEW later SET (refresh_mode = incremental)" >/dev/null
q "DELETE FROM t WHERE id <= 60" >/dev/null
[[ $(q "SELECT sum(n) FROM later") == $(($(q "SELECT count(*) FROM t") + 10)) ]] ||
  fail "a deferred view followed the writes"
q "REFRESH MATERIALIZED VIEW later" >/dev/null
same later "SELECT g, count(*) AS n FROM t GROUP BY g"

# Locks: a writer holds its groups' keys, not the view; a join's writer
# holds its inputs' locks (pg_locks: locktype object). A block takes them
# when it applies its changes: before it reads such a view, or at COMMIT.
q "INSERT INTO t VALUES (5001, 1, 1)" >/dev/null
# (Reading the view makes the block apply its change, taking the locks.)
psql -X -q -c "BEGIN; UPDATE t SET v = v + 1 WHERE id = 5001; SELECT count(*) FROM by_g;
  SELECT pg_sleep(3); COMMIT" >/dev/null &
holder=$!
sleep 1
# Another group: does not wait (lock_timeout would fail it).
q "SET lock_timeout = '500ms'; UPDATE t SET v = v + 1 WHERE id = 7" >/dev/null ||
  fail "a writer of another group waited"
[[ $(q "SELECT count(*) FROM pg_locks WHERE locktype = 'object' AND mode = 'ShareLock'") -ge 1 ]] ||
  fail "no input lock shown in pg_locks"
# The same group waits for the holder, then sees its commit.
q "UPDATE t SET v = v + 1 WHERE id = 11" >/dev/null
wait $holder
same by_g "$BY_G"; same global_mv "$GLOBAL"

q "DROP MATERIALIZED VIEW over_mv, by_g, rows_mv, global_mv, later" >/dev/null
q "UPDATE t SET v = 0 WHERE id = 100" >/dev/null
basalt_stop
echo "matview immediate modes: OK"
