#!/usr/bin/env bash
# basalt.matview_read_your_writes (issue 17): a session that commits writes
# to an incremental view's tables reads them through the view without
# REFRESH; other sessions' writes are not pulled in; two sessions writing
# and reading at once each always see their own writes.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 "$@"; }

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE t (g int, v int);
INSERT INTO t VALUES (1, 1);
CREATE MATERIALIZED VIEW v WITH (refresh_mode = 'incremental')
  AS SELECT g, sum(v) AS s, count(*) AS c FROM t GROUP BY g;
SQL

[[ $(q -c "SHOW basalt.matview_read_your_writes") == off ]] || fail "the setting is not off by default"
expect_error "SET basalt.matview_read_your_writes = maybe" 22023 \
  'parameter "basalt.matview_read_your_writes" requires a Boolean value'

# Off: the view stays as last refreshed.
[[ $(q -c "INSERT INTO t VALUES (1, 10)" -c "SELECT s FROM v WHERE g = 1") == "INSERT 0 1"$'\n'1 ]] ||
  fail "without the setting the view changed"
# On: the session's own commit is applied before its read, also through a block.
got=$(q -c "SET basalt.matview_read_your_writes = on" -c "INSERT INTO t VALUES (1, 100)" \
        -c "SELECT s FROM v WHERE g = 1" -c "BEGIN" -c "INSERT INTO t VALUES (3, 7)" -c "COMMIT" \
        -c "SELECT s FROM v WHERE g = 3")
[[ "$got" == $'SET\nINSERT 0 1\n111\nBEGIN\nINSERT 0 1\nCOMMIT\n7' ]] || fail "own writes not read: $got"
[[ $(q -c "SELECT strategy FROM basalt_matview_status WHERE matviewname = 'v'") == incremental ]] ||
  fail "the catch-up was not an incremental refresh"
# Another session's commit is not pulled in by a session that wrote nothing.
q -c "INSERT INTO t VALUES (2, 5)" >/dev/null
[[ $(PGOPTIONS="-c basalt.matview_read_your_writes=on" q -c "SELECT count(*) FROM v WHERE g = 2") == 0 ]] ||
  fail "a session without writes of its own refreshed the view"

# Two sessions at once, each writing its own group and reading it back.
/usr/bin/python3 - "$PGPORT" <<'PY' || fail "two sessions did not always read their own writes"
import sys, threading, psycopg2
port = int(sys.argv[1])
errors = []
def session(group):
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="basalt", dbname="basalt")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("SET basalt.matview_read_your_writes = on")
    total = 0
    for i in range(1, 61):
        cur.execute("INSERT INTO t VALUES (%s, %s)", (group, i))
        total += i
        cur.execute("SELECT s, c FROM v WHERE g = %s", (group,))
        row = cur.fetchone()
        if row != (total, i):
            errors.append(f"group {group} after {i} writes read {row}, wrote sum {total}")
            return
    conn.close()
threads = [threading.Thread(target=session, args=(g,)) for g in (10, 11)]
for t in threads: t.start()
for t in threads: t.join()
if errors:
    print("\n".join(errors), file=sys.stderr)
    sys.exit(1)
PY
# Inside blocks (psycopg2's default: every statement in one): a commit is
# read back by the next block's SELECT.
/usr/bin/python3 - "$PGPORT" <<'PY' || fail "a session in blocks did not read its own writes"
import sys, psycopg2
conn = psycopg2.connect(host="127.0.0.1", port=int(sys.argv[1]), user="basalt", dbname="basalt")
cur = conn.cursor()
cur.execute("SET basalt.matview_read_your_writes = on")
conn.commit()
for i in range(1, 11):
    cur.execute("INSERT INTO t VALUES (20, %s)", (i,))
    conn.commit()
    cur.execute("SELECT c FROM v WHERE g = 20")
    got = cur.fetchone()
    if got != (i,):
        sys.exit(f"after {i} commits the block read {got}")
    conn.commit()
PY
# REPEATABLE READ and SERIALIZABLE blocks read their session's earlier
# commits through the view, also after their snapshot was taken by another
# statement, and their reads of the view repeat: another session's later
# write and refresh stay unseen until the block ends.
/usr/bin/python3 - "$PGPORT" <<'PY' || fail "a repeatable read block did not read its own writes"
import sys, psycopg2
port = int(sys.argv[1])
def connect():
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="basalt", dbname="basalt")
    conn.autocommit = True
    return conn
mine, other = connect().cursor(), connect().cursor()
mine.execute("SET basalt.matview_read_your_writes = on")
def read(cur, group):
    cur.execute("SELECT c FROM v WHERE g = %s", (group,))
    row = cur.fetchone()
    return row[0] if row else 0
for level, group in (("REPEATABLE READ", 30), ("SERIALIZABLE", 31)):
    for first in ("SELECT c FROM v WHERE g = %(g)s", "SELECT count(*) FROM t WHERE g = %(g)s"):
        mine.execute("INSERT INTO t VALUES (%s, 1)", (group,))
        before = read(other, group)  # the view as last refreshed
        mine.execute("BEGIN ISOLATION LEVEL " + level)
        mine.execute(first, {"g": group})  # takes the snapshot
        seen = read(mine, group)
        if seen != before + 1:
            sys.exit(f"{level} after '{first}': read {seen}, view had {before} before the write")
        other.execute("INSERT INTO t VALUES (%s, 1)", (group,))
        other.execute("REFRESH MATERIALIZED VIEW v")
        again = read(mine, group)
        if again != seen:
            sys.exit(f"{level}: the view read {seen}, then {again} in one block")
        mine.execute("COMMIT")
        if read(mine, group) != seen + 1:
            sys.exit(f"{level}: after the block the other session's write was not read")
PY
# A block holding a lock the refresh would wait for reads the view as it
# stands, without waiting for itself: after its own REFRESH (EXCLUSIVE on
# the view), after a TRUNCATE (ACCESS EXCLUSIVE on the table).
q -c "INSERT INTO t VALUES (21, 1)" >/dev/null
got=$(PGOPTIONS="-c statement_timeout=10000" q -c "SET basalt.matview_read_your_writes = on" \
        -c "INSERT INTO t VALUES (22, 1)" -c "BEGIN" -c "LOCK TABLE v IN EXCLUSIVE MODE" \
        -c "SELECT count(*) FROM v WHERE g = 22" -c "COMMIT" -c "BEGIN" -c "TRUNCATE t" \
        -c "SELECT count(*) FROM v WHERE g = 22" -c "ROLLBACK") ||
  fail "a block holding the view's lock waited for itself: $got"
[[ "$got" == $'SET
INSERT 0 1
BEGIN
LOCK TABLE
0
COMMIT
BEGIN
TRUNCATE TABLE
0
ROLLBACK' ]] ||
  fail "blocks holding locks read: $got"

# After a plain REFRESH the view equals its query: the catch-ups left it consistent.
q -c "REFRESH MATERIALIZED VIEW v" >/dev/null
[[ $(q -c "SELECT count(*) FROM ((TABLE v EXCEPT SELECT g, sum(v), count(*) FROM t GROUP BY g)
           UNION ALL (SELECT g, sum(v), count(*) FROM t GROUP BY g EXCEPT TABLE v)) d") == 0 ]] ||
  fail "the view differs from its query after the catch-ups"
basalt_stop
echo "matview read your writes: OK"
