#include "sql/copy/copy_output.h"

#include "common/value_binary.h"
#include "common/value_text.h"

namespace basalt::sql {

namespace {

void AppendUint32(uint32_t v, std::string* out) {
  out->push_back(static_cast<char>(v >> 24));
  out->push_back(static_cast<char>(v >> 16));
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v));
}

void AppendUint16(uint16_t v, std::string* out) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v));
}

}  // namespace

std::string CopyOutput::Start(const std::vector<std::string>& column_names) const {
  std::string out;
  if (options_.binary()) {
    out.append("PGCOPY\n\377\r\n\0", 11);
    AppendUint32(0, &out);  // flags
    AppendUint32(0, &out);  // header extension length
    return out;
  }
  if (!options_.header) return out;
  for (size_t i = 0; i < column_names.size(); ++i) {
    if (i > 0) out.push_back(options_.delimiter);
    if (options_.csv()) {
      AppendCsv(column_names[i], false, &out);
    } else {
      AppendText(column_names[i], &out);
    }
  }
  out.push_back('\n');
  return out;
}

std::string CopyOutput::Finish() const {
  std::string out;
  if (options_.binary()) AppendUint16(0xffff, &out);
  return out;
}

void CopyOutput::AppendRow(const Row& row, std::string* out) const {
  if (options_.binary()) {
    AppendUint16(static_cast<uint16_t>(row.size()), out);
    for (size_t i = 0; i < row.size(); ++i) {
      if (row[i].is_null()) {
        AppendUint32(0xffffffffu, out);
        continue;
      }
      const size_t length_at = out->size();
      AppendUint32(0, out);
      AppendValueBinary(row[i], types_[i], out);
      const auto length = static_cast<uint32_t>(out->size() - length_at - 4);
      for (int b = 0; b < 4; ++b) {
        (*out)[length_at + static_cast<size_t>(b)] = static_cast<char>(length >> (24 - 8 * b));
      }
    }
    return;
  }
  std::string text;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out->push_back(options_.delimiter);
    if (row[i].is_null()) {
      out->append(options_.null_string);
      continue;
    }
    text.clear();
    AppendValueText(row[i], types_[i], &text);
    if (options_.csv()) {
      const bool force =
          options_.force_quote_all || (i < options_.force_quote.size() && options_.force_quote[i]);
      // A lone `\.` would read back as the end of data.
      AppendCsv(text, force || (row.size() == 1 && text == "\\."), out);
    } else {
      AppendText(text, out);
    }
  }
  out->push_back('\n');
}

void CopyOutput::AppendText(std::string_view value, std::string* out) const {
  for (const char c : value) {
    switch (c) {
      case '\b': out->append("\\b"); continue;
      case '\f': out->append("\\f"); continue;
      case '\n': out->append("\\n"); continue;
      case '\r': out->append("\\r"); continue;
      case '\t': out->append("\\t"); continue;
      case '\v': out->append("\\v"); continue;
      case '\\': out->append("\\\\"); continue;
      default: break;
    }
    if (c == options_.delimiter) out->push_back('\\');
    out->push_back(c);
  }
}

void CopyOutput::AppendCsv(std::string_view value, bool force_quote, std::string* out) const {
  bool quote = force_quote || value == options_.null_string;
  if (!quote) {
    for (const char c : value) {
      if (c == options_.delimiter || c == options_.quote || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
  }
  if (!quote) {
    out->append(value);
    return;
  }
  out->push_back(options_.quote);
  for (const char c : value) {
    if (c == options_.quote || c == options_.escape) out->push_back(options_.escape);
    out->push_back(c);
  }
  out->push_back(options_.quote);
}

}  // namespace basalt::sql
