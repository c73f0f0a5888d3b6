// WireResultSink: the engine's ResultSink written as backend messages
// (RowDescription, DataRow, CommandComplete, ...) into a MessageWriter.
#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "common/data_type.h"
#include "protocol/message_writer.h"
#include "sql/engine.h"

namespace basalt::server {

// Sends what the writer holds to the client right away, from the worker
// thread running the statement; false when the client is gone.
using FlushHook = std::function<bool(protocol::MessageWriter&)>;

// Past this many buffered bytes a result is streamed out through the flush
// hook instead of growing the buffer (PostgreSQL flushes every 8 KiB).
inline constexpr size_t kStreamingThreshold = 64 * 1024;

// RowDescription of `columns`, as a result or a Describe announces them.
void WriteRowDescription(protocol::MessageWriter& out,
                         const std::vector<sql::ResultColumn>& columns);

class WireResultSink final : public sql::ResultSink {
 public:
  // `flush` may be empty: everything then waits for the end of the Query.
  WireResultSink(protocol::MessageWriter& out, FlushHook flush)
      : out_(out), flush_(std::move(flush)) {}

  // For Execute of a portal: the client learnt the columns from Describe,
  // so no RowDescription is sent; rows are rendered as `columns`, each in
  // its format (REQUIRES: format codes 0 or 1).
  void SetDescribedColumns(const std::vector<sql::ResultColumn>& columns);

  void BeginResult(const std::vector<sql::ResultColumn>& columns) override;
  void Rows(std::span<const Row> rows) override;
  void CommandComplete(std::string_view tag) override;
  void EmptyQuery() override;
  void ParameterStatus(std::string_view name, std::string_view value) override;
  void Notice(sqlstate::Code code, std::string_view message) override;
  void NoticeWithDetail(sqlstate::Code code, std::string_view message,
                        std::string_view detail) override;
  void Warning(sqlstate::Code code, std::string_view message) override;
  void CopyInResponse(bool binary, size_t columns) override;
  void CopyOutResponse(bool binary, size_t columns) override;
  void CopyData(std::string_view bytes) override;
  void CopyDone() override;

 private:
  protocol::MessageWriter& out_;
  FlushHook flush_;
  void SetColumns(const std::vector<sql::ResultColumn>& columns);
  // Sends what is buffered once it passes kStreamingThreshold.
  void MaybeStream();

  // Types and format codes of the current result's columns, to render each
  // DataRow.
  std::vector<DataType> types_;
  std::vector<int16_t> formats_;
  bool send_row_description_ = true;
};

}  // namespace basalt::server
