#include "sql/copy/copy_input.h"

#include <cstring>

#include <fmt/format.h>

#include "common/error.h"
#include "common/value_binary.h"

namespace basalt::sql {

namespace {

// PostgreSQL shows at most this many bytes of a line or value in CONTEXT.
constexpr size_t kMaxShownBytes = 100;

constexpr std::string_view kBinarySignature("PGCOPY\n\377\r\n\0", 11);

std::string Shown(std::string_view text) {
  if (text.size() <= kMaxShownBytes) return std::string(text);
  // Cut on a character boundary, as PostgreSQL's pg_mbcliplen.
  size_t cut = kMaxShownBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

int OctalValue(char c) {
  return c - '0';
}
bool IsOctal(char c) {
  return c >= '0' && c <= '7';
}
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Most COPY data is ASCII: eight bytes at a time, then the UTF-8 check only
// for lines that need it. NUL is not ASCII here (PostgreSQL refuses it).
bool IsAscii(std::string_view text) {
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if ((word & 0x8080808080808080ull) != 0) return false;
    // A zero byte: (w - 0x01..) & ~w & 0x80.. is non-zero.
    if (((word - 0x0101010101010101ull) & ~word & 0x8080808080808080ull) != 0) return false;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0 || c >= 0x80) return false;
  }
  return true;
}

uint32_t ReadUint32(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

CopyInput::CopyInput(const CopyOptions& options, std::vector<std::string> column_names,
                     std::string table)
    : options_(options), column_names_(std::move(column_names)), table_(std::move(table)) {}

std::string CopyInput::Context(const std::string* column, const std::string* value,
                               bool with_line) const {
  std::string context = fmt::format("COPY {}, line {}", table_, line_);
  if (column != nullptr) {
    context += ", column " + *column;
    if (value != nullptr) context += ": \"" + Shown(*value) + "\"";
  } else if (with_line && !options_.binary()) {
    context += ": \"" + Shown(raw_line_) + "\"";
  }
  return context;
}

void CopyInput::Fail(std::string message, bool with_line) const {
  throw Error(sqlstate::kBadCopyFileFormat, std::move(message))
      .WithContext(Context(nullptr, nullptr, with_line));
}

void CopyInput::Compact() {
  buffer_.erase(0, consumed_);
  consumed_ = 0;
}

bool CopyInput::Next(bool at_end, CopyRecord* record) {
  if (ended_) return false;
  return options_.binary() ? NextBinary(at_end, record) : NextTextOrCsv(at_end, record);
}

void CopyInput::CheckEnd() const {
  if (!options_.binary()) return;
  if (ended_ && consumed_ < buffer_.size()) Fail("received copy data after EOF marker", false);
  if (!ended_ && consumed_ < buffer_.size()) Fail("unexpected EOF in COPY data", false);
}

// --- text and CSV --------------------------------------------------------------

size_t CopyInput::FindLineEnd(size_t start) const {
  const char* data = buffer_.data();
  const size_t size = buffer_.size();
  if (!options_.csv()) {
    // A backslash escapes the next byte, a newline included.
    size_t i = start;
    while (i < size) {
      const void* hit = std::memchr(data + i, '\n', size - i);
      const size_t newline =
          hit == nullptr ? size : static_cast<size_t>(static_cast<const char*>(hit) - data);
      const void* slash = std::memchr(data + i, '\\', newline - i);
      if (slash == nullptr) return newline == size ? std::string::npos : newline;
      i = static_cast<size_t>(static_cast<const char*>(slash) - data) + 2;
    }
    return std::string::npos;
  }
  // CSV: newlines inside quotes belong to the field.
  bool in_quote = false;
  for (size_t i = start; i < size; ++i) {
    const char c = data[i];
    if (in_quote) {
      if (c == options_.escape && options_.escape != options_.quote && i + 1 < size &&
          (data[i + 1] == options_.quote || data[i + 1] == options_.escape)) {
        ++i;
      } else if (c == options_.quote) {
        in_quote = false;
      }
    } else if (c == options_.quote) {
      in_quote = true;
    } else if (c == '\n') {
      return i;
    }
  }
  return std::string::npos;
}

bool CopyInput::NextTextOrCsv(bool at_end, CopyRecord* record) {
  while (true) {
    if (consumed_ >= buffer_.size()) return false;
    size_t end = FindLineEnd(consumed_);
    size_t next = end + 1;
    if (end == std::string::npos) {
      if (!at_end) return false;
      end = next = buffer_.size();
    }
    std::string_view line(buffer_.data() + consumed_, end - consumed_);
    consumed_ = next;
    ++line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    raw_line_ = line;
    // The end-of-data line (in CSV only alone on its line: else it is data).
    if (line.size() >= 2 && line[0] == '\\' && line[1] == '.' &&
        (!options_.csv() || line.size() == 2)) {
      if (line.size() != 2) Fail("end-of-copy marker corrupt", true);
      ended_ = true;
      return false;
    }
    if (!IsAscii(line)) {
      if (Status st = CheckUtf8(line); !st.ok()) {
        throw Error(st.code(), st.message()).WithContext(Context(nullptr, nullptr, false));
      }
    }
    if (options_.csv()) {
      SplitCsv(line, record);
    } else {
      if (line.find('\r') != std::string_view::npos) {
        throw Error(sqlstate::kBadCopyFileFormat, "literal carriage return found in data")
            .WithHint("Use \"\\r\" to represent carriage return.")
            .WithContext(Context(nullptr, nullptr, true));
      }
      SplitText(line, record);
    }
    if (options_.header && !header_done_) {
      header_done_ = true;
      if (options_.header_match) CheckHeader(*record);
      continue;
    }
    return true;
  }
}

void CopyInput::CheckHeader(const CopyRecord& header) const {
  for (size_t i = 0; i < column_names_.size(); ++i) {
    const std::string got = header.nulls[i] ? "" : header.fields[i];
    if (header.nulls[i] || got != column_names_[i]) {
      Fail(header.nulls[i]
               ? fmt::format("column name mismatch in header line field {}: got null value "
                             "(\"{}\"), expected \"{}\"",
                             i + 1, options_.null_string, column_names_[i])
               : fmt::format("column name mismatch in header line field {}: got \"{}\", "
                             "expected \"{}\"",
                             i + 1, got, column_names_[i]),
           true);
    }
  }
}

void CopyInput::SplitText(std::string_view line, CopyRecord* record) const {
  const size_t width = column_names_.size();
  record->fields.resize(width);
  record->nulls.assign(width, false);
  size_t column = 0;
  size_t i = 0;
  while (true) {
    if (column == width) Fail("extra data after last expected column", true);
    // The raw field: up to the next delimiter that no backslash escapes.
    const size_t start = i;
    bool escaped = false;
    while (true) {
      const void* delimiter = std::memchr(line.data() + i, options_.delimiter, line.size() - i);
      const size_t end =
          delimiter == nullptr
              ? line.size()
              : static_cast<size_t>(static_cast<const char*>(delimiter) - line.data());
      const void* slash = std::memchr(line.data() + i, '\\', end - i);
      if (slash == nullptr) {
        i = end;
        break;
      }
      escaped = true;
      i = static_cast<size_t>(static_cast<const char*>(slash) - line.data()) + 2;
      if (i >= line.size()) {
        i = line.size();
        break;
      }
    }
    std::string_view raw = line.substr(start, i - start);
    std::string& field = record->fields[column];
    if (raw == options_.null_string) {
      record->nulls[column] = true;
      field.clear();
    } else if (!escaped) {
      field.assign(raw);
    } else {
      field.clear();
      for (size_t k = 0; k < raw.size(); ++k) {
        char c = raw[k];
        if (c != '\\' || k + 1 == raw.size()) {
          field.push_back(c);
          continue;
        }
        c = raw[++k];
        if (IsOctal(c)) {
          int value = OctalValue(c);
          if (k + 1 < raw.size() && IsOctal(raw[k + 1])) {
            value = value * 8 + OctalValue(raw[++k]);
            if (k + 1 < raw.size() && IsOctal(raw[k + 1])) value = value * 8 + OctalValue(raw[++k]);
          }
          field.push_back(static_cast<char>(value & 0xff));
        } else if (c == 'x' && k + 1 < raw.size() && HexValue(raw[k + 1]) >= 0) {
          int value = HexValue(raw[++k]);
          if (k + 1 < raw.size() && HexValue(raw[k + 1]) >= 0)
            value = value * 16 + HexValue(raw[++k]);
          field.push_back(static_cast<char>(value));
        } else {
          switch (c) {
            case 'b': field.push_back('\b'); break;
            case 'f': field.push_back('\f'); break;
            case 'n': field.push_back('\n'); break;
            case 'r': field.push_back('\r'); break;
            case 't': field.push_back('\t'); break;
            case 'v': field.push_back('\v'); break;
            default: field.push_back(c); break;
          }
        }
      }
      // An octal or hex escape may have made bytes that are not UTF-8.
      if (Status st = CheckUtf8(field); !st.ok()) {
        throw Error(st.code(), st.message()).WithContext(Context(nullptr, nullptr, false));
      }
    }
    ++column;
    if (i >= line.size()) break;
    ++i;  // the delimiter
  }
  if (column < width) {
    Fail(fmt::format("missing data for column \"{}\"", column_names_[column]), true);
  }
}

void CopyInput::SplitCsv(std::string_view line, CopyRecord* record) const {
  const size_t width = column_names_.size();
  record->fields.resize(width);
  record->nulls.assign(width, false);
  size_t column = 0;
  size_t i = 0;
  while (true) {
    if (column == width) Fail("extra data after last expected column", true);
    std::string& field = record->fields[column];
    field.clear();
    const size_t start = i;
    bool quoted = false;
    // Unquoted stretches and quoted ones may alternate: a"b,c"d is `ab,cd`.
    while (i < line.size() && line[i] != options_.delimiter) {
      const char c = line[i];
      if (c != options_.quote) {
        field.push_back(c);
        ++i;
        continue;
      }
      quoted = true;
      ++i;
      while (true) {
        if (i >= line.size()) Fail("unterminated CSV quoted field", true);
        const char q = line[i];
        if (q == options_.escape && i + 1 < line.size() &&
            (line[i + 1] == options_.quote || line[i + 1] == options_.escape) &&
            (options_.escape != options_.quote || line[i + 1] == options_.quote)) {
          field.push_back(line[i + 1]);
          i += 2;
          continue;
        }
        if (q == options_.quote) {
          ++i;
          break;
        }
        field.push_back(q);
        ++i;
      }
    }
    const std::string_view raw = line.substr(start, i - start);
    // NULL is the unquoted null string; FORCE_NOT_NULL reads it as a
    // value, FORCE_NULL also takes its quoted form as NULL.
    const bool matches = quoted ? field == options_.null_string : raw == options_.null_string;
    if (matches &&
        ((!quoted && !options_.force_not_null[column]) || (quoted && options_.force_null[column]) ||
         (!quoted && options_.force_null[column]))) {
      record->nulls[column] = true;
      field.clear();
    }
    ++column;
    if (i >= line.size()) break;
    ++i;  // the delimiter
  }
  if (column < width) {
    Fail(fmt::format("missing data for column \"{}\"", column_names_[column]), true);
  }
}

// --- binary ----------------------------------------------------------------------

bool CopyInput::NextBinary(bool at_end, CopyRecord* record) {
  std::string_view rest(buffer_.data() + consumed_, buffer_.size() - consumed_);
  if (!header_done_) {
    if (rest.size() < kBinarySignature.size() + 8) {
      if (!at_end) return false;
      if (rest.size() < kBinarySignature.size() || rest.substr(0, 11) != kBinarySignature) {
        Fail("COPY file signature not recognized", false);
      }
      Fail(rest.size() < kBinarySignature.size() + 4 ? "invalid COPY file header (missing flags)"
                                                     : "invalid COPY file header (missing length)",
           false);
    }
    if (rest.substr(0, kBinarySignature.size()) != kBinarySignature) {
      Fail("COPY file signature not recognized", false);
    }
    const uint32_t flags = ReadUint32(rest.substr(11, 4));
    if ((flags & (1u << 16)) != 0) Fail("invalid COPY file header (WITH OIDS)", false);
    if ((flags & 0xffff0000u & ~(1u << 16)) != 0) {
      Fail("unrecognized critical flags in COPY file header", false);
    }
    const uint32_t extension = ReadUint32(rest.substr(15, 4));
    if (extension > (1u << 30)) Fail("invalid COPY file header (wrong length)", false);
    if (rest.size() < 19 + size_t{extension}) {
      if (!at_end) return false;
      Fail("invalid COPY file header (wrong length)", false);
    }
    consumed_ += 19 + extension;
    header_done_ = true;
    rest.remove_prefix(19 + extension);
  }
  if (rest.size() < 2) {
    if (at_end && !rest.empty()) {
      ++line_;
      Fail("unexpected EOF in COPY data", false);
    }
    return false;
  }
  const auto count = static_cast<int16_t>((static_cast<unsigned char>(rest[0]) << 8) |
                                          static_cast<unsigned char>(rest[1]));
  if (count == -1) {
    consumed_ += 2;
    ended_ = true;
    if (consumed_ < buffer_.size()) {
      Fail("received copy data after EOF marker", false);
    }
    return false;
  }
  ++line_;
  if (count != static_cast<int16_t>(column_names_.size())) {
    Fail(fmt::format("row field count is {}, expected {}", count, column_names_.size()), false);
  }
  // The whole tuple must be here before any of it is used.
  size_t offset = 2;
  const size_t width = column_names_.size();
  record->fields.resize(width);
  record->nulls.assign(width, false);
  for (size_t c = 0; c < width; ++c) {
    if (rest.size() < offset + 4) {
      if (at_end) Fail("unexpected EOF in COPY data", false);
      --line_;
      return false;
    }
    const auto length = static_cast<int32_t>(ReadUint32(rest.substr(offset, 4)));
    offset += 4;
    if (length == -1) {
      record->nulls[c] = true;
      record->fields[c].clear();
      continue;
    }
    if (length < 0) Fail("invalid field size", false);
    if (rest.size() < offset + static_cast<size_t>(length)) {
      if (at_end) Fail("unexpected EOF in COPY data", false);
      --line_;
      return false;
    }
    record->fields[c].assign(rest.substr(offset, static_cast<size_t>(length)));
    offset += static_cast<size_t>(length);
  }
  consumed_ += offset;
  return true;
}

}  // namespace basalt::sql
