"""Incremental materialized views under concurrent writers (issue 16).

The change log must never miss or double-apply a committed change. Base
tables with NULLs and duplicate rows, incremental views of every shape the
delta rules cover (filter/project over inner joins with a self join and a
three-way join, GROUP BY with count/sum/avg/min/max/bool_and/bool_or over
numeric and float columns, DISTINCT, HAVING, an aggregate without GROUP BY),
then 4 writer connections running random INSERT / UPDATE / DELETE in
transactions (single statements, blocks that COMMIT, blocks that ROLLBACK,
blocks with SAVEPOINT and ROLLBACK TO, now and then a TRUNCATE) while 2
refresher connections refresh their halves of the views, plain and
CONCURRENTLY:
- alone (autocommit), then reading basalt_matview_status: the strategy;
- in a REPEATABLE READ block: REFRESH, the view, the query run fresh, all
  at one snapshot, which must agree; the block then commits or rolls back;
- in a REPEATABLE READ block after the block's own inserts, updates and
  deletes, which the refresh must apply, then rolled back (the rows must
  not survive) or, after more changes, committed (the refreshed ones must
  not be applied again, the later ones must be);
- undone by ROLLBACK TO SAVEPOINT.
Writers may fail with 23505, 40001 and 40P01 (and roll back); a REFRESH
may not fail at all, as nothing else writes its view. After the writers
stop, a final refresh of each view must make it equal its query run fresh
(a multiset of rows as the server printed them), and most refreshes must
have run "incremental", not fallen back.

Subcommands (the crash test drives the same workload between kill -9s):
  run <port>             the whole test above (MATVIEW_IVM_SECONDS of load)
  setup <port>           tables, rows and views only
  load <port> <seconds>  writers and refreshers until the time is up or the
                         server goes away (a lost connection ends a thread
                         quietly; any other unexpected error fails)
  check <port>           refresh every view and compare it with its query
Environment: MATVIEW_IVM_SEED (default 16), MATVIEW_IVM_SECONDS (default 20).
"""
import collections
import os
import random
import sys
import threading
import time

import psycopg2
import psycopg2.extensions

SEED = int(os.environ.get("MATVIEW_IVM_SEED", "16"))
SECONDS = float(os.environ.get("MATVIEW_IVM_SECONDS", "20"))
WRITERS = 4
REFRESHERS = 2

# Every value comes back as the text the server printed.
_AS_TEXT = psycopg2.extensions.new_type(
    (16, 20, 21, 23, 25, 700, 701, 1043, 1700), "AS_TEXT", lambda value, cursor: value)

# orders and tags have no key (duplicate rows); custs has a primary key.
# weight holds multiples of 0.25, so float sums are exact in any order and
# a stored sum differing from a fresh one is a wrong delta, not rounding.
TABLES = [
    "CREATE TABLE orders (id int, cust int, amount numeric(10,2), flag bool, weight float8)",
    "CREATE TABLE custs (id int PRIMARY KEY, name text, region text)",
    "CREATE TABLE tags (k int, v text)",
]

# (name, defining query, unique index columns or None). A unique index only
# where the query's result really is unique: those views also refresh
# CONCURRENTLY.
VIEWS = [
    ("mv_filter", "SELECT id, cust, amount, flag FROM orders WHERE amount > 40 OR flag", None),
    ("mv_project",
     "SELECT id, amount * 2 AS doubled, coalesce(cust, -1) AS cust, NOT flag AS unflag, "
     "weight FROM orders", None),
    ("mv_inner",
     "SELECT o.id, o.amount, c.name, c.region FROM orders o JOIN custs c ON o.cust = c.id "
     "WHERE c.region IS DISTINCT FROM 'west'", None),
    ("mv_self",
     "SELECT a.id AS a_id, b.id AS b_id, a.cust, b.amount FROM orders a "
     "JOIN orders b ON a.cust = b.cust AND a.id < b.id WHERE a.id % 4 = 0", None),
    ("mv_three",
     "SELECT o.id, c.name, t.v, o.amount FROM orders o JOIN custs c ON o.cust = c.id "
     "JOIN tags t ON t.k = c.id % 5", None),
    ("mv_by_cust",
     "SELECT cust, count(*) AS n, count(amount) AS n_amount, sum(amount) AS total, "
     "avg(amount) AS mean, min(amount) AS lo, max(amount) AS hi, "
     "bool_and(flag) AS all_flag, bool_or(flag) AS any_flag, "
     "sum(weight) AS w_total, avg(weight) AS w_mean, max(weight) AS w_hi "
     "FROM orders GROUP BY cust", ["cust"]),
    ("mv_by_region",
     "SELECT c.region, count(*) AS n, count(o.flag) AS n_flag, sum(o.amount) AS total, "
     "max(o.id) AS max_id, min(c.name) AS first_name, bool_or(o.flag) AS any_flag "
     "FROM orders o JOIN custs c ON o.cust = c.id GROUP BY c.region", ["region"]),
    ("mv_distinct", "SELECT DISTINCT cust, flag FROM orders", ["cust", "flag"]),
    ("mv_having",
     "SELECT c.region, count(*) AS n, sum(o.amount) AS total, avg(o.amount) AS mean "
     "FROM orders o, custs c WHERE o.cust = c.id GROUP BY c.region HAVING count(*) > 25",
     ["region"]),
    ("mv_global",
     "SELECT count(*) AS n, sum(amount) AS total, min(amount) AS lo, max(id) AS hi, "
     "avg(weight) AS w_mean, bool_and(flag) AS all_flag, bool_or(flag) AS any_flag "
     "FROM orders", None),
    ("mv_custs", "SELECT id, name, region FROM custs WHERE region IS NOT NULL", ["id"]),
    ("mv_tag_counts",
     "SELECT k, count(*) AS n, count(v) AS nv, min(v) AS lo, max(v) AS hi FROM tags GROUP BY k",
     ["k"]),
    ("mv_tag_values", "SELECT DISTINCT v FROM tags WHERE k > 1", ["v"]),
    ("mv_left",
     "SELECT c.id AS cid, c.name, o.id AS oid, o.amount "
     "FROM custs c LEFT JOIN orders o ON o.cust = c.id", None),
    ("mv_full_groups",
     "SELECT c.region, count(*) AS n, count(o.id) AS n_orders, sum(o.amount) AS total "
     "FROM orders o FULL JOIN custs c ON o.cust = c.id GROUP BY c.region", ["region"]),
    ("mv_semi_anti",
     "SELECT c.id, c.name FROM custs c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.cust = c.id) "
     "AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.k = c.id AND t.v = 'a')", ["id"]),
]
VIEW_QUERY = {name: query for name, query, _ in VIEWS}
VIEW_KEYS = {name: keys for name, _, keys in VIEWS}

# Errors a writer may meet and then roll back: a taken custs id, a
# REPEATABLE READ write conflict, a deadlock between writers.
EXPECTED = {"23505", "40001", "40P01"}


class Failure(Exception):
    pass


class ConnectionLost(Exception):
    pass


def connect(port):
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="basalt", dbname="basalt",
                            connect_timeout=10)
    conn.autocommit = True
    psycopg2.extensions.register_type(_AS_TEXT, conn)
    cur = conn.cursor()
    # A statement stuck this long is a hang: it fails with 57014 and the run
    # reports it.
    cur.execute("SET statement_timeout = '60s'")
    # Writers' blocks deadlock now and then (40P01): find out sooner.
    cur.execute("SET deadlock_timeout = '100ms'")
    cur.close()
    return conn


class Session:
    """One connection; every statement sent is kept for the failure report."""

    def __init__(self, port, label):
        self.label = label
        self.conn = connect(port)
        self.log = collections.deque(maxlen=40)

    def run(self, sql):
        """(None, rows or None) or (SQLSTATE, message); ConnectionLost when the
        server is gone."""
        self.log.append(sql)
        cur = self.conn.cursor()
        try:
            cur.execute(sql)
            return None, (cur.fetchall() if cur.description is not None else None)
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as e:
            if e.pgcode is None:
                raise ConnectionLost(str(e).strip())
            return e.pgcode, str(e).strip()
        except psycopg2.Error as e:
            return e.pgcode or "?????", str(e).strip()
        finally:
            try:
                cur.close()
            except psycopg2.Error:
                pass

    def ok(self, sql):
        code, rows = self.run(sql)
        if code is not None:
            raise Failure(f"{self.label}: {sql}\n  failed: {code} {rows}")
        return rows

    def history(self):
        return "\n".join(f"    {sql};" for sql in self.log)


def diff_text(a, b, label_a, label_b):
    ca, cb = collections.Counter(a), collections.Counter(b)
    only_a = list((ca - cb).elements())
    only_b = list((cb - ca).elements())
    return (f"  only in {label_a} ({len(only_a)} of {len(a)}): {sorted(only_a, key=repr)[:12]}\n"
            f"  only in {label_b} ({len(only_b)} of {len(b)}): {sorted(only_b, key=repr)[:12]}")


def compare(name, stored, fresh, why):
    if collections.Counter(stored) != collections.Counter(fresh):
        raise Failure(f"{name} ({why}): the view differs from its query run fresh\n"
                      + diff_text(stored, fresh, "view", "fresh query"))


# --- random statements -----------------------------------------------------
class Dml:
    def __init__(self, rng):
        self.r = rng

    def null(self, value, p=0.15):
        return "NULL" if self.r.random() < p else value

    def order_row(self):
        r = self.r
        return "({}, {}, {}, {}, {})".format(
            r.randint(1, 150), self.null(str(r.randint(1, 12))),
            self.null(f"{r.randint(0, 9999) / 100:.2f}"),
            self.null(r.choice(["true", "false"])),
            self.null(str(r.randint(-400, 400) / 4), 0.1))

    def statement(self):
        r = self.r
        kind = r.randrange(20)
        if kind < 6:
            rows = [self.order_row() for _ in range(r.randint(1, 5))]
            if r.random() < 0.3:  # an exact duplicate within the batch
                rows.append(rows[0])
            return f"INSERT INTO orders VALUES {', '.join(rows)}"
        if kind < 9:
            sets = r.choice([
                f"amount = {self.null(str(r.randint(0, 9999) / 100))}",
                f"flag = {self.null(r.choice(['true', 'false']))}",
                f"cust = {self.null(str(r.randint(1, 12)))}",  # rows move between groups
                f"weight = {self.null(str(r.randint(-400, 400) / 4))}",
                "amount = amount + 1, flag = NOT flag, weight = weight + 0.5",
                "id = id + 1",
            ])
            where = r.choice([f"id = {r.randint(1, 150)}", f"cust = {r.randint(1, 12)}",
                              "cust IS NULL", f"id % 13 = {r.randrange(13)}",
                              f"amount > {r.randint(80, 99)}"])
            return f"UPDATE orders SET {sets} WHERE {where}"
        if kind < 12:
            where = r.choice([f"id = {r.randint(1, 150)}", f"cust = {r.randint(1, 12)}",
                              "amount IS NULL", f"amount < {r.randint(0, 8)}",
                              f"id % 17 = {r.randrange(17)}",
                              # a group's minimum or maximum
                              "amount = (SELECT max(amount) FROM orders "
                              f"WHERE cust = {r.randint(1, 12)})"])
            return f"DELETE FROM orders WHERE {where}"
        if kind == 12:
            return "INSERT INTO custs VALUES ({}, {}, {})".format(
                r.randint(1, 14), self.null(f"'c{r.randint(1, 9)}'"),
                self.null(r.choice(["'north'", "'south'", "'east'", "'west'"])))
        if kind == 13:
            region = self.null(r.choice(["'north'", "'south'", "'east'", "'west'"]))
            sets = r.choice([f"region = {region}", f"name = 'n{r.randint(1, 9)}'"])
            return f"UPDATE custs SET {sets} WHERE id % 4 = {r.randrange(4)}"
        if kind == 14:
            return f"DELETE FROM custs WHERE id = {r.randint(1, 14)}"
        if kind < 17:
            rows = ["({}, {})".format(r.randint(1, 6),
                                      self.null(r.choice(["'a'", "'b'", "'c'", "'d'"]), 0.25))
                    for _ in range(r.randint(1, 4))]
            return f"INSERT INTO tags VALUES {', '.join(rows)}"
        return r.choice([f"DELETE FROM tags WHERE k = {r.randint(1, 6)} AND v IS NOT DISTINCT FROM "
                         f"{self.null(repr(r.choice('abcd')), 0.25)}",
                         f"UPDATE tags SET v = '{r.choice('abcd')}' "
                         f"WHERE k = {r.randint(1, 6)} AND v IS NULL",
                         f"UPDATE tags SET k = k % 6 + 1 WHERE v = '{r.choice('abcd')}'",
                         f"DELETE FROM tags WHERE k = {r.randint(1, 6)}"])


# --- the threads -----------------------------------------------------------
class Worker(threading.Thread):
    def __init__(self, port, label, seed, deadline, stop, quiet_on_loss):
        super().__init__(name=label, daemon=True)
        self.port = port
        self.label = label
        self.rng = random.Random(seed)
        self.deadline = deadline
        self.stop = stop
        self.quiet_on_loss = quiet_on_loss
        self.session = None
        self.failure = None
        self.counts = collections.Counter()

    def run(self):
        try:
            self.session = Session(self.port, self.label)
            while time.monotonic() < self.deadline and not self.stop.is_set():
                self.step()
        except ConnectionLost as e:
            if not self.quiet_on_loss:
                self.failure = f"{self.label}: lost the connection: {e}"
            self.counts["connection lost"] += 1
        except Failure as e:
            self.failure = str(e)
        except Exception as e:  # a bug in this script: report it too
            self.failure = f"{self.label}: {type(e).__name__}: {e}"
        if self.failure:
            self.stop.set()
            if self.session is not None:
                self.failure += "\n  the connection's last statements:\n" + self.session.history()
                # An open block would hold its locks and stall the others.
                self.session.conn.close()


class Writer(Worker):
    truncates = True  # now and then TRUNCATE tags
    # Immediate views apply a block's changes at SAVEPOINT and COMMIT, which
    # may then fail with 40001 or 40P01 (and the block is gone).
    control_may_fail = False

    def control(self, sql):
        """SAVEPOINT, ROLLBACK TO or COMMIT; False if it failed as it may."""
        code, message = self.session.run(sql)
        if code is None:
            return True
        if self.control_may_fail and code in EXPECTED:
            self.counts[f"{code} at {sql.split()[0]}"] += 1
            self.session.ok("ROLLBACK")
            return False
        raise Failure(f"{self.label}: {sql} failed: {code} {message}")

    def statement(self, dml, in_block):
        """Runs one DML statement; False if it failed with an expected error
        (the block must then roll back)."""
        sql = dml.statement()
        code, message = self.session.run(sql)
        if code is None:
            self.counts["statements"] += 1
            return True
        if code in EXPECTED or (code == "25P02" and in_block):
            self.counts[code] += 1
            return False
        raise Failure(f"{self.label}: {sql}\n  failed: {code} {message}")

    def step(self):
        r = self.rng
        dml = Dml(r)
        kind = r.random()
        s = self.session
        if kind < 0.3:
            self.statement(dml, False)
            self.counts["autocommit"] += 1
            return
        if kind > 0.995 and self.truncates:
            # Now and then tags is truncated and refilled (one truncate
            # record: the views over it are recomputed), or that is undone.
            s.ok("BEGIN")
            code, message = s.run("TRUNCATE tags")
            if code in EXPECTED:
                self.counts[code] += 1
            elif code is not None:
                raise Failure(f"{self.label}: TRUNCATE tags\n  failed: {code} {message}")
            else:
                s.ok("INSERT INTO tags SELECT g % 6 + 1, (ARRAY['a','b','c',NULL])[g % 4 + 1] "
                     "FROM generate_series(1, 20) g")
            commit = code is None and r.random() < 0.6
            s.ok("COMMIT" if commit else "ROLLBACK")
            self.counts["truncate, committed" if commit else "truncate, rolled back"] += 1
            return
        s.ok("BEGIN" if r.random() < 0.8 else "BEGIN ISOLATION LEVEL REPEATABLE READ")
        good = all(self.statement(dml, True) for _ in range(r.randint(1, 5)))
        if good and kind < 0.55:
            # Changes undone by ROLLBACK TO must never reach a view.
            if not self.control("SAVEPOINT sp"):
                return
            for _ in range(r.randint(1, 4)):
                if not self.statement(dml, True):
                    break
            s.ok("ROLLBACK TO SAVEPOINT sp")
            if r.random() < 0.5:
                s.ok("RELEASE SAVEPOINT sp")
            good = all(self.statement(dml, True) for _ in range(r.randint(0, 2)))
            self.counts["savepoint"] += 1
        if good and kind < 0.85:
            if self.control("COMMIT"):
                self.counts["committed"] += 1
        else:
            s.ok("ROLLBACK")
            self.counts["rolled back"] += 1
        # (A pace at which most refreshes stay under the cost rule's
        # backlog threshold, so most run incrementally.)
        time.sleep(r.random() * 0.02)


class RefreshFailed(Exception):
    pass


class Refresher(Worker):
    def __init__(self, views, *args):
        super().__init__(*args)
        self.views = views
        self.strategies = collections.Counter()
        self.checks = 0
        # A REFRESH that fails is an error that should not happen (nothing
        # else writes these views); counted, the block rolled back, and the
        # run goes on so the views are still checked.
        self.refresh_errors = collections.Counter()
        self.refresh_error_examples = []
        self.own_id = 100000 * (int(self.label.split()[-1]) + 1) + self.rng.randrange(1000) * 10000

    def refresh_sql(self, name):
        if VIEW_KEYS[name] and self.rng.random() < 0.5:
            return f"REFRESH MATERIALIZED VIEW CONCURRENTLY {name}"
        return f"REFRESH MATERIALIZED VIEW {name}"

    def note_strategy(self, name):
        rows = self.session.ok(
            "SELECT s.strategy FROM basalt_matview_status s JOIN pg_class c ON c.oid = s.relid "
            f"WHERE c.relname = '{name}'")
        self.strategies[rows[0][0] if rows else "(no status row)"] += 1

    def refresh(self, sql, context):
        code, message = self.session.run(sql)
        if code is None:
            return
        self.refresh_errors[f"{code} {message} ({context})"] += 1
        if len(self.refresh_error_examples) < 2:
            self.refresh_error_examples.append(
                f"{self.label}: {sql}\n  failed: {code} {message}\n"
                f"  the connection's last statements:\n{self.session.history()}")
        raise RefreshFailed()

    def same_snapshot_check(self, name, refresh, why):
        """In the current REPEATABLE READ block: the refresh, then the view and
        its query read at the same snapshot."""
        self.refresh(refresh, "in a REPEATABLE READ block")
        stored = self.session.ok(f"SELECT * FROM {name}")
        fresh = self.session.ok(VIEW_QUERY[name])
        compare(name, stored, fresh, f"{self.label}: {why}")
        self.checks += 1

    def step(self):
        try:
            self.refresh_some_view()
        except RefreshFailed:
            self.session.ok("ROLLBACK")  # (outside a block: only a warning)

    def refresh_some_view(self):
        r = self.rng
        s = self.session
        name = r.choice(self.views)
        refresh = self.refresh_sql(name)
        kind = r.random()
        if kind < 0.4:
            self.refresh(refresh, "alone")
            self.counts["alone"] += 1
            self.note_strategy(name)
        elif kind < 0.65:
            s.ok("BEGIN ISOLATION LEVEL REPEATABLE READ")
            self.same_snapshot_check(name, refresh, f"{refresh}, in a REPEATABLE READ block")
            if r.random() < 0.7:
                s.ok("COMMIT")
                self.counts["checked, committed"] += 1
                self.note_strategy(name)
            else:
                s.ok("ROLLBACK")  # the refresh is undone; the next one redoes it
                self.counts["checked, rolled back"] += 1
        elif kind < 0.9:
            # The block's own changes are applied by its refresh. Rolled back,
            # no later refresh may find them; committed, no later refresh may
            # apply them again, and the block's changes after its refresh are
            # left for the next one. The rows get ids of their own, so no
            # other transaction's write conflicts with them.
            s.ok("BEGIN ISOLATION LEVEL REPEATABLE READ")
            dml = Dml(r)
            self.own_id += 1000
            own = self.own_id
            for _ in range(r.randint(1, 3)):
                row = dml.order_row()
                s.ok(f"INSERT INTO orders VALUES {row}, ({own}{row[row.index(','):]}")
                s.ok(f"INSERT INTO tags VALUES ({r.randint(1, 6)}, 'own'), (3, NULL)")
            sql = r.choice([f"UPDATE orders SET amount = amount + 1, flag = NOT flag "
                            f"WHERE id = {own}",
                            f"UPDATE orders SET cust = {r.randint(1, 12)} WHERE id = {own}",
                            f"DELETE FROM orders WHERE id = {own} AND amount < 50"])
            code, message = s.run(sql)
            if code == "40001":
                # A writer's "id = id + 1" moved a committed row onto this
                # id and changed it again after the block's snapshot.
                s.ok("ROLLBACK")
                self.counts["own changes, 40001"] += 1
                return
            if code is not None:
                raise Failure(f"{self.label}: {sql}\n  failed: {code} {message}")
            self.same_snapshot_check(name, refresh, f"{refresh} after the block's own changes")
            if r.random() < 0.5:
                s.ok("ROLLBACK")
                self.counts["own changes, rolled back"] += 1
            else:
                s.ok(f"INSERT INTO orders VALUES ({own}, 3, 12.50, NULL, 0.25)")
                s.ok(f"UPDATE orders SET weight = 1.75 WHERE id = {own}")
                s.ok("COMMIT")
                self.counts["own changes, committed"] += 1
        else:
            s.ok("BEGIN")
            s.ok("SAVEPOINT before_refresh")
            self.refresh(refresh, "in a READ COMMITTED block")
            s.ok("ROLLBACK TO SAVEPOINT before_refresh")
            s.ok("COMMIT")
            self.counts["undone by savepoint"] += 1
        time.sleep(r.random() * 0.02)


def start_load(port, seconds, seed, quiet_on_loss):
    stop = threading.Event()
    deadline = time.monotonic() + seconds
    threads = [Writer(port, f"writer {i}", seed * 100 + i, deadline, stop, quiet_on_loss)
               for i in range(WRITERS)]
    names = [name for name, _, _ in VIEWS]
    threads += [Refresher(names[i::REFRESHERS], port, f"refresher {i}", seed * 100 + 50 + i,
                          deadline, stop, quiet_on_loss) for i in range(REFRESHERS)]
    for t in threads:
        t.start()
    return threads, stop


def join_load(threads, seconds):
    limit = time.monotonic() + seconds + 120
    for t in threads:
        t.join(max(0.0, limit - time.monotonic()))
        if t.is_alive():
            raise Failure(f"{t.label} is stuck (a statement that never returns); its last "
                          f"statements:\n{t.session.history() if t.session else ''}")
    failures = [t.failure for t in threads if t.failure]
    errors = collections.Counter()
    for t in threads:
        if isinstance(t, Refresher) and t.refresh_errors:
            errors.update(t.refresh_errors)
            failures += t.refresh_error_examples
    if errors:
        failures.insert(0, "REFRESH failed where nothing else writes the view: " + "; ".join(
            f"{n} times {error}" for error, n in errors.most_common()))
    return failures


def grouped(strategies):
    """{"incremental": n, "full": n, "full, for example": a reason}"""
    out = collections.Counter()
    for strategy, n in strategies.items():
        out["incremental" if strategy == "incremental" else
            "full" if strategy.startswith("full") else strategy] += n
    out = dict(out)
    fulls = [s for s in strategies if s.startswith("full")]
    if fulls:
        out["full, for example"] = fulls[0]
    return out


def summary(threads):
    writes = collections.Counter()
    refreshes = collections.Counter()
    strategies = collections.Counter()
    checks = 0
    for t in threads:
        if isinstance(t, Refresher):
            refreshes.update(t.counts)
            strategies.update(t.strategies)
            checks += t.checks
        else:
            writes.update(t.counts)
    return writes, refreshes, strategies, checks


# --- the subcommands -------------------------------------------------------
def setup(port):
    s = Session(port, "setup")
    for sql in TABLES:
        s.ok(sql)
    dml = Dml(random.Random(SEED))
    s.ok("INSERT INTO orders VALUES " + ", ".join(dml.order_row() for _ in range(120)))
    s.ok("INSERT INTO custs SELECT g, 'c' || g % 7, "
         "(ARRAY['north','south','east','west'])[g % 4 + 1] "
         "FROM generate_series(1, 12) g")
    s.ok("INSERT INTO tags SELECT g % 6 + 1, (ARRAY['a','b','c',NULL])[g % 4 + 1] "
         "FROM generate_series(1, 30) g")
    for name, query, keys in VIEWS:
        s.ok(f"CREATE MATERIALIZED VIEW {name} WITH (refresh_mode = incremental) AS {query}")
        if keys:
            s.ok(f"CREATE UNIQUE INDEX {name}_key ON {name} ({', '.join(keys)})")
    return s


def check(port, label):
    """Refreshes every view (alternately plain and CONCURRENTLY) and compares
    it with its query, at one snapshot and then alone. Returns the strategies."""
    s = Session(port, label)
    strategies = collections.Counter()
    for i, (name, query, keys) in enumerate(VIEWS):
        refresh = (f"REFRESH MATERIALIZED VIEW {'CONCURRENTLY ' if keys and i % 2 else ''}{name}")
        s.ok("BEGIN ISOLATION LEVEL REPEATABLE READ")
        s.ok(refresh)
        compare(name, s.ok(f"SELECT * FROM {name}"), s.ok(query), f"{label}: {refresh}")
        s.ok("COMMIT")
        rows = s.ok("SELECT s.strategy FROM basalt_matview_status s JOIN pg_class c "
                    f"ON c.oid = s.relid WHERE c.relname = '{name}'")
        strategies[rows[0][0] if rows else "(no status row)"] += 1
        # Committed, read again by a new statement: the same rows, and a
        # second refresh with nothing new changes nothing.
        s.ok(f"REFRESH MATERIALIZED VIEW {name}")
        compare(name, s.ok(f"SELECT * FROM {name}"), s.ok(query),
                f"{label}: {refresh} committed, then refreshed again")
    return strategies


def run(port):
    started = time.monotonic()
    print(f"matview incremental concurrency: seed {SEED} (MATVIEW_IVM_SEED), "
          f"{SECONDS:g} s of load (MATVIEW_IVM_SECONDS), {WRITERS} writers, "
          f"{REFRESHERS} refreshers, {len(VIEWS)} views", flush=True)
    setup(port)
    threads, _ = start_load(port, SECONDS, SEED, quiet_on_loss=False)
    failures = join_load(threads, SECONDS)
    writes, refreshes, strategies, checks = summary(threads)
    print(f"  writes: {dict(writes)}")
    print(f"  refreshes: {dict(refreshes)}; {checks} same-snapshot checks passed")
    print(f"  strategies of committed refreshes during the load: {grouped(strategies)}",
          flush=True)
    if failures:
        raise Failure("\n".join(failures))
    final = check(port, "final refresh after the writers stopped")
    print(f"  strategies of the final refreshes: {dict(final)}")
    total = sum(strategies.values())
    incremental = strategies["incremental"]
    if total < 2 * len(VIEWS):
        raise Failure(f"only {total} committed refreshes during the load: the run is too short")
    # A refresh falls back only by the cost rule (a backlog past its
    # threshold: more of them on a slow build, whose refreshers fall behind
    # the writers) or after a TRUNCATE; most must run the delta rules.
    unexplained = {s: n for s, n in strategies.items()
                   if s != "incremental" and "changes, more than" not in s and "truncated" not in s}
    if unexplained:
        raise Failure(f"refreshes fell back for other reasons: {unexplained}")
    if incremental * 2 < total:
        raise Failure(f"only {incremental} of {total} refreshes ran incrementally: "
                      f"{grouped(strategies)}")
    if writes["committed"] + writes["autocommit"] < 100:
        raise Failure(f"only {writes['committed'] + writes['autocommit']} transactions committed")
    print(f"OK: {time.monotonic() - started:.1f} s")


def load(port, seconds):
    """For the crash test: runs until the time is up or the server is killed."""
    threads, _ = start_load(port, seconds, SEED, quiet_on_loss=True)
    failures = join_load(threads, seconds)
    if failures:
        raise Failure("\n".join(failures))
    writes, refreshes, strategies, checks = summary(threads)
    print(f"  load: {writes['committed'] + writes['autocommit']} transactions committed, "
          f"{sum(refreshes.values())} refreshes ({grouped(strategies)}), "
          f"{checks} same-snapshot checks",
          flush=True)


def main():
    command, port = sys.argv[1], int(sys.argv[2])
    try:
        if command == "run":
            run(port)
        elif command == "setup":
            setup(port)
        elif command == "load":
            load(port, float(sys.argv[3]))
        elif command == "check":
            strategies = check(port, sys.argv[3] if len(sys.argv) > 3 else "check")
            print(f"  every view equals its query after a refresh; strategies {dict(strategies)}",
                  flush=True)
        else:
            raise SystemExit(f"unknown subcommand {command}")
    except (Failure, ConnectionLost) as e:
        print(f"FAIL: {e}", file=sys.stderr)
        print(f"(seed {SEED}: MATVIEW_IVM_SEED)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
