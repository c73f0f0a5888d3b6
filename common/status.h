// Status and Result<T>: how storage, protocol and catalog report failure
// (no exceptions below the SQL layer, and never across RocksDB). A failed
// Status already carries the SQLSTATE a client will see.
#pragma once

#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "common/sqlstate.h"

namespace basalt {

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(const Status& other)
      : failure_(other.failure_ ? std::make_unique<Failure>(*other.failure_) : nullptr) {}
  Status(Status&&) noexcept = default;
  Status& operator=(const Status& other) {
    if (this != &other) {
      failure_ = other.failure_ ? std::make_unique<Failure>(*other.failure_) : nullptr;
    }
    return *this;
  }
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  static Status OK() { return Status(); }
  static Status Error(sqlstate::Code code, std::string message) {
    return Status(code, std::move(message));
  }
  // Shorthands for the most common failures below the SQL layer.
  static Status IoError(std::string message) {
    return Status(sqlstate::kIoError, std::move(message));
  }
  static Status Corruption(std::string message) {
    return Status(sqlstate::kDataCorrupted, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(sqlstate::kInternalError, std::move(message));
  }

  // The same failure with a DETAIL line for the client.
  Status WithDetail(std::string detail) const {
    Status out = *this;
    out.MutableFailure().detail = std::move(detail);
    return out;
  }

  // The same failure with a HINT line for the client.
  Status WithHint(std::string hint) const {
    Status out = *this;
    out.MutableFailure().hint = std::move(hint);
    return out;
  }

  // The same failure with a CONTEXT line for the client (json input's
  // "JSON data, line 1: ...").
  Status WithContext(std::string context) const {
    Status out = *this;
    out.MutableFailure().context = std::move(context);
    return out;
  }

  bool ok() const { return !failure_ || failure_->code == sqlstate::kSuccessfulCompletion; }
  sqlstate::Code code() const {
    return failure_ ? failure_->code : sqlstate::kSuccessfulCompletion;
  }
  const std::string& message() const { return failure_ ? failure_->message : EmptyText(); }
  const std::string& detail() const { return failure_ ? failure_->detail : EmptyText(); }
  const std::string& hint() const { return failure_ ? failure_->hint : EmptyText(); }
  const std::string& context() const { return failure_ ? failure_->context : EmptyText(); }
  std::string ToString() const;

 private:
  // Everything but OK lives behind one pointer: an OK Status, which every
  // step of a scan returns for every row and value, is then one null
  // pointer to make and test, not four strings to zero and destroy.
  struct Failure {
    sqlstate::Code code;
    std::string message;
    std::string detail;
    std::string hint;
    std::string context;
  };

  Status(sqlstate::Code code, std::string message)
      : failure_(std::make_unique<Failure>(Failure{code, std::move(message), {}, {}, {}})) {}
  Failure& MutableFailure() {
    if (!failure_) {
      failure_ =
          std::make_unique<Failure>(Failure{sqlstate::kSuccessfulCompletion, {}, {}, {}, {}});
    }
    return *failure_;
  }
  static const std::string& EmptyText() {
    static const std::string kEmpty;
    return kEmpty;
  }

  std::unique_ptr<Failure> failure_;  // null: OK
};

// A value or a failed Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(state_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace basalt

// Propagates a failed Status (or the status of a failed Result) to the caller.
#define BASALT_RETURN_IF_ERROR(expr) \
  do {                               \
    ::basalt::Status _st = (expr);   \
    if (!_st.ok()) return _st;       \
  } while (0)

#define BASALT_CONCAT_INNER(a, b) a##b
#define BASALT_CONCAT(a, b) BASALT_CONCAT_INNER(a, b)
#define BASALT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()
// BASALT_ASSIGN_OR_RETURN(auto x, SomethingReturningResult());
#define BASALT_ASSIGN_OR_RETURN(lhs, expr) \
  BASALT_ASSIGN_OR_RETURN_IMPL(BASALT_CONCAT(_result_, __LINE__), lhs, expr)
