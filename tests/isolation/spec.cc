#include "tests/isolation/spec.h"

#include <cctype>
#include <set>
#include <stdexcept>

namespace basalt::isolation {

namespace {

struct Token {
  enum Kind { kWord, kBlock, kEnd } kind = kEnd;
  std::string text;
  int line = 0;
};

// Splits spec text into words and { ... } blocks, skipping # comments.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Token Next() {
    SkipSpaceAndComments();
    Token token;
    token.line = line_;
    if (pos_ >= text_.size()) return token;
    const char c = text_[pos_];
    if (c == '{') {
      token.kind = Token::kBlock;
      token.text = ReadBlock();
      return token;
    }
    if (!IsWordChar(c)) Fail("unexpected character '" + std::string(1, c) + "'");
    token.kind = Token::kWord;
    while (pos_ < text_.size() && IsWordChar(text_[pos_])) token.text.push_back(text_[pos_++]);
    return token;
  }

  [[noreturn]] void Fail(const std::string& message) const {
    throw std::runtime_error("spec line " + std::to_string(line_) + ": " + message);
  }

 private:
  static bool IsWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  }

  void SkipSpaceAndComments() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
      } else if (std::isspace(static_cast<unsigned char>(c)) != 0) {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        return;
      }
    }
  }

  // The text between '{' and its matching '}', trimmed.
  std::string ReadBlock() {
    const int start_line = line_;
    int depth = 0;
    const size_t start = pos_ + 1;
    for (; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (c == '\n') ++line_;
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) {
        std::string_view body = text_.substr(start, pos_ - start);
        ++pos_;
        while (!body.empty() && std::isspace(static_cast<unsigned char>(body.front())) != 0) {
          body.remove_prefix(1);
        }
        while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back())) != 0) {
          body.remove_suffix(1);
        }
        return std::string(body);
      }
    }
    line_ = start_line;
    Fail("unterminated { block");
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

bool IsKeyword(const std::string& word) {
  return word == "setup" || word == "teardown" || word == "session" || word == "step" ||
         word == "permutation";
}

}  // namespace

const Step* Spec::FindStep(std::string_view name) const {
  for (const Session& session : sessions) {
    for (const Step& step : session.steps) {
      if (step.name == name) return &step;
    }
  }
  return nullptr;
}

Spec ParseSpec(std::string_view text) {
  Lexer lexer(text);
  Spec spec;
  std::set<std::string> step_names;
  Token token = lexer.Next();
  auto expect_block = [&](const char* what) {
    Token block = lexer.Next();
    if (block.kind != Token::kBlock) lexer.Fail(std::string("expected { ... } after ") + what);
    return block.text;
  };
  auto expect_name = [&](const char* what) {
    Token name = lexer.Next();
    if (name.kind != Token::kWord || IsKeyword(name.text)) {
      lexer.Fail(std::string("expected a name after ") + what);
    }
    return name.text;
  };

  while (token.kind != Token::kEnd) {
    if (token.kind != Token::kWord) lexer.Fail("expected a keyword, found a { block");
    const std::string keyword = token.text;
    if (keyword == "setup" || keyword == "teardown") {
      if (!spec.permutations.empty()) lexer.Fail(keyword + " after a permutation");
      std::vector<std::string>* target = nullptr;
      if (spec.sessions.empty()) {
        target = keyword == "setup" ? &spec.setup : &spec.teardown;
      } else {
        Session& session = spec.sessions.back();
        target = keyword == "setup" ? &session.setup : &session.teardown;
      }
      target->push_back(expect_block(keyword.c_str()));
      token = lexer.Next();
    } else if (keyword == "session") {
      if (!spec.permutations.empty()) lexer.Fail("session after a permutation");
      Session session;
      session.name = expect_name("session");
      for (const Session& other : spec.sessions) {
        if (other.name == session.name) lexer.Fail("duplicate session " + session.name);
      }
      spec.sessions.push_back(std::move(session));
      token = lexer.Next();
    } else if (keyword == "step") {
      if (spec.sessions.empty()) lexer.Fail("step outside a session");
      if (!spec.permutations.empty()) lexer.Fail("step after a permutation");
      Step step;
      step.name = expect_name("step");
      if (!step_names.insert(step.name).second) lexer.Fail("duplicate step " + step.name);
      step.sql = expect_block("a step name");
      step.session = spec.sessions.size() - 1;
      spec.sessions.back().steps.push_back(std::move(step));
      token = lexer.Next();
    } else if (keyword == "permutation") {
      std::vector<std::string> names;
      token = lexer.Next();
      while (token.kind == Token::kWord && !IsKeyword(token.text)) {
        if (step_names.count(token.text) == 0) lexer.Fail("unknown step " + token.text);
        names.push_back(token.text);
        token = lexer.Next();
      }
      if (names.empty()) lexer.Fail("empty permutation");
      spec.permutations.push_back(std::move(names));
    } else {
      lexer.Fail("unknown keyword " + keyword);
    }
  }
  if (spec.sessions.empty()) throw std::runtime_error("spec has no sessions");
  if (spec.permutations.empty()) throw std::runtime_error("spec has no permutations");
  return spec;
}

}  // namespace basalt::isolation
