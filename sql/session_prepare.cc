// SQL-level prepared statements: PREPARE, EXECUTE, DEALLOCATE. They share
// the protocol's namespace and plan cache (session_extended.cc): EXECUTE
// runs the statement through a portal of its own, as PostgreSQL does.
#include <fmt/format.h>

#include "common/datetime.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"
#include "sql/execution/evaluate.h"
#include "sql/session_impl.h"

namespace basalt::sql {

void SessionImpl::ExecutePrepare(const std::shared_ptr<const ast::Statement>& statement,
                                 ResultSink& sink) {
  const auto& prepare = statement->As<ast::PrepareStmt>();
  if (statements_.contains(prepare.name)) {
    throw Error(sqlstate::kDuplicatePreparedStatement,
                fmt::format("prepared statement \"{}\" already exists", prepare.name));
  }
  auto prepared = std::make_shared<PreparedStatement>();
  // Shares ownership of the whole PREPARE tree, pointing at its statement.
  prepared->statement = std::shared_ptr<const ast::Statement>(statement, prepare.statement.get());
  prepared->text = std::string(query_text_);  // PostgreSQL shows the whole query string
  prepared->from_sql = true;
  prepared->prepare_time = CurrentTimestamp();
  for (const ast::TypeName& type : prepare.parameter_types) {
    prepared->parameter_types.push_back(BindTypeName(type));
  }
  prepared->columns = DescribeColumns(*prepared->statement, prepared->parameter_types);
  statements_[prepare.name] = std::move(prepared);
  sink.CommandComplete("PREPARE");
}

Portal SessionImpl::ExecutePortal(const ast::ExecuteStmt& execute, ResultSink& sink) {
  auto it = statements_.find(execute.name);
  if (it == statements_.end()) {
    throw Error(sqlstate::kInvalidSqlStatementName,
                fmt::format("prepared statement \"{}\" does not exist", execute.name));
  }
  Portal portal;
  portal.statement = it->second;
  portal.transaction = transaction_serial_;
  const std::vector<DataType>& types = portal.statement->parameter_types;
  if (execute.parameters.size() != types.size()) {
    throw Error(
        sqlstate::kSyntaxError,
        fmt::format("wrong number of parameters for prepared statement \"{}\"", execute.name))
        .WithDetail(fmt::format("Expected {} parameters but got {}.", types.size(),
                                execute.parameters.size()));
  }
  // Each argument is an expression without columns, evaluated now and
  // assigned to its parameter's type.
  EnsureTransaction();
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  Binder binder(*snapshot, database_oid_, user_, SearchPath());
  ExecContext ctx = NewExecContext(nullptr, &sink);
  for (size_t i = 0; i < types.size(); ++i) {
    BoundExprPtr arg = binder.BindExpression(*execute.parameters[i], Scope{});
    const DataType from = arg->type;
    // What is still unknown after Parse was resolved as text.
    const DataType to = types[i].id == TypeId::kUnknown ? DataType::Of(TypeId::kText) : types[i];
    BoundExprPtr value = TryCoerce(std::move(arg), to, CastContext::kAssignment);
    if (value == nullptr) {
      throw Error(sqlstate::kDatatypeMismatch,
                  fmt::format("parameter ${} of type {} cannot be coerced to the expected type {}",
                              i + 1, from.Name(), to.Name()))
          .WithHint("You will need to rewrite or cast the expression.");
    }
    portal.parameters.push_back(Evaluate(*value, Row{}, &ctx));
  }
  return portal;
}

void SessionImpl::ExecuteExecute(const ast::ExecuteStmt& execute, ResultSink& sink) {
  Portal portal = ExecutePortal(execute, sink);
  if (!portal.statement->statement) {
    sink.EmptyQuery();
    return;
  }
  StartPlannedPortal(portal, sink);
  if (portal.statement->columns) {
    sink.BeginResult(*portal.statement->columns);
    SendPortalRows(portal, 0, sink);
  } else {
    std::unique_ptr<PhysicalOperator> root = std::move(portal.root);
    RunToCompletion(*portal.plan, *root, &portal.parameters, sink);
  }
}

void SessionImpl::ExecuteDeallocate(const ast::DeallocateStmt& stmt, ResultSink& sink) {
  if (stmt.name.empty()) {
    statements_.clear();
    sink.CommandComplete("DEALLOCATE ALL");
    return;
  }
  if (statements_.erase(stmt.name) == 0) {
    throw Error(sqlstate::kInvalidSqlStatementName,
                fmt::format("prepared statement \"{}\" does not exist", stmt.name));
  }
  sink.CommandComplete("DEALLOCATE");
}

}  // namespace basalt::sql
