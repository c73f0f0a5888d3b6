"""Randomized differential test of materialized views (issue 15).

The same statements go to Basalt and to a throwaway PostgreSQL 15: base
tables with NULLs and duplicate rows, materialized views of every shape
(filter/project, inner/left/right/full joins, semi and anti joins from
[NOT] EXISTS and IN, GROUP BY with each aggregate,
DISTINCT, UNION ALL, a view over a view), then rounds of random INSERT /
UPDATE / DELETE batches, each followed by a full or concurrent refresh of a
random view, sometimes inside a transaction block that commits or rolls
back. After every refresh the view's rows (a multiset, as both servers print
them) must equal its defining query run fresh on Basalt and PostgreSQL's
view refreshed the same way; every statement must succeed or fail the same
way (SQLSTATE) and report the same row count on both.

With MATVIEW_DIFF_MODE=immediate (issue 17) the covered views are created
WITH (refresh_mode = immediate), the others as plain views, and after
writes (inside blocks too, and after ROLLBACK TO SAVEPOINT) each immediate
view is checked against its query run fresh on both servers.

With MATVIEW_DIFF_MODE=incremental (issue 16) Basalt's views are created
WITH (refresh_mode = auto): the shapes the delta rules cover refresh
incrementally (plain and CONCURRENTLY), the others fully, and the rounds
also TRUNCATE base tables now and then. PostgreSQL's views are the same
plain ones, so every incremental refresh is checked against a full one.

With MATVIEW_DIFF_WORK_MEM (say 64kB) Basalt's session runs with that
work_mem: an incremental refresh whose backlog's rows take more reads the
change log in chunks, or refreshes fully when the view needs them whole.

Usage: matview_differential.py <basalt port> <postgres port>
Environment: MATVIEW_DIFF_SEED (default 15), MATVIEW_DIFF_ROUNDS (default 300),
MATVIEW_DIFF_MODE (full, incremental or immediate), MATVIEW_DIFF_WORK_MEM.
"""
import os
import random
import sys
import time

import psycopg2
import psycopg2.extensions

SEED = int(os.environ.get("MATVIEW_DIFF_SEED", "15"))
ROUNDS = int(os.environ.get("MATVIEW_DIFF_ROUNDS", "300"))
MODE = os.environ.get("MATVIEW_DIFF_MODE", "full")
INCREMENTAL = MODE in ("incremental", "immediate")
# Immediate mode (issue 17): the covered views are maintained inside each
# writing transaction, so after every write they must equal their query run
# fresh, in the block and after it, on Basalt and on PostgreSQL.
IMMEDIATE = MODE == "immediate"
# The views the delta rules cover: in incremental mode their refreshes must
# have run incrementally (basalt_matview_status), not fallen back.
INCREMENTAL_VIEWS = {"mv_filter", "mv_project", "mv_inner", "mv_by_cust", "mv_by_region",
                     "mv_distinct", "mv_custs", "mv_tags", "mv_tag_counts", "mv_self",
                     "mv_three", "mv_having", "mv_global", "mv_union", "mv_big_custs",
                     "mv_left", "mv_full", "mv_right", "mv_left_chain", "mv_full_where",
                     "mv_left_groups", "mv_semi", "mv_anti", "mv_in", "mv_exists_any",
                     "mv_self_left", "mv_eight", "mv_eight_groups"}

# Every value comes back as the text the server printed, so numeric scales
# (10.50, avg's 16 digits) and booleans are compared as printed.
_AS_TEXT = psycopg2.extensions.new_type(
    (16, 20, 21, 23, 25, 700, 701, 1043, 1700), "AS_TEXT", lambda value, cursor: value)

TABLES = """
CREATE TABLE orders (id int, cust int, amount numeric(10,2), flag bool);
CREATE TABLE custs (id int PRIMARY KEY, name text, region text);
CREATE TABLE tags (k int, v text);
"""

# (name, defining query, unique index columns or None). Only columns that are
# really unique in the query's result carry a unique index (GROUP BY keys,
# DISTINCT rows, a primary key), so every view must equal its query even on
# PostgreSQL, whose CONCURRENTLY collapses duplicates that match a stored row.
# Views without one are bags, refreshed in full only. Listed in dependency
# order: mv_big_custs reads mv_by_cust.
VIEWS = [
    ("mv_filter", "SELECT id, cust, amount, flag FROM orders WHERE amount > 40 OR flag", None),
    ("mv_project",
     "SELECT id, amount * 2 AS doubled, coalesce(cust, -1) AS cust, NOT flag AS unflag "
     "FROM orders", None),
    ("mv_inner",
     "SELECT o.id, o.amount, c.name, c.region FROM orders o JOIN custs c ON o.cust = c.id", None),
    ("mv_left",
     "SELECT c.id AS cid, c.name, o.id AS oid, o.amount "
     "FROM custs c LEFT JOIN orders o ON o.cust = c.id", None),
    ("mv_full",
     "SELECT o.id AS oid, o.cust, c.id AS cid, c.region "
     "FROM orders o FULL JOIN custs c ON o.cust = c.id", None),
    ("mv_by_cust",
     "SELECT cust, count(*) AS n, count(amount) AS n_amount, sum(amount) AS total, "
     "avg(amount) AS mean, min(amount) AS lo, max(amount) AS hi, "
     "bool_and(flag) AS all_flag, bool_or(flag) AS any_flag FROM orders GROUP BY cust",
     ["cust"]),
    ("mv_by_region",
     "SELECT c.region, count(*) AS n, count(o.flag) AS n_flag, sum(o.amount) AS total, "
     "max(o.id) AS max_id, min(c.name) AS first_name "
     "FROM orders o JOIN custs c ON o.cust = c.id GROUP BY c.region",
     ["region"]),
    ("mv_distinct", "SELECT DISTINCT cust, flag FROM orders", ["cust", "flag"]),
    ("mv_union",
     "SELECT id, cust AS k, 'order' AS src FROM orders WHERE flag "
     "UNION ALL SELECT id, id, region FROM custs "
     "UNION ALL SELECT k, k, v FROM tags", None),
    ("mv_custs", "SELECT id, name, region FROM custs", ["id"]),
    ("mv_tags", "SELECT k, v FROM tags", None),
    ("mv_tag_counts",
     "SELECT k, count(*) AS n, count(v) AS nv, min(v) AS lo, max(v) AS hi FROM tags GROUP BY k",
     ["k"]),
    ("mv_big_custs",
     "SELECT cust, n, total, all_flag FROM mv_by_cust WHERE n > 1", ["cust"]),
    ("mv_self",
     "SELECT a.id AS a_id, b.id AS b_id, a.cust, b.amount FROM orders a "
     "JOIN orders b ON a.cust = b.cust AND a.id < b.id WHERE a.id % 4 = 0", None),
    ("mv_three",
     "SELECT o.id, c.name, t.v, o.amount FROM orders o JOIN custs c ON o.cust = c.id "
     "JOIN tags t ON t.k = c.id % 5", None),
    ("mv_having",
     "SELECT c.region, count(*) AS n, sum(o.amount) AS total, avg(o.amount) AS mean "
     "FROM orders o, custs c WHERE o.cust = c.id GROUP BY c.region HAVING count(*) > 3",
     ["region"]),
    # Outer, semi and anti joins (rows moving between matched and
    # NULL-extended, groups over them, uncorrelated EXISTS and IN).
    ("mv_right",
     "SELECT o.id AS oid, o.amount, c.id AS cid, c.name "
     "FROM orders o RIGHT JOIN custs c ON o.cust = c.id AND o.flag", None),
    ("mv_left_chain",
     "SELECT o.id, o.cust, c.name, t.v FROM orders o LEFT JOIN custs c ON o.cust = c.id "
     "LEFT JOIN tags t ON t.k = o.cust", None),
    ("mv_full_where",
     "SELECT t.k, t.v, c.id AS cid, c.region FROM tags t FULL JOIN custs c ON t.k = c.id "
     "WHERE c.region IS DISTINCT FROM 'east'", None),
    ("mv_left_groups",
     "SELECT c.region, count(*) AS n, count(o.id) AS n_orders, sum(o.amount) AS total, "
     "max(o.amount) AS hi FROM custs c LEFT JOIN orders o ON o.cust = c.id GROUP BY c.region",
     ["region"]),
    ("mv_semi",
     "SELECT c.id, c.name FROM custs c "
     "WHERE EXISTS (SELECT 1 FROM orders o WHERE o.cust = c.id AND o.amount > 20)", ["id"]),
    ("mv_anti",
     "SELECT id, cust, amount FROM orders o "
     "WHERE NOT EXISTS (SELECT 1 FROM custs c WHERE c.id = o.cust AND c.region = 'north')", None),
    ("mv_in",
     "SELECT id, amount FROM orders WHERE cust IN (SELECT k FROM tags WHERE v <> 'a')", None),
    ("mv_exists_any",
     "SELECT k, v FROM tags WHERE EXISTS (SELECT 1 FROM orders WHERE flag AND amount > 90)", None),
    ("mv_self_left",
     "SELECT a.id AS a_id, b.id AS b_id, b.amount FROM orders a "
     "LEFT JOIN orders b ON a.cust = b.cust AND a.id < b.id AND b.flag", None),
    # Eight references to three tables, inner joins only: when every table
    # changed, JoinDelta follows the joins in place of 255 delta terms.
    ("mv_eight",
     "SELECT o1.id, o1.amount, c1.name, t1.v, c2.region, o2.id AS id2, t2.v AS v2, "
     "c3.name AS name3, o3.amount AS amount3 FROM orders o1 "
     "JOIN custs c1 ON c1.id = o1.cust JOIN tags t1 ON t1.k = c1.id % 5 + 1 AND t1.v = 'a' "
     "JOIN custs c2 ON c2.region = c1.region AND c2.id <= c1.id "
     "JOIN orders o2 ON o2.cust = c2.id AND o2.flag AND o2.id % 8 = o1.id % 8 "
     "JOIN tags t2 ON t2.k = o2.id % 5 + 1 AND t2.v = 'b' JOIN custs c3 ON c3.id = o2.cust "
     "JOIN orders o3 ON o3.id = o1.id AND o3.cust = o1.cust", None),
    ("mv_eight_groups",
     "SELECT c1.region, count(*) AS n, sum(o1.amount) AS total, max(o2.id) AS hi, "
     "min(t2.v) AS lo FROM orders o1 JOIN custs c1 ON c1.id = o1.cust "
     "JOIN tags t1 ON t1.k = c1.id % 5 + 1 AND t1.v = 'a' "
     "JOIN custs c2 ON c2.region = c1.region AND c2.id <= c1.id "
     "JOIN orders o2 ON o2.cust = c2.id AND o2.flag AND o2.id % 8 = o1.id % 8 "
     "JOIN tags t2 ON t2.k = o2.id % 5 + 1 AND t2.v = 'b' JOIN custs c3 ON c3.id = o2.cust "
     "JOIN orders o3 ON o3.id = o1.id AND o3.cust = o1.cust GROUP BY c1.region", ["region"]),
    ("mv_global",
     "SELECT count(*) AS n, sum(amount) AS total, min(amount) AS lo, max(id) AS hi, "
     "bool_or(flag) AS any_flag FROM orders", None),
]
VIEW_QUERY = {name: query for name, query, _ in VIEWS}
VIEW_KEYS = {name: keys for name, _, keys in VIEWS}


class Mismatch(Exception):
    pass


class Server:
    def __init__(self, label, port):
        self.label = label
        self.conn = psycopg2.connect(host="127.0.0.1", port=port, user="basalt",
                                     dbname="basalt", connect_timeout=10)
        self.conn.autocommit = True
        self.seconds = 0.0  # spent in statements
        psycopg2.extensions.register_type(_AS_TEXT, self.conn)

    def run(self, sql):
        """(SQLSTATE or None, row count, rows or None)."""
        cur = self.conn.cursor()
        started = time.monotonic()
        try:
            cur.execute(sql)
            rows = cur.fetchall() if cur.description is not None else None
            return None, cur.rowcount, rows
        except psycopg2.Error as e:
            return e.pgcode or "?????", -1, str(e).strip()
        finally:
            cur.close()
            self.seconds += time.monotonic() - started


def sort_key(row):
    return tuple((v is None, "" if v is None else v) for v in row)


class Differential:
    def __init__(self, basalt_port, pg_port):
        self.rng = random.Random(SEED)
        self.basalt = Server("basalt", basalt_port)
        work_mem = os.environ.get("MATVIEW_DIFF_WORK_MEM")
        if work_mem:
            code, _, error = self.basalt.run(f"SET work_mem = '{work_mem}'")
            if code is not None:
                raise SystemExit(f"SET work_mem failed: {error}")
        self.pg = Server("postgres", pg_port)
        self.log = []  # the statements sent, for the failure report
        self.in_block = False
        self.checks = 0
        self.columns = {}  # view name -> its column names
        self.refreshes = {"full": 0, "concurrent": 0, "no data": 0, "rolled back": 0,
                          "undone by savepoint": 0}

    def both(self, sql, expect_ok=False, basalt_sql=None):
        """Runs sql on both servers (basalt_sql instead on Basalt if given);
        they must agree on the outcome."""
        self.log.append(basalt_sql or sql)
        b = self.basalt.run(basalt_sql or sql)
        p = self.pg.run(sql)
        if b[0] != p[0]:
            raise Mismatch(f"outcome differs for: {sql}\n  basalt:   {b[0]} {b[2] if b[0] else ''}"
                           f"\n  postgres: {p[0]} {p[2] if p[0] else ''}")
        if b[0] is None and b[1] != p[1]:
            raise Mismatch(f"row count differs for: {sql}\n  basalt {b[1]}, postgres {p[1]}")
        if expect_ok and b[0] is not None:
            raise Mismatch(f"failed on both servers: {sql}\n  {b[2]}")
        return b

    def rows(self, server, sql):
        code, _, rows = server.run(sql)
        if code is not None:
            return code
        return sorted(rows, key=sort_key)

    def check_view(self, name, why, fresh=True):
        """The view's stored rows = its query run fresh (unless the view may
        be stale: fresh False) = PostgreSQL's view."""
        names = self.columns[name]
        ncols = len(names)
        order = ", ".join(str(i) for i in range(1, ncols + 1))
        stored = self.rows(self.basalt, f"SELECT * FROM {name} ORDER BY {order}")
        # An immediate view is always current: PostgreSQL's query, not its
        # (stale) view, is the reference.
        reference = self.rows(self.pg, f"SELECT * FROM ({current_query(name)}) q ORDER BY {order}"
                              if is_immediate(name) else f"SELECT * FROM {name} ORDER BY {order}")
        if isinstance(stored, str) or isinstance(reference, str):
            # Unpopulated (55000) on both, or a real difference.
            if stored != reference:
                raise Mismatch(f"{name} ({why}): basalt {stored!r}, postgres {reference!r}")
            return
        if fresh:
            rerun = self.rows(self.basalt, f"SELECT * FROM ({VIEW_QUERY[name]}) q ORDER BY {order}")
            if stored != rerun:
                raise Mismatch(f"{name} ({why}): stored rows differ from its query run fresh\n"
                               + diff_text(stored, rerun, "stored", "fresh"))
        if stored != reference:
            raise Mismatch(f"{name} ({why}): rows differ from PostgreSQL's view\n"
                           + diff_text(stored, reference, "basalt", "postgres"))
        # A lookup through the unique index gives the same rows too.
        keys = VIEW_KEYS[name]
        if keys and stored:
            row = self.rng.choice(stored)
            cond = " AND ".join(
                f"{k} IS NULL" if row[names.index(k)] is None
                else f"{k} = {literal(row[names.index(k)])}" for k in keys)
            sql = f"SELECT * FROM {name} WHERE {cond} ORDER BY {order}"
            b = self.rows(self.basalt, sql)
            p = self.rows(self.pg, sql.replace(f"FROM {name} ", f"FROM ({current_query(name)}) q ")
                          if is_immediate(name) else sql)
            if b != p:
                raise Mismatch(f"{name}: lookup differs: {sql}\n  basalt {b}\n  postgres {p}")
        self.checks += 1

    # --- random data -------------------------------------------------------
    def maybe_null(self, value, p=0.15):
        return "NULL" if self.rng.random() < p else value

    def order_row(self):
        r = self.rng
        return "({}, {}, {}, {})".format(
            r.randint(1, 40), self.maybe_null(str(r.randint(1, 10))),
            self.maybe_null(f"{r.randint(0, 9999) / 100:.2f}"),
            self.maybe_null(r.choice(["true", "false"])))

    def dml(self):
        r = self.rng
        kind = r.randrange(10)
        if kind < 3:
            rows = [self.order_row() for _ in range(r.randint(1, 6))]
            if r.random() < 0.3:  # an exact duplicate of a row in the batch
                rows.append(rows[0])
            return f"INSERT INTO orders VALUES {', '.join(rows)}"
        if kind == 3:
            sets = r.choice([
                f"amount = {self.maybe_null(str(r.randint(0, 9999) / 100))}",
                f"flag = {self.maybe_null(r.choice(['true', 'false']))}",
                f"cust = {self.maybe_null(str(r.randint(1, 10)))}",
                "amount = amount + 1, flag = NOT flag",
            ])
            where = r.choice([f"id = {r.randint(1, 40)}", f"cust = {r.randint(1, 10)}",
                              "cust IS NULL", f"id % 7 = {r.randrange(7)}"])
            return f"UPDATE orders SET {sets} WHERE {where}"
        if kind == 4:
            where = r.choice([f"id = {r.randint(1, 40)}", f"cust = {r.randint(1, 10)}",
                              "amount IS NULL", f"amount < {r.randint(0, 30)}"])
            return f"DELETE FROM orders WHERE {where}"
        if kind == 5:
            # custs has a primary key: a taken id fails with 23505 on both.
            cid = r.randint(1, 12)
            return "INSERT INTO custs VALUES ({}, {}, {})".format(
                cid, self.maybe_null(f"'c{r.randint(1, 9)}'"),
                self.maybe_null(r.choice(["'north'", "'south'", "'east'", "'west'"])))
        if kind == 6:
            region = self.maybe_null(r.choice(["'north'", "'south'", "'east'"]))
            sets = r.choice([f"region = {region}", f"name = 'n{r.randint(1, 9)}'"])
            return f"UPDATE custs SET {sets} WHERE id % 3 = {r.randrange(3)}"
        if kind == 7:
            return f"DELETE FROM custs WHERE id = {r.randint(1, 12)}"
        if INCREMENTAL and r.random() < 0.03:
            return f"TRUNCATE {r.choice(['orders', 'custs', 'tags'])}"
        if kind == 8:
            rows = ["({}, {})".format(r.randint(1, 5), self.maybe_null(r.choice(["'a'", "'b'", "'c'"]), 0.25))
                    for _ in range(r.randint(1, 4))]
            return f"INSERT INTO tags VALUES {', '.join(rows)}"
        return r.choice([f"DELETE FROM tags WHERE k = {r.randint(1, 5)}",
                         f"UPDATE tags SET v = 'd' WHERE k = {r.randint(1, 5)} AND v IS NULL",
                         f"UPDATE tags SET k = k + 1 WHERE v = '{r.choice('abc')}'"])

    def refresh_statement(self, name):
        r = self.rng
        # (WITH NO DATA would leave an immediate view unpopulated beside a
        # query that never is.)
        if r.random() < 0.04 and not is_immediate(name):
            self.refreshes["no data"] += 1
            return f"REFRESH MATERIALIZED VIEW {name} WITH NO DATA"
        if VIEW_KEYS[name] and r.random() < 0.6:
            self.refreshes["concurrent"] += 1
            return f"REFRESH MATERIALIZED VIEW CONCURRENTLY {name}"
        self.refreshes["full"] += 1
        return f"REFRESH MATERIALIZED VIEW {name}"

    # --- the run -----------------------------------------------------------
    def setup(self):
        for stmt in TABLES.strip().splitlines():
            self.both(stmt, expect_ok=True)
        for _ in range(30):
            self.both(self.dml())
        for name, query, keys in VIEWS:
            create = f"CREATE MATERIALIZED VIEW {name} AS {query}"
            mode = ("immediate" if is_immediate(name) else "full") if IMMEDIATE else "auto"
            self.both(create, expect_ok=True,
                      basalt_sql=create.replace(" AS ", f" WITH (refresh_mode = {mode}) AS ", 1)
                      if INCREMENTAL else None)
            if keys:
                self.both(f"CREATE UNIQUE INDEX {name}_key ON {name} ({', '.join(keys)})",
                          expect_ok=True)
            cur = self.basalt.conn.cursor()
            cur.execute(f"SELECT * FROM {name} LIMIT 0")
            self.columns[name] = [d.name for d in cur.description]
            cur.close()
            self.check_view(name, "created")

    def round(self, number):
        r = self.rng
        name = r.choice(VIEWS)[0]
        block = r.random() < 0.2
        rollback = block and r.random() < 0.35
        if block:
            # REPEATABLE READ fills the new relation through the transaction
            # (relation_fill.cc), READ COMMITTED in bulk.
            self.both(r.choice(["BEGIN", "BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ"]),
                      expect_ok=True)
        failed = False  # a failed statement in the block: the rest fails (25P02)
        for _ in range(r.randint(1, 8)):
            undo_write = IMMEDIATE and block and r.random() < 0.15
            if undo_write:
                self.both("SAVEPOINT before_write")
            failed |= self.both(self.dml())[0] is not None and block
            if IMMEDIATE and r.random() < 0.4:
                view = r.choice(sorted(INCREMENTAL_VIEWS))
                self.check_view(view, f"round {number}, after a write"
                                + (" in a block" if block else ""))
            if undo_write and self.both("ROLLBACK TO SAVEPOINT before_write")[0] is None:
                failed = False  # the failed write, if any, is undone
                view = r.choice(sorted(INCREMENTAL_VIEWS))
                self.check_view(view, f"round {number}, after ROLLBACK TO SAVEPOINT")
        refresh = self.refresh_statement(name)
        # Sometimes the refresh alone is undone by ROLLBACK TO SAVEPOINT.
        undo = block and r.random() < 0.25
        if undo:
            self.both("SAVEPOINT before_refresh")
        refreshed = self.both(refresh)[0] is None
        if undo:
            self.both("ROLLBACK TO SAVEPOINT before_refresh")
            self.refreshes["undone by savepoint"] += 1
            refreshed = False
        if block:
            # (Not after WITH NO DATA: reading the view would fail the block.)
            if (refreshed or undo) and "NO DATA" not in refresh and r.random() < 0.5:
                # Inside the block the refreshing session sees its new rows.
                self.check_view(name, f"round {number}, in the block after {refresh}"
                                + (" and ROLLBACK TO SAVEPOINT" if undo else ""),
                                fresh=refreshed)
            if rollback:
                self.refreshes["rolled back"] += 1
            self.both("ROLLBACK" if rollback else "COMMIT")
        self.check_view(name, f"round {number}, after {refresh}"
                        + (" and ROLLBACK" if rollback else ""),
                        fresh=refreshed and not rollback and not failed)
        if number % 25 == 0:
            for other, _, _ in VIEWS:
                self.check_view(other, f"round {number}, every view", fresh=False)

    def check_incremental_strategy(self):
        """Each covered view's last refresh (after a round of changes) ran
        the delta rules; the others refreshed fully."""
        self.both("INSERT INTO tags VALUES (1, 'z')", expect_ok=True)
        self.both("UPDATE orders SET amount = amount + 1 WHERE id % 5 = 0", expect_ok=True)
        self.both("UPDATE custs SET name = name || 'x' WHERE id = 2", expect_ok=True)
        for name, _, _ in VIEWS:
            self.both(f"REFRESH MATERIALIZED VIEW {name}", expect_ok=True)
            self.check_view(name, "strategy check")
            code, _, rows = self.basalt.run(
                "SELECT s.strategy FROM basalt_matview_status s JOIN pg_class c ON c.oid = s.relid "
                f"WHERE c.relname = '{name}'")
            strategy = rows[0][0] if code is None and rows else repr(rows)
            expected = "incremental" if name in INCREMENTAL_VIEWS else "full"
            if not strategy.startswith(expected):
                raise Mismatch(f"{name}: last refresh's strategy {strategy!r}, expected {expected}")

    def run(self):
        started = time.monotonic()
        print(f"matview differential ({MODE} mode): seed "
              f"{SEED} (MATVIEW_DIFF_SEED), {ROUNDS} rounds (MATVIEW_DIFF_ROUNDS)", flush=True)
        try:
            self.setup()
            for number in range(1, ROUNDS + 1):
                self.round(number)
                if number % 250 == 0:
                    print(f"  round {number}: {self.basalt.seconds:.1f} s in Basalt, "
                          f"{self.pg.seconds:.1f} s in PostgreSQL", flush=True)
            for name, _, _ in VIEWS:
                self.both(f"REFRESH MATERIALIZED VIEW {name}", expect_ok=True)
                self.check_view(name, "final full refresh")
            if INCREMENTAL and not IMMEDIATE:
                self.check_incremental_strategy()
        except Mismatch as e:
            print("FAIL:", e, file=sys.stderr)
            print(f"seed {SEED}; the last statements sent to both servers:", file=sys.stderr)
            for sql in self.log[-25:]:
                print("  ", sql + ";", file=sys.stderr)
            dump = os.environ.get("MATVIEW_DIFF_DUMP")
            if dump:  # every statement, to replay with psql
                with open(dump, "w") as f:
                    f.writelines(sql + ";\n" for sql in self.log)
                print(f"all {len(self.log)} statements written to {dump}", file=sys.stderr)
            return 1
        print(f"OK: {self.checks} view checks, refreshes {self.refreshes}, "
              f"{len(self.log)} statements, {time.monotonic() - started:.1f} s "
              f"({self.basalt.seconds:.1f} s in Basalt, {self.pg.seconds:.1f} s in PostgreSQL)")
        return 0


def is_immediate(name):
    return IMMEDIATE and name in INCREMENTAL_VIEWS


def current_query(name):
    """The view's query with the views it reads replaced by their queries:
    what an immediate view over immediate views equals."""
    query = VIEW_QUERY[name]
    for other in VIEW_QUERY:
        if f"FROM {other} " in query + " ":
            query = (query + " ").replace(f"FROM {other} ",
                                          f"FROM ({current_query(other)}) {other} ").rstrip()
    return query


def literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def diff_text(a, b, label_a, label_b):
    from collections import Counter
    ca, cb = Counter(a), Counter(b)
    only_a = list((ca - cb).elements())
    only_b = list((cb - ca).elements())
    return (f"  only in {label_a} ({len(only_a)}): {only_a[:10]}\n"
            f"  only in {label_b} ({len(only_b)}): {only_b[:10]}")


if __name__ == "__main__":
    sys.exit(Differential(int(sys.argv[1]), int(sys.argv[2])).run())
