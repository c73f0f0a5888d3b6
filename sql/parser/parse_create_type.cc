// CREATE TYPE ... AS ENUM | AS (...), ALTER TYPE, CREATE DOMAIN and ALTER DOMAIN.
#include "sql/parser/parser_impl.h"

namespace basalt::sql {

ast::StatementPtr Parser::ParseCreateType(const Token& create) {
  auto stmt = std::make_unique<ast::CreateTypeStmt>();
  stmt->position = create.position;
  ExpectWord("type");
  stmt->name = ParseQualifiedName();
  ExpectWord("as");
  if (AcceptOp("(")) {
    stmt->composite = true;
    if (!PeekOp(")")) {
      do {
        ast::CompositeFieldDef& field = stmt->fields.emplace_back();
        field.position = Peek().position;
        field.name = ParseColId();
        field.type = ParseTypeName();
        if (PeekWord("collate")) ParseCollation(Advance().position);
      } while (AcceptOp(","));
    }
    ExpectOp(")");
    return stmt;
  }
  ExpectWord("enum");
  ExpectOp("(");
  if (!PeekOp(")")) {
    do {
      stmt->labels.push_back(ParseStringConstant());
    } while (AcceptOp(","));
  }
  ExpectOp(")");
  return stmt;
}

ast::StatementPtr Parser::ParseAlterType() {
  auto stmt = std::make_unique<ast::AlterTypeStmt>();
  using Action = ast::AlterTypeStmt::Action;
  stmt->position = ExpectWord("alter").position;
  ExpectWord("type");
  stmt->name = ParseQualifiedName();
  if (AcceptWord("add")) {
    ExpectWord("value");
    if (AcceptWord("if")) {
      ExpectWord("not");
      ExpectWord("exists");
      stmt->if_not_exists = true;
    }
    stmt->action = Action::kAddValue;
    stmt->label = ParseStringConstant();
    if (PeekWord("before") || PeekWord("after")) {
      stmt->before = Advance().text == "before";
      stmt->neighbor = ParseStringConstant();
    }
  } else if (AcceptWord("rename")) {
    if (AcceptWord("value")) {
      stmt->action = Action::kRenameValue;
      stmt->label = ParseStringConstant();
      ExpectWord("to");
      stmt->new_value = ParseStringConstant();
    } else {
      ExpectWord("to");
      stmt->action = Action::kRename;
      stmt->new_value = ParseColId();
    }
  } else if (AcceptWord("owner")) {
    ExpectWord("to");
    stmt->action = Action::kOwner;
    stmt->new_value = ParseRoleSpec();
  } else {
    ExpectWord("set");
    ExpectWord("schema");
    stmt->action = Action::kSetSchema;
    stmt->new_value = ParseColId();
  }
  return stmt;
}

ast::StatementPtr Parser::ParseCreateDomain(const Token& create) {
  auto stmt = std::make_unique<ast::CreateDomainStmt>();
  stmt->position = create.position;
  ExpectWord("domain");
  stmt->name = ParseQualifiedName();
  AcceptWord("as");
  stmt->type = ParseTypeName();
  while (PeekWord("constraint") || PeekWord("not") || PeekWord("null") || PeekWord("check") ||
         PeekWord("default")) {
    ast::Constraint constraint;
    ParseColumnConstraint(constraint);
    stmt->constraints.push_back(std::move(constraint));
  }
  return stmt;
}

ast::StatementPtr Parser::ParseAlterDomain() {
  auto stmt = std::make_unique<ast::AlterDomainStmt>();
  using Action = ast::AlterDomainStmt::Action;
  stmt->position = ExpectWord("alter").position;
  ExpectWord("domain");
  stmt->name = ParseQualifiedName();
  if (AcceptWord("set")) {
    if (AcceptWord("default")) {
      stmt->action = Action::kSetDefault;
      stmt->default_expr = ParseExpr();
    } else if (AcceptWord("not")) {
      ExpectWord("null");
      stmt->action = Action::kSetNotNull;
    } else {
      ExpectWord("schema");
      stmt->action = Action::kSetSchema;
      stmt->new_value = ParseColId();
    }
  } else if (AcceptWord("drop")) {
    if (AcceptWord("default")) {
      stmt->action = Action::kDropDefault;
    } else if (AcceptWord("not")) {
      ExpectWord("null");
      stmt->action = Action::kDropNotNull;
    } else {
      ExpectWord("constraint");
      stmt->action = Action::kDropConstraint;
      if (PeekWord("if") && PeekWord("exists", 1)) {
        Advance();
        Advance();
        stmt->if_exists = true;
      }
      stmt->constraint_name = ParseColId();
      if (!AcceptWord("cascade")) AcceptWord("restrict");
    }
  } else if (AcceptWord("add")) {
    stmt->action = Action::kAddConstraint;
    ParseColumnConstraint(stmt->constraint);
    ParseTableConstraintAttributes(stmt->constraint);
  } else if (AcceptWord("validate")) {
    ExpectWord("constraint");
    stmt->action = Action::kValidateConstraint;
    stmt->constraint_name = ParseColId();
  } else if (AcceptWord("rename")) {
    if (AcceptWord("constraint")) {
      stmt->action = Action::kRenameConstraint;
      stmt->constraint_name = ParseColId();
    } else {
      stmt->action = Action::kRename;
    }
    ExpectWord("to");
    stmt->new_value = ParseColId();
  } else {
    ExpectWord("owner");
    ExpectWord("to");
    stmt->action = Action::kOwner;
    stmt->new_value = ParseRoleSpec();
  }
  return stmt;
}

}  // namespace basalt::sql
