// The messages a PostgreSQL v3 client sends, decoded into plain types, and
// the decoders that build them from a framed payload (see message_reader.h).
// Startup-phase packets have no type byte; every later message has one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/data_type.h"
#include "common/status.h"

namespace basalt::protocol {

// Protocol codes of startup-phase packets (PostgreSQL's pqcomm.h).
inline constexpr int32_t kProtocolVersion3 = 3 << 16;               // 196608
inline constexpr int32_t kCancelRequestCode = (1234 << 16) | 5678;  // 80877102
inline constexpr int32_t kSslRequestCode = (1234 << 16) | 5679;     // 80877103
inline constexpr int32_t kGssEncRequestCode = (1234 << 16) | 5680;  // 80877104

// --- startup phase ---------------------------------------------------------

struct StartupMessage {
  int32_t protocol_version = kProtocolVersion3;
  // In the client's order: user, database, application_name, options, ...
  std::vector<std::pair<std::string, std::string>> parameters;

  // The value of parameter `name`, or nullopt.
  std::optional<std::string_view> Get(std::string_view name) const;
};
struct SslRequest {};
struct GssEncRequest {};
struct CancelRequest {
  int32_t process_id = 0;
  int32_t secret_key = 0;
};

// --- regular phase: simple query protocol -----------------------------------

struct Query {
  std::string text;
};
struct Terminate {};
// 'p': PasswordMessage, SASLInitialResponse or SASLResponse. Which one
// depends on the authentication request it answers, so the payload stays
// raw until the session reads it (DecodeSaslInitialResponse).
struct PasswordMessage {
  std::string payload;
};

// --- regular phase: extended query protocol ---------------------------------

struct Parse {
  std::string statement_name;
  std::string query;
  std::vector<Oid> parameter_types;  // 0 = unspecified, infer from context
};
struct Bind {
  std::string portal_name;
  std::string statement_name;
  std::vector<int16_t> parameter_formats;              // 0 text, 1 binary
  std::vector<std::optional<std::string>> parameters;  // nullopt = NULL
  std::vector<int16_t> result_formats;
};
// Describe and Close name a prepared statement ('S') or a portal ('P').
struct Describe {
  char kind = 'S';
  std::string name;
};
struct Execute {
  std::string portal_name;
  int32_t max_rows = 0;  // 0 = no limit
};
struct Sync {};
struct Flush {};
struct Close {
  char kind = 'S';
  std::string name;
};
// COPY FROM STDIN's input. Outside a COPY, PostgreSQL accepts and ignores
// them (a client may still be streaming after a COPY failed).
struct CopyData {
  std::string data;
};
struct CopyDone {};
// The client gives up: the COPY fails with its message.
struct CopyFail {
  std::string message;
};

using StartupPacket = std::variant<StartupMessage, SslRequest, GssEncRequest, CancelRequest>;
using FrontendMessage = std::variant<Query, Terminate, Parse, Bind, Describe, Execute, Sync, Flush,
                                     Close, CopyData, CopyDone, CopyFail, PasswordMessage>;

// Decodes a startup-phase packet: `payload` is everything after the length
// word, starting with the protocol code. An unsupported protocol version
// fails with 0A000 `unsupported frontend protocol ...`; a malformed one with
// 08P01. Both end the connection.
Result<StartupPacket> DecodeStartupPacket(std::string_view payload);

// A SASLInitialResponse: the mechanism chosen and its first message.
struct SaslInitialResponse {
  std::string mechanism;
  std::string data;
};
Result<SaslInitialResponse> DecodeSaslInitialResponse(std::string_view payload);
// A PasswordMessage's password (a C string). 08P01 if malformed.
Result<std::string> DecodePasswordMessage(std::string_view payload);

// Whether `type` is a message type a client may send after startup.
bool IsFrontendMessageType(char type);
// Whether messages of `type` may be large (Query, Parse, Bind, CopyData):
// PostgreSQL caps every other type at 10000 bytes.
bool IsLargeFrontendMessageType(char type);

// Decodes the payload of a regular message of a known `type`. A malformed
// payload fails with 08P01; the session reports it and carries on.
Result<FrontendMessage> DecodeFrontendMessage(char type, std::string_view payload);

}  // namespace basalt::protocol
