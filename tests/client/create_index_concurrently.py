"""CREATE INDEX CONCURRENTLY while writes go on (issue 14).

Modes (argv[1]), each against the server on port argv[2]:

  writers   4 writers insert, update and delete rows of `t` through a
            CREATE INDEX CONCURRENTLY, a partial one (WHERE k < 500: updates
            move rows in and out), an expression one ((k + u)), a covering
            one (INCLUDE (u, pad): updates change the included values) and a
            CREATE UNIQUE INDEX CONCURRENTLY;
            the writers must keep committing during the builds, and each
            index must then hold exactly one entry per row
            (basalt_index_check) and answer as a sequential scan does, key
            by key.
  duplicate a unique concurrent build meeting a duplicate fails with 23505,
            leaves an INVALID index that queries do not read and writers
            keep maintaining; once the duplicate is gone the same CREATE
            resumes and completes it.
  snapshots a REPEATABLE READ transaction older than an index (plain or
            concurrent) does not read it (it would find it incomplete) and
            sees every row.
  start-build / check-resumed   the halves of the crash test
            (create_index_concurrently_test.sh): a build killed with SIGKILL
            halfway, then resumed from its recorded position.
"""
import random
import sys
import threading
import time

import psycopg2

MODE = sys.argv[1]
PORT = int(sys.argv[2])
ROWS = 60000
WRITERS = 4


def connect(autocommit=True):
    conn = psycopg2.connect(host="127.0.0.1", port=PORT, user="basalt", dbname="basalt")
    conn.autocommit = autocommit
    return conn


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def one(cur, sql, args=None):
    cur.execute(sql, args)
    return cur.fetchone()[0]


def check_index(cur, index, column):
    """The index holds one entry per row, and reading through it answers as
    a sequential scan does for every key."""
    rows = one(cur, "SELECT count(*) FROM t")
    entries = one(cur, f"SELECT basalt_index_check('{index}'::regclass)")
    if entries != rows:
        fail(f"{index}: {entries} entries for {rows} rows")
    cur.execute("SET enable_seqscan = off")
    cur.execute(f"EXPLAIN (COSTS OFF) SELECT id FROM t WHERE {column} >= 0")
    plan = "\n".join(r[0] for r in cur.fetchall())
    if index not in plan:
        fail(f"the query does not read {index}:\n{plan}")
    cur.execute(f"SELECT {column}, id FROM t WHERE {column} >= 0 ORDER BY 1, 2")
    through_index = cur.fetchall()
    cur.execute("RESET enable_seqscan")
    cur.execute("SET enable_indexscan = off")
    cur.execute(f"SELECT {column}, id FROM t WHERE {column} >= 0 ORDER BY 1, 2")
    scanned = cur.fetchall()
    cur.execute("RESET enable_indexscan")
    if through_index != scanned:
        fail(f"{index} answers {len(through_index)} rows, the table {len(scanned)}")


def check_covering(cur, index):
    """An index-only read of the key and included columns answers as the
    table does: the writers' updates of u reached the entries' values."""
    query = "SELECT k, u, pad FROM t WHERE k >= 0 ORDER BY 1, 2, 3"
    cur.execute("DROP INDEX t_k")  # so the covering index is the one to read
    cur.execute("SET enable_seqscan = off")
    cur.execute("EXPLAIN (COSTS OFF) " + query)
    plan = "\n".join(r[0] for r in cur.fetchall())
    if f"Index Only Scan using {index}" not in plan:
        fail(f"the query does not read {index} alone:\n{plan}")
    cur.execute(query)
    through_index = cur.fetchall()
    cur.execute("RESET enable_seqscan")
    cur.execute("SET enable_indexscan = off")
    cur.execute(query)
    scanned = cur.fetchall()
    cur.execute("RESET enable_indexscan")
    if through_index != scanned:
        differ = sum(1 for a, b in zip(through_index, scanned) if a != b)
        fail(f"{index} answers {len(through_index)} rows, the table {len(scanned)};"
             f" {differ} of them differ")


def fill(cur, rows):
    cur.execute("DROP TABLE IF EXISTS t")
    cur.execute("CREATE TABLE t (id int PRIMARY KEY, k int, u int, pad text)")
    cur.execute(
        "INSERT INTO t SELECT g, g %% 1000, g, repeat('x', 20) FROM generate_series(1, %s) g",
        (rows,))


class Writer(threading.Thread):
    """Inserts, updates (k and u) and deletes random rows until stopped;
    u stays unique: new values come from a range of its own."""

    def __init__(self, number, stop):
        super().__init__()
        self.number = number
        self.stop = stop
        self.commits = []  # times of its commits
        self.worst = 0.0
        self.error = None

    def run(self):
        rng = random.Random(self.number)
        conn = connect()
        cur = conn.cursor()
        next_id = 10_000_000 * (self.number + 1)
        try:
            while not self.stop.is_set():
                started = time.monotonic()
                action = rng.random()
                try:
                    if action < 0.4:
                        next_id += 1
                        cur.execute("INSERT INTO t VALUES (%s, %s, %s, 'w')",
                                    (next_id, rng.randrange(1000), next_id))
                    elif action < 0.8:
                        next_id += 1
                        cur.execute("UPDATE t SET k = %s, u = %s WHERE id = %s",
                                    (rng.randrange(1000), next_id, rng.randrange(1, ROWS)))
                    else:
                        cur.execute("DELETE FROM t WHERE id = %s", (rng.randrange(1, ROWS),))
                except psycopg2.Error as e:
                    # A deadlock with the backfill's entry locks may end a writer's
                    # statement (as with any other writer); anything else fails.
                    if e.pgcode not in ("40P01", "40001"):
                        raise
                    continue
                finished = time.monotonic()
                self.worst = max(self.worst, finished - started)
                self.commits.append(finished)
        except Exception as e:  # reported by the main thread
            self.error = e
        finally:
            conn.close()


def run_writers():
    conn = connect()
    cur = conn.cursor()
    fill(cur, ROWS)
    stop = threading.Event()
    writers = [Writer(i, stop) for i in range(WRITERS)]
    for w in writers:
        w.start()
    time.sleep(0.5)
    builds = []
    for index, sql in [("t_k", "CREATE INDEX CONCURRENTLY t_k ON t (k)"),
                       ("t_k_part", "CREATE INDEX CONCURRENTLY t_k_part ON t (k) WHERE k < 500"),
                       ("t_ku_expr", "CREATE INDEX CONCURRENTLY t_ku_expr ON t ((k + u))"),
                       ("t_k_incl", "CREATE INDEX CONCURRENTLY t_k_incl ON t (k) INCLUDE (u, pad)"),
                       ("t_u", "CREATE UNIQUE INDEX CONCURRENTLY t_u ON t (u)")]:
        started = time.monotonic()
        cur.execute(sql)
        builds.append((index, started, time.monotonic()))
    time.sleep(0.3)
    stop.set()
    for w in writers:
        w.join()
        if w.error is not None:
            fail(f"writer {w.number}: {w.error}")
    for index, started, finished in builds:
        during = sum(1 for w in writers for c in w.commits if started <= c <= finished)
        print(f"{index}: built in {finished - started:.2f} s, {during} writes committed meanwhile")
        if during == 0:
            fail(f"no write committed during the build of {index}: writers were blocked")
    print(f"worst writer statement: {max(w.worst for w in writers) * 1000:.0f} ms")
    cur.execute("SELECT indexrelid::regclass::text, indisvalid FROM pg_index "
                "WHERE indrelid = 't'::regclass ORDER BY 1")
    valid = cur.fetchall()
    if valid != [("t_k", True), ("t_k_incl", True), ("t_k_part", True), ("t_ku_expr", True),
                 ("t_pkey", True), ("t_u", True)]:
        fail(f"pg_index after the builds: {valid}")
    check_index(cur, "t_k", "k")
    check_index(cur, "t_u", "u")
    check_index(cur, "t_ku_expr", "(k + u)")
    check_covering(cur, "t_k_incl")  # drops t_k
    check_index(cur, "t_k_incl", "k")
    # The partial index: one entry per row its predicate holds for.
    rows = one(cur, "SELECT count(*) FROM t WHERE k < 500")
    entries = one(cur, "SELECT basalt_index_check('t_k_part'::regclass)")
    if entries != rows:
        fail(f"t_k_part: {entries} entries for {rows} rows with k < 500")
    # The unique index holds: a duplicate of u fails.
    some_u = one(cur, "SELECT u FROM t LIMIT 1")
    try:
        cur.execute("INSERT INTO t VALUES (-1, 0, %s, 'dup')", (some_u,))
        fail("a duplicate u was accepted")
    except psycopg2.Error as e:
        if e.pgcode != "23505":
            fail(f"duplicate u: {e.pgcode} {e}")


def run_duplicate():
    conn = connect()
    cur = conn.cursor()
    fill(cur, 20000)
    cur.execute("UPDATE t SET u = 7 WHERE id = 15000")  # u = 7 twice
    try:
        cur.execute("CREATE UNIQUE INDEX CONCURRENTLY t_u ON t (u)")
        fail("a unique concurrent build over a duplicate succeeded")
    except psycopg2.Error as e:
        if e.pgcode != "23505" or 'could not create unique index "t_u"' not in e.pgerror:
            fail(f"duplicate build: {e.pgcode} {e.pgerror}")
        if e.diag.message_detail != "Key (u)=(7) is duplicated.":
            fail(f"duplicate build DETAIL: {e.diag.message_detail}")
    if one(cur, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_u'::regclass"):
        fail("the failed build left a valid index")
    cur.execute("SET enable_seqscan = off")
    cur.execute("EXPLAIN (COSTS OFF) SELECT id FROM t WHERE u = 5")
    plan = "\n".join(r[0] for r in cur.fetchall())
    if "t_u" in plan:
        fail(f"a query reads the INVALID index:\n{plan}")
    cur.execute("RESET enable_seqscan")
    # Writers maintain it meanwhile (a new row's u reaches it) ...
    cur.execute("INSERT INTO t VALUES (30000, 1, 30000, 'new')")
    # ... and, as PostgreSQL's, it enforces uniqueness already.
    try:
        cur.execute("INSERT INTO t VALUES (30001, 1, 30000, 'dup')")
        fail("the INVALID unique index let a duplicate in")
    except psycopg2.Error as e:
        if e.pgcode != "23505":
            fail(f"insert into the INVALID unique index: {e.pgcode} {e}")
    cur.execute("UPDATE t SET u = 15000 WHERE id = 15000")
    # The same statement again resumes the build and completes it.
    cur.execute("CREATE UNIQUE INDEX CONCURRENTLY t_u ON t (u)")
    if not one(cur, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_u'::regclass"):
        fail("the resumed build did not make the index valid")
    check_index(cur, "t_u", "u")


def run_snapshots():
    conn = connect()
    cur = conn.cursor()
    fill(cur, 5000)
    cases = [
        ("CREATE INDEX t_k ON t (k)", "DROP INDEX t_k", "t_k", "k = 5", 5),
        ("CREATE INDEX CONCURRENTLY t_k ON t (k)", "DROP INDEX t_k", "t_k", "k = 5", 5),
        # (last: a UNIQUE constraint cannot be dropped yet)
        ("ALTER TABLE t ADD CONSTRAINT t_u UNIQUE (u)", None, "t_u", "u = 5", 1),
    ]
    for sql, drop, index, condition, expected in cases:
        old = connect(autocommit=False)
        old_cur = old.cursor()
        old_cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        old_cur.execute("SELECT 1")  # the snapshot, without touching t
        # (A concurrent build waits for writers only: this reader does not
        # hold it up.)
        cur.execute(sql)
        old_cur.execute("SET enable_seqscan = off")
        got = one(old_cur, f"SELECT count(*) FROM t WHERE {condition}")
        if got != expected:
            fail(f"after {sql}, an older REPEATABLE READ snapshot counts {got} rows of {condition}")
        old.rollback()
        old_cur.execute("SET enable_seqscan = off")
        old_cur.execute(f"EXPLAIN (COSTS OFF) SELECT count(*) FROM t WHERE {condition}")
        plan = "\n".join(r[0] for r in old_cur.fetchall())
        if index not in plan:
            fail(f"a new transaction does not read {index}:\n{plan}")
        if one(old_cur, f"SELECT count(*) FROM t WHERE {condition}") != expected:
            fail(f"a new transaction miscounts through {index}")
        old.close()
        if drop is not None:
            cur.execute(drop)


def start_build():
    """Fills a large table, then runs a concurrent build in a thread and
    returns once its progress passes a third of the rows (the shell then
    kills the server)."""
    conn = connect()
    cur = conn.cursor()
    fill(cur, 400000)
    builder = connect()

    def build():
        try:
            builder.cursor().execute("CREATE INDEX CONCURRENTLY t_k ON t (k)")
        except psycopg2.Error:
            pass  # the server is killed under it
    thread = threading.Thread(target=build, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        cur.execute("SELECT phase, tuples_done, tuples_total FROM pg_stat_progress_create_index")
        row = cur.fetchone()
        if row is not None and row[2] > 0 and row[1] * 3 > row[2]:
            print(f"killing at {row[0]}: {row[1]} of {row[2]} rows")
            with open(sys.argv[3], "w") as f:
                f.write(str(row[1]))
            return
        if not thread.is_alive():
            fail("the build ended before a third of it was seen")
        time.sleep(0.005)
    fail("the build did not reach a third in 60 s")


def check_resumed():
    killed_at = int(open(sys.argv[3]).read())
    conn = connect()
    cur = conn.cursor()
    if one(cur, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_k'::regclass"):
        fail("the killed build left a valid index")
    notices = []
    cur.execute("SET basalt.progress_notices = on")
    cur.execute("CREATE INDEX CONCURRENTLY t_k ON t (k)")
    notices = [n.strip() for n in conn.notices]
    if not notices:
        fail("no progress notices")
    # The first report of the scan starts where the killed build stopped:
    # at least the rows its committed batches covered (progress reports
    # them after each commit).
    first = [n for n in notices if "scanning table" in n][0]
    done = int(first.split("scanning table, ")[1].split(" of ")[0])
    print(f"resumed: {first}")
    if done < killed_at or done >= 400000:
        fail(f"the resumed build started at row {done}, the killed one had done {killed_at}")
    if not one(cur, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_k'::regclass"):
        fail("the resumed build did not make the index valid")
    check_index(cur, "t_k", "k")


{"writers": run_writers, "duplicate": run_duplicate, "snapshots": run_snapshots,
 "start-build": start_build, "check-resumed": check_resumed}[MODE]()
print(f"{MODE}: OK")
