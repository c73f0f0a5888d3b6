"""Operators past work_mem beside PostgreSQL 15, with peak memory (issue 10).

A sort of 1M rows, window functions over them (many partitions, and one), a GROUP BY and a hash join
forced to spill: the same table and work_mem (4MB, both servers' default)
on both sides. For each query: its time and how far the serving process's
peak RSS rose above its RSS just before (Linux's clear_refs resets the peak).
PostgreSQL serves each connection from a new backend process; Basalt serves
every session from one process whose heap keeps what earlier queries freed,
so Basalt is restarted before each measured query (and its table's blocks
read once) for a growth figure that nothing earlier hides. Medians of a few
rounds, appended to the report.

Usage: spill_bench.py <postgres port> <basalt binary> <report.md>
Environment: SPILL_BENCH_ROWS (default 1000000), SPILL_BENCH_RUNS (default 3).
"""
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import psycopg2

from bench_sql import connect, execute

ROWS = int(os.environ.get("SPILL_BENCH_ROWS", "1000000"))
RUNS = int(os.environ.get("SPILL_BENCH_RUNS", "3"))
WORK_MEM = "4MB"

SETUP = [
    "DROP TABLE IF EXISTS spill_wide",
    "CREATE TABLE spill_wide (i int, g int, t text)",
    f"INSERT INTO spill_wide SELECT i, i % 1000, md5(i::text) || md5((i + 1)::text) "
    f"FROM generate_series(1, {ROWS}) i",
]
WARM = "SELECT count(*), max(t) FROM spill_wide"
# PostgreSQL would merge-join the self join; the hash join is what is
# measured. No parallel workers: the backend's RSS is then all the query's
# memory (a worker's, or a parallel hash's shared segment, would escape or
# blur it), and both servers use one core per query.
PG_ONLY = ["SET enable_mergejoin = off", "SET max_parallel_workers_per_gather = 0"]
QUERIES = [
    (f"sort of {ROWS} rows", f"SELECT t FROM spill_wide ORDER BY t OFFSET {ROWS - 1}"),
    (f"window over {ROWS} rows (row_number, 1,000 partitions)",
     "SELECT max(r) FROM (SELECT row_number() OVER (PARTITION BY g ORDER BY t) r "
     "FROM spill_wide) s"),
    (f"window over {ROWS} rows in one partition (running sum, lag)",
     "SELECT max(s), max(p) FROM (SELECT sum(i) OVER w s, lag(t, 10) OVER w p "
     "FROM spill_wide WINDOW w AS (ORDER BY t)) x"),
    (f"GROUP BY {ROWS} distinct keys",
     "SELECT count(*) FROM (SELECT t, count(*) FROM spill_wide GROUP BY t) s"),
    (f"hash join {ROWS} x {ROWS} rows",
     "SELECT count(*) FROM spill_wide a JOIN spill_wide b ON a.t = b.t"),
]


def rss_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} for process {pid}")


def measure(conn, pid, sql):
    """(seconds, peak RSS growth in kB) of one run of sql."""
    with open(f"/proc/{pid}/clear_refs", "w") as clear:
        clear.write("5")
    before = rss_kb(pid, "VmRSS")
    started = time.monotonic()
    execute(conn, sql)
    elapsed = time.monotonic() - started
    return elapsed, rss_kb(pid, "VmHWM") - before


class Basalt:
    """A Basalt server of its own, restarted on demand."""

    def __init__(self, binary, work):
        self.binary = binary
        self.work = work
        self.key = os.path.join(work, "master.key")
        with open(self.key, "w") as key:
            key.write(os.urandom(32).hex())
        os.chmod(self.key, 0o600)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--listen", "127.0.0.1", "--port", str(self.port), "--data-dir",
             os.path.join(self.work, "data"), "--key-file", self.key, "--log-level", "warn"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                return connect(self.port)
            except psycopg2.OperationalError:
                time.sleep(0.05)
        raise RuntimeError("Basalt did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=60)
            self.process = None


def run_postgres(port):
    results = {name: ([], []) for name, _ in QUERIES}
    conn = connect(port)
    for sql in SETUP:
        execute(conn, sql)
    conn.close()
    for _ in range(RUNS):
        for name, sql in QUERIES:
            conn = connect(port)
            for setting in [f"SET work_mem = '{WORK_MEM}'"] + PG_ONLY:
                execute(conn, setting)
            execute(conn, WARM)
            pid = execute(conn, "SELECT pg_backend_pid()")[0][0]
            seconds, growth = measure(conn, pid, sql)
            results[name][0].append(seconds)
            results[name][1].append(growth)
            conn.close()
    return results


def run_basalt(binary):
    results = {name: ([], []) for name, _ in QUERIES}
    with tempfile.TemporaryDirectory(prefix="basalt-spill-bench.") as work:
        server = Basalt(binary, work)
        try:
            conn = server.start()
            for sql in SETUP:
                execute(conn, sql)
            conn.close()
            for _ in range(RUNS):
                for name, sql in QUERIES:
                    server.stop()
                    conn = server.start()
                    execute(conn, f"SET work_mem = '{WORK_MEM}'")
                    execute(conn, WARM)
                    seconds, growth = measure(conn, server.process.pid, sql)
                    results[name][0].append(seconds)
                    results[name][1].append(growth)
                    conn.close()
        finally:
            server.stop()
    return results


def write_report(report, pg, basalt):
    lines = [
        "",
        "## Operators past work_mem, with peak memory (issue 10)",
        "",
        f"`tests/bench/spill_bench.py`: a table of {ROWS} rows `(i int, g int, t text)` (t: 64",
        f"characters), work_mem = {WORK_MEM} on both servers (PostgreSQL's hash_mem_multiplier 2,",
        "merge joins off so that both hash-join, no parallel workers: one core per query on",
        "both). Medians of",
        f"{RUNS} runs; ratio = Basalt time / PostgreSQL time. Peak RSS: how far the serving",
        "process's resident memory rose during the query (PostgreSQL: the connection's backend;",
        "Basalt: its one process, restarted before each query so no freed heap hides growth).",
        "",
        "| query | PostgreSQL 15 | Basalt | ratio | peak RSS PostgreSQL | peak RSS Basalt |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, _ in QUERIES:
        pg_time = statistics.median(pg[name][0])
        basalt_time = statistics.median(basalt[name][0])
        pg_rss = statistics.median(pg[name][1]) / 1024
        basalt_rss = statistics.median(basalt[name][1]) / 1024
        lines.append(f"| {name} | {pg_time:.3f} s | {basalt_time:.3f} s | "
                     f"{basalt_time / pg_time:.2f} | {pg_rss:.1f} MiB | {basalt_rss:.1f} MiB |")
    with open(report, "a") as out:
        out.write("\n".join(lines) + "\n")
    print("\n".join(lines))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    pg_port, binary, report = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    pg = run_postgres(pg_port)
    basalt = run_basalt(binary)
    write_report(report, pg, basalt)


if __name__ == "__main__":
    main()
