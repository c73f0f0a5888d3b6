#include "protocol/error_response.h"

namespace basalt::protocol {

namespace {
constexpr std::string_view kError = "ERROR";
constexpr std::string_view kFatal = "FATAL";
constexpr std::string_view kNotice = "NOTICE";
constexpr std::string_view kWarning = "WARNING";
}  // namespace

void WriteErrorResponse(MessageWriter& out, const Error& error) {
  ErrorFields fields;
  fields.severity = error.fatal() ? kFatal : kError;
  fields.code = error.code();
  fields.message = error.message();
  fields.detail = error.detail();
  fields.hint = error.hint();
  fields.position = error.position();
  fields.context = error.context();
  out.ErrorResponse(fields);
}

void WriteErrorResponse(MessageWriter& out, const Status& status, bool fatal) {
  ErrorFields fields;
  fields.severity = fatal ? kFatal : kError;
  // An OK status reaching here is a bug upstream; still say something valid.
  fields.code = status.ok() ? sqlstate::kInternalError : status.code();
  fields.message = status.ok() ? std::string_view("unexpected success status")
                               : std::string_view(status.message());
  out.ErrorResponse(fields);
}

void WriteNoticeResponse(MessageWriter& out, sqlstate::Code code, std::string_view message,
                         bool warning, std::string_view detail) {
  ErrorFields fields;
  fields.severity = warning ? kWarning : kNotice;
  fields.code = code;
  fields.message = message;
  fields.detail = detail;
  out.NoticeResponse(fields);
}

}  // namespace basalt::protocol
