#include "server/wire_result_sink.h"

#include "common/error.h"
#include "protocol/error_response.h"
#include "protocol/value_format.h"

namespace basalt::server {

void WriteRowDescription(protocol::MessageWriter& out,
                         const std::vector<sql::ResultColumn>& columns) {
  std::vector<protocol::ColumnDescription> described;
  described.reserve(columns.size());
  for (const sql::ResultColumn& c : columns) {
    protocol::ColumnDescription d;
    d.name = c.name;
    d.table_oid = c.table_oid;
    d.column_number = c.column_number;
    d.type_oid = c.type.oid();
    d.type_length = c.type.typlen();
    d.type_modifier = c.type.PgTypmod();
    d.format = c.format;
    described.push_back(std::move(d));
  }
  out.RowDescription(described);
}

void WireResultSink::SetDescribedColumns(const std::vector<sql::ResultColumn>& columns) {
  send_row_description_ = false;
  SetColumns(columns);
}

void WireResultSink::SetColumns(const std::vector<sql::ResultColumn>& columns) {
  types_.clear();
  formats_.clear();
  for (const sql::ResultColumn& c : columns) {
    types_.push_back(c.type);
    formats_.push_back(c.format);
  }
}

void WireResultSink::BeginResult(const std::vector<sql::ResultColumn>& columns) {
  if (send_row_description_) {
    SetColumns(columns);
    WriteRowDescription(out_, columns);
    return;
  }
  // A portal's statement announces its columns too; the formats are the
  // ones Bind chose, which the statement does not know.
  std::vector<int16_t> formats = std::move(formats_);
  SetColumns(columns);
  if (formats.size() == formats_.size()) formats_ = std::move(formats);
}

void WireResultSink::Rows(std::span<const Row> rows) {
  for (const Row& row : rows) protocol::WriteDataRow(out_, row, types_, formats_);
  MaybeStream();
}

void WireResultSink::CopyInResponse(bool binary, size_t columns) {
  out_.CopyInResponse(binary, static_cast<int16_t>(columns));
}

void WireResultSink::CopyOutResponse(bool binary, size_t columns) {
  out_.CopyOutResponse(binary, static_cast<int16_t>(columns));
}

void WireResultSink::CopyData(std::string_view bytes) {
  out_.CopyData(bytes);
  MaybeStream();
}

void WireResultSink::CopyDone() {
  out_.CopyDone();
}

void WireResultSink::MaybeStream() {
  if (flush_ && out_.buffer().size() >= kStreamingThreshold && !flush_(out_)) {
    // Nobody is left to read the rest: stop the statement and roll back.
    throw Error(sqlstate::kConnectionException, "connection to client lost").AsFatal();
  }
}

void WireResultSink::CommandComplete(std::string_view tag) {
  out_.CommandComplete(tag);
  types_.clear();
  formats_.clear();
}

void WireResultSink::EmptyQuery() {
  out_.EmptyQueryResponse();
}

void WireResultSink::ParameterStatus(std::string_view name, std::string_view value) {
  out_.ParameterStatus(name, value);
}

void WireResultSink::Notice(sqlstate::Code code, std::string_view message) {
  protocol::WriteNoticeResponse(out_, code, message);
}

void WireResultSink::NoticeWithDetail(sqlstate::Code code, std::string_view message,
                                      std::string_view detail) {
  protocol::WriteNoticeResponse(out_, code, message, /*warning=*/false, detail);
}

void WireResultSink::Warning(sqlstate::Code code, std::string_view message) {
  protocol::WriteNoticeResponse(out_, code, message, /*warning=*/true);
}

}  // namespace basalt::server
