// The extended query protocol's messages, answered through the SQL
// session's prepared statements and portals (sql/session_extended.cc).
// Errors are thrown; Session::OnExtendedMessage reports them and skips to
// Sync.
#include <fmt/format.h>

#include <optional>
#include <vector>

#include "common/error.h"
#include "server/session.h"
#include "server/wire_result_sink.h"

namespace basalt::server {

namespace {

// A format code other than 0 (text) and 1 (binary): 22023, as PostgreSQL.
void CheckFormatCode(int16_t format) {
  if (format != 0 && format != 1) {
    throw Error(sqlstate::kInvalidParameterValue,
                fmt::format("unsupported format code: {}", format));
  }
}

}  // namespace

void Session::OnParse(const protocol::Parse& parse, protocol::MessageWriter& out) {
  sql_session_->Prepare(parse.statement_name, parse.query, parse.parameter_types);
  out.ParseComplete();
}

void Session::OnBind(const protocol::Bind& bind, protocol::MessageWriter& out) {
  const std::vector<int16_t>& formats = bind.parameter_formats;
  try {
    if (formats.size() > 1 && formats.size() != bind.parameters.size()) {
      throw Error(sqlstate::kProtocolViolation,
                  fmt::format("bind message has {} parameter formats but {} parameters",
                              formats.size(), bind.parameters.size()));
    }
    for (int16_t format : formats) CheckFormatCode(format);
  } catch (const Error&) {
    sql_session_->AbortAfterProtocolError();
    throw;
  }
  // Result format codes are checked when the portal runs, as PostgreSQL.
  std::vector<sql::BindParameter> parameters;
  parameters.reserve(bind.parameters.size());
  for (size_t i = 0; i < bind.parameters.size(); ++i) {
    const int16_t format = formats.empty() ? 0 : formats.size() == 1 ? formats[0] : formats[i];
    parameters.push_back(sql::BindParameter{bind.parameters[i], format == 1});
  }
  sql_session_->Bind(bind.portal_name, bind.statement_name, std::move(parameters),
                     bind.result_formats);
  out.BindComplete();
}

void Session::OnDescribe(const protocol::Describe& describe, protocol::MessageWriter& out) {
  std::optional<std::vector<sql::ResultColumn>> columns;
  if (describe.kind == 'S') {
    sql::StatementDescription description = sql_session_->DescribeStatement(describe.name);
    out.ParameterDescription(description.parameter_types);
    columns = std::move(description.columns);
  } else {
    columns = sql_session_->DescribePortal(describe.name);
  }
  if (columns) {
    WriteRowDescription(out, *columns);
  } else {
    out.NoData();
  }
}

void Session::OnExecute(const protocol::Execute& execute, protocol::MessageWriter& out) {
  WireResultSink sink(out, flush_hook_);
  // The client learnt the columns from Describe: rows only, each column in
  // the format Bind asked for.
  const std::vector<sql::ResultColumn> columns =
      sql_session_->DescribePortal(execute.portal_name).value_or(std::vector<sql::ResultColumn>{});
  try {
    for (const sql::ResultColumn& column : columns) CheckFormatCode(column.format);
  } catch (const Error&) {
    sql_session_->AbortAfterProtocolError();
    throw;
  }
  sink.SetDescribedColumns(columns);
  if (sql_session_->Execute(execute.portal_name, execute.max_rows, sink)) out.PortalSuspended();
  EnterCopyInIfStarted(/*from_simple_query=*/false);
}

void Session::OnClose(const protocol::Close& close, protocol::MessageWriter& out) {
  if (close.kind == 'S') {
    sql_session_->CloseStatement(close.name);
  } else {
    sql_session_->ClosePortal(close.name);
  }
  out.CloseComplete();
}

}  // namespace basalt::server
