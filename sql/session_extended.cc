// The extended query protocol: prepared statements (Parse), portals (Bind),
// Describe, Execute, Close and Sync. A statement keeps its AST and the plan
// of its last execution, which the next Execute reuses while the catalog
// and search_path are unchanged; a portal holds its parameter values and
// its execution's operators (session_portal.cc runs them).
#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <utility>

#include "catalog/system_relations.h"
#include "common/datetime.h"
#include "common/session_formats.h"
#include "common/value_binary.h"
#include "common/value_text.h"
#include "sql/binder/binder.h"
#include "sql/binder/parameter_types.h"
#include "sql/parser/parser.h"
#include "sql/pg_settings_rows.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

[[noreturn]] void ThrowUnknownStatement(std::string_view name) {
  throw Error(sqlstate::kInvalidSqlStatementName,
              fmt::format("prepared statement \"{}\" does not exist", name));
}

[[noreturn]] void ThrowUnknownPortal(std::string_view name) {
  throw Error(sqlstate::kInvalidCursorName, fmt::format("portal \"{}\" does not exist", name));
}

// A Bind parameter as the text the binder reads for `type` (unknown: text).
// A value its type cannot read fails Bind, as in PostgreSQL: text through
// the input function (22P02, ...), binary through the receive function,
// which must use every byte (22P03).
Value ReadParameter(BindParameter parameter, const DataType& type, size_t number) {
  if (!parameter.value) return Value::Null();
  // Bind reads with typmod -1, as PostgreSQL; the column's applies later.
  const DataType read_as =
      type.id == TypeId::kUnknown ? DataType::Of(TypeId::kText) : type.Unmodified();
  if (!parameter.binary) {
    // A client's text must be UTF-8 whatever its type (22021).
    if (Status valid = CheckUtf8(*parameter.value); !valid.ok()) {
      throw Error::FromStatus(valid);
    }
    // What nothing typed stays the client's text.
    if (type.id == TypeId::kUnknown) return Value::String(std::move(*parameter.value));
    // A value its type cannot read fails Bind (22P02), as PostgreSQL.
    Result<Value> value = ValueFromText(*parameter.value, read_as);
    if (!value.ok()) throw Error::FromStatus(value.status());
    return std::move(value).value();
  }
  std::string_view bytes = *parameter.value;
  Result<Value> value = ReadValueBinary(&bytes, read_as);
  if (!value.ok()) throw Error::FromStatus(value.status());
  if (!bytes.empty()) {
    throw Error(sqlstate::kInvalidBinaryRepresentation,
                fmt::format("incorrect binary data format in bind parameter {}", number));
  }
  return std::move(value).value();
}

// Bind's result format codes, one per column: none means all text, one
// applies to every column. A statement without rows takes any list, as in
// PostgreSQL.
std::vector<int16_t> ResultFormats(const std::vector<int16_t>& formats,
                                   const std::vector<ResultColumn>* columns) {
  if (!columns) return {};
  const size_t count = columns->size();
  if (formats.size() > 1 && formats.size() != count) {
    throw Error(sqlstate::kProtocolViolation,
                fmt::format("bind message has {} result formats but query has {} columns",
                            formats.size(), count));
  }
  if (formats.size() > 1) return formats;
  return std::vector<int16_t>(count, formats.empty() ? int16_t{0} : formats[0]);
}

}  // namespace

void SessionImpl::Prepare(std::string_view name, std::string_view text,
                          const std::vector<Oid>& parameter_types) {
  ScopedObjectNames names(&object_names_);
  ScopedSessionTimeZone zone(TimeZoneSetting());
  ScopedSessionFormats formats(FormatsSetting());
  try {
    if (!name.empty() && statements_.contains(name)) {
      throw Error(sqlstate::kDuplicatePreparedStatement,
                  fmt::format("prepared statement \"{}\" already exists", name));
    }
    auto prepared = std::make_shared<PreparedStatement>();
    prepared->text = std::string(text);
    prepared->prepare_time = CurrentTimestamp();
    std::vector<ast::StatementPtr> statements = ParseStatements(prepared->text);
    ++statements_parsed_;
    if (statements.size() > 1) {
      throw Error(sqlstate::kSyntaxError,
                  "cannot insert multiple commands into a prepared statement");
    }
    for (Oid oid : parameter_types) {
      // A type Basalt lacks is left to inference, as if unspecified.
      const DataType unknown = DataType::Of(TypeId::kUnknown);
      prepared->parameter_types.push_back(oid == 0 ? unknown
                                                   : DataType::FromOid(oid).value_or(unknown));
    }
    if (!statements.empty()) {
      prepared->statement = std::move(statements.front());
      // As PostgreSQL: a failed block parses only what can end it.
      if (state_ == TransactionState::kFailed &&
          prepared->statement->kind() != ast::StatementKind::kTransaction) {
        throw Error(sqlstate::kInFailedSqlTransaction,
                    "current transaction is aborted, commands ignored until end of transaction "
                    "block");
      }
      if (state_ != TransactionState::kFailed) {
        prepared->columns = DescribeColumns(*prepared->statement, prepared->parameter_types);
      }
    }
    statements_[std::string(name)] = std::move(prepared);
  } catch (...) {
    AbortAfterError();
    throw;
  }
}

std::optional<std::vector<ResultColumn>> SessionImpl::DescribeColumns(
    const ast::Statement& statement, std::vector<DataType>& parameters) {
  // Binds `bound_statement` with `parameters` typed from their contexts in it.
  auto bind_with_parameters = [&](const ast::Statement& bound_statement) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
    Binder binder(*snapshot, database_oid_, user_, SearchPath());
    binder.DescribeParameters(&parameters);
    BoundStatement bound = binder.Bind(bound_statement);
    InferParameterTypes(bound, parameters);
    return bound;
  };
  switch (statement.kind()) {
    case ast::StatementKind::kSelect:
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kUpdate:
    case ast::StatementKind::kDelete:
    case ast::StatementKind::kMerge: return ResultColumnsOf(bind_with_parameters(statement));
    case ast::StatementKind::kDeclareCursor:
      // Its query's parameters are the statement's (psycopg declares its
      // server-side cursors with $n); DECLARE itself returns no rows.
      bind_with_parameters(*statement.As<ast::DeclareCursorStmt>().query);
      return std::nullopt;
    case ast::StatementKind::kExplain: {
      const ast::Statement& explained = *statement.As<ast::ExplainStmt>().statement;
      switch (explained.kind()) {
        case ast::StatementKind::kSelect:
        case ast::StatementKind::kInsert:
        case ast::StatementKind::kUpdate:
        case ast::StatementKind::kDelete:
        case ast::StatementKind::kMerge: {
          // Its statement's parameters are EXPLAIN's (ORMs explain
          // queries with $n), typed by their contexts there.
          bind_with_parameters(explained);
          break;
        }
        default: break;
      }
      // FORMAT JSON's one value is json, as PostgreSQL's.
      const bool json =
          statement.As<ast::ExplainStmt>().format == ast::ExplainStmt::Format::kJson &&
          explained.kind() != ast::StatementKind::kRefreshMatView;
      return std::vector<ResultColumn>{
          ResultColumn{"QUERY PLAN", DataType::Of(json ? TypeId::kJson : TypeId::kText), 0, 0}};
    }
    case ast::StatementKind::kShow: {
      const auto& show = statement.As<ast::ShowStmt>();
      const DataType text = DataType::Of(TypeId::kText);
      if (show.all) {
        return std::vector<ResultColumn>{ResultColumn{"name", text, 0, 0},
                                         ResultColumn{"setting", text, 0, 0},
                                         ResultColumn{"description", text, 0, 0}};
      }
      std::optional<std::string> name = Settings::CanonicalName(show.name);
      return std::vector<ResultColumn>{ResultColumn{name.value_or(show.name), text, 0, 0}};
    }
    default: return std::nullopt;
  }
}

const std::vector<ResultColumn>* SessionImpl::StatementColumns(const PreparedStatement& statement) {
  // FETCH returns its cursor's columns, known once the cursor exists (as
  // PostgreSQL describes it at Describe, not Parse).
  if (statement.statement != nullptr && statement.statement->kind() == ast::StatementKind::kFetch) {
    const auto& fetch = statement.statement->As<ast::FetchStmt>();
    Portal* cursor = fetch.move ? nullptr : FindPortal(fetch.cursor);
    return cursor != nullptr && cursor->statement->columns ? &*cursor->statement->columns : nullptr;
  }
  return statement.columns ? &*statement.columns : nullptr;
}

StatementDescription SessionImpl::DescribeStatement(std::string_view name) {
  ScopedObjectNames names(&object_names_);
  ScopedSessionTimeZone zone(TimeZoneSetting());
  ScopedSessionFormats formats(FormatsSetting());
  auto it = statements_.find(name);
  if (it == statements_.end()) {
    AbortAfterError();
    ThrowUnknownStatement(name);
  }
  StatementDescription description;
  for (const DataType& type : it->second->parameter_types) {
    // What nothing typed is text, as PostgreSQL resolves unknowns.
    description.parameter_types.push_back(type.id == TypeId::kUnknown ? type_oid::kText
                                                                      : type.oid());
  }
  if (const std::vector<ResultColumn>* columns = StatementColumns(*it->second)) {
    description.columns = *columns;
  }
  return description;
}

void SessionImpl::Bind(std::string_view portal_name, std::string_view statement_name,
                       std::vector<BindParameter> parameters,
                       const std::vector<int16_t>& result_formats) {
  ScopedObjectNames names(&object_names_);
  ScopedSessionTimeZone zone(TimeZoneSetting());
  ScopedSessionFormats formats(FormatsSetting());
  try {
    auto it = statements_.find(statement_name);
    if (it == statements_.end()) ThrowUnknownStatement(statement_name);
    const std::shared_ptr<const PreparedStatement>& statement = it->second;
    if (parameters.size() != statement->parameter_types.size()) {
      throw Error(
          sqlstate::kProtocolViolation,
          fmt::format("bind message supplies {} parameters, but prepared statement "
                      "\"{}\" requires {}",
                      parameters.size(), statement_name, statement->parameter_types.size()));
    }
    if (!portal_name.empty() && FindPortal(portal_name) != nullptr) {
      throw Error(sqlstate::kDuplicateCursor,
                  fmt::format("cursor \"{}\" already exists", portal_name));
    }
    Portal portal;
    portal.statement = statement;
    portal.transaction = transaction_serial_;
    portal.parameters.reserve(parameters.size());
    for (size_t i = 0; i < parameters.size(); ++i) {
      portal.parameters.push_back(
          ReadParameter(std::move(parameters[i]), statement->parameter_types[i], i + 1));
    }
    portal.result_formats = ResultFormats(result_formats, StatementColumns(*statement));
    portals_[std::string(portal_name)] = std::move(portal);
  } catch (...) {
    AbortAfterError();
    throw;
  }
}

Portal* SessionImpl::FindPortal(std::string_view name) {
  auto it = portals_.find(name);
  if (it == portals_.end()) return nullptr;
  if (it->second.transaction != transaction_serial_ && it->second.transaction != kHeldPortal) {
    portals_.erase(it);
    return nullptr;
  }
  return &it->second;
}

std::optional<std::vector<ResultColumn>> SessionImpl::DescribePortal(std::string_view name) {
  ScopedObjectNames names(&object_names_);
  ScopedSessionTimeZone zone(TimeZoneSetting());
  ScopedSessionFormats formats(FormatsSetting());
  Portal* portal = FindPortal(name);
  if (portal == nullptr) {
    AbortAfterError();
    ThrowUnknownPortal(name);
  }
  std::optional<std::vector<ResultColumn>> columns;
  if (const std::vector<ResultColumn>* described = StatementColumns(*portal->statement)) {
    columns = *described;
  }
  if (columns && columns->size() == portal->result_formats.size()) {
    for (size_t i = 0; i < columns->size(); ++i) (*columns)[i].format = portal->result_formats[i];
  }
  return columns;
}

bool SessionImpl::Execute(std::string_view name, int64_t max_rows, ResultSink& sink) {
  ScopedObjectNames names(&object_names_);
  ScopedSessionTimeZone zone(TimeZoneSetting());
  ScopedSessionFormats formats(FormatsSetting());
  try {
    Portal* portal = FindPortal(name);
    if (portal == nullptr) ThrowUnknownPortal(name);
    running_portal_ = portal;
    const bool suspended = RunPortal(name, *portal, max_rows, sink);
    running_portal_ = nullptr;
    return suspended;
  } catch (...) {
    running_portal_ = nullptr;
    AbortAfterError();
    throw;
  }
}

std::vector<Row> SessionImpl::PreparedStatementRows() {
  std::vector<Row> rows;
  for (const auto& [name, statement] : statements_) {
    if (name.empty()) continue;  // the unnamed statement, as in PostgreSQL
    std::vector<Value> types;
    for (const DataType& type : statement->parameter_types) {
      types.push_back(Value::Int(type.id == TypeId::kUnknown ? type_oid::kText : type.oid()));
    }
    rows.push_back(Row{Value::String(name), Value::String(statement->text),
                       Value::Int(statement->prepare_time), Value::Array(std::move(types)),
                       Value::Bool(statement->from_sql), Value::Int(statement->executions),
                       Value::Int(0)});
  }
  return rows;
}

std::vector<Row> SessionImpl::SessionRows(Oid relation) {
  switch (relation) {
    case catalog::oids::kPgCursors: return CursorRows();
    case catalog::oids::kPgSettings: return PgSettingsRows(settings_);
    case catalog::oids::kPgStatProgressRefreshMatview:
      return refresh_board_ ? refresh_board_->ProgressRows(database_oid_) : std::vector<Row>{};
    case catalog::oids::kBasaltMatviewStatus: return MatviewStatusRows();
    case catalog::oids::kPgStatActivity: return ActivityRows();
    case catalog::oids::kPgStatDatabase: return DatabaseActivityRows();
    case catalog::oids::kPgStatSsl: return SslRows();
    case catalog::oids::kPgStatGssapi: return GssapiRows();
    case catalog::oids::kPgStatProgressCreateIndex: return IndexBuildProgressRows();
    default: return PreparedStatementRows();
  }
}

void SessionImpl::CloseStatement(std::string_view name) {
  auto it = statements_.find(name);
  if (it != statements_.end()) statements_.erase(it);
}

void SessionImpl::ClosePortal(std::string_view name) {
  auto it = portals_.find(name);
  if (it != portals_.end()) portals_.erase(it);
}

void SessionImpl::Sync() {
  try {
    if (txn_ != nullptr && implicit_) CommitTransaction();
  } catch (...) {
    AbortAfterError();
    std::erase_if(portals_,
                  [](const auto& entry) { return entry.second.transaction != kHeldPortal; });
    throw;
  }
  // Portals end with their transaction, but for WITH HOLD cursors.
  if (state_ == TransactionState::kIdle) {
    std::erase_if(portals_,
                  [](const auto& entry) { return entry.second.transaction != kHeldPortal; });
  }
}

}  // namespace basalt::sql
