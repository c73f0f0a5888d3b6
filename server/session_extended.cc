// The extended query protocol's messages, answered through the SQL
// session's prepared statements and portals (sql/session_extended.cc).
// Errors are thrown; Session::OnExtendedMessage reports them and skips to
// Sync.
#include <fmt/format.h>

#include <optional>
#include <vector>

#include "common/error.h"
#include "protocol/value_format.h"
#include "server/session.h"
#include "server/wire_result_sink.h"

namespace basalt::server {

namespace {

// Result format codes of Bind: 0 text; 1 binary (not yet); anything else
// is a protocol violation, as in PostgreSQL.
void CheckFormats(const std::vector<int16_t>& formats) {
  for (int16_t format : formats) {
    if (format == 1) {
      throw Error(sqlstate::kFeatureNotSupported, "binary format is not supported yet");
    }
    if (format != 0) {
      throw Error(sqlstate::kProtocolViolation, fmt::format("unsupported format code: {}", format));
    }
  }
}

}  // namespace

void Session::OnParse(const protocol::Parse& parse, protocol::MessageWriter& out) {
  sql_session_->Prepare(parse.statement_name, parse.query, parse.parameter_types);
  out.ParseComplete();
}

void Session::OnBind(const protocol::Bind& bind, protocol::MessageWriter& out) {
  const std::vector<int16_t>& formats = bind.parameter_formats;
  bool binary = false;
  try {
    if (formats.size() > 1 && formats.size() != bind.parameters.size()) {
      throw Error(sqlstate::kProtocolViolation,
                  fmt::format("bind message has {} parameter formats but {} parameters",
                              formats.size(), bind.parameters.size()));
    }
    for (int16_t format : formats) {
      if (format != 0 && format != 1) {
        throw Error(sqlstate::kProtocolViolation,
                    fmt::format("unsupported format code: {}", format));
      }
      binary = binary || format == 1;
    }
    CheckFormats(bind.result_formats);  // binary results come later
  } catch (const Error&) {
    sql_session_->AbortAfterProtocolError();
    throw;
  }
  std::vector<std::optional<std::string>> parameters = bind.parameters;
  if (binary) {
    // Binary values become the text their type reads, by the statement's
    // parameter types (26000 for an unknown statement).
    const std::vector<Oid> types =
        sql_session_->DescribeStatement(bind.statement_name).parameter_types;
    // A wrong count is for Bind to report (08P01).
    for (size_t i = 0; i < parameters.size() && parameters.size() == types.size(); ++i) {
      const int16_t format = formats.size() == 1 ? formats[0] : formats[i];
      if (format != 1 || !parameters[i]) continue;
      auto text =
          protocol::BinaryParameterToText(types[i], *parameters[i], static_cast<int>(i + 1));
      if (!text.ok()) {
        sql_session_->AbortAfterProtocolError();
        throw Error::FromStatus(text.status());
      }
      parameters[i] = std::move(text).value();
    }
  }
  sql_session_->Bind(bind.portal_name, bind.statement_name, std::move(parameters));
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
  // The client learnt the columns from Describe: rows only.
  sink.SetDescribedColumns(
      sql_session_->DescribePortal(execute.portal_name).value_or(std::vector<sql::ResultColumn>{}));
  if (sql_session_->Execute(execute.portal_name, execute.max_rows, sink)) out.PortalSuspended();
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
