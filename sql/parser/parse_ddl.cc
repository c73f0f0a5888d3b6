// CREATE TABLE, CREATE INDEX, CREATE VIEW and DROP.
#include <fmt/format.h>

#include "sql/parser/parser_impl.h"

namespace basalt::sql {

ast::StatementPtr Parser::ParseCreate() {
  const Token& create = ExpectWord("create");
  bool or_replace = false;
  if (AcceptWord("or")) {
    ExpectWord("replace");
    or_replace = true;
  }
  bool temporary = false;
  if (AcceptWord("global") || AcceptWord("local")) {
    if (!AcceptWord("temporary")) ExpectWord("temp");
    temporary = true;
  } else if (AcceptWord("temp") || AcceptWord("temporary")) {
    temporary = true;
  } else if (AcceptWord("unlogged") && PeekWord("materialized")) {
    throw Error(sqlstate::kFeatureNotSupported, "materialized views cannot be unlogged");
  }
  if (!temporary && !or_replace && PeekWord("materialized")) {
    return ParseCreateMaterializedView(create);
  }
  if (PeekWord("view") || (PeekWord("recursive") && PeekWord("view", 1))) {
    return ParseCreateView(create, or_replace, temporary);
  }
  if (or_replace) SyntaxErrorHere();
  if (!temporary && (PeekWord("role") || PeekWord("user") || PeekWord("group"))) {
    return ParseCreateRole(create);
  }
  if (PeekWord("table")) return ParseCreateTable(create, temporary);
  if (!temporary && PeekWord("schema")) return ParseCreateSchema(create);
  if (!temporary && PeekWord("database")) return ParseCreateDatabase(create);
  if (!temporary && PeekWord("type")) return ParseCreateType(create);
  if (!temporary && PeekWord("domain")) return ParseCreateDomain(create);
  if (PeekWord("sequence")) return ParseCreateSequence(create, temporary);
  if (!temporary && (PeekWord("index") || (PeekWord("unique") && PeekWord("index", 1)))) {
    return ParseCreateIndex(create);
  }
  SyntaxErrorHere();
}

ast::StatementPtr Parser::ParseCreateIndex(const Token& create) {
  auto stmt = std::make_unique<ast::CreateIndexStmt>();
  stmt->position = create.position;
  stmt->unique = AcceptWord("unique");
  ExpectWord("index");
  stmt->concurrently = AcceptWord("concurrently");
  if (PeekWord("if")) {
    // gram.y: IF NOT EXISTS requires a name.
    Advance();
    ExpectWord("not");
    ExpectWord("exists");
    stmt->if_not_exists = true;
    stmt->name_position = Peek().position;
    stmt->name = ParseColId();
  } else if (!PeekWord("on")) {
    stmt->name_position = Peek().position;
    stmt->name = ParseColId();
  }
  ExpectWord("on");
  AcceptWord("only");
  stmt->table = ParseQualifiedName();
  if (AcceptWord("using")) {
    stmt->method_position = Peek().position;
    stmt->method = ParseColId();
  }
  ExpectOp("(");
  stmt->elements = ParseIndexElements();
  ExpectOp(")");
  if (AcceptWord("include")) {
    ExpectOp("(");
    stmt->including = ParseIndexElements();
    ExpectOp(")");
  }
  stmt->nulls_not_distinct = ParseNullsDistinct();
  if (AcceptWord("where")) stmt->where = ParseExpr();
  return stmt;
}

// index_params: columns, `(expr)`s and function calls, each with its order.
std::vector<ast::IndexElement> Parser::ParseIndexElements() {
  std::vector<ast::IndexElement> elements;
  do {
    ast::IndexElement& element = elements.emplace_back();
    element.position = Peek().position;
    // An expression, `(expr)` or a function call, is not a column.
    if (AcceptOp("(")) {
      element.expression = ParseExpr();
      ExpectOp(")");
    } else if (PeekOp("(", 1)) {
      element.expression = ParseExpr();
    } else {
      element.column.position = Peek().position;
      element.column.name = ParseColId();
    }
    if (AcceptWord("desc")) {
      element.descending = true;
    } else {
      AcceptWord("asc");
    }
    if (AcceptWord("nulls")) {
      if (AcceptWord("first")) {
        element.nulls_first = true;
      } else {
        ExpectWord("last");
        element.nulls_first = false;
      }
    }
  } while (AcceptOp(","));
  return elements;
}

bool Parser::ParseNullsDistinct() {
  // gram.y's opt_unique_null_treatment: NULLS [NOT] DISTINCT, or nothing.
  if (!PeekWord("nulls")) return false;
  Advance();
  const bool not_distinct = AcceptWord("not");
  ExpectWord("distinct");
  return not_distinct;
}

ast::StatementPtr Parser::ParseCreateView(const Token& create, bool or_replace, bool temporary) {
  auto stmt = std::make_unique<ast::CreateViewStmt>();
  stmt->position = create.position;
  stmt->or_replace = or_replace;
  stmt->temporary = temporary;
  if (PeekWord("recursive")) {
    throw Error(sqlstate::kFeatureNotSupported, "CREATE RECURSIVE VIEW is not supported yet")
        .WithPosition(Peek().position);
  }
  ExpectWord("view");
  stmt->name = ParseQualifiedName();
  if (PeekOp("(")) stmt->columns = ParseColumnList();
  if (AcceptWord("with")) stmt->options = ParseRelationOptions();
  ExpectWord("as");
  const Token& first = Peek();
  stmt->query = ParseSelect();
  const int end = tokens_[pos_ - 1].end;
  stmt->query_text = std::string(
      sql_.substr(static_cast<size_t>(first.begin), static_cast<size_t>(end - first.begin)));
  stmt->query_position = first.position;
  if (PeekWord("with")) {
    stmt->check_option_position = Advance().position;
    stmt->check_option = "cascaded";
    if (AcceptWord("local")) {
      stmt->check_option = "local";
    } else {
      AcceptWord("cascaded");
    }
    ExpectWord("check");
    ExpectWord("option");
  }
  return stmt;
}

ast::StatementPtr Parser::ParseCreateTable(const Token& create, bool temporary) {
  auto stmt = std::make_unique<ast::CreateTableStmt>();
  stmt->position = create.position;
  stmt->temporary = temporary;
  ExpectWord("table");
  if (PeekWord("if")) {
    Advance();
    ExpectWord("not");
    ExpectWord("exists");
    stmt->if_not_exists = true;
  }
  stmt->name = ParseQualifiedName();
  // `(a, b)` of bare names is create_as_target's column list in gram.y, so
  // the statement must go on with AS: `CREATE TABLE t (a);` fails at `;`.
  if (PeekWord("as") || PeekWord("with") || PeekWord("using") || PeekWord("on")) {
    return ParseCreateTableAs(create, /*materialized=*/false, stmt->if_not_exists,
                              std::move(stmt->name), temporary);
  }
  if (PeekOp("(")) {
    size_t n = 1;
    while (Peek(n).type == TokenType::kIdentifier &&
           Peek(n).keyword != KeywordCategory::kReserved &&
           (Peek(n + 1).text == "," || Peek(n + 1).text == ")")) {
      if (Peek(n + 1).text == ")") {
        return ParseCreateTableAs(create, /*materialized=*/false, stmt->if_not_exists,
                                  std::move(stmt->name), temporary);
      }
      n += 2;
    }
  }
  ExpectOp("(");
  if (!PeekOp(")")) {
    do {
      if (PeekWord("constraint") || PeekWord("primary") || PeekWord("unique") ||
          PeekWord("check") || PeekWord("foreign")) {
        stmt->constraints.push_back(ParseTableConstraint());
      } else if (PeekWord("like")) {
        ast::TableLikeClause& like = stmt->likes.emplace_back(ParseTableLike());
        like.column_index = stmt->columns.size();
      } else {
        stmt->columns.push_back(ParseColumnDef());
      }
    } while (AcceptOp(","));
  }
  ExpectOp(")");
  if (PeekWord("with") && PeekOp("(", 1)) {
    stmt->storage_parameters_position = Advance().position;
    stmt->storage_parameters = ParseStorageParameters();
  }
  ParseOnCommit(&stmt->on_commit, &stmt->on_commit_position);
  return stmt;
}

void Parser::ParseOnCommit(ast::CreateTableStmt::OnCommit* on_commit, int* position) {
  if (!PeekWord("on") || !PeekWord("commit", 1)) return;
  *position = Advance().position;
  Advance();
  using OnCommit = ast::CreateTableStmt::OnCommit;
  if (AcceptWord("drop")) {
    *on_commit = OnCommit::kDrop;
    return;
  }
  *on_commit = AcceptWord("delete") ? OnCommit::kDeleteRows
                                    : (ExpectWord("preserve"), OnCommit::kPreserveRows);
  ExpectWord("rows");
}

// LIKE source [{INCLUDING | EXCLUDING} option] ... (gram.y's
// TableLikeClause), the options applied in order.
ast::TableLikeClause Parser::ParseTableLike() {
  ast::TableLikeClause like;
  like.position = ExpectWord("like").position;
  like.source = ParseQualifiedName();
  while (PeekWord("including") || PeekWord("excluding")) {
    const bool including = Advance().text == "including";
    const Token& option = Peek();
    using Option = ast::TableLikeClause::Option;
    static constexpr std::pair<std::string_view, uint32_t> kOptions[] = {
        {"comments", Option::kComments},       {"compression", Option::kCompression},
        {"constraints", Option::kConstraints}, {"defaults", Option::kDefaults},
        {"generated", Option::kGenerated},     {"identity", Option::kIdentity},
        {"indexes", Option::kIndexes},         {"statistics", Option::kStatistics},
        {"storage", Option::kStorage},         {"all", Option::kAll},
    };
    uint32_t bits = 0;
    for (const auto& [name, bit] : kOptions) {
      if (option.type == TokenType::kIdentifier && option.text == name) bits = bit;
    }
    if (bits == 0) SyntaxErrorHere();
    Advance();
    like.options = including ? (like.options | bits) : (like.options & ~bits);
  }
  return like;
}

// reloptions: (name [= value], ...), names possibly dotted (toast.x).
std::vector<std::pair<std::string, std::string>> Parser::ParseStorageParameters() {
  std::vector<std::pair<std::string, std::string>> parameters;
  ExpectOp("(");
  do {
    std::string name = ParseColLabel();
    if (AcceptOp(".")) name += "." + ParseColLabel();
    std::string value;
    if (AcceptOp("=")) {
      const Token& v = Peek();
      if (v.IsOp("-")) {
        Advance();
        value = "-";
      }
      const Token& w = Peek();
      if (w.type != TokenType::kString && w.type != TokenType::kInteger &&
          w.type != TokenType::kDecimal && w.type != TokenType::kIdentifier) {
        SyntaxErrorHere();
      }
      value += Advance().text;
    }
    parameters.emplace_back(std::move(name), std::move(value));
  } while (AcceptOp(","));
  ExpectOp(")");
  return parameters;
}

ast::ColumnDef Parser::ParseColumnDef() {
  ast::ColumnDef column;
  column.position = Peek().position;
  column.name = ParseColId();
  column.type = ParseTypeName();
  if (PeekWord("collate")) ParseCollation(Advance().position);
  ConstraintAttributesSeen seen;
  while (true) {
    // Attributes first: NOT DEFERRABLE is not NOT NULL.
    if (ParseColumnConstraintAttribute(column, seen)) continue;
    ast::Constraint constraint;
    if (!ParseColumnConstraint(constraint)) break;
    column.constraints.push_back(std::move(constraint));
  }
  for (const ast::Constraint& constraint : column.constraints) RefuseDeferrableKeys(constraint);
  return column;
}

// Parses one column constraint into `out`; false when none starts here.
bool Parser::ParseColumnConstraint(ast::Constraint& out) {
  using Type = ast::Constraint::Type;
  out.position = Peek().position;
  bool named = false;
  if (AcceptWord("constraint")) {
    out.name = ParseColId();
    named = true;
  }
  if (AcceptWord("not")) {
    ExpectWord("null");
    out.type = Type::kNotNull;
  } else if (AcceptWord("null")) {
    out.type = Type::kNull;
  } else if (AcceptWord("default")) {
    out.type = Type::kDefault;
    // gram.y's b_expr: no AND/OR/NOT/IS, so `DEFAULT 0 NOT NULL` works.
    if (PeekWord("not")) SyntaxErrorHere();
    out.expr = ParseExpr(kPrecComparison);
  } else if (AcceptWord("primary")) {
    ExpectWord("key");
    out.type = Type::kPrimaryKey;
  } else if (AcceptWord("unique")) {
    out.type = Type::kUnique;
    out.nulls_not_distinct = ParseNullsDistinct();
  } else if (AcceptWord("check")) {
    out.type = Type::kCheck;
    ExpectOp("(");
    out.expr = ParseExpr();
    ExpectOp(")");
  } else if (PeekWord("references")) {
    out.type = Type::kForeignKey;
    ParseReferences(out);
  } else if (PeekWord("generated") &&
             (PeekWord("by", 1) || (PeekWord("always", 1) && PeekWord("identity", 3)))) {
    Advance();
    out.type = Type::kIdentity;
    if (AcceptWord("always")) {
      out.identity = 'a';
    } else {
      ExpectWord("by");
      ExpectWord("default");
      out.identity = 'd';
    }
    ExpectWord("as");
    ExpectWord("identity");
    out.identity_options = std::make_shared<ast::SequenceOptions>();
    if (AcceptOp("(")) {
      *out.identity_options = ParseSequenceOptions(/*alter=*/false, /*in_parentheses=*/true);
      ExpectOp(")");
    }
  } else if (PeekWord("generated")) {
    throw Error(sqlstate::kFeatureNotSupported, "generated columns are not supported")
        .WithPosition(Peek().position);
  } else {
    if (named) SyntaxErrorHere();
    return false;
  }
  return true;
}

ast::Constraint Parser::ParseTableConstraint() {
  using Type = ast::Constraint::Type;
  ast::Constraint constraint;
  constraint.position = Peek().position;
  if (AcceptWord("constraint")) constraint.name = ParseColId();
  if (AcceptWord("primary")) {
    ExpectWord("key");
    constraint.type = Type::kPrimaryKey;
    constraint.columns = ParseColumnList();
    if (AcceptWord("include")) constraint.including = ParseColumnList();
  } else if (AcceptWord("unique")) {
    constraint.type = Type::kUnique;
    constraint.nulls_not_distinct = ParseNullsDistinct();
    constraint.columns = ParseColumnList();
    if (AcceptWord("include")) constraint.including = ParseColumnList();
  } else if (AcceptWord("check")) {
    constraint.type = Type::kCheck;
    ExpectOp("(");
    constraint.expr = ParseExpr();
    ExpectOp(")");
  } else if (AcceptWord("foreign")) {
    ExpectWord("key");
    constraint.type = Type::kForeignKey;
    constraint.columns = ParseColumnList();
    ParseReferences(constraint);
  } else {
    SyntaxErrorHere();
  }
  ParseTableConstraintAttributes(constraint);
  return constraint;
}

// REFERENCES t [(cols)] [MATCH {SIMPLE | FULL}] [ON DELETE action]
// [ON UPDATE action], in any order.
void Parser::ParseReferences(ast::Constraint& constraint) {
  ExpectWord("references");
  constraint.ref_table = ParseQualifiedName();
  if (PeekOp("(")) constraint.ref_columns = ParseColumnList();
  while (true) {
    const int clause_position = Peek().position;
    if (AcceptWord("match")) {
      if (PeekWord("partial")) {
        throw Error(sqlstate::kFeatureNotSupported, "MATCH PARTIAL not yet implemented")
            .WithPosition(clause_position);
      }
      if (AcceptWord("full")) {
        constraint.match_type = 'f';
      } else {
        ExpectWord("simple");
        constraint.match_type = 's';
      }
    } else if (PeekWord("on") && (PeekWord("delete", 1) || PeekWord("update", 1))) {
      Advance();
      const bool on_delete = Advance().text == "delete";
      char action = 'a';
      if (AcceptWord("no")) {
        ExpectWord("action");
      } else if (AcceptWord("set")) {
        action = AcceptWord("null") ? 'n' : (ExpectWord("default"), 'd');
        if (PeekOp("(")) {
          std::vector<ast::Identifier> columns = ParseColumnList();
          if (!on_delete) {
            throw Error(sqlstate::kFeatureNotSupported,
                        fmt::format("a column list with {} is only supported for ON DELETE actions",
                                    action == 'n' ? "SET NULL" : "SET DEFAULT"))
                .WithPosition(clause_position);
          }
          constraint.delete_set_columns = std::move(columns);
        }
      } else if (AcceptWord("restrict")) {
        action = 'r';
      } else {
        ExpectWord("cascade");
        action = 'c';
      }
      (on_delete ? constraint.on_delete : constraint.on_update) = action;
    } else {
      break;
    }
  }
}

ast::StatementPtr Parser::ParseDrop() {
  if (PeekWord("database", 1)) return ParseDropDatabase();
  auto stmt = std::make_unique<ast::DropStmt>();
  ExpectWord("drop");
  if (AcceptWord("table")) {
    stmt->object_type = ast::ObjectType::kTable;
  } else if (AcceptWord("view")) {
    stmt->object_type = ast::ObjectType::kView;
  } else if (AcceptWord("index")) {
    stmt->object_type = ast::ObjectType::kIndex;
    stmt->concurrently = AcceptWord("concurrently");
  } else if (AcceptWord("schema")) {
    stmt->object_type = ast::ObjectType::kSchema;
  } else if (AcceptWord("sequence")) {
    stmt->object_type = ast::ObjectType::kSequence;
  } else if (AcceptWord("type")) {
    stmt->object_type = ast::ObjectType::kType;
  } else if (AcceptWord("domain")) {
    stmt->object_type = ast::ObjectType::kDomain;
  } else if (AcceptWord("materialized")) {
    ExpectWord("view");
    stmt->object_type = ast::ObjectType::kMaterializedView;
  } else {
    SyntaxErrorHere();
  }
  if (PeekWord("if")) {
    Advance();
    ExpectWord("exists");
    stmt->if_exists = true;
  }
  do {
    stmt->names.push_back(ParseQualifiedName());
  } while (AcceptOp(","));
  if (AcceptWord("cascade")) {
    stmt->cascade = true;
  } else {
    AcceptWord("restrict");
  }
  return stmt;
}

std::vector<ast::QualifiedName> Parser::ParseRelationList() {
  std::vector<ast::QualifiedName> names;
  do {
    AcceptWord("only");  // no inheritance: ONLY and * change nothing
    names.push_back(ParseQualifiedName());
    AcceptOp("*");
  } while (AcceptOp(","));
  return names;
}

ast::StatementPtr Parser::ParseTruncate() {
  auto stmt = std::make_unique<ast::TruncateStmt>();
  ExpectWord("truncate");
  AcceptWord("table");
  stmt->names = ParseRelationList();
  if (AcceptWord("restart")) {
    ExpectWord("identity");
    stmt->restart_identity = true;
  } else if (AcceptWord("continue")) {
    ExpectWord("identity");
  }
  if (AcceptWord("cascade")) {
    stmt->cascade = true;
  } else {
    AcceptWord("restrict");
  }
  return stmt;
}

ast::StatementPtr Parser::ParseLock() {
  auto stmt = std::make_unique<ast::LockStmt>();
  ExpectWord("lock");
  AcceptWord("table");
  stmt->names = ParseRelationList();
  if (AcceptWord("in")) {
    // ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE, SHARE UPDATE EXCLUSIVE, SHARE,
    // SHARE ROW EXCLUSIVE, EXCLUSIVE, ACCESS EXCLUSIVE: modes 1 to 8.
    if (AcceptWord("access")) {
      stmt->mode = AcceptWord("share") ? 1 : 8;
      if (stmt->mode == 8) ExpectWord("exclusive");
    } else if (AcceptWord("row")) {
      stmt->mode = AcceptWord("share") ? 2 : 3;
      if (stmt->mode == 3) ExpectWord("exclusive");
    } else if (AcceptWord("share")) {
      stmt->mode = AcceptWord("update") ? 4 : AcceptWord("row") ? 6 : 5;
      if (stmt->mode != 5) ExpectWord("exclusive");
    } else {
      ExpectWord("exclusive");
      stmt->mode = 7;
    }
    ExpectWord("mode");
  }
  if (AcceptWord("nowait")) stmt->nowait = true;
  return stmt;
}

}  // namespace basalt::sql
