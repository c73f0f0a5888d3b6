"""numeric and to_char beside PostgreSQL 15 (issue 11).

On both servers: `tb (id int PRIMARY KEY, a numeric(15,2), b numeric(12,4),
ts timestamptz)` with ROWS rows. Timed: sum(a) over every row, sum(a * b)
(a numeric multiply per row, summed so that one row comes back), and
to_char of every timestamptz (count(to_char(...)) so that one row comes
back). Medians of RUNS runs; ratio = Basalt's time / PostgreSQL's, with
PostgreSQL's default parallel workers and without them. A table is appended
to the report.

Usage: types_bench.py <postgres port> <basalt port> <report.md>
Environment: TYPES_BENCH_ROWS (default 1000000), TYPES_BENCH_RUNS (default 5).
"""
import os
import statistics
import sys
import time

from bench_sql import connect

ROWS = int(os.environ.get("TYPES_BENCH_ROWS", "1000000"))
RUNS = int(os.environ.get("TYPES_BENCH_RUNS", "5"))
TO_CHAR_FORMAT = "YYYY-MM-DD HH24:MI:SS.US TZ Day Month"

WORKLOADS = [
    ("numeric sum over 1M rows", "SELECT sum(a) FROM tb"),
    ("numeric multiply over 1M rows (sum(a * b))", "SELECT sum(a * b) FROM tb"),
    ("timestamptz to_char over 1M rows",
     f"SELECT count(to_char(ts, '{TO_CHAR_FORMAT}')) FROM tb"),
]


def setup(cur):
    cur.execute("SET TIME ZONE 'Europe/Berlin'")
    cur.execute("DROP TABLE IF EXISTS tb")
    cur.execute("CREATE TABLE tb (id int PRIMARY KEY, a numeric(15,2), b numeric(12,4), "
                "ts timestamptz)")
    cur.execute("INSERT INTO tb SELECT i, (i::bigint * 7919 % 1000003) / 100.0, (i % 9973) / 1000.0, "
                "timestamptz '2020-01-01 00:00:00+00' + i * interval '317 seconds' "
                f"FROM generate_series(1, {ROWS}) AS i")


def timed(cur, sql):
    start = time.perf_counter()
    cur.execute(sql)
    cur.fetchall()
    return time.perf_counter() - start


def main():
    pg_port, basalt_port, report = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    # PostgreSQL runs these scans with parallel workers by default; the
    # serial run shows the per-core cost beside Basalt's single thread.
    targets = [("pg", pg_port, None),
               ("pg_serial", pg_port, "SET max_parallel_workers_per_gather = 0"),
               ("basalt", basalt_port, None)]
    results = {}
    answers = {}
    for port in (pg_port, basalt_port):
        cur = connect(port).cursor()
        setup(cur)
        for target, target_port, setting in targets:
            if target_port != port:
                continue
            if setting:
                cur.execute(setting)
            for name, sql in WORKLOADS:
                timed(cur, sql)  # warm the caches
                results[(target, name)] = statistics.median(timed(cur, sql) for _ in range(RUNS))
                cur.execute(sql)
                answers[(target, name)] = cur.fetchall()
                print(f"{target}: {name}: {results[(target, name)]:.3f} s")
        cur.execute("DROP TABLE tb")
    for name, _ in WORKLOADS:
        if answers[("pg", name)] != answers[("basalt", name)]:
            sys.exit(f"{name}: Basalt answered {answers[('basalt', name)]}, "
                     f"PostgreSQL {answers[('pg', name)]}")
    with open(report, "a") as out:
        out.write("\n## Types: numeric and to_char\n\n")
        out.write(f"`tests/bench/types_bench.py`: `tb (id int PRIMARY KEY, a numeric(15,2), "
                  f"b numeric(12,4), ts timestamptz)`, {ROWS:,} rows; one query each, one row "
                  f"back; medians of {RUNS} runs after a warm-up, TimeZone Europe/Berlin. "
                  f"to_char's template: `{TO_CHAR_FORMAT}`. Both servers' answers are "
                  "checked equal. PostgreSQL runs these scans with parallel workers (its "
                  "default settings); the serial column sets "
                  "`max_parallel_workers_per_gather = 0`. Basalt splits these aggregates over key "
                  "ranges of the table on two threads and the statement's "
                  "(`sql/execution/parallel_aggregate.h`).\n\n")
        out.write("| workload | PostgreSQL 15 | PostgreSQL 15, serial | Basalt | "
                  "Basalt/PostgreSQL time | Basalt/PostgreSQL serial |\n"
                  "|---|---:|---:|---:|---:|---:|\n")
        for name, _ in WORKLOADS:
            pg = results[("pg", name)]
            serial = results[("pg_serial", name)]
            ba = results[("basalt", name)]
            out.write(f"| {name} | {pg:.3f} s | {serial:.3f} s | {ba:.3f} s | {ba / pg:.2f} | "
                      f"{ba / serial:.2f} |\n")


main()
