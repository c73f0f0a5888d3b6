#include "protocol/message_writer.h"

#include <string>

#include "protocol/wire_buffer.h"

namespace basalt::protocol {

namespace {
// Overwrites the int32 at `offset` (a length placeholder).
void PatchInt32(std::string* buf, size_t offset, int32_t v) {
  std::string encoded;
  AppendInt32(&encoded, v);
  buf->replace(offset, 4, encoded);
}
}  // namespace

void MessageWriter::BeginMessage(char type) {
  buf_.push_back(type);
  message_start_ = buf_.size();
  AppendInt32(&buf_, 0);
}

void MessageWriter::EndMessage() {
  PatchInt32(&buf_, message_start_, static_cast<int32_t>(buf_.size() - message_start_));
}

void MessageWriter::EncryptionResponse(bool accept) {
  buf_.push_back(accept ? 'S' : 'N');
}

void MessageWriter::AuthenticationOk() {
  BeginMessage('R');
  AppendInt32(&buf_, 0);
  EndMessage();
}

void MessageWriter::AuthenticationCleartextPassword() {
  BeginMessage('R');
  AppendInt32(&buf_, 3);
  EndMessage();
}

void MessageWriter::AuthenticationMd5Password(std::string_view salt) {
  BeginMessage('R');
  AppendInt32(&buf_, 5);
  buf_.append(salt);
  EndMessage();
}

void MessageWriter::AuthenticationSasl(std::span<const std::string_view> mechanisms) {
  BeginMessage('R');
  AppendInt32(&buf_, 10);
  for (std::string_view mechanism : mechanisms) AppendCString(&buf_, mechanism);
  buf_.push_back('\0');
  EndMessage();
}

void MessageWriter::AuthenticationSaslContinue(std::string_view data) {
  BeginMessage('R');
  AppendInt32(&buf_, 11);
  buf_.append(data);
  EndMessage();
}

void MessageWriter::AuthenticationSaslFinal(std::string_view data) {
  BeginMessage('R');
  AppendInt32(&buf_, 12);
  buf_.append(data);
  EndMessage();
}

void MessageWriter::NegotiateProtocolVersion(int32_t newest_minor,
                                             std::span<const std::string> unrecognized) {
  BeginMessage('v');
  AppendInt32(&buf_, newest_minor);
  AppendInt32(&buf_, static_cast<int32_t>(unrecognized.size()));
  for (const std::string& option : unrecognized) AppendCString(&buf_, option);
  EndMessage();
}

void MessageWriter::ParameterStatus(std::string_view name, std::string_view value) {
  BeginMessage('S');
  AppendCString(&buf_, name);
  AppendCString(&buf_, value);
  EndMessage();
}

void MessageWriter::BackendKeyData(int32_t process_id, int32_t secret_key) {
  BeginMessage('K');
  AppendInt32(&buf_, process_id);
  AppendInt32(&buf_, secret_key);
  EndMessage();
}

void MessageWriter::ReadyForQuery(char status) {
  BeginMessage('Z');
  buf_.push_back(status);
  EndMessage();
}

void MessageWriter::RowDescription(std::span<const ColumnDescription> columns) {
  BeginMessage('T');
  AppendInt16(&buf_, static_cast<int16_t>(columns.size()));
  for (const ColumnDescription& c : columns) {
    AppendCString(&buf_, c.name);
    AppendInt32(&buf_, static_cast<int32_t>(c.table_oid));
    AppendInt16(&buf_, c.column_number);
    AppendInt32(&buf_, static_cast<int32_t>(c.type_oid));
    AppendInt16(&buf_, c.type_length);
    AppendInt32(&buf_, c.type_modifier);
    AppendInt16(&buf_, c.format);
  }
  EndMessage();
}

void MessageWriter::BeginDataRow(int16_t field_count) {
  BeginMessage('D');
  AppendInt16(&buf_, field_count);
}

void MessageWriter::NullField() {
  AppendInt32(&buf_, -1);
}

std::string* MessageWriter::BeginField() {
  field_start_ = buf_.size();
  AppendInt32(&buf_, 0);
  return &buf_;
}

void MessageWriter::EndField() {
  PatchInt32(&buf_, field_start_, static_cast<int32_t>(buf_.size() - field_start_ - 4));
}

void MessageWriter::EndDataRow() {
  EndMessage();
}

void MessageWriter::CommandComplete(std::string_view tag) {
  BeginMessage('C');
  AppendCString(&buf_, tag);
  EndMessage();
}

void MessageWriter::EmptyQueryResponse() {
  BeginMessage('I');
  EndMessage();
}

void MessageWriter::ErrorOrNotice(char type, const ErrorFields& fields) {
  BeginMessage(type);
  // S is the localized severity, V the untranslated one; we never localize.
  buf_.push_back('S');
  AppendCString(&buf_, fields.severity);
  buf_.push_back('V');
  AppendCString(&buf_, fields.severity);
  buf_.push_back('C');
  AppendCString(&buf_, fields.code);
  buf_.push_back('M');
  AppendCString(&buf_, fields.message);
  if (!fields.detail.empty()) {
    buf_.push_back('D');
    AppendCString(&buf_, fields.detail);
  }
  if (!fields.hint.empty()) {
    buf_.push_back('H');
    AppendCString(&buf_, fields.hint);
  }
  if (fields.position > 0) {
    buf_.push_back('P');
    AppendCString(&buf_, std::to_string(fields.position));
  }
  if (!fields.context.empty()) {
    buf_.push_back('W');
    AppendCString(&buf_, fields.context);
  }
  buf_.push_back('\0');
  EndMessage();
}

void MessageWriter::ParseComplete() {
  BeginMessage('1');
  EndMessage();
}

void MessageWriter::BindComplete() {
  BeginMessage('2');
  EndMessage();
}

void MessageWriter::CloseComplete() {
  BeginMessage('3');
  EndMessage();
}

void MessageWriter::NoData() {
  BeginMessage('n');
  EndMessage();
}

void MessageWriter::PortalSuspended() {
  BeginMessage('s');
  EndMessage();
}

void MessageWriter::ParameterDescription(std::span<const Oid> parameter_types) {
  BeginMessage('t');
  AppendInt16(&buf_, static_cast<int16_t>(parameter_types.size()));
  for (Oid oid : parameter_types) AppendInt32(&buf_, static_cast<int32_t>(oid));
  EndMessage();
}

void MessageWriter::CopyResponse(char type, bool binary, int16_t columns) {
  BeginMessage(type);
  const int16_t format = binary ? 1 : 0;
  buf_.push_back(static_cast<char>(format));
  AppendInt16(&buf_, columns);
  for (int16_t i = 0; i < columns; ++i) AppendInt16(&buf_, format);
  EndMessage();
}

void MessageWriter::CopyData(std::string_view bytes) {
  BeginMessage('d');
  buf_.append(bytes);
  EndMessage();
}

void MessageWriter::CopyDone() {
  BeginMessage('c');
  EndMessage();
}

}  // namespace basalt::protocol
