"""Immediate materialized views under concurrent writers (issue 17).

The tables, rows, views and writers of matview_incremental_concurrency.py,
but every view WITH (refresh_mode = immediate) and no REFRESH: 8 writer
connections run random INSERT / UPDATE / DELETE (single statements, blocks
that COMMIT or ROLLBACK, SAVEPOINT and ROLLBACK TO),
while 2 checker connections, in REPEATABLE READ blocks, read a view and its
query at one snapshot (they must agree), sometimes after writes of their
own (the view must show them at once), then commit or roll back. Writers
may fail with 23505, 40001 and 40P01 and roll back. After the writers stop
every view must equal its query run fresh, and a REFRESH must change
nothing.

Subcommands (the shell script drives a kill -9 with them):
  run <port>             the whole test above (MATVIEW_IVM_SECONDS of load)
  setup <port>           tables, rows and views only
  load <port> <seconds>  writers and checkers until the time is up or the
                         server goes away
  check <port> <label>   every view compared with its query, no refresh
Environment: MATVIEW_IVM_SEED (default 17), MATVIEW_IVM_SECONDS (default 20).
"""
import os
import random
import sys
import time

import matview_incremental_concurrency as base

base.SEED = int(os.environ.get("MATVIEW_IVM_SEED", "17"))
# No TRUNCATE: as in PostgreSQL it is not MVCC-safe (a REPEATABLE READ
# reader whose snapshot predates it sees the table empty but a view
# recomputed from it full), so same-snapshot checks could not hold across
# it. matview_immediate_modes_test.sh and the differential test cover it.
base.Writer.truncates = False
base.Writer.control_may_fail = True
WRITERS = 8
CHECKERS = 2


class Checker(base.Worker):
    def __init__(self, *args):
        super().__init__(*args)
        self.checks = 0
        self.own_id = 200000 * (int(self.label.split()[-1]) + 1)

    def step(self):
        r = self.rng
        s = self.session
        name, query, _ = r.choice(base.VIEWS)
        s.ok("BEGIN ISOLATION LEVEL REPEATABLE READ")
        why = "at one REPEATABLE READ snapshot"
        if r.random() < 0.4:
            # Rows of the block's own, under ids no writer touches: the view
            # shows them in the block, and they stay or go with it.
            self.own_id += 10
            dml = base.Dml(r)
            row = dml.order_row()
            for sql in [f"INSERT INTO orders VALUES ({self.own_id}{row[row.index(','):]}",
                        f"INSERT INTO tags VALUES ({r.randint(1, 6)}, 'own')",
                        f"UPDATE orders SET amount = amount + 1, cust = {r.randint(1, 12)} "
                        f"WHERE id = {self.own_id}"]:
                code, message = s.run(sql)
                if code is None:
                    continue
                if code not in base.EXPECTED:
                    raise base.Failure(f"{self.label}: {sql}\n  failed: {code} {message}")
                s.ok("ROLLBACK")
                self.counts[code] += 1
                return
            why = "after the block's own writes"
        # Reading the view applies the block's own changes first, which may
        # fail as a write may.
        code, stored = s.run(f"SELECT * FROM {name}")
        if code is not None:
            if code not in base.EXPECTED:
                raise base.Failure(f"{self.label}: SELECT * FROM {name}\n  failed: {code} {stored}")
            s.ok("ROLLBACK")
            self.counts[code] += 1
            return
        base.compare(name, stored, s.ok(query), f"{self.label}: {why}")
        self.checks += 1
        commit = r.random() < 0.5
        code, message = s.run("COMMIT" if commit else "ROLLBACK")
        if code is not None and code not in base.EXPECTED:
            raise base.Failure(f"{self.label}: COMMIT failed: {code} {message}")
        self.counts["committed" if commit and code is None else "rolled back"] += 1
        time.sleep(r.random() * 0.01)


def setup(port):
    s = base.Session(port, "setup")
    for sql in base.TABLES:
        s.ok(sql)
    dml = base.Dml(random.Random(base.SEED))
    s.ok("INSERT INTO orders VALUES " + ", ".join(dml.order_row() for _ in range(120)))
    s.ok("INSERT INTO custs SELECT g, 'c' || g % 7, "
         "(ARRAY['north','south','east','west'])[g % 4 + 1] FROM generate_series(1, 12) g")
    s.ok("INSERT INTO tags SELECT g % 6 + 1, (ARRAY['a','b','c',NULL])[g % 4 + 1] "
         "FROM generate_series(1, 30) g")
    for name, query, keys in base.VIEWS:
        s.ok(f"CREATE MATERIALIZED VIEW {name} WITH (refresh_mode = immediate) AS {query}")
        if keys:
            s.ok(f"CREATE UNIQUE INDEX {name}_key ON {name} ({', '.join(keys)})")


def check(port, label):
    s = base.Session(port, label)
    for name, query, _ in base.VIEWS:
        base.compare(name, s.ok(f"SELECT * FROM {name}"), s.ok(query), label)
        s.ok(f"REFRESH MATERIALIZED VIEW {name}")
        base.compare(name, s.ok(f"SELECT * FROM {name}"), s.ok(query),
                     f"{label}, then REFRESH")


def start_load(port, seconds, quiet_on_loss):
    stop = base.threading.Event()
    deadline = time.monotonic() + seconds
    threads = [base.Writer(port, f"writer {i}", base.SEED * 100 + i, deadline, stop,
                           quiet_on_loss) for i in range(WRITERS)]
    threads += [Checker(port, f"checker {i}", base.SEED * 100 + 50 + i, deadline, stop,
                        quiet_on_loss) for i in range(CHECKERS)]
    for t in threads:
        t.start()
    return threads


def counts(threads):
    writes = base.collections.Counter()
    checks = 0
    for t in threads:
        if isinstance(t, Checker):
            checks += t.checks
        else:
            writes.update(t.counts)
    return writes, checks


def load(port, seconds, quiet_on_loss):
    threads = start_load(port, seconds, quiet_on_loss)
    failures = base.join_load(threads, seconds)
    writes, checks = counts(threads)
    print(f"  writes: {dict(writes)}; {checks} same-snapshot checks passed", flush=True)
    if failures:
        raise base.Failure("\n".join(failures))
    return writes


def main():
    command, port = sys.argv[1], int(sys.argv[2])
    try:
        if command == "run":
            started = time.monotonic()
            print(f"matview immediate concurrency: seed {base.SEED} (MATVIEW_IVM_SEED), "
                  f"{base.SECONDS:g} s of load (MATVIEW_IVM_SECONDS), {WRITERS} writers, "
                  f"{CHECKERS} checkers, {len(base.VIEWS)} views", flush=True)
            setup(port)
            writes = load(port, base.SECONDS, quiet_on_loss=False)
            # (A floor that shows the load ran; the ASan build commits far
            # fewer than the 300 or so of a release build.)
            if writes["committed"] + writes["autocommit"] < 40:
                raise base.Failure(f"only {writes['committed'] + writes['autocommit']} "
                                   "transactions committed")
            check(port, "after the writers stopped")
            print(f"OK: {time.monotonic() - started:.1f} s")
        elif command == "setup":
            setup(port)
        elif command == "load":
            load(port, float(sys.argv[3]), quiet_on_loss=True)
        elif command == "check":
            check(port, sys.argv[3] if len(sys.argv) > 3 else "check")
            print("  every view equals its query", flush=True)
        else:
            raise SystemExit(f"unknown subcommand {command}")
    except (base.Failure, base.ConnectionLost) as e:
        print(f"FAIL: {e}", file=sys.stderr)
        print(f"(seed {base.SEED}: MATVIEW_IVM_SEED)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
