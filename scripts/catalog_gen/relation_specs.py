#!/usr/bin/env python3
"""Writes a C++ file of SystemRelationSpec rows (catalog/system_relation_specs.h)
to stdout from psql's `-At -F'|'` rows "name|oid|relkind|col type,col type,...".

Usage: relation_specs.py <function name> <header comment> < rows
"""
import sys

function, comment = sys.argv[1], sys.argv[2]
rows = [line.rstrip("\n").split("|") for line in sys.stdin if line.strip()]
print("\n".join("// " + line if line else "//" for line in comment.split("\n")))
print('#include "catalog/system_relation_specs.h"')
print()
print("namespace basalt::catalog {")
print()
print("const std::vector<SystemRelationSpec>& %s() {" % function)
print("  static const std::vector<SystemRelationSpec> specs = {")
for name, oid, kind, cols in rows:
    parts = cols.split(",")
    lits = " ".join('"%s%s"' % (p, "," if i < len(parts) - 1 else "") for i, p in enumerate(parts))
    print("      {\"%s\", %s, '%s', %s}," % (name, oid, kind, lits))
print("  };")
print("  return specs;")
print("}")
print()
print("}  // namespace basalt::catalog")
