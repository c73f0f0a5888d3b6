"""Plan shapes of Basalt beside PostgreSQL 15 (issue 10's plan-quality test,
not yet in `make test`: see README.md).

Loads setup.sql (skewed tables, vacuumed and analyzed) into both servers,
then for each query of queries.sql compares the join tree of EXPLAIN (COSTS
OFF): each join's method and type, and the tables in the order the plan
reads them. How a table is read (sequential, index, index-only or bitmap
scan) is not compared: the issue asks for PostgreSQL's join order and join
methods, and Basalt has no bitmap scans. Prints SAME / DIFF per query and
both shapes for a difference; exits 1 if any differs.

Usage: compare_shapes.py <postgres port> <basalt port>
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
    differing = 0
    queries = [q for q in open(os.path.join(HERE, "queries.sql")).read().splitlines() if q]
    for query in queries:
        postgres, basalt = (shape(port, query) for port in ports)
        if postgres == basalt:
            print("SAME", query)
            continue
        differing += 1
        print("DIFF", query)
        print("  postgres:", postgres)
        print("  basalt:  ", basalt)
    print(f"{len(queries) - differing} same, {differing} different")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
