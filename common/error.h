// Error: the typed exception of the SQL layer (parser, binder, planner,
// executor). Thrown with its SQLSTATE at the point of failure and caught once
// per statement by the session, which hands it to protocol/error_response.
// Never thrown below the SQL layer: storage and protocol return Status.
#pragma once

#include <exception>
#include <string>

#include "common/sqlstate.h"
#include "common/status.h"

namespace basalt {

class Error : public std::exception {
 public:
  Error(sqlstate::Code code, std::string message) : code_(code), message_(std::move(message)) {}

  // A failed Status as an Error, its detail included.
  static Error FromStatus(const Status& status) {
    Error error(status.code(), status.message());
    error.detail_ = status.detail();
    error.hint_ = status.hint();
    error.context_ = status.context();
    return error;
  }

  const char* what() const noexcept override { return message_.c_str(); }
  sqlstate::Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // 1-based character position in the query text; 0 when there is none.
  int position() const { return position_; }
  Error& WithPosition(int position) {
    position_ = position;
    return *this;
  }
  const std::string& detail() const { return detail_; }
  Error& WithDetail(std::string detail) {
    detail_ = std::move(detail);
    return *this;
  }
  const std::string& hint() const { return hint_; }
  Error& WithHint(std::string hint) {
    hint_ = std::move(hint);
    return *this;
  }
  // Where the error happened, as ErrorResponse's CONTEXT field (`COPY t,
  // line 2, column b: "x"`); empty when there is none.
  const std::string& context() const { return context_; }
  Error& WithContext(std::string context) {
    context_ = std::move(context);
    return *this;
  }
  // ERROR or FATAL, as ErrorResponse's severity.
  bool fatal() const { return fatal_; }
  Error& AsFatal() {
    fatal_ = true;
    return *this;
  }

 private:
  sqlstate::Code code_;
  std::string message_;
  std::string detail_;
  std::string hint_;
  std::string context_;
  int position_ = 0;
  bool fatal_ = false;
};

}  // namespace basalt
