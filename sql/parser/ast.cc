// Out-of-line special members of nodes that own a SelectStmt, which
// ast_expr.h only forward-declares.
#include "sql/parser/ast.h"

namespace basalt::sql::ast {

In::In() : Expr(kKind) {}
In::~In() = default;

Subquery::Subquery() : Expr(kKind) {}
Subquery::~Subquery() = default;

SubqueryRef::SubqueryRef() : TableRef(kKind) {}
SubqueryRef::~SubqueryRef() = default;

}  // namespace basalt::sql::ast
