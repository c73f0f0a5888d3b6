// WireResultSink: the engine's ResultSink written as backend messages
// (RowDescription, DataRow, CommandComplete, ...) into a MessageWriter.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "common/data_type.h"
#include "protocol/message_writer.h"
#include "sql/engine.h"

namespace basalt::server {

class WireResultSink final : public sql::ResultSink {
 public:
  explicit WireResultSink(protocol::MessageWriter& out) : out_(out) {}

  void BeginResult(const std::vector<sql::ResultColumn>& columns) override;
  void Rows(std::span<const Row> rows) override;
  void CommandComplete(std::string_view tag) override;
  void EmptyQuery() override;
  void ParameterStatus(std::string_view name, std::string_view value) override;
  void Notice(sqlstate::Code code, std::string_view message) override;

 private:
  protocol::MessageWriter& out_;
  // Types of the current result's columns, to render each DataRow.
  std::vector<DataType> types_;
};

}  // namespace basalt::server
