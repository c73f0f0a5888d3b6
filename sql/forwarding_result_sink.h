// A ResultSink for a statement run on a client's behalf inside another
// (a portal's buffered execution, CREATE SCHEMA's elements): its messages
// (notices, warnings, reported settings) reach the client at once, its
// results go where the subclass puts them.
#pragma once

#include "sql/engine.h"

namespace basalt::sql {

class ForwardingResultSink : public ResultSink {
 public:
  explicit ForwardingResultSink(ResultSink& client) : client_(client) {}

  void ParameterStatus(std::string_view name, std::string_view value) override {
    client_.ParameterStatus(name, value);
  }
  void Notice(sqlstate::Code code, std::string_view message) override {
    client_.Notice(code, message);
  }
  void NoticeWithDetail(sqlstate::Code code, std::string_view message,
                        std::string_view detail) override {
    client_.NoticeWithDetail(code, message, detail);
  }
  void Warning(sqlstate::Code code, std::string_view message) override {
    client_.Warning(code, message);
  }

 private:
  ResultSink& client_;
};

}  // namespace basalt::sql
