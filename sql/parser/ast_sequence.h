// CREATE SEQUENCE and ALTER SEQUENCE (DROP SEQUENCE is a DropStmt).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/parser/ast_statement.h"

namespace basalt::sql::ast {

// The options written, each at most once (42601 otherwise). For MINVALUE,
// MAXVALUE and RESTART the inner optional is empty when no value was given
// (NO MINVALUE, NO MAXVALUE, RESTART without WITH).
struct SequenceOptions {
  std::optional<TypeName> as_type;
  std::optional<int64_t> increment;
  std::optional<std::optional<int64_t>> min_value;
  std::optional<std::optional<int64_t>> max_value;
  std::optional<int64_t> start;
  std::optional<std::optional<int64_t>> restart;
  std::optional<int64_t> cache;
  std::optional<bool> cycle;
  // OWNED BY table.column; an empty name is OWNED BY NONE.
  std::optional<QualifiedName> owned_by;
  int owned_by_position = 0;
};

struct CreateSequenceStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateSequence;
  CreateSequenceStmt() : Statement(kKind) {}
  QualifiedName name;
  bool if_not_exists = false;
  bool temporary = false;  // CREATE TEMP SEQUENCE: in the session's pg_temp
  SequenceOptions options;
};

struct AlterSequenceStmt : Statement {
  static constexpr StatementKind kKind = StatementKind::kAlterSequence;
  AlterSequenceStmt() : Statement(kKind) {}
  QualifiedName name;
  bool if_exists = false;
  SequenceOptions options;
};

}  // namespace basalt::sql::ast
