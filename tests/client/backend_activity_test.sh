#!/usr/bin/env bash
# pg_stat_activity and what acts on its sessions, as monitoring tools and
# test fixtures use them: every session's row (state idle / active / idle in
# transaction, its query, what it waits for, its client), pg_cancel_backend,
# pg_terminate_backend (an idle session, a busy one, with a timeout), who may
# signal whom, DROP DATABASE ... WITH (FORCE), and a session's temporary
# tables dropped when it ends.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE ROLE app LOGIN" -c "CREATE ROLE other LOGIN" \
  -c "CREATE TABLE counters (id int PRIMARY KEY, v int)" \
  -c "INSERT INTO counters VALUES (1, 0)" -c "CREATE DATABASE shop" || fail "setup failed"

/usr/bin/python3 - "$PORT" <<'EOF' || fail "a check failed (see above)"
import sys
import threading
import time

import psycopg2
import psycopg2.errors

PORT = int(sys.argv[1])


def connect(user="basalt", dbname="basalt", app="", autocommit=True):
    conn = psycopg2.connect(host="127.0.0.1", port=PORT, user=user, dbname=dbname,
                            application_name=app, sslmode="disable")
    conn.autocommit = autocommit
    return conn


def one(conn, sql, args=None):
    with conn.cursor() as cur:
        cur.execute(sql, args)
        return cur.fetchone()


def pid_of(conn):
    return one(conn, "SELECT pg_backend_pid()")[0]


def check(ok, what):
    if not ok:
        print("FAIL:", what)
        sys.exit(1)


def expect_error(conn, sql, code, message):
    try:
        one(conn, sql)
    except psycopg2.Error as e:
        check(e.pgcode == code and message in str(e), f"{sql}: {e.pgcode} {e}")
        return
    check(False, f"{sql} did not fail")


def wait_for(what, predicate, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    check(False, f"timed out waiting for {what}")


def row_of(admin, pid, columns):
    return one(admin, f"SELECT {columns} FROM pg_stat_activity WHERE pid = %s", (pid,))


def run_in_thread(conn, sql, outcome):
    def run():
        try:
            one(conn, sql)
            outcome["result"] = "ok"
        except psycopg2.Error as e:
            outcome["result"] = e
    thread = threading.Thread(target=run)
    thread.start()
    return thread


admin = connect(app="admin")

# An idle session: who, where from, its last query, waiting for its client.
idle = connect(app="idle one")
idle_pid = pid_of(idle)
row = row_of(admin, idle_pid, "datname, usename, application_name, state, query, client_addr, "
             "client_port > 0, backend_type, wait_event_type, wait_event, xact_start")
check(row == ("basalt", "basalt", "idle one", "idle", "SELECT pg_backend_pid()", "127.0.0.1",
              True, "client backend", "Client", "ClientRead", None), f"idle session: {row}")

# SET application_name shows after the statement.
one(idle, "SELECT set_config('application_name', 'renamed', false)")
check(row_of(admin, idle_pid, "application_name")[0] == "renamed", "application_name not updated")

# A transaction left open after a write: its xid and its start.
holder = connect(autocommit=False)
holder_pid = pid_of(holder)
with holder.cursor() as cur:
    cur.execute("UPDATE counters SET v = v + 1 WHERE id = 1")
row = row_of(admin, holder_pid, "state, xact_start IS NOT NULL, query")
check(row == ("idle in transaction", True, "UPDATE counters SET v = v + 1 WHERE id = 1"),
      f"idle in transaction: {row}")

# A session waiting for the holder's row lock: active, waiting on a lock,
# blocked by the holder.
waiter = connect()
waiter_pid = pid_of(waiter)
waited = {}
thread = run_in_thread(waiter, "UPDATE counters SET v = v + 10 WHERE id = 1", waited)
row = wait_for("the waiter to wait",
               lambda: (lambda r: r if r[1] == "Lock" else None)(
                   row_of(admin, waiter_pid, "state, wait_event_type, query")))
check(row == ("active", "Lock", "UPDATE counters SET v = v + 10 WHERE id = 1"), f"waiter: {row}")
check(one(admin, "SELECT %s = ANY (pg_blocking_pids(%s))", (holder_pid, waiter_pid))[0],
      "the holder does not block the waiter")

# pg_cancel_backend: the waiting statement fails with 57014, the session stays.
check(one(admin, "SELECT pg_cancel_backend(%s)", (waiter_pid,))[0] is True, "cancel returned false")
thread.join(10)
check(isinstance(waited.get("result"), psycopg2.errors.QueryCanceled),
      f"the canceled waiter: {waited.get('result')!r}")
check(pid_of(waiter) == waiter_pid, "the canceled session did not stay")

# pg_terminate_backend of a session idle in a transaction: it rolls back,
# the connection ends with FATAL 57P01, its row goes.
check(one(admin, "SELECT pg_terminate_backend(%s)", (holder_pid,))[0] is True,
      "terminate returned false")
wait_for("the terminated session to leave",
         lambda: one(admin, "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = %s",
                     (holder_pid,))[0])
try:
    one(holder, "SELECT 1")
    check(False, "the terminated session still answers")
except psycopg2.Error as e:
    check(isinstance(e, psycopg2.OperationalError), f"terminated session: {e!r}")
check(one(admin, "SELECT v FROM counters WHERE id = 1")[0] == 0,
      "the terminated session's write was kept")

# A busy session, terminated with a timeout: the call waits until it is gone.
busy = connect()
busy_pid = pid_of(busy)
slept = {}
thread = run_in_thread(busy, "SELECT pg_sleep(30)", slept)
wait_for("pg_sleep to run", lambda: row_of(admin, busy_pid, "state")[0] == "active")
started = time.time()
check(one(admin, "SELECT pg_terminate_backend(%s, 5000)", (busy_pid,))[0] is True,
      "terminate with a timeout returned false")
check(one(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (busy_pid,))[0] == 0,
      "the session was still there after pg_terminate_backend(pid, 5000)")
thread.join(10)
check(time.time() - started < 10, "pg_sleep was not interrupted")
# (psycopg2 reports the closed connection, not the FATAL before it, with
# PostgreSQL 15 too.)
check(isinstance(slept.get("result"), psycopg2.OperationalError),
      f"the busy session: {slept.get('result')!r}")

# Who may signal whom: a role that is not a superuser sees only its own
# roles' sessions in full, and signals only them.
app = connect(user="app", app="app one")
app2 = connect(user="app")
app2_pid = pid_of(app2)
other = connect(user="other")
other_pid = pid_of(other)
admin_pid = pid_of(admin)
row = one(app, "SELECT usename, application_name, query, state, client_addr, backend_type "
          "FROM pg_stat_activity WHERE pid = %s", (other_pid,))
check(row == ("other", "", "<insufficient privilege>", None, None, None), f"hidden row: {row}")
check(row_of(app, app2_pid, "query")[0] == "SELECT pg_backend_pid()", "own role's row hidden")
expect_error(app, f"SELECT pg_cancel_backend({admin_pid})", "42501",
             "must be a superuser to cancel superuser query")
expect_error(app, f"SELECT pg_terminate_backend({admin_pid})", "42501",
             "must be a superuser to terminate superuser process")
expect_error(app, f"SELECT pg_terminate_backend({other_pid})", "42501",
             "must be a member of the role whose process is being terminated")
expect_error(app, f"SELECT pg_cancel_backend({other_pid})", "42501",
             "must be a member of the role whose query is being canceled")
check(one(app, "SELECT pg_terminate_backend(%s, 5000)", (app2_pid,))[0] is True,
      "app could not terminate its own role's session")

# An unknown pid: false with a WARNING.
admin.notices.clear()
check(one(admin, "SELECT pg_terminate_backend(2000000000)")[0] is False, "unknown pid not false")
check(any("PID 2000000000 is not a PostgreSQL backend process" in n for n in admin.notices),
      f"no warning: {admin.notices}")

# A session's temporary tables: invisible to others by name, dropped when
# it ends.
temp_owner = connect()
temp_owner.cursor().execute("CREATE TEMP TABLE scratch (x int)")
expect_error(admin, "SELECT * FROM scratch", "42P01", 'relation "scratch" does not exist')
check(one(admin, "SELECT count(*) FROM pg_class WHERE relname = 'scratch'")[0] == 1,
      "the temporary table is not in pg_class")
temp_owner.close()
wait_for("the temporary table to go",
         lambda: one(admin, "SELECT count(*) = 0 FROM pg_class WHERE relname = 'scratch'")[0])

# DROP DATABASE ... WITH (FORCE) ends the sessions on it, then drops it.
shop1 = connect(dbname="shop")
shop2 = connect(user="app", dbname="shop", autocommit=False)
one(shop2, "SELECT 1")  # leaves a transaction open
expect_error(admin, "DROP DATABASE shop", "55006", "is being accessed by other users")
one_cursor = admin.cursor()
one_cursor.execute("DROP DATABASE shop WITH (FORCE)")
check(one(admin, "SELECT count(*) FROM pg_database WHERE datname = 'shop'")[0] == 0,
      "shop was not dropped")
for conn in (shop1, shop2):
    try:
        one(conn, "SELECT 1")
        check(False, "a session on the dropped database still answers")
    except psycopg2.Error:
        pass
print("checks passed")
EOF
basalt_stop
echo "backend_activity: OK"
