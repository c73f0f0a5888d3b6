"""Foreign keys under concurrent writers (issue 14).

Parents are keyed by a primary key (`parent`, `cparent`) and by a unique
column (`uparent.code`); children reference them with NO ACTION (`child`,
`uchild`) and ON DELETE CASCADE (`cchild`). Three connections insert
children of random parents (and now and then delete all children of one,
so that parent can go) in transactions that wait a moment before COMMIT;
two others delete random parents (and put them back later), or change a
parent's unique code, also waiting before COMMIT, so the writes overlap. A child insert must fail with 23503 or commit with its parent in
place; a parent delete or key change must fail with 23503 or leave no
child behind. At the end no child may lack its parent, and both sides must
have both succeeded and failed (else the race was not run).
"""
import os
import random
import sys
import threading
import time

import psycopg2

PORT = int(sys.argv[1])
SECONDS = float(os.environ.get("FK_RACE_SECONDS", "10"))
KEYS = 20
# 23505: two writers putting the same parent back at once.
RETRYABLE = {"40001", "40P01", "23505"}


def connect():
    conn = psycopg2.connect(host="127.0.0.1", port=PORT, user="basalt", dbname="basalt")
    conn.autocommit = True
    return conn


def setup():
    with connect() as conn, conn.cursor() as cur:
        for statement in [
            "CREATE TABLE parent (id int PRIMARY KEY)",
            "CREATE TABLE child (id int PRIMARY KEY, pid int REFERENCES parent)",
            "CREATE TABLE cparent (id int PRIMARY KEY)",
            "CREATE TABLE cchild (id int PRIMARY KEY, pid int REFERENCES cparent ON DELETE CASCADE)",
            "CREATE TABLE uparent (id int PRIMARY KEY, code int UNIQUE)",
            "CREATE TABLE uchild (id int PRIMARY KEY, code int REFERENCES uparent (code))",
        ]:
            cur.execute(statement)
        for k in range(KEYS):
            cur.execute("INSERT INTO parent VALUES (%s)", (k,))
            cur.execute("INSERT INTO cparent VALUES (%s)", (k,))
            cur.execute("INSERT INTO uparent VALUES (%s, %s)", (k, k))


counts = {"child ok": 0, "child 23503": 0, "parent ok": 0, "parent 23503": 0}
counts_lock = threading.Lock()
errors = []
next_id = [0]


def count(what):
    with counts_lock:
        counts[what] += 1


def new_id():
    with counts_lock:
        next_id[0] += 1
        return next_id[0]


def run_transaction(conn, statements, on_fk_error):
    """Runs `statements` in one transaction, pausing before COMMIT. True if
    it committed; on_fk_error() is called for a 23503."""
    cur = conn.cursor()
    try:
        cur.execute("BEGIN")
        for statement, args in statements:
            cur.execute(statement, args)
        time.sleep(random.uniform(0, 0.01))
        cur.execute("COMMIT")
        return True
    except psycopg2.Error as e:
        cur.execute("ROLLBACK")
        if e.pgcode == "23503":
            on_fk_error()
        elif e.pgcode not in RETRYABLE:
            errors.append(f"{e.pgcode}: {e}")
        return False


def child_writer(deadline, seed):
    rng = random.Random(seed)
    conn = connect()
    while time.time() < deadline:
        table = rng.choice(["child", "cchild", "uchild"])
        column = "code" if table == "uchild" else "pid"
        key = rng.randrange(KEYS)
        if rng.random() < 0.2:
            run_transaction(conn, [(f"DELETE FROM {table} WHERE {column} = %s", (key,))],
                            lambda: None)
            continue
        statement = f"INSERT INTO {table} (id, {column}) VALUES (%s, %s)"
        if run_transaction(conn, [(statement, (new_id(), key))], lambda: count("child 23503")):
            count("child ok")
    conn.close()


def parent_writer(deadline, seed):
    rng = random.Random(seed)
    conn = connect()
    while time.time() < deadline:
        k = rng.randrange(KEYS)
        table = rng.choice(["parent", "cparent"])
        action = rng.choice(["delete", "delete", "code", "restore"])
        if action == "delete":
            statements = [(f"DELETE FROM {table} WHERE id = %s", (k,))]
        elif action == "code":
            # A new code for key k, away from every other row's (k or k + 1000).
            statements = [("UPDATE uparent SET code = CASE WHEN code = id THEN id + 1000 "
                           "ELSE id END WHERE id = %s", (k,))]
        else:
            statements = [(f"INSERT INTO {table} SELECT %s WHERE NOT EXISTS "
                           f"(SELECT 1 FROM {table} WHERE id = %s)", (k, k))]
        if run_transaction(conn, statements, lambda: count("parent 23503")) and action != "restore":
            count("parent ok")
    conn.close()


def check():
    orphans = {
        "child": "SELECT count(*) FROM child c WHERE c.pid IS NOT NULL AND NOT EXISTS "
                 "(SELECT 1 FROM parent p WHERE p.id = c.pid)",
        "cchild": "SELECT count(*) FROM cchild c WHERE c.pid IS NOT NULL AND NOT EXISTS "
                  "(SELECT 1 FROM cparent p WHERE p.id = c.pid)",
        "uchild": "SELECT count(*) FROM uchild c WHERE c.code IS NOT NULL AND NOT EXISTS "
                  "(SELECT 1 FROM uparent p WHERE p.code = c.code)",
    }
    failed = False
    with connect() as conn, conn.cursor() as cur:
        for table, query in orphans.items():
            cur.execute(query)
            n = cur.fetchone()[0]
            if n != 0:
                print(f"FAIL: {n} rows of {table} without their parent", file=sys.stderr)
                failed = True
    return not failed


def main():
    setup()
    deadline = time.time() + SECONDS
    threads = [threading.Thread(target=child_writer, args=(deadline, i)) for i in range(3)]
    threads += [threading.Thread(target=parent_writer, args=(deadline, 100 + i)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(counts)
    ok = check()
    if errors:
        print("FAIL: unexpected errors:", errors[:5], file=sys.stderr)
        ok = False
    for what, n in counts.items():
        if n == 0:
            print(f"FAIL: no '{what}' happened: the race was not exercised", file=sys.stderr)
            ok = False
    sys.exit(0 if ok else 1)


main()
