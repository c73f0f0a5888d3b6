"""Incremental refresh against PostgreSQL 15's full REFRESH (issue 16).

A 1M-row orders table joined to customers and grouped by customer, as a
materialized view on both servers: PostgreSQL's plain view refreshed in
full, Basalt's WITH (refresh_mode = incremental) refreshed after 1, 1,000,
10,000 and 100,000 changed orders (Basalt's cost rule falls back to a full
recompute past a quarter of the view's rows: the crossover). Medians of a
few runs; a table appended to the report and a log-scale chart written as
SVG beside it (no plotting package needed).

Usage: ivm_bench.py <postgres port> <basalt port> <report.md>
Environment: IVM_BENCH_ORDERS (default 1000000), IVM_BENCH_RUNS (default 3).
"""
import os
import statistics
import sys
import time

from bench_sql import connect, execute

ORDERS = int(os.environ.get("IVM_BENCH_ORDERS", "1000000"))
CUSTOMERS = max(ORDERS // 20, 1)
RUNS = int(os.environ.get("IVM_BENCH_RUNS", "3"))
CHANGES = [1, 1000, 10000, 100000]

SETUP = [
    "DROP MATERIALIZED VIEW IF EXISTS ivm_sales",
    "DROP TABLE IF EXISTS ivm_orders",
    "DROP TABLE IF EXISTS ivm_customers",
    "CREATE TABLE ivm_customers (id int PRIMARY KEY, name text, region text)",
    "CREATE TABLE ivm_orders (id int PRIMARY KEY, cust int, amount numeric(12,2))",
    f"INSERT INTO ivm_customers SELECT g, 'customer ' || g, 'r' || (g % 17) "
    f"FROM generate_series(1, {CUSTOMERS}) g",
    f"INSERT INTO ivm_orders SELECT g, (g::bigint * 7919) % {CUSTOMERS} + 1, (g % 1000) / 10.0 "
    f"FROM generate_series(1, {ORDERS}) g",
    "CREATE INDEX ivm_orders_cust ON ivm_orders (cust)",
]
QUERY = ("SELECT c.id AS cust, c.region, count(*) AS n, sum(o.amount) AS total "
         "FROM ivm_orders o JOIN ivm_customers c ON o.cust = c.id GROUP BY c.id, c.region")


def timed(conn, sql):
    started = time.monotonic()
    execute(conn, sql)
    return time.monotonic() - started


def change(conn, count, run):
    """`count` orders change amount (their groups' totals change)."""
    step = max(ORDERS // count, 1)
    execute(conn, f"UPDATE ivm_orders SET amount = amount + 1 "
                  f"WHERE id % {step} = {run % step} AND id <= {step * count}")


def strategy(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT s.strategy FROM basalt_matview_status s JOIN pg_class c "
                    "ON c.oid = s.relid WHERE c.relname = 'ivm_sales'")
        return cur.fetchone()[0]


def main():
    pg = connect(int(sys.argv[1]))
    basalt = connect(int(sys.argv[2]))
    report = sys.argv[3]
    for conn, with_clause in ((pg, ""), (basalt, "WITH (refresh_mode = incremental) ")):
        for sql in SETUP:
            execute(conn, sql)
        execute(conn, f"CREATE MATERIALIZED VIEW ivm_sales {with_clause}AS {QUERY}")
        execute(conn, "CREATE UNIQUE INDEX ivm_sales_key ON ivm_sales (cust)")
    pg_full = statistics.median(timed(pg, "REFRESH MATERIALIZED VIEW ivm_sales")
                                for _ in range(RUNS))
    print(f"PostgreSQL full REFRESH of the view: {pg_full * 1000:.1f} ms", flush=True)
    rows = []
    for count in CHANGES:
        times = []
        for run in range(RUNS):
            change(basalt, count, run)
            times.append(timed(basalt, "REFRESH MATERIALIZED VIEW ivm_sales"))
        used = strategy(basalt)
        seconds = statistics.median(times)
        rows.append((count, seconds, used))
        print(f"Basalt after {count} changed orders: {seconds * 1000:.2f} ms ({used}), "
              f"{pg_full / seconds:.0f}x faster than PostgreSQL's full refresh", flush=True)
    # The view still equals its query.
    with basalt.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM (({QUERY}) EXCEPT ALL (SELECT * FROM ivm_sales)) d")
        missing = cur.fetchone()[0]
        cur.execute(f"SELECT count(*) FROM ((SELECT * FROM ivm_sales) EXCEPT ALL ({QUERY})) d")
        extra = cur.fetchone()[0]
    if missing or extra:
        print(f"FAIL: the incremental view differs from its query ({missing} rows missing, "
              f"{extra} extra)", file=sys.stderr)
        return 1
    write_report(report, pg_full, rows)
    return 0


def write_report(report, pg_full, rows):
    targets = {1: 1000, 1000: 100, 10000: 10}
    chart = os.path.join(os.path.dirname(report), "incremental-refresh.svg")
    with open(report, "a") as out:
        out.write("\n## Incremental refresh (issue 16)\n\n")
        out.write(f"`tests/bench/ivm_bench.py`: {ORDERS:,} orders joined to {CUSTOMERS:,} "
                  "customers, grouped by customer (a unique index on the view). PostgreSQL "
                  f"refreshes its view in full ({pg_full * 1000:.0f} ms, median of {RUNS}); "
                  "Basalt's view is `WITH (refresh_mode = incremental)` and is refreshed after "
                  "each number of changed orders. Speed-up = PostgreSQL's full refresh time / "
                  "Basalt's refresh time.\n\n")
        out.write("| changed orders | Basalt refresh | strategy | speed-up | target |\n")
        out.write("|---:|---:|---|---:|---:|\n")
        for count, seconds, used in rows:
            target = f"≥ {targets[count]}×" if count in targets else "—"
            out.write(f"| {count:,} | {seconds * 1000:.2f} ms | {used} | "
                      f"{pg_full / seconds:.0f}× | {target} |\n")
        out.write(f"\n![refresh time against changed rows]({os.path.basename(chart)})\n")
    write_chart(chart, pg_full, rows)


def write_chart(path, pg_full, rows):
    """Refresh time against changed rows, both axes log scale, as SVG."""
    import math
    width, height, margin = 640, 400, 60
    xs = [math.log10(c) for c, _, _ in rows]
    ys = [math.log10(s * 1000) for _, s, _ in rows] + [math.log10(pg_full * 1000)]
    y_lo, y_hi = math.floor(min(ys)), math.ceil(max(ys))
    x_lo, x_hi = 0, math.ceil(max(xs))

    def px(x):
        return margin + (x - x_lo) / max(x_hi - x_lo, 1) * (width - 2 * margin)

    def py(y):
        return height - margin - (y - y_lo) / max(y_hi - y_lo, 1) * (height - 2 * margin)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>']
    for e in range(x_lo, x_hi + 1):
        parts.append(f'<text x="{px(e)}" y="{height - margin + 18}" text-anchor="middle">'
                     f'{10 ** e:,}</text>')
    for e in range(y_lo, y_hi + 1):
        parts.append(f'<line x1="{margin}" x2="{width - margin}" y1="{py(e)}" y2="{py(e)}" '
                     'stroke="#ddd"/>')
        parts.append(f'<text x="{margin - 6}" y="{py(e) + 4}" text-anchor="end">'
                     f'{10 ** e:g} ms</text>')
    pg_y = py(math.log10(pg_full * 1000))
    parts.append(f'<line x1="{margin}" x2="{width - margin}" y1="{pg_y}" y2="{pg_y}" '
                 'stroke="#c33" stroke-dasharray="6,4"/>')
    parts.append(f'<text x="{width - margin}" y="{pg_y - 6}" text-anchor="end" fill="#c33">'
                 'PostgreSQL 15, full REFRESH</text>')
    points = " ".join(f"{px(x)},{py(math.log10(s * 1000))}" for x, (_, s, _) in zip(xs, rows))
    parts.append(f'<polyline points="{points}" fill="none" stroke="#36c" stroke-width="2"/>')
    for x, (_, s, _) in zip(xs, rows):
        parts.append(f'<circle cx="{px(x)}" cy="{py(math.log10(s * 1000))}" r="4" fill="#36c"/>')
    parts.append(f'<text x="{margin}" y="{margin - 20}" fill="#36c">Basalt, REFRESH of an '
                 'incremental view</text>')
    parts.append(f'<text x="{width / 2}" y="{height - 15}" text-anchor="middle">changed rows '
                 '(log scale)</text>')
    parts.append("</svg>")
    with open(path, "w") as out:
        out.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    sys.exit(main())
