"""Readers are never blocked by a refresh (issue 15).

Part 1, latency: a materialized view of 200,000 rows, with a unique index. Two reader threads run while the main thread alternates full and
concurrent refreshes, with base-table changes between them:
  - a point reader (`SELECT v FROM mv WHERE id = k`) whose worst latency
    must stay below half of the shortest refresh, measured in the same run:
    a reader that waited for a refresh would wait for most of it;
  - a whole-view reader (`SELECT count(*), sum(v) FROM mv`) whose every
    answer must be one of the view's committed versions, in order: the old
    contents or the new ones, never a mix.
Part 2, sessions: a plain REFRESH left open in a transaction block does not
block a reader in another session, which sees the old contents until COMMIT
and the new ones after it; nor does it block a writer to the base table; a
REFRESH (plain or CONCURRENTLY) in a block that rolls back leaves the old
contents.

Usage: matview_reader_latency.py <port>
Environment: MATVIEW_LATENCY_REFRESHES (default 4) refreshes in part 1.
"""
import os
import sys
import threading
import time

import psycopg2

PORT = int(sys.argv[1])
REFRESHES = int(os.environ.get("MATVIEW_LATENCY_REFRESHES", "4"))
ROWS = 200_000
VIEW_QUERY = "SELECT id, g, v FROM base"
failures = []


def connect(**settings):
    conn = psycopg2.connect(host="127.0.0.1", port=PORT, user="basalt", dbname="basalt",
                            connect_timeout=10)
    conn.autocommit = True
    with conn.cursor() as cur:
        for name, value in settings.items():
            cur.execute(f"SET {name} = '{value}'")
    return conn


def one(conn, sql):
    with conn.cursor() as cur:
        cur.execute(sql)
        return cur.fetchone()


def execute(conn, sql):
    with conn.cursor() as cur:
        cur.execute(sql)


def check(condition, message):
    print(("ok:   " if condition else "FAIL: ") + message, flush=True)
    if not condition:
        failures.append(message)


def version(conn):
    """The view's contents summed up as the base tables hold them now."""
    count, total = one(conn, f"SELECT count(*), sum(v) FROM ({VIEW_QUERY}) q")
    return (int(count), int(total))


def setup(conn):
    execute(conn, "CREATE TABLE base (id int PRIMARY KEY, g int, v int)")
    execute(conn, f"INSERT INTO base SELECT i, i % 100, i FROM generate_series(1, {ROWS}) i")
    execute(conn, f"CREATE MATERIALIZED VIEW mv AS {VIEW_QUERY}")
    execute(conn, "CREATE UNIQUE INDEX mv_id ON mv (id)")
    check(one(conn, "SELECT count(*) FROM mv")[0] == ROWS, f"the view holds {ROWS} rows")


def change_base(conn, step):
    """Changes that move count(*) and sum(v): a slice updated, a few rows
    deleted, a few inserted."""
    execute(conn, f"UPDATE base SET v = v + 1 WHERE id % 50 = {step % 50}")
    low = 1000 * step + 1
    execute(conn, f"DELETE FROM base WHERE id BETWEEN {low} AND {low + 99}")
    execute(conn, f"INSERT INTO base SELECT i, i % 100, i FROM generate_series("
                  f"{ROWS + 300 * step + 1}, {ROWS + 300 * step + 300}) i")


class Reader(threading.Thread):
    def __init__(self, sql_for, pause):
        super().__init__(daemon=True)
        self.sql_for = sql_for
        self.pause = pause  # between queries, so that the reader leaves CPU to the refresh
        self.stop = threading.Event()
        self.results = []  # (start, seconds, row)
        self.error = None

    def run(self):
        try:
            conn = connect(statement_timeout="60s")
            i = 0
            while not self.stop.is_set():
                started = time.monotonic()
                row = one(conn, self.sql_for(i))
                self.results.append((started, time.monotonic() - started, row))
                i += 1
                time.sleep(self.pause)
            conn.close()
        except Exception as e:  # reported by the main thread
            self.error = e

    def worst(self):
        return max(seconds for _, seconds, _ in self.results)

    def worst_during(self, windows):
        """The worst latency of the queries that overlapped one of the windows."""
        return max((seconds for started, seconds, _ in self.results
                    if any(start <= started + seconds and started <= end for start, end in windows)),
                   default=0.0)

    def p99(self):
        ordered = sorted(seconds for _, seconds, _ in self.results)
        return ordered[int(len(ordered) * 0.99)]


def latency_part():
    conn = connect()
    setup(conn)
    versions = [version(conn)]  # versions[i]: the view after i refreshes
    point = Reader(lambda i: f"SELECT v FROM mv WHERE id = {1 + (i * 7919) % ROWS}", 0.002)
    whole = Reader(lambda i: "SELECT count(*), sum(v) FROM mv", 0.25)
    point.start()
    whole.start()
    time.sleep(0.5)
    durations = []
    windows = []  # (start, end) of each refresh
    for step in range(1, REFRESHES + 1):
        change_base(conn, step)
        versions.append(version(conn))
        mode = "CONCURRENTLY " if step % 2 == 0 else ""
        started = time.monotonic()
        execute(conn, f"REFRESH MATERIALIZED VIEW {mode}mv")
        durations.append((time.monotonic() - started, mode or "full "))
        windows.append((started, time.monotonic()))
        check(version(conn) == versions[-1] and
              tuple(map(int, one(conn, "SELECT count(*), sum(v) FROM mv"))) == versions[-1],
              f"refresh {step} ({mode or 'full '.strip()}): the view holds the new contents")
        time.sleep(0.3)  # readers see the new version for a while
    point.stop.set()
    whole.stop.set()
    point.join()
    whole.join()
    for reader in (point, whole):
        if reader.error is not None:
            check(False, f"reader failed: {reader.error}")
            return

    print("refresh durations: " + ", ".join(f"{mode}{seconds * 1000:.0f} ms"
                                            for seconds, mode in durations))
    shortest = min(seconds for seconds, _ in durations)
    print(f"point reader: {len(point.results)} queries, worst {point.worst() * 1000:.1f} ms, "
          f"p99 {point.p99() * 1000:.2f} ms")
    during = point.worst_during(windows)
    print(f"point reader while a refresh ran: worst {during * 1000:.1f} ms")
    print(f"whole-view reader: {len(whole.results)} queries, worst {whole.worst() * 1000:.1f} ms, "
          f"p99 {whole.p99() * 1000:.1f} ms")
    check(point.worst() < shortest / 2,
          f"the point reader's worst latency ({point.worst() * 1000:.1f} ms) is below half of "
          f"the shortest refresh ({shortest * 1000:.0f} ms)")
    # Every whole-view answer is a committed version, and they only move forward.
    index = {v: i for i, v in enumerate(versions)}
    seen = []
    for _, _, row in whole.results:
        answer = (int(row[0]), int(row[1]))
        if answer not in index:
            check(False, f"the whole-view reader saw {answer}, none of the versions {versions}")
            return
        seen.append(index[answer])
    check(all(a <= b for a, b in zip(seen, seen[1:])),
          "the whole-view reader saw the versions in commit order")
    check(len(set(seen)) == len(versions),
          f"the whole-view reader saw every version ({len(set(seen))} of {len(versions)})")
    conn.close()


def as_ints(row):
    """(count, sum) as ints; an error row (SQLSTATE, message) as it is."""
    try:
        return (int(row[0]), int(row[1]))
    except (TypeError, ValueError):
        return row


def timed(conn, sql):
    """(row, seconds); a statement that fails (57014 after statement_timeout
    if it waited) gives its SQLSTATE as the row."""
    started = time.monotonic()
    try:
        row = one(conn, sql)
    except psycopg2.Error as e:
        row = (e.pgcode, str(e).strip())
    return row, time.monotonic() - started


def session_part():
    a = connect()
    b = connect(statement_timeout="5s")
    c = connect(statement_timeout="5s", lock_timeout="2s")
    old = version(a)
    read = "SELECT count(*), sum(v) FROM mv"
    check(as_ints(one(b, read)) == old, "before: the view is up to date")

    for mode in ("", "CONCURRENTLY "):
        # A refresh left open in a block: the reader does not wait and sees the old rows.
        change_base(a, 60 if mode else 61)
        new = version(a)
        execute(a, "BEGIN")
        execute(a, f"REFRESH MATERIALIZED VIEW {mode}mv")
        check(as_ints(one(a, read)) == new, f"{mode}refresh in a block: its session sees the new rows")
        row, seconds = timed(b, read)
        check(as_ints(row) == old,
              f"{mode}refresh in an open block: another session reads the old rows "
              f"({seconds * 1000:.0f} ms): {as_ints(row)}")
        row, seconds = timed(b, "SELECT v FROM mv WHERE id = 7")
        check(row is not None and row[0] == 7,
              f"... and point reads do not wait ({seconds * 1000:.1f} ms): {row}")
        started = time.monotonic()
        try:
            execute(c, "UPDATE base SET v = v WHERE id = 7")
            error = None
        except psycopg2.Error as e:
            error = f"{e.pgcode} {e}".strip()
        check(error is None, f"{mode}refresh in an open block: a writer to the base table goes on "
                             f"({(time.monotonic() - started) * 1000:.1f} ms) {error or ''}")
        execute(a, "COMMIT")
        check(as_ints(one(b, read)) == new, f"{mode}refresh committed: the other session sees the new rows")
        old = new

        # A refresh in a block that rolls back leaves the old contents.
        change_base(a, 62 if mode else 63)
        execute(a, "BEGIN")
        execute(a, f"REFRESH MATERIALIZED VIEW {mode}mv")
        check(as_ints(one(a, read)) != old, f"{mode}refresh in a block changes the view for its session")
        execute(a, "ROLLBACK")
        check(as_ints(one(b, read)) == old, f"{mode}refresh rolled back: the old rows stay (reader)")
        check(as_ints(one(a, read)) == old, f"{mode}refresh rolled back: the old rows stay (its session)")
    # A REPEATABLE READ reader that read the view before a plain refresh
    # committed: PostgreSQL's refresh would wait for it; Basalt's never waits
    # for readers, and its rows are frozen as PostgreSQL's are, so the reader
    # sees the whole new contents at its next read, never an empty view or a
    # mix (docs/architecture.md "A full REFRESH's rows are frozen").
    execute(b, "BEGIN ISOLATION LEVEL REPEATABLE READ")
    before = as_ints(one(b, read))
    change_base(a, 64)
    new = version(a)
    execute(a, "REFRESH MATERIALIZED VIEW mv")
    after = as_ints(one(b, read))
    execute(b, "COMMIT")
    check(before == old and after == new,
          f"a REPEATABLE READ reader's next read after a plain refresh sees the new rows: "
          f"{before} then {after}")

    # After all of that a refresh still brings the view up to date.
    execute(a, "REFRESH MATERIALIZED VIEW mv")
    check(as_ints(one(b, read)) == version(a), "a refresh after the rollbacks brings the view up to date")
    for conn in (a, b, c):
        conn.close()


def main():
    started = time.monotonic()
    latency_part()
    session_part()
    print(f"{time.monotonic() - started:.1f} s")
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
