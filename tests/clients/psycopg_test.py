"""psycopg 3 over the extended query protocol: parameterized queries with
text parameters (%t), psycopg's default (%s: binary numbers) and binary ones
(%b), binary results (binary cursors), unnamed and named (prepare=True, and
past prepare_threshold) statements,
executemany and pipeline mode, NULLs,
transactions spanning several statements, an error and the session after it,
server-side cursors (named, scrollable, WITH HOLD: DECLARE with $n, FETCH),
uuid, bytea and timetz both ways in text and binary (timetz through
psycopg2's text path too); json and jsonb through
psycopg's Json / Jsonb wrappers, in text and binary.
Run by psycopg_test.sh against Basalt; passes against PostgreSQL 15 too.
Usage: psycopg_test.py <port>"""
import sys
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import psycopg
from psycopg import errors
from psycopg.types.json import Json, Jsonb

conninfo = f"host=127.0.0.1 port={sys.argv[1]} user=basalt dbname=basalt"


def check(actual, expected, what):
    if actual != expected:
        sys.exit(f"FAIL {what}: got {actual!r}, expected {expected!r}")


with psycopg.connect(conninfo, autocommit=True) as conn:
    cur = conn.cursor()
    cur.execute("drop table if exists items")
    cur.execute("create table items (id int primary key, name text, price numeric(8,2))")
    for row in [(1, "apple", "1.50"), (2, "pear", "2.25"), (3, None, None)]:
        cur.execute("insert into items values (%t, %t, %t)", row, prepare=False)
        check(cur.rowcount, 1, "insert rowcount")

    cur.execute("select name from items where id = %t", (2,), prepare=False)
    check(cur.fetchall(), [("pear",)], "select by id")
    cur.execute("select id, name from items where id >= %t order by id", (2,), prepare=False)
    check(cur.fetchall(), [(2, "pear"), (3, None)], "range with NULL result")
    cur.execute("select id from items where name = %t", ("apple",), prepare=False)
    check(cur.fetchall(), [(1,)], "a text parameter")
    cur.execute("select %t::int + %t::int", (40, 2), prepare=False)
    check(cur.fetchone(), (42,), "explicitly typed parameters")
    check([d.name for d in cur.description], ["?column?"], "column name")

    # psycopg's default placeholders send numbers and booleans in binary.
    cur.execute("select id, name from items where id = %s and %s", (1, True), prepare=False)
    check(cur.fetchall(), [(1, "apple")], "binary int and bool parameters")
    cur.execute("select %s::float8 * 2, %s || 'x'", (1.25, "ab"), prepare=False)
    check(cur.fetchone(), (2.5, "abx"), "binary float, text str")

    # Binary cursors ask for every result column in binary; %b sends
    # parameters in binary whatever their type.
    bcur = conn.cursor(binary=True)
    bcur.execute("select id, name, price from items where id <= %b order by id", (2,))
    check(bcur.fetchall(), [(1, "apple", Decimal("1.50")), (2, "pear", Decimal("2.25"))],
          "binary results from a table")
    values = (date(1999, 12, 31), datetime(2024, 1, 31, 12, 34, 56, 789000), Decimal("-12.340"),
              Decimal("123456789012345678901234567890.12345678"), 0.1, False, 1234567890123,
              date(1, 1, 1))
    bcur.execute("select %b, %b, %b, %b, %b::float8, %b, %b::int8, %b, '{1,NULL,3}'::int[], "
                 "null::int, 'h\u00e9'::text", values)
    check(bcur.fetchone(), values + ([1, None, 3], None, "h\u00e9"),
          "binary date, timestamp, numeric, float, bool, int8 and int[] both ways")
    check([d.type_code for d in bcur.description][:3], [1082, 1114, 1700], "binary column types")
    cur.execute("select %b::text, %b::text", (Decimal("0.00"), date(2000, 1, 1)), prepare=False)
    check(cur.fetchone(), ("0.00", "2000-01-01"), "binary parameters, text results")

    # numeric past 38 digits, at scale 16383, NaN and the infinities, both
    # ways in binary and text, and through a table.
    big = Decimal("9" * 1000)
    tiny = Decimal("1e-16383")
    fraction = Decimal("-0." + "0123456789" * 100)
    specials = (Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"))
    numerics = (big, tiny, fraction, Decimal("123456789012345678901234567890123456789.5"))
    bcur.execute("select %b, %b, %b, %b, %b::numeric, %b::numeric, %b::numeric",
                 numerics + specials)
    row = bcur.fetchone()
    check(row[:4], numerics, "binary big numerics both ways")
    check(row[4].is_nan(), True, "binary numeric NaN both ways")
    check(row[5:], specials[1:], "binary numeric infinities both ways")
    cur.execute("select %t::numeric + 1, %t::numeric::text, 'nan'::numeric, '-inf'::numeric",
                (big, tiny), prepare=False)
    row = cur.fetchone()
    check(row[0], Decimal("1" + "0" * 1000), "text big numeric result")
    check(row[1], "0." + "0" * 16382 + "1", "numeric at scale 16383 as text")
    check((row[2].is_nan(), row[3]), (True, Decimal("-Infinity")), "text numeric NaN, -Infinity")
    cur.execute("create table big_numerics (id int primary key, v numeric)")
    cur.executemany("insert into big_numerics values (%b, %b)",
                    list(enumerate(numerics + specials)))
    bcur.execute("select v from big_numerics order by v")
    got = [r[0] for r in bcur.fetchall()]
    check(got[:5], [specials[2], fraction, tiny, numerics[3], big], "big numerics ordered")
    check((got[5], got[6].is_nan()), (specials[1], True), "Infinity, then NaN last")
    cur.execute("drop table big_numerics")

    # uuid and bytea: uuid.UUID and bytes, as text (%t) and binary (%b)
    # parameters and in text and binary results.
    cur.execute("create table blobs (id uuid primary key, data bytea)")
    blob = bytes(range(256))
    key = UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
    cur.execute("insert into blobs values (%t, %t)", (key, blob), prepare=False)
    cur.execute("insert into blobs values (%b, %b)", (UUID(int=1), b"\x00\\x"), prepare=False)
    for label, c in (("text", cur), ("binary", bcur)):
        c.execute("select id, data from blobs order by id")
        check(c.fetchall(), [(UUID(int=1), b"\x00\\x"), (key, blob)],
              f"uuid and bytea in {label} results")
        check([d.type_code for d in c.description], [2950, 17], f"{label} uuid and bytea OIDs")
    bcur.execute("select data from blobs where id = %b", (key,))
    check(bcur.fetchone(), (blob,), "binary uuid parameter")
    cur.execute("select id::text, data::text from blobs where data = %b", (b"\x00\\x",),
                prepare=False)
    check(cur.fetchone(), ("00000000-0000-0000-0000-000000000001", "\\x005c78"),
          "text forms of uuid and bytea")

    # timetz: datetime.time with a fixed tzinfo, as text (%t) and binary (%b)
    # parameters and in text and binary results, ordered by the UTC time.
    cur.execute("create table clocks (id int primary key, t timetz)")
    morning = time(10, 0, 0, 500000, tzinfo=timezone(timedelta(hours=2)))
    early = time(1, 2, 3, tzinfo=timezone(-timedelta(hours=5, minutes=30)))
    cur.execute("insert into clocks values (1, %t)", (morning,), prepare=False)
    cur.execute("insert into clocks values (2, %b)", (early,), prepare=False)
    for label, c in (("text", cur), ("binary", bcur)):
        c.execute("select id, t from clocks order by t")
        got = c.fetchall()
        check([(i, t, t.utcoffset()) for i, t in got],
              [(2, early, early.utcoffset()), (1, morning, morning.utcoffset())],
              f"timetz in {label} results")
        check([d.type_code for d in c.description], [23, 1266], f"{label} timetz OID")
    cur.execute("select t::text from clocks order by id", prepare=False)
    check(cur.fetchall(), [("10:00:00.5+02",), ("01:02:03-05:30",)], "timetz text form")
    cur.execute("drop table clocks")

    # json and jsonb: dicts and lists through Json / Jsonb, as text (%t) and
    # binary (%b) parameters (jsonb's binary form is a version byte and the
    # text) and in text and binary results.
    cur.execute("create table docs (id int primary key, j json, b jsonb)")
    doc = {"name": "ann", "tags": ["a", "b"], "n": 1.5, "nested": {"x": None}}
    cur.execute("insert into docs values (1, %t, %t)", (Json(doc), Jsonb(doc)), prepare=False)
    cur.execute("insert into docs values (2, %b, %b)", (Json([1, "x"]), Jsonb({"k": True})),
                prepare=False)
    for label, c in (("text", cur), ("binary", bcur)):
        c.execute("select j, b from docs order by id")
        check(c.fetchall(), [(doc, doc), ([1, "x"], {"k": True})], f"json and jsonb in {label}")
        check([d.type_code for d in c.description], [114, 3802], f"{label} json and jsonb OIDs")
    cur.execute("select b ->> 'name', b @> %t, j -> 'tags' ->> 1 from docs where id = 1",
                (Jsonb({"tags": ["b"]}),), prepare=False)
    check(cur.fetchone(), ("ann", True, "b"), "json operators with a jsonb parameter")

    # A statement without parameters goes through Parse/Bind/Execute too.
    cur.execute("select id from items order by id", prepare=False)
    check(cur.fetchall(), [(1,), (2,), (3,)], "no parameters")

    # Named statements: psycopg prepares on request and reuses them.
    for i in range(3):
        cur.execute("select name from items where id = %t", (1,), prepare=True)
        check(cur.fetchone(), ("apple",), f"prepared statement, run {i}")

    # executemany and pipeline mode: many Parse/Bind/Execute, one Sync.
    cur.execute("create table many (id int primary key, v text)")
    cur.executemany("insert into many values (%s, %s)", [(i, f"v{i}") for i in range(20)])
    check(cur.rowcount, 20, "executemany rowcount")
    # Past psycopg's prepare_threshold (5) it prepares the statement itself.
    for i in range(8):
        check(conn.execute("select v from many where id = %s", (i,)).fetchone(), (f"v{i}",),
              f"auto-prepared, run {i}")
    with conn.pipeline():
        c1 = conn.execute("select v from many where id = %s", (3,))
        c2 = conn.execute("update many set v = %s where id = %s", ("x", 4))
    check((c1.fetchone(), c2.rowcount), (("v3",), 1), "pipeline")
    try:
        with conn.pipeline():
            conn.execute("select 1/0")
            conn.execute("update many set v = 'lost' where id = 4")
        sys.exit("FAIL: an error in a pipeline raised nothing")
    except errors.DivisionByZero:
        pass
    check(conn.execute("select v from many where id = 4").fetchone(), ("x",),
          "a pipeline skips to Sync after an error")

    cur.execute("update items set price = %t where id = %t", ("9.99", 3), prepare=False)
    check(cur.rowcount, 1, "update rowcount")
    cur.execute("select price from items where id = %t", (3,), prepare=False)
    check(str(cur.fetchone()[0]), "9.99", "updated price")

    # An error: the session goes on.
    try:
        cur.execute("select name from items where id = %t", ("not a number",), prepare=False)
        sys.exit("FAIL: a bad parameter raised nothing")
    except errors.InvalidTextRepresentation:
        pass
    cur.execute("select 1", prepare=False)
    check(cur.fetchone(), (1,), "after an error")

# Without autocommit: psycopg opens a block with BEGIN; a rollback undoes
# what was inserted through the extended protocol, a commit keeps it.
with psycopg.connect(conninfo) as conn:
    cur = conn.cursor()
    cur.execute("insert into items values (%t, %t, %t)", (10, "kiwi", "3.00"), prepare=False)
    conn.rollback()
    cur.execute("insert into items values (%t, %t, %t)", (11, "plum", "4.00"), prepare=False)
    conn.commit()
    cur.execute("select id from items where id >= %t order by id", (10,), prepare=False)
    check(cur.fetchall(), [(11,)], "rollback and commit")
    try:
        cur.execute("insert into items values (%t, %t, %t)", (11, "dup", None), prepare=False)
        sys.exit("FAIL: a duplicate key raised nothing")
    except errors.UniqueViolation:
        conn.rollback()
    cur.execute("select name from items where id = %t", (11,), prepare=False)
    check(cur.fetchone(), ("plum",), "after a failed block")
    conn.commit()

# Server-side cursors: psycopg declares them with $n parameters
# (DECLARE ... CURSOR FOR ... $1) and fetches through the extended protocol,
# where Describe of FETCH gives the cursor's columns.
with psycopg.connect(conninfo) as conn:
    conn.execute("drop table if exists sc")
    conn.execute("create table sc (id int primary key, v text)")
    conn.execute("insert into sc values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')")
    with conn.cursor(name="named") as cur:
        cur.itersize = 2
        cur.execute("select id, v from sc where id > %s order by id", (1,))
        check(cur.fetchone(), (2, "b"), "server-side cursor fetchone")
        check(cur.fetchmany(2), [(3, "c"), (4, "d")], "server-side cursor fetchmany")
        check(cur.fetchall(), [(5, "e")], "server-side cursor fetchall")
        check([d.name for d in cur.description], ["id", "v"], "server-side cursor columns")
    with conn.cursor(name="scrolly", scrollable=True) as cur:
        cur.execute("select id from sc order by id")
        check(cur.fetchmany(3), [(1,), (2,), (3,)], "scrollable cursor")
        cur.scroll(-2)
        check(cur.fetchone(), (2,), "scroll back")
        cur.scroll(0, mode="absolute")
        check(cur.fetchone(), (1,), "scroll absolute")
    with conn.cursor(name="held", withhold=True) as cur:
        cur.execute("select id from sc where id <= %s order by id", (3,))
        conn.commit()
        check(list(cur), [(1,), (2,), (3,)], "WITH HOLD cursor after commit")
    conn.execute("drop table sc")
    conn.commit()

# psycopg2 (text format only, client-side parameter interpolation): timetz
# values out as datetime.time with a fixed tzinfo and back in as literals.
import psycopg2  # noqa: E402

with psycopg2.connect(conninfo) as conn2:
    conn2.autocommit = True
    cur2 = conn2.cursor()
    cur2.execute("drop table if exists clocks2")
    cur2.execute("create table clocks2 (id int primary key, t timetz)")
    morning = time(10, 0, 0, 500000, tzinfo=timezone(timedelta(hours=2)))
    early = time(1, 2, 3, tzinfo=timezone(-timedelta(hours=5, minutes=30)))
    cur2.execute("insert into clocks2 values (1, %s), (2, %s)", (morning, early))
    cur2.execute("select id, t from clocks2 order by t")
    got = cur2.fetchall()
    check([(i, t, t.utcoffset()) for i, t in got],
          [(2, early, early.utcoffset()), (1, morning, morning.utcoffset())],
          "psycopg2 timetz round trip")
    cur2.execute("select t from clocks2 where t = %s", (early,))
    check(cur2.fetchone()[0].utcoffset(), early.utcoffset(), "psycopg2 timetz parameter")
    cur2.execute("drop table clocks2")

# Cancel from another thread (issue 8): a pg_sleep(30) ends with 57014
# within a second of the cancel, and the connection goes on.
import threading  # noqa: E402
import time as clock  # noqa: E402

with psycopg2.connect(conninfo) as sleeper:
    outcome = {}

    def sleep_until_cancelled():
        try:
            with sleeper.cursor() as cur3:
                cur3.execute("select pg_sleep(30)")
        except psycopg2.Error as e:
            outcome["code"] = e.pgcode
            outcome["ended"] = clock.monotonic()

    worker = threading.Thread(target=sleep_until_cancelled)
    worker.start()
    clock.sleep(0.5)
    cancelled = clock.monotonic()
    sleeper.cancel()
    worker.join(10)
    check(outcome.get("code"), "57014", "cancel's SQLSTATE")
    check(outcome["ended"] - cancelled < 1.0, True, "cancel within a second")
    sleeper.rollback()
    with sleeper.cursor() as cur3:
        cur3.execute("select 1")
        check(cur3.fetchone()[0], 1, "the connection after a cancel")

print("psycopg: OK")
