"""Type introspection by drivers (issue 13), Basalt beside PostgreSQL 15:
asyncpg's recursive pg_type query (Connection._introspect_types with an
oid[] parameter, the query set_type_codec and unknown result types run),
its by-name lookup (_introspect_type), and psycopg 3's TypeInfo.fetch.
Each answer must equal PostgreSQL's.
Usage: type_introspection.py <basalt port> <postgres port>
"""
import asyncio
import sys

import asyncpg
import psycopg
from psycopg.types import TypeInfo

# Types both servers have: scalars, their arrays and the catalog types.
TYPE_NAMES = [
    "int2", "int4", "int8", "float4", "float8", "numeric", "bool", "text", "varchar", "bpchar",
    "name", '"char"', "oid", "date", "time", "timetz", "timestamp", "timestamptz",
    "interval", "uuid", "bytea", "json", "jsonb", "regclass", "regtype", "int2vector",
    "oidvector", "record",
]
ARRAY_NAMES = ["int4[]", "text[]", "bpchar[]", "float8[]", "numeric[]", "uuid[]", "jsonb[]", "timestamptz[]"]


async def asyncpg_answers(port):
    conn = await asyncpg.connect(host="127.0.0.1", port=port, user="basalt", database="basalt")
    try:
        oids = [await conn.fetchval("select $1::regtype::oid", name)
                for name in TYPE_NAMES + ARRAY_NAMES]
        types, _ = await conn._introspect_types(oids, 10)
        rows = sorted(tuple((k, v) for k, v in dict(r).items()) for r in types)
        by_name = [dict(await conn._introspect_type(name, "pg_catalog"))
                   for name in ("json", "jsonb", "uuid", "int4")]
        return rows, by_name
    finally:
        await conn.close()


def psycopg_answers(port):
    with psycopg.connect(host="127.0.0.1", port=port, user="basalt", dbname="basalt") as conn:
        out = []
        for name in TYPE_NAMES + ARRAY_NAMES + ["double precision", "character varying", "character"]:
            info = TypeInfo.fetch(conn, name)
            out.append((name, info.name, info.oid, info.array_oid, info.regtype, info.delimiter))
        out.append(("missing", TypeInfo.fetch(conn, "no_such_type")))
        return out


def compare(what, actual, expected):
    if actual == expected:
        print(f"ok   {what}")
        return True
    print(f"FAIL {what}")
    if isinstance(actual, list) and all(isinstance(a, tuple) for a in actual + expected):
        for extra in sorted(set(actual) - set(expected)):
            print(f"  only Basalt:     {extra}")
        for missing in sorted(set(expected) - set(actual)):
            print(f"  only PostgreSQL: {missing}")
        return False
    for a, e in zip(actual, expected):
        if a != e:
            print(f"  Basalt:     {a}\n  PostgreSQL: {e}")
    if len(actual) != len(expected):
        print(f"  Basalt has {len(actual)} entries, PostgreSQL {len(expected)}")
    return False


def main():
    basalt, postgres = int(sys.argv[1]), int(sys.argv[2])
    basalt_rows, basalt_by_name = asyncio.run(asyncpg_answers(basalt))
    postgres_rows, postgres_by_name = asyncio.run(asyncpg_answers(postgres))
    results = [
        compare("asyncpg _introspect_types", basalt_rows, postgres_rows),
        compare("asyncpg _introspect_type", basalt_by_name, postgres_by_name),
        compare("psycopg TypeInfo.fetch", psycopg_answers(basalt), psycopg_answers(postgres)),
    ]
    print(f"type introspection: {results.count(True)} passed, {results.count(False)} failed")
    sys.exit(0 if all(results) else 1)


main()
