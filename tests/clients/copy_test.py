"""COPY through three drivers: psycopg2's copy_expert in and out (text, and
CSV with HEADER), psycopg 3's binary COPY in and out (cursor.copy), asyncpg's
copy_records_to_table (binary COPY FROM STDIN) and copy_from_query (COPY
(query) TO STDOUT), a COPY with a bad row (nothing kept, the CONTEXT line),
a client that gives up (CopyFail), COPY in the extended protocol.
Run by copy_test.sh against Basalt; passes against PostgreSQL 15 too.
Usage: copy_test.py <port> [step...]"""
import asyncio
import io
import sys
from datetime import date
from decimal import Decimal
from uuid import UUID

port = sys.argv[1]
only = set(sys.argv[2:])
dsn = f"host=127.0.0.1 port={port} user=basalt dbname=basalt"
passed, failed = 0, 0


def check(actual, expected, what):
    if actual != expected:
        raise AssertionError(f"{what}: got {actual!r}, expected {expected!r}")


def step(function):
    global passed, failed
    if only and function.__name__ not in only:
        return function
    try:
        function()
        passed += 1
    except Exception as e:  # every step runs; the summary says what failed
        failed += 1
        print(f"FAIL {function.__name__}: {type(e).__name__}: {e}")
    return function


def psycopg2_connect():
    import psycopg2
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    return conn


@step
def psycopg2_text_in_and_out():
    conn = psycopg2_connect()
    cur = conn.cursor()
    cur.execute("drop table if exists copy_p2")
    cur.execute("create table copy_p2 (id int, name text, price numeric(8,2))")
    data = "1\tapple\t1.50\n2\t\\N\t2.25\n3\ttab\\there\t-3\n"
    cur.copy_expert("COPY copy_p2 FROM STDIN", io.StringIO(data))
    check(cur.rowcount, 3, "COPY FROM row count")
    cur.execute("select id, name, price from copy_p2 order by id")
    check(cur.fetchall(), [(1, "apple", Decimal("1.50")), (2, None, Decimal("2.25")),
                           (3, "tab\there", Decimal("-3.00"))], "rows loaded")
    out = io.StringIO()
    cur.copy_expert("COPY copy_p2 TO STDOUT", out)
    check(out.getvalue(), "1\tapple\t1.50\n2\t\\N\t2.25\n3\ttab\\there\t-3.00\n", "text out")
    conn.close()


@step
def uuid_bytea_through_psycopg2_and_copy():
    """psycopg2 (text results: uuid as str, bytea as memoryview), then COPY
    text, CSV and binary (psycopg 3) of uuid and bytea columns both ways."""
    import psycopg
    import psycopg2
    conn = psycopg2_connect()
    cur = conn.cursor()
    cur.execute("drop table if exists copy_blobs")
    cur.execute("create table copy_blobs (id uuid primary key, data bytea)")
    key = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
    cur.execute("insert into copy_blobs values (%s, %s)", (key, psycopg2.Binary(b"\x00\xff\\")))
    cur.execute("select id, data from copy_blobs")
    row = cur.fetchone()
    check((type(row[0]), row[0]), (str, key), "psycopg2 reads uuid as str")
    check((type(row[1]), bytes(row[1])), (memoryview, b"\x00\xff\\"),
          "psycopg2 reads bytea as memoryview")
    out = io.StringIO()
    cur.copy_expert("COPY copy_blobs TO STDOUT", out)
    check(out.getvalue(), key + "\t\\\\x00ff5c\n", "COPY text out")
    cur.execute("truncate copy_blobs")
    data = ("A0EEBC999C0B4EF8BB6D6BB9BD380A11\t\\\\x0102\n"
            "{00000000-0000-0000-0000-000000000001}\tab\\\\\\\\c\n"
            "00000000-0000-0000-0000-000000000002\t\\N\n")
    cur.copy_expert("COPY copy_blobs FROM STDIN", io.StringIO(data))
    out = io.StringIO()
    cur.copy_expert("COPY (SELECT * FROM copy_blobs ORDER BY id) TO STDOUT (FORMAT csv)", out)
    check(out.getvalue(), "00000000-0000-0000-0000-000000000001,\\x61625c63\n"
          "00000000-0000-0000-0000-000000000002,\n"
          "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,\\x0102\n", "COPY CSV out")
    cur.execute("truncate copy_blobs")
    cur.copy_expert("COPY copy_blobs FROM STDIN (FORMAT csv)",
                    io.StringIO(key + ",\\xcafe\n00000000-0000-0000-0000-00000000000a,\n"))
    cur.execute("select id, data from copy_blobs order by id")
    check([(i, d if d is None else bytes(d)) for i, d in cur.fetchall()],
          [("00000000-0000-0000-0000-00000000000a", None), (key, b"\xca\xfe")], "CSV in")
    conn.close()
    with psycopg.connect(dsn, autocommit=True) as conn3:
        cur3 = conn3.cursor()
        cur3.execute("truncate copy_blobs")
        rows = [(UUID(int=7), bytes(range(256))), (UUID(key), None)]
        with cur3.copy("COPY copy_blobs FROM STDIN (FORMAT binary)") as copy:
            copy.set_types(["uuid", "bytea"])
            for r in rows:
                copy.write_row(r)
        with cur3.copy("COPY copy_blobs TO STDOUT (FORMAT binary)") as copy:
            copy.set_types(["uuid", "bytea"])
            check(sorted(copy.rows()), sorted(rows), "binary COPY out")


@step
def json_through_psycopg2_and_copy():
    """psycopg2 (json and jsonb parsed into Python values, Json parameters),
    then COPY text, CSV and binary (psycopg 3) of json and jsonb columns."""
    import psycopg
    import psycopg2
    from psycopg2.extras import Json
    from psycopg.types.json import Json as Json3, Jsonb as Jsonb3
    conn = psycopg2_connect()
    cur = conn.cursor()
    cur.execute("drop table if exists copy_docs")
    cur.execute("create table copy_docs (id int primary key, j json, b jsonb)")
    doc = {"k": [1, "two", None], "x": {"y": True}}
    cur.execute("insert into copy_docs values (1, %s, %s)", (Json(doc), Json(doc)))
    cur.execute("select j, b, b ->> 'x' from copy_docs")
    check(cur.fetchone(), (doc, doc, '{"y": true}'), "psycopg2 reads json and jsonb")
    out = io.StringIO()
    cur.copy_expert("COPY copy_docs TO STDOUT", out)
    check(out.getvalue(), '1\t{"k": [1, "two", null], "x": {"y": true}}\t'
          '{"k": [1, "two", null], "x": {"y": true}}\n', "COPY text out")
    cur.execute("truncate copy_docs")
    cur.copy_expert("COPY copy_docs FROM STDIN (FORMAT csv)",
                    io.StringIO('2,"{""b"":1,  ""a"":2}","{""b"":1,  ""a"":2}"\n3,,\n'))
    out = io.StringIO()
    cur.copy_expert("COPY (SELECT * FROM copy_docs ORDER BY id) TO STDOUT (FORMAT csv)", out)
    check(out.getvalue(), '2,"{""b"":1,  ""a"":2}","{""a"": 2, ""b"": 1}"\n3,,\n', "CSV")
    try:
        cur.copy_expert("COPY copy_docs FROM STDIN", io.StringIO("4\t{\t[]\n"))
        raise AssertionError("bad json accepted by COPY")
    except psycopg2.errors.InvalidTextRepresentation:
        pass
    conn.close()
    with psycopg.connect(dsn, autocommit=True) as conn3:
        cur3 = conn3.cursor()
        cur3.execute("truncate copy_docs")
        with cur3.copy("COPY copy_docs FROM STDIN (FORMAT binary)") as copy:
            copy.set_types(["int4", "json", "jsonb"])
            copy.write_row((5, Json3([1, 2]), Jsonb3({"z": None})))
        with cur3.copy("COPY copy_docs TO STDOUT (FORMAT binary)") as copy:
            copy.set_types(["int4", "json", "jsonb"])
            check(list(copy.rows()), [(5, [1, 2], {"z": None})], "binary COPY out")


@step
def psycopg2_csv_header_in_and_out():
    conn = psycopg2_connect()
    cur = conn.cursor()
    cur.execute("drop table if exists copy_p2csv")
    cur.execute("create table copy_p2csv (id int primary key, note text)")
    data = 'id,note\n1,"a, b"\n2,\n3,""\n4,"two\nlines"\n'
    cur.copy_expert("COPY copy_p2csv FROM STDIN WITH (FORMAT csv, HEADER)", io.StringIO(data))
    cur.execute("select id, note from copy_p2csv order by id")
    check(cur.fetchall(), [(1, "a, b"), (2, None), (3, ""), (4, "two\nlines")], "CSV rows")
    out = io.StringIO()
    cur.copy_expert("COPY copy_p2csv TO STDOUT WITH CSV HEADER", out)
    check(out.getvalue(), 'id,note\n1,"a, b"\n2,\n3,""\n4,"two\nlines"\n', "CSV out")
    # A large load streams in many CopyData messages.
    cur.execute("truncate copy_p2csv")
    big = "".join(f"{i},row {i}\n" for i in range(1, 50001))
    cur.copy_expert("COPY copy_p2csv FROM STDIN (FORMAT csv)", io.StringIO(big))
    cur.execute("select count(*), sum(id) from copy_p2csv")
    check(cur.fetchone(), (50000, 50000 * 50001 // 2), "50,000 rows")
    out = io.StringIO()
    cur.copy_expert("COPY (SELECT * FROM copy_p2csv ORDER BY id) TO STDOUT (FORMAT csv)", out)
    check(out.getvalue(), big, "50,000 rows out")
    conn.close()


@step
def psycopg2_bad_row_keeps_nothing():
    import psycopg2
    conn = psycopg2_connect()
    cur = conn.cursor()
    cur.execute("drop table if exists copy_bad")
    cur.execute("create table copy_bad (a int, b int not null)")
    data = "".join(f"{i}\t{i}\n" for i in range(1, 42)) + "42\tnot a number\n43\t43\n"
    try:
        cur.copy_expert("COPY copy_bad FROM STDIN", io.StringIO(data))
        raise AssertionError("the bad row was accepted")
    except psycopg2.Error as e:
        check(e.pgcode, "22P02", "SQLSTATE")
        check(e.diag.message_primary, 'invalid input syntax for type integer: "not a number"',
              "message")
        check(e.diag.context, 'COPY copy_bad, line 42, column b: "not a number"', "CONTEXT")
    cur.execute("select count(*) from copy_bad")
    check(cur.fetchone(), (0,), "nothing kept")
    # A NULL in a NOT NULL column: 23502 with the line.
    try:
        cur.copy_expert("COPY copy_bad FROM STDIN", io.StringIO("1\t1\n2\t\\N\n"))
        raise AssertionError("the NULL was accepted")
    except psycopg2.Error as e:
        check(e.pgcode, "23502", "SQLSTATE of a NULL")
        check(e.diag.context, 'COPY copy_bad, line 2: "2\t\\N"', "CONTEXT of a NULL")
    # The session goes on.
    cur.copy_expert("COPY copy_bad FROM STDIN", io.StringIO("7\t7\n"))
    cur.execute("select a, b from copy_bad")
    check(cur.fetchall(), [(7, 7)], "a later COPY")
    conn.close()


@step
def psycopg2_client_gives_up():
    import psycopg2

    class Failing(io.StringIO):
        def read(self, *args):
            raise ValueError("reader broke")

        readline = read

    conn = psycopg2_connect()
    cur = conn.cursor()
    cur.execute("drop table if exists copy_fail")
    cur.execute("create table copy_fail (a int)")
    try:
        cur.copy_expert("COPY copy_fail FROM STDIN", Failing())
        raise AssertionError("COPY went on")
    except (psycopg2.Error, ValueError) as e:
        if isinstance(e, psycopg2.Error):
            check(e.pgcode, "57014", "CopyFail's SQLSTATE")
    cur.execute("select count(*) from copy_fail")
    check(cur.fetchone(), (0,), "nothing kept after CopyFail")
    conn.close()


@step
def psycopg_binary_in_and_out():
    import psycopg
    with psycopg.connect(dsn, autocommit=True) as conn:
        cur = conn.cursor()
        cur.execute("drop table if exists copy_bin")
        cur.execute("create table copy_bin (id int, name text, amount numeric(10,2), "
                    "born date, ok boolean, big bigint, ratio float8)")
        rows = [(1, "héllo", Decimal("12.34"), date(1999, 12, 31), True, 1234567890123, 0.5),
                (2, None, None, None, None, None, None),
                (3, "tab\tand\nnewline", Decimal("-0.01"), date(2024, 2, 29), False, -1, 1e100)]
        with cur.copy("COPY copy_bin FROM STDIN (FORMAT binary)") as copy:
            copy.set_types(["int4", "text", "numeric", "date", "bool", "int8", "float8"])
            for row in rows:
                copy.write_row(row)
        check(cur.rowcount, 3, "binary COPY FROM row count")
        cur.execute("select * from copy_bin order by id")
        check(cur.fetchall(), rows, "binary rows loaded")
        got = []
        with cur.copy("COPY (SELECT * FROM copy_bin ORDER BY id) TO STDOUT (FORMAT binary)") as copy:
            copy.set_types(["int4", "text", "numeric", "date", "bool", "int8", "float8"])
            for row in copy.rows():
                got.append(row)
        check(got, rows, "binary COPY TO")
        # Text COPY with psycopg 3 too, in blocks.
        with cur.copy("COPY copy_bin (id, name) FROM STDIN") as copy:
            copy.write("10\tten\n11\t")
            copy.write("eleven\n")
        cur.execute("select name from copy_bin where id >= 10 order by id")
        check(cur.fetchall(), [("ten",), ("eleven",)], "text COPY in pieces")


def asyncpg_step(coroutine):
    def run():
        asyncio.run(coroutine())
    run.__name__ = coroutine.__name__
    return step(run)


@asyncpg_step
async def asyncpg_records_and_query():
    import asyncpg
    conn = await asyncpg.connect(host="127.0.0.1", port=int(port), user="basalt",
                                 database="basalt")
    try:
        await conn.execute("drop table if exists copy_apg")
        await conn.execute("create table copy_apg (id int primary key, name text, "
                           "price numeric(8,2), day date)")
        records = [(i, f"item {i}", Decimal(i) / 4, date(2020, 1, 1 + i % 28))
                   for i in range(1, 2001)]
        result = await conn.copy_records_to_table("copy_apg", records=records)
        check(result, "COPY 2000", "copy_records_to_table tag")
        check(await conn.fetchval("select count(*) from copy_apg"), 2000, "rows loaded")
        check(await conn.fetchrow("select * from copy_apg where id = 7"),
              (7, "item 7", Decimal("1.75"), date(2020, 1, 8)), "a loaded row")
        # Only some columns: the others are NULL.
        await conn.copy_records_to_table("copy_apg", records=[(5000, "partial")],
                                         columns=["id", "name"])
        check(await conn.fetchrow("select price, day from copy_apg where id = 5000"),
              (None, None), "unlisted columns")
        out = io.BytesIO()
        # (Without arguments: asyncpg inlines them with quote_literal($1::type),
        # which Basalt lacks yet.)
        result = await conn.copy_from_query(
            "SELECT id, name FROM copy_apg WHERE id <= 3 ORDER BY id", output=out,
            format="csv", header=True)
        check(result, "COPY 3", "copy_from_query tag")
        check(out.getvalue().decode(), "id,name\n1,item 1\n2,item 2\n3,item 3\n",
              "copy_from_query CSV")
        out = io.BytesIO()
        await conn.copy_from_table("copy_apg", output=out, columns=["id"], format="text")
        check(len(out.getvalue().splitlines()), 2001, "copy_from_table")
        # A duplicate key fails the whole COPY.
        try:
            await conn.copy_records_to_table("copy_apg", records=[(9001, "x", None, None),
                                                                  (1, "dup", None, None)])
            raise AssertionError("the duplicate was accepted")
        except asyncpg.UniqueViolationError as e:
            check(e.sqlstate, "23505", "duplicate SQLSTATE")
        check(await conn.fetchval("select count(*) from copy_apg where id = 9001"), 0,
              "nothing of the failed COPY")
    finally:
        await conn.close()


@step
def extended_protocol_copy():
    # libpq's PQsendQueryParams: Parse/Bind/Describe/Execute/Sync for the
    # COPY itself; the Sync reaches the server during COPY and is ignored,
    # and PQputCopyEnd sends CopyDone and another Sync.
    import psycopg
    from psycopg import pq
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("drop table if exists copy_ext")
        conn.execute("create table copy_ext (a int)")
        pg = conn.pgconn
        pg.send_query_params(b"COPY copy_ext FROM STDIN", None)
        result = pg.get_result()
        check(result.status, pq.ExecStatus.COPY_IN, "CopyInResponse")
        pg.put_copy_data(b"1\n2\n")
        pg.put_copy_end()
        result = pg.get_result()
        check((result.status, result.command_status), (pq.ExecStatus.COMMAND_OK, b"COPY 2"),
              "COPY completes")
        while pg.get_result() is not None:
            pass
        pg.send_query_params(b"COPY (SELECT a FROM copy_ext ORDER BY a) TO STDOUT", None)
        result = pg.get_result()
        check(result.status, pq.ExecStatus.COPY_OUT, "CopyOutResponse")
        chunks = []
        while True:
            n, data = pg.get_copy_data(0)
            if n < 0:
                break
            chunks.append(bytes(data))
        check(b"".join(chunks), b"1\n2\n", "COPY TO in the extended protocol")
        while pg.get_result() is not None:
            pass
        check(conn.execute("select count(*) from copy_ext").fetchone(), (2,), "rows after COPY")


print(f"copy: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
