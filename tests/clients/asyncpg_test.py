"""asyncpg (Debian's python3-asyncpg) over the extended query protocol.

asyncpg prepares every statement under a name, asks for results in binary and
sends parameters in binary. Covered: every type Basalt has, as values and as
the types asyncpg reports; parameterized queries; executemany; conn.prepare()
with fetch, fetchrow, fetchval and reuse; cursors (iterated with a prefetch,
and fetch(n) / forward(n), which sends MOVE FORWARD n on the protocol-level
portal); transactions committed and rolled back; a pool whose connections are
acquired and released many times (release sends SELECT
pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL;); errors with
their SQLSTATE.

Every step runs even when an earlier one failed, each on its own table, and
the failures are listed at the end. Run by asyncpg_test.sh against Basalt;
passes against PostgreSQL 15 too.
Usage: asyncpg_test.py <port> [step ...]"""
import asyncio
import datetime
import decimal
import hashlib
import json
import sys
import traceback
import uuid

import asyncpg

PORT = int(sys.argv[1])
CONNECT = dict(host="127.0.0.1", port=PORT, user="basalt", database="basalt")
UTC = datetime.timezone.utc


class Failure(Exception):
    pass


def check(actual, expected, what):
    if actual != expected or type(actual) is not type(expected):
        raise Failure(f"{what}: got {actual!r}, expected {expected!r}")


async def connect():
    return await asyncpg.connect(**CONNECT)


async def fresh_table(conn, name, columns):
    await conn.execute(f"drop table if exists {name}")
    await conn.execute(f"create table {name} ({columns})")


# --- steps -----------------------------------------------------------------

ROW_1 = (1, 7, 9000000000, 1.5, 2.25, decimal.Decimal("12.34"), "apple", "red", True,
         datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 45, 30, 123456),
         datetime.datetime(2024, 2, 29, 12, 0, tzinfo=UTC))
ROW_2 = (2, -7, -1, -0.25, 1e100, decimal.Decimal("-0.01"), "pear", "", False,
         datetime.date(1999, 12, 31), datetime.datetime(2000, 1, 1),
         datetime.datetime(1970, 1, 1, tzinfo=UTC))
TYPES_COLUMNS = ("id int4 primary key, s int2, b int8, r float4, d float8, n numeric(10,2), "
                 "t text, v varchar(20), f bool, dt date, ts timestamp, tz timestamptz")
TYPE_NAMES = ["int4", "int2", "int8", "float4", "float8", "numeric", "text", "varchar",
              "bool", "date", "timestamp", "timestamptz"]


async def step_types(conn):
    """Every Basalt type through binary parameters and binary results."""
    await fresh_table(conn, "apg_types", TYPES_COLUMNS)
    insert = "insert into apg_types values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)"
    check(await conn.execute(insert, *ROW_1), "INSERT 0 1", "insert status")
    check(await conn.execute(insert, *ROW_2), "INSERT 0 1", "insert status")
    await conn.execute("insert into apg_types (id) values (3)")
    rows = await conn.fetch("select * from apg_types order by id")
    check([tuple(r) for r in rows], [ROW_1, ROW_2, (3,) + (None,) * 11], "all types round trip")
    check(list(rows[0].keys()), ["id", "s", "b", "r", "d", "n", "t", "v", "f", "dt", "ts", "tz"],
          "column names")
    stmt = await conn.prepare("select * from apg_types where id = $1")
    check([a.type.name for a in stmt.get_attributes()], TYPE_NAMES, "result column types")
    check([t.name for t in stmt.get_parameters()], ["int4"], "parameter type")


async def step_parameters(conn):
    """Parameters in WHERE, UPDATE and DELETE; NULLs; the count in the tag."""
    await fresh_table(conn, "apg_params", "id int8 primary key, name text, price numeric(8,2)")
    for i in range(1, 11):
        await conn.execute("insert into apg_params values ($1, $2, $3)", i, f"item{i}",
                           decimal.Decimal(i) / 4)
    check(await conn.fetchval("select name from apg_params where id = $1", 4), "item4",
          "fetchval by key")
    rows = await conn.fetch(
        "select id, price from apg_params where id >= $1 and name <> $2 order by id desc limit $3",
        5, "item9", 3)
    check([tuple(r) for r in rows],
          [(10, decimal.Decimal("2.50")), (8, decimal.Decimal("2.00")),
           (7, decimal.Decimal("1.75"))], "range, <>, ORDER BY DESC, LIMIT $3")
    check(await conn.execute("update apg_params set name = $1 where id <= $2", None, 3),
          "UPDATE 3", "update status")
    check([r["id"] for r in await conn.fetch(
        "select id from apg_params where name is null order by id")], [1, 2, 3], "NULL written")
    check(await conn.execute("delete from apg_params where id > $1", 8), "DELETE 2",
          "delete status")
    check(await conn.fetchval("select $1::int4 + $2::int4", 40, 2), 42, "typed parameters")
    check(await conn.fetchval("select $1::text || 'x'", "ab"), "abx", "text parameter")
    check(await conn.fetchval("select $1::float8 * 2", 1.25), 2.5, "float8 parameter")
    check(await conn.fetchval("select $1::bool", False), False, "bool parameter")
    check(await conn.fetchrow("select id, name from apg_params where id = $1", 100), None,
          "fetchrow finding nothing")


async def step_executemany(conn):
    """executemany: many Bind/Execute of one statement before one Sync."""
    await fresh_table(conn, "apg_many", "id int4 primary key, v text, d date")
    base = datetime.date(2024, 1, 1)
    await conn.executemany("insert into apg_many values ($1, $2, $3)",
                           [(i, f"v{i}", base + datetime.timedelta(days=i)) for i in range(50)])
    rows = await conn.fetch("select id, v, d from apg_many where id % 10 = 0 order by id")
    check([tuple(r) for r in rows],
          [(i, f"v{i}", base + datetime.timedelta(days=i)) for i in range(0, 50, 10)],
          "executemany inserted every row")
    await conn.executemany("update apg_many set v = $2 where id = $1",
                           [(i, "changed") for i in range(0, 50, 2)])
    changed = [r["id"] for r in await conn.fetch(
        "select id from apg_many where v = 'changed' order by id")]
    check(changed, list(range(0, 50, 2)), "executemany updates")


async def step_prepared(conn):
    """conn.prepare(): one named statement run many times with fetch, fetchrow, fetchval."""
    await fresh_table(conn, "apg_prep", "id int4 primary key, name varchar(10), score float8")
    await conn.executemany("insert into apg_prep values ($1, $2, $3)",
                           [(i, f"n{i}", i * 0.5) for i in range(1, 21)])
    by_id = await conn.prepare("select name, score from apg_prep where id = $1")
    for i in range(1, 21):
        check(tuple(await by_id.fetchrow(i)), (f"n{i}", i * 0.5), f"prepared fetchrow({i})")
    check(await by_id.fetchval(7), "n7", "prepared fetchval")
    check(await by_id.fetchval(7, column=1), 3.5, "prepared fetchval column=1")
    check(await by_id.fetchrow(99), None, "prepared fetchrow finding nothing")
    upto = await conn.prepare("select id from apg_prep where id <= $1 order by id")
    check([r[0] for r in await upto.fetch(3)], [1, 2, 3], "prepared fetch")
    check([r[0] for r in await upto.fetch(5)], [1, 2, 3, 4, 5], "prepared fetch reused")
    insert = await conn.prepare("insert into apg_prep values ($1, $2, $3)")
    for i in range(21, 26):
        check(await insert.fetch(i, f"n{i}", 0.0), [], f"prepared insert {i}")
    check(len(await upto.fetch(100)), 25, "rows after prepared inserts")
    check([a.name for a in by_id.get_attributes()], ["name", "score"], "attribute names")


async def step_cursor_iterate(conn):
    """async for over conn.cursor(prefetch=N): Execute with a row limit, PortalSuspended."""
    await fresh_table(conn, "apg_cur", "id int4 primary key, v text")
    await conn.executemany("insert into apg_cur values ($1, $2)",
                           [(i, f"r{i}") for i in range(1, 101)])
    async with conn.transaction():
        seen = [(r["id"], r["v"]) async for r in
                conn.cursor("select id, v from apg_cur where id > $1 order by id", 10, prefetch=7)]
    check(seen, [(i, f"r{i}") for i in range(11, 101)], "cursor iteration with prefetch=7")
    async with conn.transaction():
        seen = [r[0] async for r in conn.cursor("select id from apg_cur order by id", prefetch=1)]
    check(seen, list(range(1, 101)), "cursor iteration with prefetch=1")


async def step_cursor_fetch(conn):
    """await conn.cursor(): fetch(n), fetchrow(), forward(n) (MOVE FORWARD n portal)."""
    await fresh_table(conn, "apg_cur2", "id int4 primary key, v text")
    await conn.executemany("insert into apg_cur2 values ($1, $2)",
                           [(i, f"r{i}") for i in range(1, 31)])
    async with conn.transaction():
        cur = await conn.cursor("select id from apg_cur2 where id <= $1 order by id", 25)
        check([r[0] for r in await cur.fetch(5)], [1, 2, 3, 4, 5], "cursor fetch(5)")
        check((await cur.fetchrow())[0], 6, "cursor fetchrow")
        check(await cur.forward(10), 10, "cursor forward(10) moved")
        check([r[0] for r in await cur.fetch(3)], [17, 18, 19], "fetch after forward")
        check(await cur.forward(100), 6, "forward past the end")
        check(await cur.fetch(5), [], "fetch at the end")
    # After an error in the transaction the portal yields no more rows (25P02).
    try:
        async with conn.transaction():
            cur = await conn.cursor("select id from apg_cur2 order by id")
            check([r[0] for r in await cur.fetch(2)], [1, 2], "fetch before the error")
            try:
                await conn.execute("select 1 / 0")
                raise Failure("1 / 0 raised nothing")
            except asyncpg.exceptions.DivisionByZeroError:
                pass
            await cur.fetch(2)
        raise Failure("a cursor went on fetching rows in an aborted transaction")
    except asyncpg.exceptions.InFailedSQLTransactionError:
        pass


async def step_transactions(conn):
    """conn.transaction(): commit, rollback on an exception, explicit start/rollback."""
    await fresh_table(conn, "apg_tx", "id int4 primary key, v int8")
    async with conn.transaction():
        await conn.execute("insert into apg_tx values ($1, $2)", 1, 100)
        await conn.execute("insert into apg_tx values ($1, $2)", 2, 200)
    try:
        async with conn.transaction():
            await conn.execute("update apg_tx set v = v - $1 where id = $2", 50, 1)
            check(await conn.fetchval("select v from apg_tx where id = 1"), 50,
                  "update seen inside its transaction")
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    check(await conn.fetchval("select v from apg_tx where id = 1"), 100, "rolled back")
    tr = conn.transaction(isolation="repeatable_read")
    await tr.start()
    await conn.execute("delete from apg_tx where id = $1", 2)
    await tr.rollback()
    tr = conn.transaction()
    await tr.start()
    await conn.execute("insert into apg_tx values ($1, $2)", 3, 300)
    check(conn.is_in_transaction(), True, "in a transaction")
    await tr.commit()
    check(conn.is_in_transaction(), False, "after commit")
    rows = await conn.fetch("select id, v from apg_tx order by id")
    check([tuple(r) for r in rows], [(1, 100), (2, 200), (3, 300)], "after commit and rollback")
    # Another connection sees only what was committed.
    other = await connect()
    try:
        async with conn.transaction():
            await conn.execute("insert into apg_tx values (4, 400)")
            check(len(await other.fetch("select id from apg_tx")), 3, "uncommitted row hidden")
        check(len(await other.fetch("select id from apg_tx")), 4, "committed row visible")
    finally:
        await other.close()


async def step_pool(conn):
    """asyncpg.create_pool: acquire/release many times (each release resets the session)."""
    await fresh_table(conn, "apg_pool", "id int4 primary key, worker int4")
    pool = await asyncpg.create_pool(**CONNECT, min_size=2, max_size=4)
    try:
        async def work(worker):
            for j in range(10):
                async with pool.acquire() as c:
                    key = worker * 100 + j
                    await c.execute("insert into apg_pool values ($1, $2)", key, worker)
                    check(await c.fetchval("select worker from apg_pool where id = $1", key),
                          worker, "read back on the pooled connection")
        await asyncio.gather(*(work(w) for w in range(8)))
        check(await pool.fetchval("select id from apg_pool where id = $1", 705), 705,
              "pool.fetchval")
    finally:
        await pool.close()
    # A setting changed on a pooled connection is reset when it is released
    # (a pool of one, so the second acquire gets the same server session).
    async with asyncpg.create_pool(**CONNECT, min_size=1, max_size=1) as pool:
        async with pool.acquire() as c:
            await c.execute("set application_name = 'dirty'")
            pid = c.get_server_pid()
        async with pool.acquire() as c:
            check(c.get_server_pid(), pid, "the same pooled session")
            check(await c.fetchval("show application_name"), "", "RESET ALL on release")
    rows = await conn.fetch("select id, worker from apg_pool order by id")
    check(len(rows), 80, "rows from the pool")
    check(sorted({r["worker"] for r in rows}), list(range(8)), "every worker wrote")


async def step_errors(conn):
    """Errors arrive as asyncpg's exception classes with SQLSTATE; the session goes on."""
    await fresh_table(conn, "apg_err", "id int4 primary key, v text")
    await conn.execute("insert into apg_err values ($1, $2)", 1, "one")
    cases = [
        ("insert into apg_err values ($1, $2)", (1, "dup"),
         asyncpg.exceptions.UniqueViolationError, "23505"),
        ("select * from apg_missing where id = $1", (1,),
         asyncpg.exceptions.UndefinedTableError, "42P01"),
        ("select nope from apg_err", (), asyncpg.exceptions.UndefinedColumnError, "42703"),
        ("select 1 / $1::int4", (0,), asyncpg.exceptions.DivisionByZeroError, "22012"),
        ("selec 1", (), asyncpg.exceptions.PostgresSyntaxError, "42601"),
        ("insert into apg_err values (2, $1)", (None,), None, None),
        ("update apg_err set id = null where id = $1", (2,),
         asyncpg.exceptions.NotNullViolationError, "23502"),
    ]
    for sql, args, exc, sqlstate in cases:
        try:
            await conn.execute(sql, *args)
        except asyncpg.PostgresError as e:
            if exc is None or type(e) is not exc or e.sqlstate != sqlstate:
                raise Failure(f"{sql}: got {type(e).__name__} {e.sqlstate} {e}, "
                              f"expected {exc and exc.__name__} {sqlstate}")
            continue
        if exc is not None:
            raise Failure(f"{sql}: no error, expected {exc.__name__} {sqlstate}")
    # An error inside a transaction aborts it until ROLLBACK.
    try:
        async with conn.transaction():
            await conn.execute("insert into apg_err values ($1, $2)", 3, "three")
            try:
                await conn.execute("insert into apg_err values ($1, $2)", 1, "dup")
            except asyncpg.exceptions.UniqueViolationError:
                pass
            await conn.fetch("select 1")
        raise Failure("a statement after an error in a transaction succeeded")
    except asyncpg.exceptions.InFailedSQLTransactionError as e:
        check(e.sqlstate, "25P02", "in failed transaction")
    check([r[0] for r in await conn.fetch("select id from apg_err order by id")], [1, 2],
          "rolled-back insert gone")


async def step_timetz(conn):
    """timetz in binary: datetime.time with a fixed tzinfo both ways, ordered
    by the UTC-equivalent time; its text form."""
    await fresh_table(conn, "apg_clocks", "id int primary key, t timetz")
    plus2 = datetime.timezone(datetime.timedelta(hours=2))
    minus530 = datetime.timezone(-datetime.timedelta(hours=5, minutes=30))
    morning = datetime.time(10, 0, 0, 500000, tzinfo=plus2)
    early = datetime.time(1, 2, 3, tzinfo=minus530)
    await conn.executemany("insert into apg_clocks values ($1, $2)", [(1, morning), (2, early)])
    rows = await conn.fetch("select id, t from apg_clocks order by t")
    check([(r[0], r[1], r[1].utcoffset()) for r in rows],
          [(2, early, early.utcoffset()), (1, morning, morning.utcoffset())],
          "timetz round trip, ordered by the UTC-equivalent time")
    check(await conn.fetchval("select id from apg_clocks where t = $1", early), 2,
          "timetz parameter in WHERE")
    check(await conn.fetchval("select t::text from apg_clocks where id = 1"), "10:00:00.5+02",
          "timetz text form")


async def step_uuid_bytea(conn):
    """uuid and bytea in binary: uuid.UUID and bytes both ways, as keys and in
    results; their text forms; 22P02 from the server's uuid input."""
    await fresh_table(conn, "apg_blobs", "id uuid primary key, data bytea, note text")
    first = uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
    second = uuid.UUID("00000000-0000-0000-0000-0000000000ff")
    blob = bytes(range(256)) + b"\x00tail"
    await conn.executemany("insert into apg_blobs values ($1, $2, $3)",
                           [(first, blob, "all bytes"), (second, b"", "empty")])
    await conn.execute("insert into apg_blobs (id) values ($1)",
                       uuid.UUID("ffffffff-ffff-ffff-ffff-ffffffffffff"))
    rows = await conn.fetch("select id, data from apg_blobs order by id")
    check([tuple(r) for r in rows],
          [(second, b""), (first, blob), (uuid.UUID("ffffffff-ffff-ffff-ffff-ffffffffffff"), None)],
          "uuid and bytea round trip, ordered by uuid")
    check(await conn.fetchval("select note from apg_blobs where id = $1", first), "all bytes",
          "uuid parameter in WHERE")
    # asyncpg's uuids are a subclass of uuid.UUID.
    found = await conn.fetchval("select id from apg_blobs where data = $1", b"")
    check((isinstance(found, uuid.UUID), str(found)), (True, str(second)),
          "bytea parameter in WHERE")
    check(await conn.fetchval("select id::text from apg_blobs where id = $1", second),
          "00000000-0000-0000-0000-0000000000ff", "uuid text form")
    check(await conn.fetchval("select data::text from apg_blobs where id = $1", first),
          "\\x" + blob.hex(), "bytea hex text form")
    check(await conn.fetchval("select sha256($1::bytea)", b"abc"),
          hashlib.sha256(b"abc").digest(), "sha256 of a bytea parameter")
    check(await conn.fetchval("select length($1::bytea) + get_byte($1::bytea, 1)", b"\x01\x02"),
          4, "bytea functions over a parameter")
    generated = await conn.fetchval("select gen_random_uuid()")
    check((isinstance(generated, uuid.UUID), generated.version), (True, 4),
          "gen_random_uuid() is a v4 uuid")
    stmt = await conn.prepare("select id, data from apg_blobs where id = $1")
    check([a.type.name for a in stmt.get_attributes()], ["uuid", "bytea"], "result column types")
    check([t.name for t in stmt.get_parameters()], ["uuid"], "parameter type")
    try:
        await conn.fetchval("select 'not-a-uuid'::uuid")
        raise Failure("bad uuid accepted")
    except asyncpg.InvalidTextRepresentationError as e:
        check(e.sqlstate, "22P02", "bad uuid SQLSTATE")
        check(str(e), 'invalid input syntax for type uuid: "not-a-uuid"', "bad uuid message")


async def step_json(conn):
    """json and jsonb: asyncpg sends and reads them as strings (jsonb in its
    binary form, a version byte then the text); a codec set with
    set_type_codec turns them into Python values; 22P02 from bad input."""
    await fresh_table(conn, "apg_docs", "id int primary key, j json, b jsonb")
    await conn.execute("insert into apg_docs values ($1, $2, $3)", 1,
                       '{"b": 1,  "a": [1, 2]}', '{"b": 1,  "a": [1, 2]}')
    check(tuple(await conn.fetchrow("select j, b from apg_docs where id = 1")),
          ('{"b": 1,  "a": [1, 2]}', '{"a": [1, 2], "b": 1}'),
          "json kept verbatim, jsonb normalized")
    check(await conn.fetchval("select b -> 'a' ->> 1 from apg_docs where b @> $1", '{"b": 1}'),
          "2", "jsonb operators with a jsonb parameter")
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads,
                              schema="pg_catalog")
    await conn.set_type_codec("json", encoder=json.dumps, decoder=json.loads,
                              schema="pg_catalog")
    doc = {"name": "ann", "tags": ["x", None], "n": 2.5, "ok": True}
    await conn.execute("insert into apg_docs values (2, $1, $2)", doc, doc)
    check(tuple(await conn.fetchrow("select j, b from apg_docs where id = 2")), (doc, doc),
          "json and jsonb through a codec")
    check(await conn.fetchval("select jsonb_agg(b order by id) from apg_docs"),
          [{"a": [1, 2], "b": 1}, doc], "jsonb_agg")
    try:
        await conn.fetchval("select '{bad'::jsonb")
        raise Failure("bad jsonb accepted")
    except asyncpg.InvalidTextRepresentationError as e:
        check(e.sqlstate, "22P02", "bad jsonb SQLSTATE")
        check((str(e).splitlines()[0], e.detail), ("invalid input syntax for type json",
                                                   'Token "bad" is invalid.'),
              "bad jsonb message")


async def step_arrays(conn):
    """Array columns of several element types in binary both ways: lists
    with NULL elements and empty lists, as parameters and results, the
    element types asyncpg reports, = ANY over an array parameter."""
    await fresh_table(conn, "apg_arrays",
                      "id int primary key, ints bigint[], amounts numeric(6,2)[], "
                      "names varchar(5)[], days date[], at timestamptz[], ids uuid[], "
                      "flags boolean[], ratios float8[]")
    day = datetime.date(2024, 2, 29)
    at = datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=UTC)
    key = uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
    row = (1, [1, None, -9223372036854775808], [decimal.Decimal("1.50"), None],
           ["ann", None, ""], [day, None], [at], [key, None], [True, None, False], [1.5, None])
    await conn.execute("insert into apg_arrays values ($1, $2, $3, $4, $5, $6, $7, $8, $9)", *row)
    await conn.execute("insert into apg_arrays values (2, $1, $2, $3, $4, $5, $6, $7, $8)",
                       [], [], [], [], [], [], [], [])
    check(tuple(await conn.fetchrow("select * from apg_arrays where id = 1")), row,
          "arrays round trip in binary")
    check(tuple(await conn.fetchrow("select * from apg_arrays where id = 2")),
          (2, [], [], [], [], [], [], [], []), "empty arrays")
    check(await conn.fetchval("select amounts::text from apg_arrays where id = 1"),
          "{1.50,NULL}", "numeric(6,2)[] text form")
    check(await conn.fetchval("select id from apg_arrays where 'ann' = any(names) and "
                              "$1::bigint = any(ints)", 1), 1, "= ANY over array columns")
    check(await conn.fetchval("select count(*) from apg_arrays where id = any($1::int[])",
                              [1, 2, 3]), 2, "= ANY over an array parameter")
    stmt = await conn.prepare("select ints, amounts, names, days, at, ids, flags, ratios "
                              "from apg_arrays")
    check([a.type.name for a in stmt.get_attributes()],
          ["int8[]", "numeric[]", "varchar[]", "date[]", "timestamptz[]", "uuid[]", "bool[]",
           "float8[]"], "array result column types")
    check(await conn.fetchval("select array_agg(amounts[1] order by id) from apg_arrays"),
          [decimal.Decimal("1.50"), None], "array_agg of numeric")


async def step_records(conn):
    """Row values in binary (record_send): each field with its own type,
    NULL fields, nested rows and whole-row references."""
    await fresh_table(conn, "apg_records", "id int, name text, amount numeric(6,2)")
    await conn.execute("insert into apg_records values (1, 'a b', 1.50), (2, NULL, NULL)")
    check(tuple(await conn.fetchval("select row(1, 'x', null::int, 2.5::float8, "
                                     "date '2024-02-29')")),
          (1, "x", None, 2.5, datetime.date(2024, 2, 29)), "a row of several types")
    check(await conn.fetchval("select row(1, row(2, 'y'))"), (1, (2, "y")), "a nested row")
    check([tuple(r["apg_records"]) for r in
           await conn.fetch("select apg_records from apg_records order by id")],
          [(1, "a b", decimal.Decimal("1.50")), (2, None, None)], "whole-row references")
    stmt = await conn.prepare("select (id, name) as r from apg_records")
    check([a.type.name for a in stmt.get_attributes()], ["record"], "the record type")


STEPS = [step_types, step_timetz, step_uuid_bytea, step_json, step_arrays, step_records, step_parameters, step_executemany, step_prepared, step_cursor_iterate,
         step_cursor_fetch, step_transactions, step_pool, step_errors]


async def main():
    wanted = sys.argv[2:]
    passed, failed = 0, []
    for step in STEPS:
        name = step.__name__[len("step_"):]
        if wanted and name not in wanted:
            continue
        conn = None
        try:
            conn = await connect()
            await step(conn)
            passed += 1
            print(f"ok   {name}")
        except Exception as e:  # every failure is reported, the next step still runs
            failed.append(name)
            kind = "" if isinstance(e, Failure) else f"{type(e).__name__}: "
            detail = getattr(e, "sqlstate", None)
            print(f"FAIL {name}: {kind}{e}" + (f" (SQLSTATE {detail})" if detail else ""))
            if not isinstance(e, (Failure, asyncpg.PostgresError)):
                traceback.print_exc(limit=-3)
        finally:
            if conn is not None and not conn.is_closed():
                conn.terminate()
    print(f"asyncpg: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


sys.exit(asyncio.run(main()))
