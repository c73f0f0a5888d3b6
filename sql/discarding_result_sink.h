// A ResultSink that drops everything: for statements the server runs on its
// own behalf (automatic refreshes, read-your-writes catch-ups).
#pragma once

#include "sql/engine.h"

namespace basalt::sql {

class DiscardingResultSink : public ResultSink {
 public:
  void BeginResult(const std::vector<ResultColumn>&) override {}
  void Rows(std::span<const Row>) override {}
  void CommandComplete(std::string_view) override {}
  void EmptyQuery() override {}
  void ParameterStatus(std::string_view, std::string_view) override {}
  void Notice(sqlstate::Code, std::string_view) override {}
  void Warning(sqlstate::Code, std::string_view) override {}
};

}  // namespace basalt::sql
