"""Parallel aggregation under concurrent writers.

`accounts` holds 60,000 rows whose balances sum to 0 and whose `kind`
column splits them into 7 groups of fixed sizes. Four connections move
random amounts between two random accounts in transactions (the sum stays
0, the groups keep their sizes). Two readers run aggregates with
min_parallel_table_scan_size = 0, so each runs on three threads over key
ranges: every answer must show the sum 0 and the group sizes, which holds
only if all participants read one snapshot. Inside REPEATABLE READ blocks
a reader repeats its aggregate and must get the same rows. A third
connection is cancelled in the middle of a slow parallel aggregate: 57014,
and its connection goes on. Each reader must have seen the plan's Gather
(EXPLAIN) and Workers Launched (EXPLAIN ANALYZE).
"""
import os
import random
import sys
import threading
import time

import psycopg2
import psycopg2.errors

PORT = int(sys.argv[1])
SECONDS = float(os.environ.get("PARALLEL_RACE_SECONDS", "8"))
ROWS = 60000
KINDS = 7
GROUPED = "SELECT kind, count(*), sum(balance) FROM accounts GROUP BY kind ORDER BY kind"
TOTAL = "SELECT count(*), sum(balance), sum(balance::numeric), min(id), max(id) FROM accounts"
failures = []


def connect(parallel=True):
    conn = psycopg2.connect(host="127.0.0.1", port=PORT, user="basalt", dbname="basalt")
    conn.autocommit = True
    if parallel:
        with conn.cursor() as cur:
            cur.execute("SET min_parallel_table_scan_size = 0")
    return conn


def fail(message):
    failures.append(message)
    print("FAIL:", message, flush=True)


def setup():
    with connect(parallel=False) as conn, conn.cursor() as cur:
        cur.execute("CREATE TABLE accounts (id int PRIMARY KEY, kind int, balance bigint, pad text)")
        cur.execute(
            "INSERT INTO accounts SELECT g, g %% %s, 0, repeat('p', 40) "
            "FROM generate_series(1, %s) g" % (KINDS, ROWS))


def expected_groups():
    sizes = [0] * KINDS
    for g in range(1, ROWS + 1):
        sizes[g % KINDS] += 1
    return [(k, sizes[k]) for k in range(KINDS)]


def writer(stop):
    conn = connect(parallel=False)
    cur = conn.cursor()
    while not stop.is_set():
        a, b = sorted(random.sample(range(1, ROWS + 1), 2))
        amount = random.randint(1, 1000)
        try:
            cur.execute("BEGIN")
            cur.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s", (amount, a))
            cur.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s", (amount, b))
            cur.execute("COMMIT")
        except psycopg2.Error as e:
            cur.execute("ROLLBACK")
            if e.pgcode not in ("40001", "40P01"):
                fail("writer: %s %s" % (e.pgcode, e))
    conn.close()


def check_rows(grouped, total, where):
    groups = [(k, n) for k, n, _ in grouped]
    if groups != expected_groups():
        fail("%s: group sizes %s" % (where, groups))
    if sum(s for _, _, s in grouped) != 0:
        fail("%s: grouped sums add to %s" % (where, sum(s for _, _, s in grouped)))
    if total != (ROWS, 0, 0, 1, ROWS):
        fail("%s: totals %s" % (where, total))


def reader(stop, seen):
    conn = connect()
    cur = conn.cursor()
    cur.execute("EXPLAIN (COSTS OFF) " + GROUPED)
    plan = "\n".join(r[0] for r in cur.fetchall())
    if "Gather" not in plan or "Parallel Seq Scan on accounts" not in plan:
        fail("reader: no parallel plan:\n" + plan)
    cur.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + TOTAL)
    if "Workers Launched: 2" not in "\n".join(r[0] for r in cur.fetchall()):
        fail("reader: EXPLAIN ANALYZE shows no workers launched")
    while not stop.is_set():
        cur.execute(GROUPED)
        grouped = cur.fetchall()
        cur.execute(TOTAL)
        total = tuple(int(v) for v in cur.fetchone())
        check_rows(grouped, total, "read committed")
        cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        cur.execute(GROUPED)
        first = cur.fetchall()
        time.sleep(0.05)  # writers commit meanwhile
        cur.execute(GROUPED)
        second = cur.fetchall()
        cur.execute("COMMIT")
        if first != second:
            fail("repeatable read: the aggregate changed within the block")
        seen.append(1)
    conn.close()


def cancel_check():
    conn = connect()
    cur = conn.cursor()
    cur.execute("SELECT pg_backend_pid()")
    pid = cur.fetchone()[0]
    other = connect(parallel=False)

    def cancel_soon():
        time.sleep(0.3)
        other.cursor().execute("SELECT pg_cancel_backend(%s)", (pid,))

    canceller = threading.Thread(target=cancel_soon)
    canceller.start()
    try:
        # Slow on purpose: a cross join of the table with itself.
        cur.execute("SELECT count(*), sum(a.balance) FROM accounts a, accounts b")
        fail("cancel: the aggregate ran to its end")
    except psycopg2.errors.QueryCanceled:
        pass
    canceller.join()
    cur.execute(TOTAL)
    if tuple(int(v) for v in cur.fetchone())[0] != ROWS:
        fail("cancel: the connection did not go on")
    conn.close()
    other.close()


def main():
    setup()
    stop = threading.Event()
    seen = []
    threads = [threading.Thread(target=writer, args=(stop,)) for _ in range(4)]
    threads += [threading.Thread(target=reader, args=(stop, seen)) for _ in range(2)]
    for t in threads:
        t.start()
    cancel_check()
    time.sleep(SECONDS)
    stop.set()
    for t in threads:
        t.join()
    if len(seen) < 4:
        fail("the readers ran only %d rounds" % len(seen))
    print("parallel aggregation: %d reader rounds" % len(seen))
    sys.exit(1 if failures else 0)


main()
