#include "sql/copy/copy_options.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "common/error.h"

namespace basalt::sql {

namespace {

[[noreturn]] void Throw(sqlstate::Code code, std::string message, int position = 0) {
  Error error(code, std::move(message));
  if (position > 0) error.WithPosition(position);
  throw error;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// defGetBoolean: no value is true; true/false/on/off or 1/0.
bool BooleanOption(const ast::CopyOption& option) {
  if (!option.value) return true;
  const std::string v = Lower(*option.value);
  if (v == "true" || v == "on" || v == "1") return true;
  if (v == "false" || v == "off" || v == "0") return false;
  Throw(sqlstate::kSyntaxError, fmt::format("{} requires a Boolean value", option.name));
}

std::string StringOption(const ast::CopyOption& option) {
  if (!option.value || option.has_columns) {
    Throw(sqlstate::kSyntaxError, fmt::format("{} requires a parameter", option.name),
          option.position);
  }
  return *option.value;
}

}  // namespace

std::vector<int> ResolveCopyColumns(const catalog::TableEntry& table,
                                    const std::vector<ast::Identifier>& columns) {
  std::vector<int> positions;
  if (columns.empty()) {
    for (int c = 0; c < table.def.columns_size(); ++c) positions.push_back(c);
    return positions;
  }
  for (const ast::Identifier& column : columns) {
    const int c = table.FindColumn(column.name);
    if (c < 0) {
      Throw(sqlstate::kUndefinedColumn,
            fmt::format("column \"{}\" of relation \"{}\" does not exist", column.name,
                        table.def.name()));
    }
    if (std::find(positions.begin(), positions.end(), c) != positions.end()) {
      Throw(sqlstate::kDuplicateColumn,
            fmt::format("column \"{}\" specified more than once", column.name));
    }
    positions.push_back(c);
  }
  return positions;
}

CopyOptions ResolveCopyOptions(const ast::CopyStmt& stmt,
                               const std::vector<std::string>& column_names,
                               const catalog::TableEntry* table) {
  CopyOptions out;
  out.from = stmt.from;
  bool format_seen = false, freeze_seen = false, header_seen = false, encoding_seen = false;
  std::optional<std::string> delimiter, null_string, quote, escape;
  const ast::CopyOption* force_quote = nullptr;
  const ast::CopyOption* force_not_null = nullptr;
  const ast::CopyOption* force_null = nullptr;
  auto once = [](bool& seen, const ast::CopyOption& option) {
    if (seen) Throw(sqlstate::kSyntaxError, "conflicting or redundant options", option.position);
    seen = true;
  };
  auto once_value = [](std::optional<std::string>& slot, const ast::CopyOption& option) {
    if (slot) Throw(sqlstate::kSyntaxError, "conflicting or redundant options", option.position);
    slot = StringOption(option);
  };
  auto once_list = [](const ast::CopyOption*& slot, const ast::CopyOption& option) {
    if (slot != nullptr) {
      Throw(sqlstate::kSyntaxError, "conflicting or redundant options", option.position);
    }
    if (!option.has_columns) {
      Throw(sqlstate::kSyntaxError,
            fmt::format("argument to option \"{}\" must be a list of column names", option.name),
            option.position);
    }
    slot = &option;
  };
  for (const ast::CopyOption& option : stmt.options) {
    const std::string& name = option.name;
    if (name == "format") {
      once(format_seen, option);
      const std::string format = StringOption(option);
      if (format == "text") {
        out.format = CopyFormat::kText;
      } else if (format == "csv") {
        out.format = CopyFormat::kCsv;
      } else if (format == "binary") {
        out.format = CopyFormat::kBinary;
      } else {
        Throw(sqlstate::kInvalidParameterValue,
              fmt::format("COPY format \"{}\" not recognized", format), option.position);
      }
    } else if (name == "freeze") {
      once(freeze_seen, option);
      out.freeze = BooleanOption(option);
    } else if (name == "delimiter") {
      once_value(delimiter, option);
    } else if (name == "null") {
      once_value(null_string, option);
    } else if (name == "header") {
      once(header_seen, option);
      if (option.value && Lower(*option.value) == "match") {
        if (!stmt.from) {
          Throw(sqlstate::kFeatureNotSupported,
                fmt::format("cannot use \"{}\" with HEADER in COPY TO", *option.value));
        }
        out.header = out.header_match = true;
      } else {
        const std::string v = option.value ? Lower(*option.value) : "true";
        if (v == "true" || v == "on" || v == "1") {
          out.header = true;
        } else if (!(v == "false" || v == "off" || v == "0")) {
          Throw(sqlstate::kSyntaxError, "header requires a Boolean value or \"match\"");
        }
      }
    } else if (name == "quote") {
      once_value(quote, option);
    } else if (name == "escape") {
      once_value(escape, option);
    } else if (name == "force_quote") {
      once_list(force_quote, option);
    } else if (name == "force_not_null") {
      once_list(force_not_null, option);
    } else if (name == "force_null") {
      once_list(force_null, option);
    } else if (name == "encoding") {
      once(encoding_seen, option);
      const std::string encoding = Lower(StringOption(option));
      if (encoding != "utf8" && encoding != "utf-8" && encoding != "unicode" &&
          encoding != "sql_ascii") {
        Throw(sqlstate::kInvalidParameterValue,
              "argument to option \"encoding\" must be a valid encoding name", option.position);
      }
    } else {
      Throw(sqlstate::kSyntaxError, fmt::format("option \"{}\" not recognized", name),
            option.position);
    }
  }

  // The checks, in PostgreSQL's order.
  if (out.binary() && delimiter) {
    Throw(sqlstate::kSyntaxError, "cannot specify DELIMITER in BINARY mode");
  }
  if (out.binary() && null_string) {
    Throw(sqlstate::kSyntaxError, "cannot specify NULL in BINARY mode");
  }
  if (!delimiter) delimiter = out.csv() ? "," : "\t";
  if (!null_string) null_string = out.csv() ? "" : "\\N";
  if (out.csv()) {
    if (!quote) quote = "\"";
    if (!escape) escape = *quote;
  }
  if (delimiter->size() != 1) {
    Throw(sqlstate::kFeatureNotSupported, "COPY delimiter must be a single one-byte character");
  }
  if ((*delimiter)[0] == '\n' || (*delimiter)[0] == '\r') {
    Throw(sqlstate::kInvalidParameterValue, "COPY delimiter cannot be newline or carriage return");
  }
  if (null_string->find_first_of("\r\n") != std::string::npos) {
    Throw(sqlstate::kInvalidParameterValue,
          "COPY null representation cannot use newline or carriage return");
  }
  // Text format: a delimiter that a backslash escape or a number could be
  // taken for is refused.
  if (!out.csv() &&
      std::string_view("\\.abcdefghijklmnopqrstuvwxyz0123456789").find((*delimiter)[0]) !=
          std::string_view::npos) {
    Throw(sqlstate::kInvalidParameterValue,
          fmt::format("COPY delimiter cannot be \"{}\"", *delimiter));
  }
  if (out.binary() && out.header) {
    Throw(sqlstate::kFeatureNotSupported, "cannot specify HEADER in BINARY mode");
  }
  if (!out.csv() && quote) {
    Throw(sqlstate::kFeatureNotSupported, "COPY quote available only in CSV mode");
  }
  if (out.csv() && quote->size() != 1) {
    Throw(sqlstate::kFeatureNotSupported, "COPY quote must be a single one-byte character");
  }
  if (out.csv() && (*delimiter)[0] == (*quote)[0]) {
    Throw(sqlstate::kInvalidParameterValue, "COPY delimiter and quote must be different");
  }
  if (!out.csv() && escape) {
    Throw(sqlstate::kFeatureNotSupported, "COPY escape available only in CSV mode");
  }
  if (out.csv() && escape->size() != 1) {
    Throw(sqlstate::kFeatureNotSupported, "COPY escape must be a single one-byte character");
  }
  if (!out.csv() && force_quote) {
    Throw(sqlstate::kFeatureNotSupported, "COPY force quote available only in CSV mode");
  }
  if (force_quote && stmt.from) {
    Throw(sqlstate::kFeatureNotSupported, "COPY force quote only available using COPY TO");
  }
  if (!out.csv() && force_not_null) {
    Throw(sqlstate::kFeatureNotSupported, "COPY force not null available only in CSV mode");
  }
  if (force_not_null && !stmt.from) {
    Throw(sqlstate::kFeatureNotSupported, "COPY force not null only available using COPY FROM");
  }
  if (!out.csv() && force_null) {
    Throw(sqlstate::kFeatureNotSupported, "COPY force null available only in CSV mode");
  }
  if (force_null && !stmt.from) {
    Throw(sqlstate::kFeatureNotSupported, "COPY force null only available using COPY FROM");
  }
  if (null_string->find((*delimiter)[0]) != std::string::npos) {
    Throw(sqlstate::kFeatureNotSupported,
          "COPY delimiter must not appear in the NULL specification");
  }
  if (out.csv() && null_string->find((*quote)[0]) != std::string::npos) {
    Throw(sqlstate::kFeatureNotSupported,
          "CSV quote character must not appear in the NULL specification");
  }
  out.delimiter = (*delimiter)[0];
  out.null_string = *null_string;
  if (out.csv()) {
    out.quote = (*quote)[0];
    out.escape = (*escape)[0];
  }

  // FORCE_* lists name columns of the COPY.
  auto resolve = [&](const ast::CopyOption* option, std::string_view label,
                     std::vector<bool>* flags) {
    flags->assign(column_names.size(), false);
    if (option == nullptr) return;
    if (option->star) {
      flags->assign(column_names.size(), true);
      return;
    }
    for (const ast::Identifier& column : option->columns) {
      auto found = std::find(column_names.begin(), column_names.end(), column.name);
      if (found == column_names.end()) {
        if (table != nullptr && table->FindColumn(column.name) < 0) {
          Throw(sqlstate::kUndefinedColumn,
                fmt::format("column \"{}\" of relation \"{}\" does not exist", column.name,
                            table->def.name()));
        }
        if (table == nullptr) {
          Throw(sqlstate::kUndefinedColumn,
                fmt::format("column \"{}\" does not exist", column.name));
        }
        Throw(sqlstate::kInvalidColumnReference,
              fmt::format("{} column \"{}\" not referenced by COPY", label, column.name));
      }
      (*flags)[static_cast<size_t>(found - column_names.begin())] = true;
    }
  };
  resolve(force_quote, "FORCE_QUOTE", &out.force_quote);
  out.force_quote_all = force_quote != nullptr && force_quote->star;
  resolve(force_not_null, "FORCE_NOT_NULL", &out.force_not_null);
  resolve(force_null, "FORCE_NULL", &out.force_null);
  return out;
}

}  // namespace basalt::sql
