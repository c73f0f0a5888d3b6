"""Loads tables with COPY ... FREEZE (sorted files ingested into RocksDB) and
an index each, one transaction per table, until killed; prints the number of
each table whose transaction committed (copy_freeze_crash_test.sh).

Usage: copy_freeze_load.py <port> <first table number>
"""
import io
import sys

import psycopg2

ROWS = 2000


def main():
    port, first = int(sys.argv[1]), int(sys.argv[2])
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="basalt", dbname="basalt")
    cur = conn.cursor()
    data = "".join(f"{j}\tx{j}\n" for j in range(ROWS))
    number = first
    while True:
        cur.execute(f"CREATE TABLE f{number} (a int, b text)")
        cur.copy_expert(f"COPY f{number} FROM STDIN (FREEZE)", io.StringIO(data))
        cur.execute(f"CREATE INDEX ON f{number} (a)")
        conn.commit()
        print(number, flush=True)
        number += 1


if __name__ == "__main__":
    main()
