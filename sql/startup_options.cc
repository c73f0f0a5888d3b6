#include "sql/startup_options.h"

#include <fmt/format.h>

namespace basalt::sql {

namespace {

std::vector<std::string> SplitWords(std::string_view options) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < options.size(); ++i) {
    const char c = options[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\' && i + 1 < options.size()) {
      word.push_back(options[++i]);
    } else {
      word.push_back(c);
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

Status InvalidArgument(std::string_view word) {
  return Status::Error(sqlstate::kSyntaxError,
                       fmt::format("invalid command-line argument for server process: {}", word));
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ParseStartupOptions(
    std::string_view options) {
  std::vector<std::pair<std::string, std::string>> settings;
  const std::vector<std::string> words = SplitWords(options);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    std::string assignment;
    std::string_view flag;
    if (word == "-c") {
      if (i + 1 >= words.size()) return InvalidArgument(word);
      assignment = words[++i];
      flag = "-c ";
    } else if (word.starts_with("-c")) {
      assignment = word.substr(2);
      flag = "-c ";
    } else if (word.starts_with("--") && word.size() > 2) {
      assignment = word.substr(2);
      flag = "--";
    } else {
      return InvalidArgument(word);
    }
    const size_t equals = assignment.find('=');
    if (equals == std::string::npos) {
      return Status::Error(sqlstate::kSyntaxError,
                           fmt::format("{}{} requires a value", flag, assignment));
    }
    std::string name = assignment.substr(0, equals);
    // As PostgreSQL: --statement-timeout=5s names statement_timeout.
    for (char& c : name) {
      if (c == '-') c = '_';
    }
    settings.emplace_back(std::move(name), assignment.substr(equals + 1));
  }
  return settings;
}

}  // namespace basalt::sql
