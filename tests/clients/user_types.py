"""Enum types and domains through the drivers (issue 12): psycopg2 (text),
psycopg 3 (EnumInfo.fetch and register_enum, binary results), asyncpg (its
pg_type introspection of an unknown OID, enum parameters) and SQLAlchemy's
Enum column (create_all's CREATE TYPE ... AS ENUM and existence check, the
ORM, drop_all's DROP TYPE); a domain's constraints reported to psycopg2 and
asyncpg, its values read back as the base type's; composite types through
psycopg2's register_composite, psycopg 3's CompositeInfo (text and binary,
both ways) and asyncpg's record codec. Passes against PostgreSQL 15 too.
Usage: user_types.py <port>"""
import asyncio
import decimal
import enum
import os
import sys

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

import asyncpg
import psycopg
import psycopg2
import sqlalchemy as sa
from psycopg.types.composite import CompositeInfo, register_composite
from psycopg.types.enum import EnumInfo, register_enum
from psycopg2.extras import register_composite as register_composite2
from sqlalchemy import orm

PORT = int(sys.argv[1])
FAILURES = []


def check(actual, expected, what):
    if actual != expected:
        FAILURES.append(f"{what}: got {actual!r}, expected {expected!r}")
        print(f"FAIL {what}: got {actual!r}, expected {expected!r}")
    else:
        print(f"ok   {what}")


def psycopg2_step():
    conn = psycopg2.connect(host="127.0.0.1", port=PORT, user="basalt", dbname="basalt")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS enum_drivers; DROP TYPE IF EXISTS drv_mood")
    cur.execute("CREATE TYPE drv_mood AS ENUM ('sad', 'ok', 'happy')")
    cur.execute("CREATE TABLE enum_drivers (id int PRIMARY KEY, m drv_mood, ms drv_mood[])")
    cur.execute("INSERT INTO enum_drivers VALUES (%s, %s, %s::drv_mood[])", (1, "happy", ["ok", "sad"]))
    cur.execute("INSERT INTO enum_drivers VALUES (%s, %s, NULL), (3, NULL, NULL)", (2, "sad"))
    cur.execute("SELECT id, m FROM enum_drivers ORDER BY m NULLS FIRST")
    check(cur.fetchall(), [(3, None), (2, "sad"), (1, "happy")], "psycopg2: rows in enum order")
    try:
        cur.execute("INSERT INTO enum_drivers VALUES (4, %s)", ("angry",))
        check("no error", "22P02", "psycopg2: bad label")
    except psycopg2.Error as e:
        check(e.pgcode, "22P02", "psycopg2: bad label")
    conn.close()


def psycopg3_step():
    with psycopg.connect(host="127.0.0.1", port=PORT, user="basalt", dbname="basalt",
                         autocommit=True) as conn:
        info = EnumInfo.fetch(conn, "drv_mood")
        check(info is not None and info.labels, ["sad", "ok", "happy"], "psycopg 3: EnumInfo labels")

        class Mood(enum.Enum):
            sad = "sad"
            ok = "ok"
            happy = "happy"

        register_enum(info, conn, Mood)
        rows = conn.execute("SELECT m FROM enum_drivers WHERE m IS NOT NULL ORDER BY m").fetchall()
        check(rows, [(Mood.sad,), (Mood.happy,)], "psycopg 3: rows as a Python enum")
        rows = conn.cursor(binary=True).execute(
            "SELECT m, ms FROM enum_drivers WHERE id = 1").fetchall()
        check(rows, [(Mood.happy, [Mood.ok, Mood.sad])], "psycopg 3: binary enum and enum[]")
        conn.execute("INSERT INTO enum_drivers VALUES (%s, %s)", (5, Mood.ok))
        check(conn.execute("SELECT m::text FROM enum_drivers WHERE id = 5").fetchone(), ("ok",),
              "psycopg 3: a Python enum as a parameter")


async def asyncpg_step():
    conn = await asyncpg.connect(host="127.0.0.1", port=PORT, user="basalt", database="basalt")
    try:
        rows = await conn.fetch("SELECT id, m FROM enum_drivers WHERE m > $1 ORDER BY m", "sad")
        check([tuple(r) for r in rows], [(5, "ok"), (1, "happy")], "asyncpg: enum parameter and rows")
        await conn.execute("INSERT INTO enum_drivers VALUES ($1, $2, $3)", 6, "ok", ["happy"])
        row = await conn.fetchrow("SELECT m, ms, enum_range(NULL::drv_mood) FROM enum_drivers WHERE id = 6")
        check(tuple(row), ("ok", ["happy"], ["sad", "ok", "happy"]), "asyncpg: enum[] both ways")
    finally:
        await conn.close()


class Status(enum.Enum):
    draft = "draft"
    published = "published"
    archived = "archived"


def sqlalchemy_step():
    engine = sa.create_engine(f"postgresql+psycopg2://basalt@127.0.0.1:{PORT}/basalt")
    base = orm.declarative_base()

    class Post(base):
        __tablename__ = "enum_posts"
        id = sa.Column(sa.Integer, primary_key=True)
        status = sa.Column(sa.Enum(Status, name="post_status"), nullable=False)

    base.metadata.drop_all(engine)
    base.metadata.create_all(engine)
    with orm.Session(engine) as session:
        session.add_all([Post(status=Status.published), Post(status=Status.draft),
                         Post(status=Status.archived)])
        session.commit()
        statuses = [p.status for p in session.query(Post).order_by(Post.status)]
        check(statuses, [Status.draft, Status.published, Status.archived],
              "SQLAlchemy: Enum column in label order")
        published = session.query(Post).filter(Post.status == Status.published).count()
        check(published, 1, "SQLAlchemy: filter on an Enum column")
    inspector = sa.inspect(engine)
    enums = [e for e in inspector.get_enums() if e["name"] == "post_status"]
    check([e["labels"] for e in enums], [["draft", "published", "archived"]],
          "SQLAlchemy: inspector.get_enums")
    column = [c for c in inspector.get_columns("enum_posts") if c["name"] == "status"]
    check([type(c["type"]).__name__ for c in column], ["ENUM"], "SQLAlchemy: reflected column type")
    base.metadata.drop_all(engine)
    with engine.connect() as conn:
        left = conn.execute(sa.text("SELECT count(*) FROM pg_type WHERE typname = 'post_status'"))
        check(left.scalar(), 0, "SQLAlchemy: drop_all dropped the type")
    engine.dispose()


def domain_step():
    conn = psycopg2.connect(host="127.0.0.1", port=PORT, user="basalt", dbname="basalt")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS domain_drivers; DROP DOMAIN IF EXISTS drv_qty")
    cur.execute("CREATE DOMAIN drv_qty AS numeric(6,2) NOT NULL CHECK (VALUE >= 0)")
    cur.execute("CREATE TABLE domain_drivers (id int PRIMARY KEY, q drv_qty)")
    cur.execute("INSERT INTO domain_drivers VALUES (%s, %s)", (1, decimal.Decimal("2.5")))
    for value, code in ((decimal.Decimal("-1"), "23514"), (None, "23502")):
        try:
            cur.execute("INSERT INTO domain_drivers VALUES (2, %s)", (value,))
            check("no error", code, f"psycopg2: domain violation by {value}")
        except psycopg2.Error as e:
            check(e.pgcode, code, f"psycopg2: domain violation by {value}")
    cur.execute("SELECT q FROM domain_drivers")
    check(cur.fetchall(), [(decimal.Decimal("2.50"),)], "psycopg2: a domain's value as its base type")
    conn.close()

    async def with_asyncpg():
        aconn = await asyncpg.connect(host="127.0.0.1", port=PORT, user="basalt", database="basalt")
        try:
            value = await aconn.fetchval("SELECT q + 1 FROM domain_drivers WHERE id = $1", 1)
            check(value, decimal.Decimal("3.50"), "asyncpg: arithmetic on a domain column")
            try:
                await aconn.execute("UPDATE domain_drivers SET q = $1", decimal.Decimal("-3"))
                check("no error", "23514", "asyncpg: domain violation")
            except asyncpg.PostgresError as e:
                check(e.sqlstate, "23514", "asyncpg: domain violation")
        finally:
            await aconn.execute("DROP TABLE domain_drivers; DROP DOMAIN drv_qty")
            await aconn.close()

    asyncio.run(with_asyncpg())


def composite_step():
    conn = psycopg2.connect(host="127.0.0.1", port=PORT, user="basalt", dbname="basalt")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS composite_drivers; DROP TYPE IF EXISTS drv_point")
    cur.execute("CREATE TYPE drv_point AS (x int, label text, weight numeric(5,2))")
    cur.execute("CREATE TABLE composite_drivers (id int PRIMARY KEY, p drv_point, ps drv_point[])")
    point = register_composite2("drv_point", cur)
    cur.execute("INSERT INTO composite_drivers VALUES (1, %s, ARRAY[%s, %s]::drv_point[])",
                (point.type(1, "a, (b)", decimal.Decimal("1.5")), point.type(2, None, None),
                 point.type(3, 'say "hi"', decimal.Decimal("0"))))
    cur.execute("SELECT p, ps, (p).label FROM composite_drivers")
    row = cur.fetchone()
    check((tuple(row[0]), [tuple(p) for p in row[1]], row[2]),
          ((1, "a, (b)", decimal.Decimal("1.50")),
           [(2, None, None), (3, 'say "hi"', decimal.Decimal("0.00"))], "a, (b)"),
          "psycopg2: register_composite both ways")
    conn.close()

    with psycopg.connect(host="127.0.0.1", port=PORT, user="basalt", dbname="basalt",
                         autocommit=True) as conn:
        info = CompositeInfo.fetch(conn, "drv_point")
        check(info is not None and info.field_names, ["x", "label", "weight"],
              "psycopg 3: CompositeInfo fields")
        register_composite(info, conn)
        for binary in (False, True):
            cur = conn.cursor(binary=binary)
            cur.execute("INSERT INTO composite_drivers VALUES (%s, %s)",
                        (10 + binary, info.python_type(7, "seven", decimal.Decimal("7.25"))))
            value = cur.execute("SELECT p FROM composite_drivers WHERE id = %s",
                                (10 + binary,)).fetchone()[0]
            check((value.x, value.label, value.weight), (7, "seven", decimal.Decimal("7.25")),
                  f"psycopg 3: a composite value {'binary' if binary else 'text'} both ways")

    async def with_asyncpg():
        aconn = await asyncpg.connect(host="127.0.0.1", port=PORT, user="basalt", database="basalt")
        try:
            row = await aconn.fetchrow("SELECT p, ps FROM composite_drivers WHERE id = 1")
            check((tuple(row["p"]), [tuple(p) for p in row["ps"]]),
                  ((1, "a, (b)", decimal.Decimal("1.50")),
                   [(2, None, None), (3, 'say "hi"', decimal.Decimal("0.00"))]),
                  "asyncpg: composite and composite[] results")
            await aconn.execute("INSERT INTO composite_drivers (id, p) VALUES ($1, $2)", 20,
                                (20, "twenty", decimal.Decimal("2")))
            value = await aconn.fetchval("SELECT (p).label FROM composite_drivers WHERE id = 20")
            check(value, "twenty", "asyncpg: a composite parameter")
        finally:
            await aconn.execute("DROP TABLE composite_drivers; DROP TYPE drv_point")
            await aconn.close()

    asyncio.run(with_asyncpg())


def main():
    for step in (psycopg2_step, psycopg3_step, lambda: asyncio.run(asyncpg_step()), sqlalchemy_step,
                 domain_step, composite_step):
        try:
            step()
        except Exception as e:  # report and go on with the next step
            FAILURES.append(f"{getattr(step, '__name__', 'step')}: {type(e).__name__}: {e}")
            print(f"FAIL {getattr(step, '__name__', 'step')}: {type(e).__name__}: {e}")
    with psycopg.connect(host="127.0.0.1", port=PORT, user="basalt", dbname="basalt",
                         autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS enum_drivers")
        conn.execute("DROP TYPE IF EXISTS drv_mood")
    print(f"user types: {len(FAILURES)} failed")
    sys.exit(1 if FAILURES else 0)


main()
