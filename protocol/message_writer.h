// MessageWriter: encodes backend messages into one output buffer, which the
// connection sends in one write per Query (or Sync). Knows no sockets.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/data_type.h"

namespace basalt::protocol {

// One column of a RowDescription.
struct ColumnDescription {
  std::string name;
  Oid table_oid = 0;          // 0 when not a plain table column
  int16_t column_number = 0;  // attnum in that table, or 0
  Oid type_oid = 0;
  int16_t type_length = -1;    // pg_type.typlen
  int32_t type_modifier = -1;  // pg_attribute.atttypmod
  int16_t format = 0;          // 0 text, 1 binary
};

// Severity and fields of an ErrorResponse or NoticeResponse; built by
// protocol/error_response.h, which is the one place that decides them.
struct ErrorFields {
  std::string_view severity;  // ERROR, FATAL, NOTICE, WARNING, ...
  std::string_view code;      // SQLSTATE
  std::string_view message;
  std::string_view detail;   // omitted when empty
  std::string_view hint;     // omitted when empty
  int position = 0;          // 1-based character position; omitted when 0
  std::string_view context;  // CONTEXT (W); omitted when empty
};

class MessageWriter {
 public:
  // The encoded bytes not yet sent.
  const std::string& buffer() const { return buf_; }
  bool empty() const { return buf_.empty(); }
  void Clear() { buf_.clear(); }
  // Drops what was written after the buffer had `size` bytes: a message
  // whose writing failed halfway (a value that could not be rendered).
  void TruncateTo(size_t size) { buf_.resize(size); }

  // The one-byte answer to SSLRequest / GSSENCRequest: 'S' to go ahead, 'N'
  // to refuse (the client then sends its startup packet in the clear).
  void EncryptionResponse(bool accept);
  void AuthenticationOk();
  // Authentication requests: a password in clear (3), an MD5 response over
  // `salt` (5), SASL with the mechanisms offered (10), a SASL challenge
  // (11) and the SASL outcome's data (12).
  void AuthenticationCleartextPassword();
  void AuthenticationMd5Password(std::string_view salt);
  void AuthenticationSasl(std::span<const std::string_view> mechanisms);
  void AuthenticationSaslContinue(std::string_view data);
  void AuthenticationSaslFinal(std::string_view data);
  // The client asked for protocol 3.`requested_minor` or for `_pq_.` options
  // we do not know: tell it what we speak.
  void NegotiateProtocolVersion(int32_t newest_minor, std::span<const std::string> unrecognized);
  void ParameterStatus(std::string_view name, std::string_view value);
  void BackendKeyData(int32_t process_id, int32_t secret_key);
  // status: 'I' idle, 'T' in a transaction block, 'E' in a failed one.
  void ReadyForQuery(char status);

  void RowDescription(std::span<const ColumnDescription> columns);
  // A DataRow is written field by field: BeginDataRow, then per column
  // either NullField or BeginField + appending to the returned string +
  // EndField, then EndDataRow.
  void BeginDataRow(int16_t field_count);
  void NullField();
  std::string* BeginField();
  void EndField();
  void Field(std::string_view bytes) {
    BeginField()->append(bytes);
    EndField();
  }
  void EndDataRow();

  void CommandComplete(std::string_view tag);
  void EmptyQueryResponse();
  void ErrorResponse(const ErrorFields& fields) { ErrorOrNotice('E', fields); }
  void NoticeResponse(const ErrorFields& fields) { ErrorOrNotice('N', fields); }

  // Extended query protocol.
  void ParseComplete();
  void BindComplete();
  void CloseComplete();
  void NoData();
  void PortalSuspended();
  void ParameterDescription(std::span<const Oid> parameter_types);

  // COPY: the overall format (false text/CSV, true binary) and one format
  // code per column, all the same as PostgreSQL sends them.
  void CopyInResponse(bool binary, int16_t columns) { CopyResponse('G', binary, columns); }
  void CopyOutResponse(bool binary, int16_t columns) { CopyResponse('H', binary, columns); }
  void CopyData(std::string_view bytes);
  void CopyDone();

 private:
  // Starts a message of `type` with a length placeholder; EndMessage fills in
  // the length once the body is written.
  void BeginMessage(char type);
  void EndMessage();
  void ErrorOrNotice(char type, const ErrorFields& fields);
  void CopyResponse(char type, bool binary, int16_t columns);

  std::string buf_;
  size_t message_start_ = 0;  // offset of the open message's length word
  size_t field_start_ = 0;    // offset of the open DataRow field's length word
};

}  // namespace basalt::protocol
