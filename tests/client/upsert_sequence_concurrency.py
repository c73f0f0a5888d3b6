"""Concurrent upserts and nextval calls (issue 12), run by
upsert_sequence_concurrency_test.sh.

upsert <port>: 8 clients x 1,000 `INSERT ... ON CONFLICT (k) DO UPDATE SET
  n = t.n + 1` on 10 keys; no client may see an error and the sum of n must
  be 8,000.
nextval <port> <out-file>: 8 clients x N nextval('seq') (N from
  SEQUENCE_CALLS, 10,000), each value appended to <out-file> as soon as the
  server returned it; no value may repeat. A kill -9 may end the run (the
  clients then stop on their connection error).
"""
import sys
import threading

import psycopg2

CLIENTS = 8


def connect(port):
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="basalt", dbname="basalt")
    conn.autocommit = True
    return conn


def upsert(port):
    setup = connect(port)
    cur = setup.cursor()
    cur.execute("DROP TABLE IF EXISTS counters")
    cur.execute("CREATE TABLE counters (k int PRIMARY KEY, n int NOT NULL)")
    errors = []

    def client(i):
        try:
            conn = connect(port)
            c = conn.cursor()
            for j in range(1000):
                c.execute("INSERT INTO counters AS t VALUES (%s, 1) "
                          "ON CONFLICT (k) DO UPDATE SET n = t.n + 1", ((i * 7 + j) % 10,))
            conn.close()
        except Exception as e:  # noqa: BLE001 - every error fails the test
            errors.append(f"client {i}: {e}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        sys.exit("upsert errors: " + "; ".join(errors[:5]))
    cur.execute("SELECT sum(n), count(*) FROM counters")
    total, keys = cur.fetchone()
    if total != CLIENTS * 1000 or keys != 10:
        sys.exit(f"upsert: sum(n) = {total} over {keys} keys, expected 8000 over 10")
    print("upsert: 8 clients x 1000 upserts, sum 8000, no errors")


def nextval(port, out_file, calls):
    lock = threading.Lock()
    out = open(out_file, "a", buffering=1)

    def client():
        try:
            conn = connect(port)
            c = conn.cursor()
            for _ in range(calls):
                c.execute("SELECT nextval('seq')")
                value = c.fetchone()[0]
                with lock:
                    out.write(f"{value}\n")
        except psycopg2.Error:
            pass  # the server was killed: the values so far count

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    if sys.argv[1] == "upsert":
        upsert(int(sys.argv[2]))
    else:
        nextval(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
