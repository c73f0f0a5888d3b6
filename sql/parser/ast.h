// The parsed SQL tree: include this to get every AST node.
//   ast_node.h      Node (positions), QualifiedName, TypeName
//   ast_expr.h      Expr and its kinds
//   ast_statement.h Statement and its kinds, table references, constraints
//   ast_copy.h      COPY, ALTER TABLE ADD constraint, VACUUM / ANALYZE
//   ast_alter.h     ALTER TABLE / VIEW / MATERIALIZED VIEW: RENAME, SET SCHEMA, ...
//   ast_sequence.h  CREATE / ALTER SEQUENCE
//   ast_printer.h   ToString(): a debug/deparse form used by tests
#pragma once

#include "sql/parser/ast_alter.h"
#include "sql/parser/ast_comment.h"
#include "sql/parser/ast_copy.h"
#include "sql/parser/ast_expr.h"
#include "sql/parser/ast_merge.h"
#include "sql/parser/ast_node.h"
#include "sql/parser/ast_role.h"
#include "sql/parser/ast_schema.h"
#include "sql/parser/ast_sequence.h"
#include "sql/parser/ast_statement.h"
#include "sql/parser/ast_type.h"
