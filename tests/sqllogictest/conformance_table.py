#!/usr/bin/env python3
"""Per-file sqllogictest results of Basalt beside PostgreSQL 15, as the
markdown table docs/conformance.md keeps.

usage: conformance_table.py basalt.json postgres.json
(both written by slt_run.py --report; run.sh --report FILE passes it on)."""
import json
import sys


def load(path):
    with open(path) as f:
        return {r["name"]: r for r in json.load(f)["files"]}


def main():
    basalt, postgres = load(sys.argv[1]), load(sys.argv[2])
    print("| file | PostgreSQL 15 passes | Basalt passes | Basalt fails | share of PostgreSQL's |")
    print("|---|---:|---:|---:|---:|")
    for path in sorted(postgres):
        pg = postgres[path]["passed"]
        b = basalt.get(path, {"passed": 0, "failed": 0})
        share = 100.0 * b["passed"] / pg if pg else 100.0
        print(f"| {path} | {pg:,} | {b['passed']:,} | {b['failed']:,} | {share:.2f}% |")


if __name__ == "__main__":
    main()
