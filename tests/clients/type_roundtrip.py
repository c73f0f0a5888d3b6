"""Every type of issue 11 round-trips (issue 11's driver test): each value
goes in as a parameter and comes back equal, through psycopg2 (the text
format: client-side interpolation, text results) and through psycopg 3's
binary format (%b parameters, a binary cursor), by itself and through a
table column of the type. Passes against PostgreSQL 15 too.
Usage: type_roundtrip.py <port>"""
import struct
import sys
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import psycopg
import psycopg2
import psycopg2.extras

PORT = sys.argv[1]
BERLIN = timezone(timedelta(hours=1))
INF = float("inf")
NAN = float("nan")

# (SQL type, values): NULL, boundaries, NaN and infinities where the type
# has them.
CASES = [
    ("smallint", [0, -32768, 32767]),
    ("integer", [0, -2147483648, 2147483647]),
    ("bigint", [0, -9223372036854775808, 9223372036854775807]),
    ("real", [0.0, 1.5, -0.15625, 3.4028234663852886e38, 1.401298464324817e-45, INF, -INF, NAN]),
    ("double precision", [0.0, 0.1, -1.7976931348623157e308, 5e-324, INF, -INF, NAN]),
    ("numeric", [Decimal("0"), Decimal("-12.345"), Decimal("1" + "0" * 999),
                 Decimal("0." + "0" * 16382 + "1"), Decimal("123456789012345678901234567890.5"),
                 Decimal("Infinity"), Decimal("-Infinity"), Decimal("NaN")]),
    ("numeric(10,2)", [Decimal("12345678.90"), Decimal("-0.01")]),
    ("boolean", [True, False]),
    ("text", ["", "plain", "quote ' and \\ backslash", "é😀 unicode", "tab\tnewline\n"]),
    ("character varying(10)", ["abc", "0123456789"]),
    ("character(4)", ["ab  ", "abcd"]),
    ("bytea", [b"", b"\x00\x01\xff", bytes(range(256))]),
    ("uuid", [UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), UUID(int=0)]),
    ("date", [date(2024, 2, 29), date(1, 1, 1), date(9999, 12, 31), date(2000, 1, 1)]),
    ("time", [time(0, 0), time(23, 59, 59, 999999), time(12, 30, 15, 500)]),
    ("timetz", [time(12, 0, tzinfo=BERLIN), time(0, 0, 1, tzinfo=timezone.utc)]),
    ("timestamp", [datetime(2024, 2, 29, 12, 0, 1, 5), datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59)]),
    ("timestamptz", [datetime(2024, 3, 31, 1, 30, tzinfo=timezone.utc),
                     datetime(2024, 10, 27, 0, 30, tzinfo=timezone.utc),
                     datetime(1999, 12, 31, 23, 0, tzinfo=BERLIN)]),
    ("interval", [timedelta(0), timedelta(days=-3, seconds=7200, microseconds=5),
                  timedelta(days=400, hours=25)]),
    ("json", [{"a": [1, 2, {"b": None}]}, [], "text"]),
    ("jsonb", [{"z": 1, "a": [True, 1.5]}, [], None]),
    ("integer[]", [[1, None, 3], []]),
    ("text[]", [["a", "b,c", 'd"e', None, ""], []]),
    # More dimensions: lists of lists.
    ("integer[]", [[[1, 2], [3, None]], [[[1]], [[2]]]]),
    ("text[]", [[["a", "b c"], ['"q"', None]]]),
]
JSON_TYPES = ("json", "jsonb")


def fail(what, got, expected):
    print(f"FAIL {what}: got {got!r}, expected {expected!r}")
    sys.exit(1)


def as_float4(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def same(got, expected, sql_type=""):
    if isinstance(got, memoryview):  # psycopg2's bytea
        got = bytes(got)
    if isinstance(expected, float) and expected != expected:
        return isinstance(got, float) and got != got
    if isinstance(expected, Decimal) and expected.is_nan():
        return isinstance(got, Decimal) and got.is_nan()
    if sql_type == "real" and got is not None and expected is not None:
        # real's text is the shortest that reads back as the same float4.
        return as_float4(got) == as_float4(expected)
    if isinstance(expected, datetime) and expected.tzinfo is not None:
        # The same instant (in UTC: PEP 495 makes comparisons across zones
        # of a time in a DST overlap unequal).
        return got.astimezone(timezone.utc) == expected.astimezone(timezone.utc)
    if isinstance(expected, time) and expected.tzinfo is not None:
        return got.replace(tzinfo=None) == expected.replace(tzinfo=None) and \
            got.utcoffset() == expected.utcoffset()
    return got == expected


def adapt2(sql_type, value):
    if sql_type in JSON_TYPES and value is not None:
        return psycopg2.extras.Json(value)
    return value


def adapt3(sql_type, value):
    if sql_type == "json" and value is not None:
        return psycopg.types.json.Json(value)
    if sql_type == "jsonb" and value is not None:
        return psycopg.types.json.Jsonb(value)
    return value


def table_name(i):
    return f"roundtrip_{i}"


def main():
    conninfo = f"host=127.0.0.1 port={PORT} user=basalt dbname=basalt"
    # Not `with conn2`: psycopg2 opens a transaction for the block.
    conn2 = psycopg2.connect(conninfo)
    conn2.autocommit = True
    with psycopg.connect(conninfo, autocommit=True) as conn3:
        cur2 = conn2.cursor()
        cur2.execute("SET TimeZone = 'Europe/Berlin'")
        psycopg2.extras.register_default_jsonb(conn2)
        psycopg2.extras.register_uuid(conn_or_curs=conn2)
        conn3.execute("SET TimeZone = 'Europe/Berlin'")
        bcur = conn3.cursor(binary=True)
        for i, (sql_type, values) in enumerate(CASES):
            table = table_name(i)
            cur2.execute(f"DROP TABLE IF EXISTS {table}")
            cur2.execute(f"CREATE TABLE {table} (id int, v {sql_type})")
            for n, value in enumerate(values + [None]):
                what = f"{sql_type} {value!r}"[:120]
                # psycopg2 sends Decimal infinities as 'NaN' (a driver
                # limitation): those go through psycopg 3 only.
                text_too = not (isinstance(value, Decimal) and value.is_infinite())
                if text_too:
                    # psycopg2, text: a parameter echoed, then a row stored.
                    cur2.execute(f"SELECT CAST(%s AS {sql_type})", (adapt2(sql_type, value),))
                    got = cur2.fetchone()[0]
                    if not same(got, value, sql_type):
                        fail("psycopg2 " + what, got, value)
                    cur2.execute(f"INSERT INTO {table} VALUES (%s, %s)",
                                 (n, adapt2(sql_type, value)))
                else:
                    bcur.execute(f"INSERT INTO {table} VALUES (%b, %b)", (n, value))
                # psycopg 3, binary parameter and result.
                bcur.execute(f"SELECT CAST(%b AS {sql_type})", (adapt3(sql_type, value),))
                got = bcur.fetchone()[0]
                if not same(got, value, sql_type):
                    fail("psycopg binary " + what, got, value)
            stored = values + [None]
            cur2.execute(f"SELECT v FROM {table} ORDER BY id")
            got2 = [row[0] for row in cur2.fetchall()]
            bcur.execute(f"SELECT v FROM {table} ORDER BY id")
            got3 = [row[0] for row in bcur.fetchall()]
            for got, name in ((got2, "psycopg2 table"), (got3, "psycopg binary table")):
                if len(got) != len(stored) or not all(same(g, e, sql_type) for g, e in zip(got, stored)):
                    fail(f"{name} {sql_type}", got, stored)
            cur2.execute(f"DROP TABLE {table}")
            print("ok", sql_type)
    conn2.close()
    print("every type round-trips")


if __name__ == "__main__":
    main()
