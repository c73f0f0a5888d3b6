#!/usr/bin/python3
"""Generates catalog/builtin_*_rows.cc: PostgreSQL 15's built-in rows of
pg_proc, pg_operator, pg_aggregate, pg_cast, pg_opfamily, pg_opclass and
pg_amop, kept only where Basalt honours them.

A row is kept when Basalt accepts a probe of it and gives it PostgreSQL's
result type. Probes are prepared, never executed (Parse + Describe through
asyncpg): `SELECT pg_catalog."f"(NULL::t1, NULL::t2)` for a function,
`SELECT NULL::l OPERATOR(pg_catalog.op) NULL::r` for an operator (a
prefix one as `SELECT op NULL::r` where Basalt's parser refuses prefix
OPERATOR()),
`SELECT CAST(NULL::a AS b)` for a cast. Polymorphic and "any" arguments are
probed with a representative (int4 / int4[], then text / text[]), and a
polymorphic result must be the representative's type. Functions whose
arguments or result are types Basalt lacks (catalog/builtin_type_rows.cc),
or internal, trigger and handler functions, are never probed; the I/O
functions of Basalt's types are kept as they are.

Usage (PostgreSQL 15 and a freshly started Basalt, both user basalt):
  probe_builtins.py --pg-port 55442 --basalt-port 55443 [--out DIR] [--report FILE]
then scripts/catalog_gen/builtin_descriptions.sh for their pg_description
rows, and clang-format is not needed (the rows are kept one per line).
"""

import argparse
import asyncio
import pathlib
import re
import sys

import asyncpg
import psycopg2

ROOT = pathlib.Path(__file__).resolve().parents[2]
CATALOG = ROOT / "catalog"

RECORD, CSTRING, ANY, INTERNAL = 2249, 2275, 2276, 2281
ANYELEMENT, ANYARRAY, ANYNONARRAY = 2283, 2277, 2776
ANYCOMPATIBLE, ANYCOMPATIBLEARRAY, ANYCOMPATIBLENONARRAY = 5077, 5078, 5079
VOID = 2278
# Representatives of the polymorphic types, tried in this order.
REPRESENTATIVES = [
    {ANY: 23, ANYELEMENT: 23, ANYNONARRAY: 23, ANYCOMPATIBLE: 23,
     ANYCOMPATIBLENONARRAY: 23, ANYARRAY: 1007, ANYCOMPATIBLEARRAY: 1007},
    {ANY: 25, ANYELEMENT: 25, ANYNONARRAY: 25, ANYCOMPATIBLE: 25,
     ANYCOMPATIBLENONARRAY: 25, ANYARRAY: 1009, ANYCOMPATIBLEARRAY: 1009},
]
BTREE, HASH = 403, 405


def basalt_type_oids():
    text = (CATALOG / "builtin_type_rows.cc").read_text()
    return {int(m) for m in re.findall(r"^\s*\{(\d+),\s+\"", text, re.M)}


def c_string(value):
    out = ['"']
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def c_char(ch):
    return "'\\0'" if not ch else "'%s'" % ch.replace("\\", "\\\\").replace("'", "\\'")


def c_bool(b):
    return "true" if b else "false"


def c_opt(value):
    return "nullptr" if value is None else c_string(value)


class Postgres:
    """PostgreSQL 15's built-in rows."""

    def __init__(self, port):
        self.conn = psycopg2.connect(host="127.0.0.1", port=port, user="basalt", dbname="basalt")
        self.conn.autocommit = True

    def query(self, sql):
        with self.conn.cursor() as cur:
            cur.execute(sql)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]

    def types(self):
        return {r["oid"]: r for r in self.query(
            "select oid, typname, typtype, typelem, typarray, format_type(oid, null) as sqlname "
            "from pg_type")}

    def procs(self):
        return self.query("""
            select p.oid, proname, prokind, proretset, provolatile, proparallel, prorettype,
                   proargtypes::oid[] as argtypes, prolang, proisstrict, prosrc, procost, prorows,
                   proleakproof, provariadic, pronargdefaults, proargnames,
                   proallargtypes::oid[] as allargtypes, proargmodes::text[] as argmodes,
                   (select array_agg(pg_get_function_arg_default(p.oid, n) order by n)
                    from generate_series(1, coalesce(array_length(proallargtypes, 1), pronargs)) n)
                     as argdefaults,
                   pg_get_function_sqlbody(p.oid) as sqlbody
            from pg_proc p where pronamespace = 11 order by p.oid""")

    def operators(self):
        return self.query(
            "select oid, oprname, oprkind, oprcanmerge, oprcanhash, oprleft, oprright, oprresult, "
            "oprcom, oprnegate, oprcode::oid, oprrest::oid, oprjoin::oid "
            "from pg_operator where oprnamespace = 11 order by oid")

    def aggregates(self):
        return {r["aggfnoid"]: r for r in self.query(
            "select aggfnoid::oid as aggfnoid, aggkind, aggnumdirectargs, "
            "aggtransfn::oid, aggfinalfn::oid, aggcombinefn::oid, aggserialfn::oid, "
            "aggdeserialfn::oid, aggmtransfn::oid, aggminvtransfn::oid, aggmfinalfn::oid, "
            "aggfinalextra, aggmfinalextra, aggfinalmodify, aggmfinalmodify, aggsortop, "
            "aggtranstype, aggtransspace, aggmtranstype, aggmtransspace, agginitval, aggminitval "
            "from pg_aggregate")}

    def casts(self):
        return self.query("select * from pg_cast order by oid")

    def opfamilies(self):
        return self.query(
            "select * from pg_opfamily where opfmethod in (%d, %d) order by oid" % (BTREE, HASH))

    def opclasses(self):
        return self.query(
            "select * from pg_opclass where opcmethod in (%d, %d) order by oid" % (BTREE, HASH))

    def amops(self):
        return self.query(
            "select * from pg_amop where amopmethod in (%d, %d) order by oid" % (BTREE, HASH))


class Basalt:
    """Prepares probes on a running Basalt and reports their result types."""

    def __init__(self, port):
        self.port = port
        self.conn = None
        self.crashes = []

    async def connect(self):
        for _ in range(50):
            try:
                self.conn = await asyncpg.connect(host="127.0.0.1", port=self.port, user="basalt",
                                                  database="basalt", statement_cache_size=0)
                return
            except (OSError, asyncpg.PostgresError):
                await asyncio.sleep(0.2)
        raise SystemExit("cannot connect to Basalt on port %d" % self.port)

    async def result_types(self, sql):
        """The result column types of `sql`, or None if Basalt refuses it."""
        if self.conn is None or self.conn.is_closed():
            await self.connect()
        try:
            statement = await self.conn.prepare(sql)
            return [a.type.oid for a in statement.get_attributes()]
        except asyncpg.PostgresError:
            return None
        except (asyncpg.exceptions.ConnectionDoesNotExistError, ConnectionError, OSError) as e:
            self.crashes.append((sql, repr(e)))
            self.conn = None
            return None


class Prober:
    def __init__(self, pg, basalt, report):
        self.pg = pg
        self.basalt = basalt
        self.report = report
        self.types = pg.types()
        self.basalt_types = basalt_type_oids()

    # --- types --------------------------------------------------------------

    def is_value_type(self, oid):
        """A type Basalt has values of (not a pseudo-type)."""
        return oid in self.basalt_types and self.types[oid]["typtype"] != "p"

    def probe_type(self, oid, representative):
        """The type a probe gives for a declared type, or None if it cannot."""
        if oid in representative:
            return representative[oid]
        if oid == RECORD or self.is_value_type(oid):
            return oid
        return None

    def value(self, oid):
        if oid == RECORD:
            return "ROW(NULL::integer)"
        return "NULL::%s" % self.types[oid]["sqlname"]

    def array_of(self, oid):
        return self.types[oid]["typarray"]

    def element_of(self, oid):
        return self.types[oid]["typelem"]

    # --- functions ----------------------------------------------------------

    def io_functions(self):
        oids = set()
        for row in self.pg.query(
                "select typinput::oid, typoutput::oid, typreceive::oid, typsend::oid, "
                "typmodin::oid, typmodout::oid, typanalyze::oid, typsubscript::oid "
                "from pg_type where oid in (%s)" % ",".join(map(str, self.basalt_types))):
            oids.update(v for v in row.values() if v)
        return oids

    @staticmethod
    def arguments(proc):
        """(mode, type) of every argument, OUT ones included."""
        types = proc["allargtypes"] or proc["argtypes"]
        modes = proc["argmodes"] or ["i"] * len(types)
        return list(zip(modes, types))

    def signature_types(self, proc):
        return [t for _, t in self.arguments(proc)] + [proc["prorettype"]]

    def call_text(self, proc, aggregate, args):
        name = 'pg_catalog."%s"' % proc["proname"]
        if proc["prokind"] == "a" and aggregate and aggregate["aggkind"] in ("o", "h"):
            direct = aggregate["aggnumdirectargs"]
            ordered = args[direct:] or args[-1:]
            return "%s(%s) WITHIN GROUP (ORDER BY %s)" % (
                name, ", ".join(args[:direct]), ", ".join(ordered))
        if proc["prokind"] == "a" and not args:
            return "%s(*)" % name
        call = "%s(%s)" % (name, ", ".join(args))
        return call + " OVER ()" if proc["prokind"] == "w" else call

    async def probe_call(self, proc, aggregate, args, result, columns):
        """(accepted with PostgreSQL's types, the types Basalt gave) for a
        call with argument expressions `args`: the target list must give
        `result`; a set-returning function may instead be read in FROM, as
        `columns`."""
        call = self.call_text(proc, aggregate, args)
        got = await self.basalt.result_types("SELECT %s" % call)
        if got is None and not args and proc["prokind"] == "f":
            # current_user, session_user, current_schema: SQL calls them
            # without parentheses (any other name is a column reference,
            # which a SELECT without FROM refuses).
            got = await self.basalt.result_types("SELECT %s" % proc["proname"])
        if got == [result]:
            return True, got
        if proc["proretset"] and proc["prokind"] == "f" and columns != [RECORD]:
            from_got = await self.basalt.result_types("SELECT * FROM %s" % call)
            if from_got == columns:
                return True, from_got
            got = got or from_got
        return False, got

    def argument_forms(self, proc, types):
        """The argument lists a call is probed with: a variadic array
        parameter as one element, then as VARIADIC array."""
        args = [self.value(t) for t in types]
        if proc["provariadic"] in (0, ANY) or not types:
            return [args]
        elements = args[:-1] + [self.value(self.element_of(types[-1]))]
        return [elements, args[:-1] + ["VARIADIC " + args[-1]]]

    async def probe_function(self, proc, aggregate):
        """None if Basalt honours proc; otherwise why not."""
        if any(t in (INTERNAL, CSTRING) for t in self.signature_types(proc)):
            return "skipped"
        arguments = self.arguments(proc)
        in_types = [t for m, t in arguments if m in ("i", "b", "v")]
        out_types = [t for m, t in arguments if m in ("o", "b", "t")]
        mismatch = None
        for representative in REPRESENTATIVES:
            probe_in = [self.probe_type(t, representative) for t in in_types]
            probe_out = [self.probe_type(t, representative) for t in out_types]
            result = VOID if proc["prorettype"] == VOID else self.probe_type(
                proc["prorettype"], representative)
            if None in probe_in or None in probe_out or result is None:
                return "skipped"
            columns = probe_out or [result]
            ok = False
            for args in self.argument_forms(proc, probe_in):
                ok, got = await self.probe_call(proc, aggregate, args, result, columns)
                if ok:
                    break
                if got is not None:
                    mismatch = (got, result, probe_in)
            # A call leaving out the arguments with defaults must work too.
            shortest = len(in_types) - proc["pronargdefaults"]
            if ok and shortest < len(in_types):
                args = [self.value(t) for t in probe_in[:shortest]]
                ok, got = await self.probe_call(proc, aggregate, args, result, columns)
                if not ok and got is not None:
                    mismatch = (got, result, probe_in[:shortest])
            if ok:
                return None
            if not any(t in representative for t in in_types + [proc["prorettype"]]):
                break
        if mismatch:
            got, result, args = mismatch
            return "result %s, PostgreSQL %s (arguments %s)" % (
                self.names(got), self.names([result]), self.names(args))
        return "refused"

    def names(self, oids):
        return ", ".join(self.types[o]["sqlname"] if o in self.types else str(o) for o in oids)

    # --- operators, casts ---------------------------------------------------

    async def probe_operator(self, op):
        if op["oprresult"] == 0:  # a shell
            return "skipped"
        last = None
        for representative in REPRESENTATIVES:
            left = self.probe_type(op["oprleft"], representative) if op["oprleft"] else 0
            right = self.probe_type(op["oprright"], representative)
            result = self.probe_type(op["oprresult"], representative)
            if None in (left, right, result):
                return "skipped"
            text = "SELECT %s OPERATOR(pg_catalog.%s) %s" % (
                self.value(left) if left else "", op["oprname"], self.value(right))
            got = await self.basalt.result_types(text)
            if got is None and not left:
                # Basalt's parser takes OPERATOR() infix only: a prefix
                # operator is probed as written without it.
                got = await self.basalt.result_types(
                    "SELECT %s %s" % (op["oprname"], self.value(right)))
            if got == [result]:
                return None
            if got is not None:
                last = "result %s, PostgreSQL %s" % (self.names(got), self.names([result]))
            if not any(t in representative for t in (op["oprleft"], op["oprright"], op["oprresult"])):
                break
        return last or "refused"

    async def probe_cast(self, cast):
        source, target = cast["castsource"], cast["casttarget"]
        if not (self.is_value_type(source) and self.is_value_type(target)):
            return "skipped"
        text = "SELECT CAST(%s AS %s)" % (self.value(source), self.types[target]["sqlname"])
        got = await self.basalt.result_types(text)
        if got == [target]:
            return None
        return "result %s" % self.names(got) if got else "refused"

    async def probe_collation(self, name):
        got = await self.basalt.result_types("SELECT 'a' COLLATE \"%s\"" % name)
        return got is not None


def proc_row(p):
    argtypes = " ".join(map(str, p["argtypes"]))
    fields = [str(p["oid"]), c_string(p["proname"]), c_char(p["prokind"]), c_bool(p["proretset"]),
              c_char(p["provolatile"]), c_char(p["proparallel"]), str(p["prorettype"]),
              c_string(argtypes), str(p["prolang"]), c_bool(p["proisstrict"]),
              c_string(p["prosrc"]), "%g" % p["procost"], "%g" % p["prorows"],
              c_bool(p["proleakproof"])]
    extra = []
    if p["provariadic"] or p["proargnames"] or p["allargtypes"] or p["argmodes"] or \
            p["pronargdefaults"] or p["sqlbody"]:
        defaults = [d for d in (p["argdefaults"] or []) if d is not None]
        extra = [str(p["provariadic"]), str(p["pronargdefaults"]),
                 c_opt(",".join(p["proargnames"]) if p["proargnames"] else None),
                 c_opt(" ".join(map(str, p["allargtypes"])) if p["allargtypes"] else None),
                 c_opt("".join(p["argmodes"]) if p["argmodes"] else None),
                 c_opt("\t".join(defaults) if defaults else None)]
        if p["sqlbody"]:
            extra.append(c_opt(p["sqlbody"]))
    return "{" + ", ".join(fields + extra) + "},"


def write_file(out, name, header, includes, body):
    path = pathlib.Path(out) / name
    text = (header + '#include "%s"\n\nnamespace basalt::catalog {\n\n' % includes + body +
            "\n}  // namespace basalt::catalog\n")
    path.write_text(text)
    print("wrote", path, file=sys.stderr)


def vector_function(type_name, function, rows):
    return ("const std::vector<%s>& %s() {\n  // clang-format off\n  static const std::vector<%s> "
            "rows = {\n%s\n  };\n  // clang-format on\n  return rows;\n}\n" % (
                type_name, function, type_name, "\n".join("      " + r for r in rows)))


GENERATED = ("// Generated by scripts/catalog_gen/probe_builtins.py from a PostgreSQL 15\n"
             "// server and a running Basalt: %s\n// Edit the generator, not this.\n")


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg-port", type=int, default=55442)
    parser.add_argument("--basalt-port", type=int, default=55443)
    parser.add_argument("--out", default=str(CATALOG), help="where to write the .cc files")
    parser.add_argument("--report", default="/dev/stderr",
                        help="where to list what Basalt accepts with another result type")
    options = parser.parse_args()
    pg = Postgres(options.pg_port)
    basalt = Basalt(options.basalt_port)
    await basalt.connect()
    report = open(options.report, "w")
    prober = Prober(pg, basalt, report)

    # pg_proc
    procs = pg.procs()
    aggregates = pg.aggregates()
    io = prober.io_functions()
    kept_procs = []
    for proc in procs:
        if proc["oid"] in io:
            kept_procs.append(proc)
            continue
        why = await prober.probe_function(proc, aggregates.get(proc["oid"]))
        if why is None:
            kept_procs.append(proc)
        elif why.startswith("result"):
            print("function %s(%s): %s" % (proc["proname"], prober.names(proc["argtypes"]), why),
                  file=report)
    kept_proc_oids = {p["oid"] for p in kept_procs}

    # pg_operator
    kept_ops = []
    for op in pg.operators():
        why = await prober.probe_operator(op)
        if why is None:
            kept_ops.append(op)
        elif why.startswith("result"):
            print("operator %s %s %s: %s" % (
                prober.names([op["oprleft"]]) if op["oprleft"] else "", op["oprname"],
                prober.names([op["oprright"]]), why), file=report)
    kept_op_oids = {o["oid"] for o in kept_ops}

    # pg_cast
    kept_casts = []
    for cast in pg.casts():
        why = await prober.probe_cast(cast)
        if why is None:
            kept_casts.append(cast)
        elif why.startswith("result"):
            print("cast %s -> %s: %s" % (prober.names([cast["castsource"]]),
                                         prober.names([cast["casttarget"]]), why), file=report)

    # pg_opfamily, pg_opclass, pg_amop (btree, hash): operators kept, over
    # Basalt's types.
    kept_amops = [a for a in pg.amops() if a["amopopr"] in kept_op_oids]
    families_with_ops = {a["amopfamily"] for a in kept_amops}
    kept_opclasses = [c for c in pg.opclasses()
                      if c["opcfamily"] in families_with_ops and
                      (prober.is_value_type(c["opcintype"]) or c["opcintype"] in (ANYARRAY, RECORD))]
    kept_family_oids = {c["opcfamily"] for c in kept_opclasses}
    kept_amops = [a for a in kept_amops if a["amopfamily"] in kept_family_oids]
    kept_families = [f for f in pg.opfamilies() if f["oid"] in kept_family_oids]

    for crash in basalt.crashes:
        print("Basalt lost the connection on: %s (%s)" % crash, file=report)
    print("kept %d functions, %d operators, %d casts, %d opfamilies, %d opclasses, %d amops" % (
        len(kept_procs), len(kept_ops), len(kept_casts), len(kept_families),
        len(kept_opclasses), len(kept_amops)), file=sys.stderr)

    write_file(options.out, "builtin_proc_rows.cc",
               GENERATED % "pg_proc rows of the functions Basalt\n// calls with PostgreSQL's "
               "result types, and of its types' I/O functions.\n",
               "catalog/builtin_types.h",
               vector_function("BuiltinProc", "BuiltinProcs", [proc_row(p) for p in kept_procs]))

    def mapped(oid):
        return oid if oid in kept_op_oids else 0

    op_rows = ["{%d, %s, %s, %s, %s, %d, %d, %d, %d, %d, %d, %d, %d}," % (
        o["oid"], c_string(o["oprname"]), c_char(o["oprkind"]), c_bool(o["oprcanmerge"]),
        c_bool(o["oprcanhash"]), o["oprleft"], o["oprright"], o["oprresult"], mapped(o["oprcom"]),
        mapped(o["oprnegate"]), o["oprcode"], o["oprrest"], o["oprjoin"]) for o in kept_ops]
    agg_rows = []
    for p in kept_procs:
        a = aggregates.get(p["oid"])
        if a is None:
            continue
        agg_rows.append("{%d, %s, %d, %d, %d, %d, %d, %d, %d, %d, %d, %s, %s, %s, %s, %d, %d, %d, "
                        "%d, %d, %s, %s}," % (
                            a["aggfnoid"], c_char(a["aggkind"]), a["aggnumdirectargs"],
                            a["aggtransfn"], a["aggfinalfn"], a["aggcombinefn"], a["aggserialfn"],
                            a["aggdeserialfn"], a["aggmtransfn"], a["aggminvtransfn"],
                            a["aggmfinalfn"], c_bool(a["aggfinalextra"]),
                            c_bool(a["aggmfinalextra"]), c_char(a["aggfinalmodify"]),
                            c_char(a["aggmfinalmodify"]), mapped(a["aggsortop"]),
                            a["aggtranstype"], a["aggtransspace"], a["aggmtranstype"],
                            a["aggmtransspace"], c_opt(a["agginitval"]), c_opt(a["aggminitval"])))
    cast_rows = ["{%d, %d, %d, %d, %s, %s}," % (
        c["oid"], c["castsource"], c["casttarget"], c["castfunc"], c_char(c["castcontext"]),
        c_char(c["castmethod"])) for c in kept_casts]
    family_rows = ["{%d, %d, %s}," % (f["oid"], f["opfmethod"], c_string(f["opfname"]))
                   for f in kept_families]
    opclass_rows = ["{%d, %d, %s, %d, %d, %s, %d}," % (
        c["oid"], c["opcmethod"], c_string(c["opcname"]), c["opcfamily"], c["opcintype"],
        c_bool(c["opcdefault"]), c["opckeytype"]) for c in kept_opclasses]
    amop_rows = ["{%d, %d, %d, %d, %d, %s, %d, %d, %d}," % (
        a["oid"], a["amopfamily"], a["amoplefttype"], a["amoprighttype"], a["amopstrategy"],
        c_char(a["amoppurpose"]), a["amopopr"], a["amopmethod"], a["amopsortfamily"])
        for a in kept_amops]
    write_file(options.out, "builtin_operator_rows.cc",
               GENERATED % "pg_operator rows of the operators\n// Basalt binds with PostgreSQL's "
               "result types; oprcom and oprnegate name kept\n// operators only (0 otherwise).\n",
               "catalog/builtin_operators.h",
               vector_function("BuiltinOperator", "BuiltinOperators", op_rows))
    write_file(options.out, "builtin_aggregate_rows.cc",
               GENERATED % "pg_aggregate rows of the aggregates\n// in builtin_proc_rows.cc "
               "(aggsortop: a kept operator or 0).\n",
               "catalog/builtin_operators.h",
               vector_function("BuiltinAggregate", "BuiltinAggregates", agg_rows))
    write_file(options.out, "builtin_cast_rows.cc",
               GENERATED % "pg_cast rows of the casts Basalt\n// binds between its types.\n",
               "catalog/builtin_operators.h",
               vector_function("BuiltinCast", "BuiltinCasts", cast_rows))
    write_file(options.out, "builtin_opclass_rows.cc",
               GENERATED % "btree and hash operator families,\n// classes and members over "
               "Basalt's types, with the operators of\n// builtin_operator_rows.cc.\n",
               "catalog/builtin_operators.h",
               vector_function("BuiltinOpfamily", "BuiltinOpfamilies", family_rows) + "\n" +
               vector_function("BuiltinOpclass", "BuiltinOpclasses", opclass_rows) + "\n" +
               vector_function("BuiltinAmop", "BuiltinAmops", amop_rows))
    # Collations: initdb's rows of a C.UTF-8 cluster that Basalt accepts in
    # COLLATE (ICU's are left out: Basalt compares strings bytewise).
    for c in pg.query("select collname from pg_collation where collprovider <> 'i' order by oid"):
        if not await prober.probe_collation(c["collname"]):
            print("collation %s refused" % c["collname"], file=report)
    report.close()


if __name__ == "__main__":
    asyncio.run(main())
