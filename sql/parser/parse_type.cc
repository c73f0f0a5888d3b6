// Type names, normalized to PostgreSQL's internal names (see ast_node.h).
#include <charconv>

#include "sql/parser/parser_impl.h"

namespace basalt::sql {
namespace {

constexpr std::string_view kTypeKeywords[] = {
    "int",      "integer", "smallint", "bigint",  "real",      "float",     "double",
    "decimal",  "dec",     "numeric",  "boolean", "char",      "character", "varchar",
    "national", "nchar",   "bit",      "time",    "timestamp", "interval",
};

}  // namespace

bool Parser::PeekTypeKeyword() const {
  const Token& t = Peek();
  if (t.type != TokenType::kIdentifier) return false;
  if (t.text == "double") return PeekWord("precision", 1);
  for (std::string_view word : kTypeKeywords) {
    if (t.text == word) return true;
  }
  return false;
}

int32_t Parser::ParseTypeModifier(bool allow_sign) {
  // numeric's modifiers are expressions in PostgreSQL's grammar, so
  // numeric(2,-3) parses; timestamp(-1) and the like do not.
  const bool negative = allow_sign && AcceptOp("-");
  if (allow_sign && !negative) AcceptOp("+");
  const Token& t = Peek();
  if (t.type != TokenType::kInteger) SyntaxError(t);
  Advance();
  int32_t value = 0;
  auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), value);
  if (ec != std::errc() || ptr != t.text.data() + t.text.size()) SyntaxError(t);
  return negative ? -value : value;
}

// INTERVAL's optional fields: YEAR, DAY TO SECOND, SECOND(3), ...
void Parser::ParseIntervalFields(ast::TypeName& type) {
  auto is_field = [&](size_t ahead) {
    for (std::string_view f : {"year", "month", "day", "hour", "minute", "second"}) {
      if (PeekWord(f, ahead)) return true;
    }
    return false;
  };
  if (!is_field(0)) return;
  type.interval_fields = Advance().text;
  if (PeekWord("to") && is_field(1)) {
    Advance();
    type.interval_fields += " to " + Advance().text;
  }
  if (type.interval_fields.ends_with("second") && AcceptOp("(")) {
    type.modifiers.push_back(ParseTypeModifier());
    ExpectOp(")");
  }
}

ast::TypeName Parser::ParseTypeName() {
  ast::TypeName type;
  const Token& t = Peek();
  type.position = t.position;
  auto parse_modifiers = [&](bool allow_sign = false) {
    if (!AcceptOp("(")) return;
    do {
      type.modifiers.push_back(ParseTypeModifier(allow_sign));
    } while (AcceptOp(","));
    ExpectOp(")");
  };
  auto parse_time_zone = [&](std::string_view without, std::string_view with) {
    type.name = without;
    if (PeekWord("with") && PeekWord("time", 1) && PeekWord("zone", 2)) {
      Advance();
      Advance();
      Advance();
      type.name = with;
    } else if (PeekWord("without") && PeekWord("time", 1) && PeekWord("zone", 2)) {
      Advance();
      Advance();
      Advance();
    }
  };

  const std::string w = t.type == TokenType::kIdentifier ? t.text : "";
  if (w == "int" || w == "integer") {
    Advance();
    type.name = "int4";
  } else if (w == "smallint") {
    Advance();
    type.name = "int2";
  } else if (w == "bigint") {
    Advance();
    type.name = "int8";
  } else if (w == "real") {
    Advance();
    type.name = "float4";
  } else if (w == "double") {
    Advance();
    ExpectWord("precision");
    type.name = "float8";
  } else if (w == "float") {
    Advance();
    type.name = "float8";
    if (AcceptOp("(")) {
      const Token& p = Peek();
      int32_t precision = ParseTypeModifier();
      ExpectOp(")");
      if (precision < 1) {
        throw Error(sqlstate::kInvalidParameterValue,
                    "precision for type float must be at least 1 bit")
            .WithPosition(p.position);
      }
      if (precision > 53) {
        throw Error(sqlstate::kInvalidParameterValue,
                    "precision for type float must be less than 54 bits")
            .WithPosition(p.position);
      }
      type.name = precision <= 24 ? "float4" : "float8";
    }
  } else if (w == "decimal" || w == "dec" || w == "numeric") {
    Advance();
    type.name = "numeric";
    parse_modifiers(/*allow_sign=*/true);
  } else if (w == "boolean") {
    Advance();
    type.name = "bool";
  } else if (w == "char" || w == "character" || w == "nchar" || w == "national" || w == "varchar") {
    Advance();
    if (w == "national") {
      if (!AcceptWord("character")) ExpectWord("char");
    }
    bool varying = w == "varchar" || AcceptWord("varying");
    type.name = varying ? "varchar" : "bpchar";
    parse_modifiers();
    if (!varying && type.modifiers.empty()) type.modifiers.push_back(1);
  } else if (w == "bit") {
    Advance();
    bool varying = AcceptWord("varying");
    type.name = varying ? "varbit" : "bit";
    parse_modifiers();
    if (!varying && type.modifiers.empty()) type.modifiers.push_back(1);
  } else if (w == "time" || w == "timestamp") {
    Advance();
    parse_modifiers();
    if (w == "time") {
      parse_time_zone("time", "timetz");
    } else {
      parse_time_zone("timestamp", "timestamptz");
    }
  } else if (w == "interval") {
    Advance();
    type.name = "interval";
    parse_modifiers();
    ParseIntervalFields(type);
  } else if (PeekTypeFunctionName()) {
    // Generic type: [schema.]name [(modifiers)]
    Advance();
    type.name = t.text;
    if (PeekOp(".")) {
      Advance();
      type.schema = std::move(type.name);
      type.name = ParseColLabel();
    }
    parse_modifiers();
  } else {
    SyntaxError(t);
  }

  // Array bounds: int[], int[3][], int ARRAY, int ARRAY[3]
  while (true) {
    if (PeekOp("[")) {
      Advance();
      if (Peek().type == TokenType::kInteger) Advance();
      ExpectOp("]");
      ++type.array_bounds;
    } else if (PeekWord("array")) {
      Advance();
      if (AcceptOp("[")) {
        if (Peek().type == TokenType::kInteger) Advance();
        ExpectOp("]");
      }
      ++type.array_bounds;
    } else {
      break;
    }
  }
  return type;
}

}  // namespace basalt::sql
