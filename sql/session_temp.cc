// Temporary tables: the session's own schema pg_temp_<pid>, made by its
// first CREATE TEMP TABLE, searched before the search_path (as PostgreSQL's
// pg_temp), and dropped with everything in it when the session ends. A
// schema left by a crash is emptied by the next session that gets its
// name, as PostgreSQL reuses a backend's temporary schema.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "sql/discarding_result_sink.h"
#include "sql/execution/evaluate.h"
#include "sql/parser/ast_printer.h"
#include "sql/parser/parser.h"
#include "sql/session_impl.h"

namespace basalt::sql {

std::string SessionImpl::TempNamespaceName() const {
  return fmt::format("pg_temp_{}", lock_owner_->pid());
}

std::vector<std::string> SessionImpl::SearchPath() const {
  if (search_path_override_) return *search_path_override_;
  std::vector<std::string> path = settings_.SearchPath();
  const std::string temp = TempNamespaceName();
  if (writer_.View()->FindNamespace(database_oid_, temp) == nullptr) {
    std::erase(path, std::string("pg_temp"));
    return path;
  }
  // Where the path names pg_temp, or first.
  auto named = std::find(path.begin(), path.end(), "pg_temp");
  if (named != path.end()) {
    *named = temp;
  } else {
    path.insert(path.begin(), temp);
  }
  return path;
}

void SessionImpl::EnsureTempNamespace() {
  const std::string name = TempNamespaceName();
  if (writer_.View()->FindNamespace(database_oid_, name) != nullptr) {
    if (created_temp_namespace_) return;
    // Left by a crashed session with this pid: what it held goes first.
    DiscardingResultSink sink;
    ast::DropStmt drop;
    drop.if_exists = true;
    drop.cascade = true;
    drop.names.emplace_back().name = name;
    ExecuteDropSchema(drop, sink);
  }
  catalog::proto::Namespace ns;
  ns.set_name(name);
  ns.set_database_oid(database_oid_);
  ns.set_owner_oid(role_oid_);
  Status st = writer_.CreateNamespace(*txn_, std::move(ns));
  if (!st.ok()) ThrowStatus(st);
  created_temp_namespace_ = true;
}

void SessionImpl::RunOnCommitActions() {
  if (on_commit_.empty() || txn_ == nullptr) return;
  std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
  std::vector<std::string> statements;
  for (auto it = on_commit_.begin(); it != on_commit_.end();) {
    auto table = snapshot->TableByOid(database_oid_, it->first);
    if (table == nullptr) {  // dropped, or its CREATE rolled back
      it = on_commit_.erase(it);
      continue;
    }
    const std::string name =
        ast::QuoteName(TempNamespaceName()) + "." + ast::QuoteName(table->def.name());
    const bool drop = it->second == ast::CreateTableStmt::OnCommit::kDrop;
    statements.push_back(drop ? "DROP TABLE " + name : "DELETE FROM " + name);
    it = drop ? on_commit_.erase(it) : std::next(it);
  }
  DiscardingResultSink sink;
  try {
    for (const std::string& text : statements) {
      for (ast::StatementPtr& statement : ParseStatements(text)) {
        ExecuteStatement(std::shared_ptr<const ast::Statement>(std::move(statement)), sink);
      }
    }
  } catch (...) {
    RollbackTransaction();
    throw;
  }
}

void SessionImpl::DropTempNamespace() noexcept {
  if (!created_temp_namespace_) return;
  created_temp_namespace_ = false;
  try {
    if (catalog_.Current()->FindNamespace(database_oid_, TempNamespaceName()) == nullptr) return;
    DiscardingResultSink sink;
    ExecuteSimpleQuery(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", TempNamespaceName()), sink);
  } catch (const std::exception& e) {
    spdlog::warn("session {}: its temporary tables were not dropped: {}", lock_owner_->pid(),
                 e.what());
  }
}

}  // namespace basalt::sql
