#include "protocol/frontend_message.h"

#include <fmt/format.h>

#include "protocol/wire_buffer.h"

namespace basalt::protocol {

namespace {

Status Malformed(std::string message) {
  return Status::Error(sqlstate::kProtocolViolation, std::move(message));
}

// Startup parameters: name/value C-string pairs ended by an empty name.
Result<StartupMessage> DecodeStartupMessage(int32_t version, PayloadReader& in) {
  StartupMessage msg;
  msg.protocol_version = version;
  while (true) {
    BASALT_ASSIGN_OR_RETURN(std::string name, in.ReadCString());
    if (name.empty()) break;
    BASALT_ASSIGN_OR_RETURN(std::string value, in.ReadCString());
    msg.parameters.emplace_back(std::move(name), std::move(value));
  }
  // PostgreSQL insists on the terminator being the packet's last byte.
  if (in.remaining() != 0)
    return Malformed("invalid startup packet layout: expected terminator as last byte");
  return msg;
}

// A count followed by that many int16 format codes (Bind).
Result<std::vector<int16_t>> ReadFormatCodes(PayloadReader& in) {
  BASALT_ASSIGN_OR_RETURN(int16_t count, in.ReadInt16());
  if (count < 0) return Malformed("invalid format code count");
  std::vector<int16_t> formats;
  formats.reserve(static_cast<size_t>(count));
  for (int16_t i = 0; i < count; ++i) {
    BASALT_ASSIGN_OR_RETURN(int16_t format, in.ReadInt16());
    formats.push_back(format);
  }
  return formats;
}

Result<FrontendMessage> DecodeParse(PayloadReader& in) {
  Parse msg;
  BASALT_ASSIGN_OR_RETURN(msg.statement_name, in.ReadCString());
  BASALT_ASSIGN_OR_RETURN(msg.query, in.ReadCString());
  BASALT_ASSIGN_OR_RETURN(int16_t count, in.ReadInt16());
  if (count < 0) return Malformed("invalid parameter count");
  for (int16_t i = 0; i < count; ++i) {
    BASALT_ASSIGN_OR_RETURN(int32_t oid, in.ReadInt32());
    msg.parameter_types.push_back(static_cast<Oid>(oid));
  }
  return FrontendMessage(std::move(msg));
}

Result<FrontendMessage> DecodeBind(PayloadReader& in) {
  Bind msg;
  BASALT_ASSIGN_OR_RETURN(msg.portal_name, in.ReadCString());
  BASALT_ASSIGN_OR_RETURN(msg.statement_name, in.ReadCString());
  BASALT_ASSIGN_OR_RETURN(msg.parameter_formats, ReadFormatCodes(in));
  BASALT_ASSIGN_OR_RETURN(int16_t count, in.ReadInt16());
  if (count < 0) return Malformed("invalid parameter count");
  for (int16_t i = 0; i < count; ++i) {
    BASALT_ASSIGN_OR_RETURN(int32_t length, in.ReadInt32());
    if (length == -1) {
      msg.parameters.emplace_back(std::nullopt);
      continue;
    }
    // PostgreSQL reads a negative length as running past the message's end.
    if (length < 0) return Malformed("insufficient data left in message");
    BASALT_ASSIGN_OR_RETURN(std::string value, in.ReadBytes(static_cast<size_t>(length)));
    msg.parameters.emplace_back(std::move(value));
  }
  BASALT_ASSIGN_OR_RETURN(msg.result_formats, ReadFormatCodes(in));
  return FrontendMessage(std::move(msg));
}

// Describe and Close share a layout: 'S' or 'P', then a name.
template <typename T>
Result<FrontendMessage> DecodeKindAndName(PayloadReader& in, std::string_view what) {
  T msg;
  BASALT_ASSIGN_OR_RETURN(std::string kind, in.ReadBytes(1));
  if (kind[0] != 'S' && kind[0] != 'P') {
    return Malformed(fmt::format("invalid {} message subtype {}", what, int{kind[0]}));
  }
  msg.kind = kind[0];
  BASALT_ASSIGN_OR_RETURN(msg.name, in.ReadCString());
  return FrontendMessage(std::move(msg));
}

Result<FrontendMessage> DecodeExecute(PayloadReader& in) {
  Execute msg;
  BASALT_ASSIGN_OR_RETURN(msg.portal_name, in.ReadCString());
  BASALT_ASSIGN_OR_RETURN(msg.max_rows, in.ReadInt32());
  return FrontendMessage(std::move(msg));
}

}  // namespace

std::optional<std::string_view> StartupMessage::Get(std::string_view name) const {
  for (const auto& [key, value] : parameters) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

Result<StartupPacket> DecodeStartupPacket(std::string_view payload) {
  PayloadReader in(payload);
  BASALT_ASSIGN_OR_RETURN(int32_t code, in.ReadInt32());
  switch (code) {
    case kSslRequestCode: return StartupPacket(SslRequest{});
    case kGssEncRequestCode: return StartupPacket(GssEncRequest{});
    case kCancelRequestCode: {
      CancelRequest msg;
      BASALT_ASSIGN_OR_RETURN(msg.process_id, in.ReadInt32());
      BASALT_ASSIGN_OR_RETURN(msg.secret_key, in.ReadInt32());
      return StartupPacket(msg);
    }
    default: break;
  }
  const auto major = static_cast<uint32_t>(code) >> 16;
  const auto minor = static_cast<uint32_t>(code) & 0xffff;
  // 3.x with x > 0 is accepted: the session answers NegotiateProtocolVersion.
  if (major != 3) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         fmt::format("unsupported frontend protocol {}.{}: server supports "
                                     "3.0 to 3.0",
                                     major, minor));
  }
  BASALT_ASSIGN_OR_RETURN(StartupMessage msg, DecodeStartupMessage(code, in));
  return StartupPacket(std::move(msg));
}

Result<SaslInitialResponse> DecodeSaslInitialResponse(std::string_view payload) {
  PayloadReader in(payload);
  SaslInitialResponse msg;
  BASALT_ASSIGN_OR_RETURN(msg.mechanism, in.ReadCString());
  BASALT_ASSIGN_OR_RETURN(int32_t length, in.ReadInt32());
  if (length > 0) {
    BASALT_ASSIGN_OR_RETURN(msg.data, in.ReadBytes(static_cast<size_t>(length)));
  } else if (length < -1) {
    return Malformed("invalid SASL initial response length");
  }
  BASALT_RETURN_IF_ERROR(in.ExpectEnd());
  return msg;
}

Result<std::string> DecodePasswordMessage(std::string_view payload) {
  PayloadReader in(payload);
  BASALT_ASSIGN_OR_RETURN(std::string password, in.ReadCString());
  BASALT_RETURN_IF_ERROR(in.ExpectEnd());
  return password;
}

bool IsFrontendMessageType(char type) {
  switch (type) {
    case 'Q':
    case 'X':
    case 'P':
    case 'B':
    case 'D':
    case 'E':
    case 'S':
    case 'H':
    case 'C':
    case 'd':
    case 'c':
    case 'f':
    case 'p': return true;
    default: return false;
  }
}

bool IsLargeFrontendMessageType(char type) {
  return type == 'Q' || type == 'P' || type == 'B' || type == 'd';
}

Result<FrontendMessage> DecodeFrontendMessage(char type, std::string_view payload) {
  PayloadReader in(payload);
  Result<FrontendMessage> msg = Status::Internal("unreachable");
  switch (type) {
    case 'Q': {
      BASALT_ASSIGN_OR_RETURN(std::string text, in.ReadCString());
      msg = FrontendMessage(Query{std::move(text)});
      break;
    }
    case 'X': msg = FrontendMessage(Terminate{}); break;
    case 'P': msg = DecodeParse(in); break;
    case 'B': msg = DecodeBind(in); break;
    case 'D': msg = DecodeKindAndName<Describe>(in, "DESCRIBE"); break;
    case 'E': msg = DecodeExecute(in); break;
    case 'S': msg = FrontendMessage(Sync{}); break;
    case 'H': msg = FrontendMessage(Flush{}); break;
    case 'C': msg = DecodeKindAndName<Close>(in, "CLOSE"); break;
    case 'd': return FrontendMessage(CopyData{std::string(payload)});
    case 'c': return FrontendMessage(CopyDone{});
    case 'f': {
      BASALT_ASSIGN_OR_RETURN(std::string message, in.ReadCString());
      msg = FrontendMessage(CopyFail{std::move(message)});
      break;
    }
    case 'p': return FrontendMessage(PasswordMessage{std::string(payload)});
    default: return Malformed(fmt::format("invalid frontend message type {}", int{type}));
  }
  if (!msg.ok()) return msg;
  BASALT_RETURN_IF_ERROR(in.ExpectEnd());
  return msg;
}

}  // namespace basalt::protocol
