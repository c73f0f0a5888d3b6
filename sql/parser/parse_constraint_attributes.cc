// A constraint's timing — [NOT] DEFERRABLE, INITIALLY {DEFERRED |
// IMMEDIATE} — with PostgreSQL's rules and words, and SET CONSTRAINTS.
// A column's attributes are items of its constraint list that apply to the
// constraint before them (gram.y's ConstraintAttr, checked as
// transformConstraintAttrs does); a table constraint's follow it as one
// spec whose combinations gram.y checks as they are read
// (ConstraintAttributeSpec, then processCASbits).
#include <fmt/format.h>

#include "sql/parser/parser_impl.h"

namespace basalt::sql {

namespace {

enum class Attribute {
  kNone,
  kDeferrable,
  kNotDeferrable,
  kInitiallyDeferred,
  kInitiallyImmediate
};

[[noreturn]] void SyntaxErrorAt(int position, std::string message) {
  throw Error(sqlstate::kSyntaxError, std::move(message)).WithPosition(position);
}

bool TakesTiming(const ast::Constraint& constraint) {
  using Type = ast::Constraint::Type;
  return constraint.type == Type::kForeignKey || constraint.type == Type::kUnique ||
         constraint.type == Type::kPrimaryKey;
}

}  // namespace

bool Parser::ParseColumnConstraintAttribute(ast::ColumnDef& column,
                                            ConstraintAttributesSeen& seen) {
  const int position = Peek().position;
  Attribute attribute = Attribute::kNone;
  const char* clause = nullptr;
  if (PeekWord("deferrable")) {
    attribute = Attribute::kDeferrable;
    clause = "DEFERRABLE";
  } else if (PeekWord("not") && PeekWord("deferrable", 1)) {
    attribute = Attribute::kNotDeferrable;
    clause = "NOT DEFERRABLE";
  } else if (PeekWord("initially") && PeekWord("deferred", 1)) {
    attribute = Attribute::kInitiallyDeferred;
    clause = "INITIALLY DEFERRED";
  } else if (PeekWord("initially") && PeekWord("immediate", 1)) {
    attribute = Attribute::kInitiallyImmediate;
    clause = "INITIALLY IMMEDIATE";
  } else {
    return false;
  }
  Advance();
  if (attribute != Attribute::kDeferrable) Advance();
  if (column.constraints.empty() || !TakesTiming(column.constraints.back())) {
    SyntaxErrorAt(position, fmt::format("misplaced {} clause", clause));
  }
  ast::Constraint& constraint = column.constraints.back();
  if (seen.constraint != column.constraints.size() - 1) {
    seen = ConstraintAttributesSeen{.constraint = column.constraints.size() - 1};
  }
  const bool deferrability =
      attribute == Attribute::kDeferrable || attribute == Attribute::kNotDeferrable;
  if (deferrability ? seen.deferrability : seen.initially) {
    SyntaxErrorAt(position, deferrability
                                ? "multiple DEFERRABLE/NOT DEFERRABLE clauses not allowed"
                                : "multiple INITIALLY IMMEDIATE/DEFERRED clauses not allowed");
  }
  switch (attribute) {
    case Attribute::kDeferrable: constraint.deferrable = true; break;
    case Attribute::kNotDeferrable:
      constraint.deferrable = false;
      if (seen.initially && constraint.initially_deferred) {
        SyntaxErrorAt(position, "constraint declared INITIALLY DEFERRED must be DEFERRABLE");
      }
      break;
    case Attribute::kInitiallyDeferred:
      if (seen.deferrability && !constraint.deferrable) {
        SyntaxErrorAt(position, "constraint declared INITIALLY DEFERRED must be DEFERRABLE");
      }
      constraint.deferrable = true;
      constraint.initially_deferred = true;
      break;
    case Attribute::kInitiallyImmediate: constraint.initially_deferred = false; break;
    case Attribute::kNone: break;
  }
  (deferrability ? seen.deferrability : seen.initially) = true;
  return true;
}

void Parser::ParseTableConstraintAttributes(ast::Constraint& constraint) {
  bool deferrable = false;
  bool not_deferrable = false;
  bool initially_deferred = false;
  bool initially_immediate = false;
  while (true) {
    const int position = Peek().position;
    if (PeekWord("not") && PeekWord("valid", 1)) {
      Advance();
      Advance();
      constraint.not_valid = true;
      continue;
    }
    if (AcceptWord("deferrable")) {
      deferrable = true;
    } else if (PeekWord("not") && PeekWord("deferrable", 1)) {
      Advance();
      Advance();
      not_deferrable = true;
    } else if (PeekWord("initially") && (PeekWord("deferred", 1) || PeekWord("immediate", 1))) {
      Advance();
      (Advance().text == "deferred" ? initially_deferred : initially_immediate) = true;
    } else {
      break;
    }
    if (not_deferrable && initially_deferred) {
      SyntaxErrorAt(position, "constraint declared INITIALLY DEFERRED must be DEFERRABLE");
    }
    if ((deferrable && not_deferrable) || (initially_deferred && initially_immediate)) {
      SyntaxErrorAt(position, "conflicting constraint properties");
    }
  }
  if (constraint.type == ast::Constraint::Type::kCheck && (deferrable || initially_deferred)) {
    throw Error(sqlstate::kFeatureNotSupported, "CHECK constraints cannot be marked DEFERRABLE");
  }
  constraint.deferrable = deferrable || initially_deferred;
  constraint.initially_deferred = initially_deferred;
  RefuseDeferrableKeys(constraint);
}

// A deferrable PRIMARY KEY would need its table to hold two rows under one
// storage key until the check: not supported (docs/architecture.md).
void Parser::RefuseDeferrableKeys(const ast::Constraint& constraint) {
  if (constraint.deferrable && constraint.type == ast::Constraint::Type::kPrimaryKey) {
    throw Error(sqlstate::kFeatureNotSupported,
                "deferrable PRIMARY KEY constraints are not supported")
        .WithPosition(constraint.position);
  }
}

// SET CONSTRAINTS {ALL | name [, ...]} {DEFERRED | IMMEDIATE}; "SET" is read.
ast::StatementPtr Parser::ParseSetConstraints() {
  auto stmt = std::make_unique<ast::TransactionStmt>();
  stmt->type = ast::TransactionStmt::Type::kSetConstraints;
  ExpectWord("constraints");
  if (!AcceptWord("all")) {
    do {
      stmt->constraints.push_back(ParseQualifiedName());
    } while (AcceptOp(","));
  }
  if (AcceptWord("deferred")) {
    stmt->constraints_deferred = true;
  } else {
    ExpectWord("immediate");
  }
  return stmt;
}

}  // namespace basalt::sql
