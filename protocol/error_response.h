// THE one place that turns Basalt's errors into ErrorResponse and
// NoticeResponse messages: severity, SQLSTATE, message, detail, hint and
// position. Every error a client sees passes through here.
#pragma once

#include <string_view>

#include "common/error.h"
#include "common/sqlstate.h"
#include "common/status.h"
#include "protocol/message_writer.h"

namespace basalt::protocol {

// A SQL-layer error: ERROR, or FATAL when error.fatal() (the connection is
// then closed by the caller).
void WriteErrorResponse(MessageWriter& out, const Error& error);
// A failed Status from below the SQL layer (or from the protocol itself);
// `fatal` when the connection is about to be closed because of it.
void WriteErrorResponse(MessageWriter& out, const Status& status, bool fatal = false);
// A NOTICE (e.g. `table "t" does not exist, skipping`).
// severity WARNING instead of NOTICE when warning is set.
void WriteNoticeResponse(MessageWriter& out, sqlstate::Code code, std::string_view message,
                         bool warning = false, std::string_view detail = {});

}  // namespace basalt::protocol
