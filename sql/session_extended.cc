// The extended query protocol: prepared statements (Parse), portals (Bind),
// Describe, Execute, Close and Sync. A statement keeps its AST; each Execute
// binds and plans it with the portal's parameter values (plans are not cached
// yet).
#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <utility>

#include "common/value_binary.h"
#include "common/value_text.h"
#include "sql/binder/binder.h"
#include "sql/binder/parameter_types.h"
#include "sql/parser/parser.h"
#include "sql/session_impl.h"

namespace basalt::sql {

namespace {

// Keeps what a statement sends, so Execute with a row limit can hand the
// rows out over several calls; notices and warnings go straight through.
class PortalBuffer final : public ResultSink {
 public:
  PortalBuffer(Portal& portal, ResultSink& client) : portal_(portal), client_(client) {}

  void BeginResult(const std::vector<ResultColumn>&) override {}
  void Rows(std::span<const Row> rows) override {
    portal_.rows.insert(portal_.rows.end(), rows.begin(), rows.end());
  }
  void CommandComplete(std::string_view tag) override { portal_.tag = std::string(tag); }
  void EmptyQuery() override {}
  void ParameterStatus(std::string_view name, std::string_view value) override {
    client_.ParameterStatus(name, value);
  }
  void Notice(sqlstate::Code code, std::string_view message) override {
    client_.Notice(code, message);
  }
  void Warning(sqlstate::Code code, std::string_view message) override {
    client_.Warning(code, message);
  }

 private:
  Portal& portal_;
  ResultSink& client_;
};

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
std::optional<std::string> ReadParameter(BindParameter parameter, const DataType& type,
                                         size_t number) {
  if (!parameter.value) return std::nullopt;
  // Bind reads with typmod -1, as PostgreSQL; the column's applies later.
  const DataType read_as = DataType::Of(type.id == TypeId::kUnknown ? TypeId::kText : type.id);
  if (!parameter.binary) {
    if (type.id != TypeId::kUnknown) {
      Result<Value> value = ValueFromText(*parameter.value, read_as);
      if (!value.ok()) throw Error::FromStatus(value.status());
    }
    return std::move(parameter.value);
  }
  std::string_view bytes = *parameter.value;
  Result<Value> value = ReadValueBinary(&bytes, read_as);
  if (!value.ok()) throw Error::FromStatus(value.status());
  if (!bytes.empty()) {
    throw Error(sqlstate::kInvalidBinaryRepresentation,
                fmt::format("incorrect binary data format in bind parameter {}", number));
  }
  // ParameterValue carries text for now: the value's text reads back as
  // the same value.
  return ValueToText(*value, read_as);
}

// Bind's result format codes, one per column: none means all text, one
// applies to every column. A statement without rows takes any list, as in
// PostgreSQL.
std::vector<int16_t> ResultFormats(const std::vector<int16_t>& formats,
                                   const std::optional<std::vector<ResultColumn>>& columns) {
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
  try {
    if (!name.empty() && statements_.contains(name)) {
      throw Error(sqlstate::kDuplicatePreparedStatement,
                  fmt::format("prepared statement \"{}\" already exists", name));
    }
    auto prepared = std::make_shared<PreparedStatement>();
    prepared->text = std::string(text);
    std::vector<ast::StatementPtr> statements = ParseStatements(prepared->text);
    if (statements.size() > 1) {
      throw Error(sqlstate::kSyntaxError,
                  "cannot insert multiple commands into a prepared statement");
    }
    for (Oid oid : parameter_types) {
      ParameterValue parameter;
      // A type Basalt lacks is left to inference, as if unspecified.
      if (oid != 0) parameter.type = DataType::FromOid(oid).value_or(parameter.type);
      prepared->parameters.push_back(std::move(parameter));
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
        prepared->columns = DescribeColumns(*prepared->statement, prepared->parameters);
      }
    }
    statements_[std::string(name)] = std::move(prepared);
  } catch (...) {
    AbortAfterError();
    throw;
  }
}

std::optional<std::vector<ResultColumn>> SessionImpl::DescribeColumns(
    const ast::Statement& statement, std::vector<ParameterValue>& parameters) {
  switch (statement.kind()) {
    case ast::StatementKind::kSelect:
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kUpdate:
    case ast::StatementKind::kDelete: {
      std::shared_ptr<const catalog::CatalogSnapshot> snapshot = writer_.View();
      Binder binder(*snapshot, database_oid_, user_, settings_.SearchPath());
      binder.SetParameters(&parameters, /*describing=*/true);
      BoundStatement bound = binder.Bind(statement);
      InferParameterTypes(bound, parameters);
      if (auto* select = std::get_if<std::unique_ptr<BoundSelect>>(&bound)) {
        return (*select)->columns;
      }
      return std::nullopt;
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

StatementDescription SessionImpl::DescribeStatement(std::string_view name) {
  auto it = statements_.find(name);
  if (it == statements_.end()) {
    AbortAfterError();
    ThrowUnknownStatement(name);
  }
  StatementDescription description;
  for (const ParameterValue& parameter : it->second->parameters) {
    // What nothing typed is text, as PostgreSQL resolves unknowns.
    description.parameter_types.push_back(
        parameter.type.id == TypeId::kUnknown ? type_oid::kText : parameter.type.oid());
  }
  description.columns = it->second->columns;
  return description;
}

void SessionImpl::Bind(std::string_view portal_name, std::string_view statement_name,
                       std::vector<BindParameter> parameters,
                       const std::vector<int16_t>& result_formats) {
  try {
    auto it = statements_.find(statement_name);
    if (it == statements_.end()) ThrowUnknownStatement(statement_name);
    const std::shared_ptr<const PreparedStatement>& statement = it->second;
    if (parameters.size() != statement->parameters.size()) {
      throw Error(sqlstate::kProtocolViolation,
                  fmt::format("bind message supplies {} parameters, but prepared statement "
                              "\"{}\" requires {}",
                              parameters.size(), statement_name, statement->parameters.size()));
    }
    if (!portal_name.empty() && FindPortal(portal_name) != nullptr) {
      throw Error(sqlstate::kDuplicateCursor,
                  fmt::format("cursor \"{}\" already exists", portal_name));
    }
    Portal portal;
    portal.statement = statement;
    portal.parameters = statement->parameters;
    portal.transaction = transaction_serial_;
    for (size_t i = 0; i < parameters.size(); ++i) {
      portal.parameters[i].text =
          ReadParameter(std::move(parameters[i]), portal.parameters[i].type, i + 1);
    }
    portal.result_formats = ResultFormats(result_formats, statement->columns);
    portals_[std::string(portal_name)] = std::move(portal);
  } catch (...) {
    AbortAfterError();
    throw;
  }
}

Portal* SessionImpl::FindPortal(std::string_view name) {
  auto it = portals_.find(name);
  if (it == portals_.end()) return nullptr;
  if (it->second.transaction != transaction_serial_) {
    portals_.erase(it);
    return nullptr;
  }
  return &it->second;
}

std::optional<std::vector<ResultColumn>> SessionImpl::DescribePortal(std::string_view name) {
  Portal* portal = FindPortal(name);
  if (portal == nullptr) {
    AbortAfterError();
    ThrowUnknownPortal(name);
  }
  std::optional<std::vector<ResultColumn>> columns = portal->statement->columns;
  if (columns) {
    for (size_t i = 0; i < columns->size(); ++i) (*columns)[i].format = portal->result_formats[i];
  }
  return columns;
}

bool SessionImpl::Execute(std::string_view name, int64_t max_rows, ResultSink& sink) {
  try {
    Portal* portal = FindPortal(name);
    if (portal == nullptr) ThrowUnknownPortal(name);
    return RunPortal(name, *portal, max_rows, sink);
  } catch (...) {
    parameters_ = nullptr;
    AbortAfterError();
    throw;
  }
}

bool SessionImpl::RunPortal(std::string_view name, Portal& portal, int64_t max_rows,
                            ResultSink& sink) {
  const ast::Statement* statement = portal.statement->statement.get();
  if (statement == nullptr) {
    sink.EmptyQuery();
    return false;
  }
  if (portal.started && !portal.returns_rows) {
    // As PostgreSQL: a command without rows runs once per portal.
    throw Error(sqlstate::kObjectNotInPrerequisiteState,
                fmt::format("portal \"{}\" cannot be run", name));
  }
  if (!portal.started) {
    portal.started = true;
    portal.returns_rows = portal.statement->columns.has_value();
    BeginStatement();
    parameters_ = &portal.parameters;
    if (max_rows <= 0) {
      ExecuteStatement(*statement, sink);
      parameters_ = nullptr;
      portal.tag = "SELECT 0";  // a later Execute finds no rows left
      return false;
    }
    PortalBuffer buffer(portal, sink);
    ExecuteStatement(*statement, buffer);
    parameters_ = nullptr;
    if (!portal.returns_rows) {
      sink.CommandComplete(portal.tag);
      return false;
    }
  }
  const size_t left = portal.rows.size() - portal.next;
  const size_t count = max_rows > 0 ? std::min(left, static_cast<size_t>(max_rows)) : left;
  sink.Rows(std::span<const Row>(portal.rows).subspan(portal.next, count));
  portal.next += count;
  // PostgreSQL suspends once the limit is reached, even with no row left.
  if (max_rows > 0 && count == static_cast<size_t>(max_rows)) return true;
  // "SELECT 5" counts the rows this Execute sent.
  sink.CommandComplete(portal.tag.starts_with("SELECT ") ? fmt::format("SELECT {}", count)
                                                         : portal.tag);
  return false;
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
    portals_.clear();
    throw;
  }
  // Portals end with their transaction (none is WITH HOLD yet).
  if (state_ == TransactionState::kIdle) portals_.clear();
}

}  // namespace basalt::sql
