"""Plan shapes of Basalt beside PostgreSQL 15 (issue 10's plan-quality test,
not yet in `make test`: see README.md).

Loads setup.sql (skewed tables, vacuumed and analyzed) into both servers,
then for each query of queries.sql compares the join tree of EXPLAIN (COSTS
OFF): each join's method and type, and the tables in the order the plan
reads them. How a table is read (sequential, index, index-only or bitmap
scan) is not compared: the issue asks for PostgreSQL's join order and join
methods, and Basalt has no bitmap scans. Prints SAME / DIFF per query and
both shapes for a difference; exits 1 if any differs, but for the queries of
an optional file of known differences, where it exits 1 if one of them
matches (the list is then out of date).

Usage: compare_shapes.py <postgres port> <basalt port> [known_differences.sql]
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
JOIN = re.compile(
    r"Hash (?:Left |Right |Full |Semi |Anti )?Join|Nested Loop(?: Left| Semi| Anti)?(?: Join)?|"
    r"Merge (?:\w+ )?Join")
# A table's scan of any kind (a Bitmap Index Scan only feeds its heap scan).
TABLE = re.compile(r"(?:Seq|Index|Index Only|Bitmap Heap) Scan(?: using \w+)? on (\w+)")


def node(line):
    join = JOIN.search(line)
    if join:
        return join.group(0)
    table = TABLE.search(line)
    return table.group(1) if table and "Bitmap Index Scan" not in line else None


def psql(port, *args):
    return subprocess.run(["psql", "-X", "-At", "-h", "127.0.0.1", "-p", str(port), "-U", "basalt",
                           "basalt", *args], capture_output=True, text=True, check=True).stdout


def shape(port, query):
    plan = psql(port, "-c", "EXPLAIN (COSTS OFF) " + query)
    return " | ".join(n for line in plan.splitlines() for n in [node(line)] if n)


def main():
    ports = (int(sys.argv[1]), int(sys.argv[2]))
    for port in ports:
        psql(port, "-q", "-c", "SET client_min_messages = warning", "-f",
             os.path.join(HERE, "setup.sql"))
    known = set(statements(sys.argv[3])) if len(sys.argv) > 3 else set()
    queries = statements(os.path.join(HERE, "queries.sql"))
    unknown = [q for q in known if q not in queries]
    if unknown:
        sys.exit(f"known differences not in queries.sql: {unknown}")
    differing = 0
    unexpected = 0
    for query in queries:
        postgres, basalt = (shape(port, query) for port in ports)
        if postgres == basalt:
            print("SAME", query)
            if query in known:
                unexpected += 1
                print("  (listed as a known difference: take it off the list)")
            continue
        differing += 1
        print("DIFF" if query not in known else "DIFF (known)", query)
        print("  postgres:", postgres)
        print("  basalt:  ", basalt)
        if query not in known:
            unexpected += 1
    print(f"{len(queries) - differing} same, {differing} different ({len(known)} known)")
    sys.exit(1 if unexpected else 0)


def statements(path):
    """The file's lines that are not comments or blank."""
    return [line for line in open(path).read().splitlines()
            if line.strip() and not line.startswith("--")]


if __name__ == "__main__":
    main()
