// Out-of-line special members of nodes that own a SelectStmt, which
// ast_expr.h only forward-declares.
#include "sql/parser/ast.h"

namespace basalt::sql::ast {

In::In() : Expr(kKind) {}
In::~In() {
  DeleteIteratively(arg);
  DeleteAll(list);
  DeleteIteratively(subquery);
}

Subquery::Subquery() : Expr(kKind) {}
Subquery::~Subquery() {
  DeleteIteratively(select);
  DeleteIteratively(left);
}

SubqueryRef::SubqueryRef() : TableRef(kKind) {}
SubqueryRef::~SubqueryRef() {
  DeleteIteratively(select);
}

CreateViewStmt::CreateViewStmt() : Statement(kKind) {}
CreateViewStmt::~CreateViewStmt() {
  DeleteIteratively(query);
}

CreateTableAsStmt::CreateTableAsStmt() : Statement(kKind) {}
CreateTableAsStmt::~CreateTableAsStmt() {
  DeleteIteratively(query);
}

CommonTableExpr::CommonTableExpr() = default;
CommonTableExpr::~CommonTableExpr() {
  DeleteIteratively(query);
}
CommonTableExpr::CommonTableExpr(CommonTableExpr&&) noexcept = default;

}  // namespace basalt::sql::ast
