"""CREATE INDEX, CREATE INDEX CONCURRENTLY and foreign-key checked inserts
beside PostgreSQL 15 (issue 14).

On both servers: `ix (id int PRIMARY KEY, v int, pad text)` with ROWS rows;
then CREATE INDEX on v, and CREATE INDEX CONCURRENTLY on v without writers
and with 4 writers updating random rows' v all through the build (their
committed updates per second are reported too: they must not stop). Medians
of RUNS runs (each index dropped after); ratio = Basalt's time /
PostgreSQL's. Then inserts into `ix_child (id int PRIMARY KEY, parent int
REFERENCES ix)`: 100,000 rows in one statement, and 10,000 single-row
INSERTs. A table is appended to the report.

Usage: create_index_bench.py <postgres port> <basalt port> <report.md>
Environment: INDEX_BENCH_ROWS (default 1000000), INDEX_BENCH_RUNS (default 3).
"""
import os
import random
import statistics
import sys
import threading
import time

import psycopg2

from bench_sql import connect

ROWS = int(os.environ.get("INDEX_BENCH_ROWS", "1000000"))
RUNS = int(os.environ.get("INDEX_BENCH_RUNS", "3"))
WRITERS = 4


def setup(port):
    cur = connect(port).cursor()
    cur.execute("DROP TABLE IF EXISTS ix")
    cur.execute("CREATE TABLE ix (id int PRIMARY KEY, v int, pad text)")
    cur.execute(f"INSERT INTO ix SELECT g, (g::bigint * 7919) % {ROWS}, 'row ' || g "
                f"FROM generate_series(1, {ROWS}) g")
    cur.execute("VACUUM ANALYZE ix")


def writer(port, stop, commits):
    conn = connect(port)
    cur = conn.cursor()
    rng = random.Random()
    while not stop.is_set():
        try:
            cur.execute("UPDATE ix SET v = %s WHERE id = %s",
                        (rng.randrange(ROWS), rng.randrange(1, ROWS + 1)))
            commits.append(time.monotonic())
        except psycopg2.Error as e:
            if e.pgcode not in ("40001", "40P01"):
                raise
    conn.close()


def timed_build(port, sql, with_writers):
    """Seconds the statement took, and the writers' commits per second
    meanwhile (None without writers)."""
    cur = connect(port).cursor()
    cur.execute("DROP INDEX IF EXISTS ix_v")
    stop = threading.Event()
    commits = []
    threads = [threading.Thread(target=writer, args=(port, stop, commits))
               for _ in range(WRITERS if with_writers else 0)]
    for t in threads:
        t.start()
    time.sleep(0.5 if with_writers else 0)
    started = time.monotonic()
    cur.execute(sql)
    finished = time.monotonic()
    stop.set()
    for t in threads:
        t.join()
    during = sum(1 for c in commits if started <= c <= finished)
    rate = during / (finished - started) if with_writers else None
    return finished - started, rate


def timed_fk_inserts(port, single_rows):
    """Seconds to insert rows into a table whose foreign key references
    `ix`: 100,000 in one INSERT ... SELECT, or `single_rows` one per
    statement (each checked against its parent's key)."""
    cur = connect(port).cursor()
    cur.execute("DROP TABLE IF EXISTS ix_child")
    cur.execute("CREATE TABLE ix_child (id int PRIMARY KEY, parent int REFERENCES ix (id))")
    started = time.monotonic()
    if single_rows:
        rng = random.Random(7)
        for i in range(single_rows):
            cur.execute("INSERT INTO ix_child VALUES (%s, %s)", (i, rng.randrange(1, ROWS + 1)))
    else:
        cur.execute(f"INSERT INTO ix_child SELECT g, (g::bigint * 31) % {ROWS} + 1 "
                    "FROM generate_series(1, 100000) g")
    return time.monotonic() - started, None


def main():
    pg_port, basalt_port, report = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    workloads = [
        ("CREATE INDEX", "CREATE INDEX ix_v ON ix (v)", False),
        ("CREATE INDEX CONCURRENTLY", "CREATE INDEX CONCURRENTLY ix_v ON ix (v)", False),
        ("CREATE INDEX CONCURRENTLY, 4 writers updating", "CREATE INDEX CONCURRENTLY ix_v ON ix (v)",
         True),
    ]
    fk_workloads = [("100,000 foreign-key checked rows in one INSERT ... SELECT", 0),
                    ("10,000 foreign-key checked single-row INSERTs", 10000)]
    results = {}
    for port in (pg_port, basalt_port):
        setup(port)
        for name, single_rows in fk_workloads:
            runs = [timed_fk_inserts(port, single_rows) for _ in range(RUNS)]
            results[(port, name)] = (statistics.median(r[0] for r in runs), None)
            print(f"port {port}: {name}: {results[(port, name)][0]:.2f} s")
        for name, sql, with_writers in workloads:
            runs = [timed_build(port, sql, with_writers) for _ in range(RUNS)]
            seconds = statistics.median(r[0] for r in runs)
            rate = statistics.median(r[1] for r in runs) if with_writers else None
            results[(port, name)] = (seconds, rate)
            print(f"port {port}: {name}: {seconds:.2f} s"
                  + (f", writers {rate:.0f} updates/s during the build" if rate else ""))
    with open(report, "a") as out:
        out.write("\n## Index builds and foreign keys (issue 14)\n\n")
        out.write(f"`tests/bench/create_index_bench.py`: `ix (id int PRIMARY KEY, v int, pad text)`, "
                  f"{ROWS:,} rows, an index on v; medians of {RUNS} runs. With writers: "
                  f"{WRITERS} connections updating random rows' v through the build, their "
                  "committed updates per second during it in parentheses.\n\n")
        out.write("| workload | PostgreSQL 15 | Basalt | Basalt/PostgreSQL time |\n|---|---:|---:|---:|\n")
        for name in [w[0] for w in workloads] + [w[0] for w in fk_workloads]:
            pg = results[(pg_port, name)]
            ba = results[(basalt_port, name)]
            cell = lambda r: f"{r[0]:.2f} s" + (f" ({r[1]:.0f} updates/s)" if r[1] else "")
            out.write(f"| {name} | {cell(pg)} | {cell(ba)} | {ba[0] / pg[0]:.2f} |\n")


main()
