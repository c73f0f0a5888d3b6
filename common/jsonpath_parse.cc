// jsonpath's grammar (PostgreSQL 15's jsonpath_gram.y) by recursive
// descent. Each rule checks the next token where bison's LALR tables would,
// so a syntax error names the same token; then the checks of
// flattenJsonPathParseItem (`@` outside filters, `last` outside subscripts).
#include "common/jsonpath_parse.h"

#include <fmt/format.h>

#include "common/jsonpath_internal.h"
#include "common/stack_depth.h"

namespace basalt {

JsonPathItem::~JsonPathItem() = default;

namespace {

using jsonpath_internal::Fail;
using jsonpath_internal::Lexer;
using jsonpath_internal::MakeLikeRegex;
using jsonpath_internal::ParseFailure;
using jsonpath_internal::SyntaxError;
using jsonpath_internal::Tok;
using jsonpath_internal::Token;
using Type = JsonPathItem::Type;
using ItemPtr = std::unique_ptr<JsonPathItem>;

ItemPtr Make(Type type) {
  auto item = std::make_unique<JsonPathItem>();
  item->type = type;
  return item;
}

ItemPtr MakeBinary(Type type, ItemPtr left, ItemPtr right) {
  ItemPtr item = Make(type);
  item->left = std::move(left);
  item->right = std::move(right);
  return item;
}

ItemPtr MakeNumeric(const std::string& text) {
  ItemPtr item = Make(Type::kNumeric);
  Result<Numeric> n = Numeric::Parse(text);
  if (!n.ok()) Fail(n.status());
  item->numeric = std::move(n).value();
  return item;
}

// makeItemUnary: + and - of a bare number fold into the number.
ItemPtr MakeUnary(Type type, ItemPtr arg) {
  if (arg->type == Type::kNumeric && arg->next == nullptr) {
    if (type == Type::kPlus) return arg;
    if (type == Type::kMinus) {
      arg->numeric = arg->numeric.Negate();
      return arg;
    }
  }
  ItemPtr item = Make(type);
  item->left = std::move(arg);
  return item;
}

// Appends `tail` (a chain) to the end of `head`'s chain.
void AppendToChain(JsonPathItem* head, ItemPtr tail) {
  while (head->next != nullptr) head = head->next.get();
  head->next = std::move(tail);
}

bool IsKeyName(Tok t) {
  return t == Tok::kIdent || t == Tok::kString || t >= Tok::kTo;
}

std::optional<Type> MethodType(Tok t) {
  switch (t) {
    case Tok::kAbs: return Type::kAbs;
    case Tok::kSize: return Type::kSize;
    case Tok::kType: return Type::kType;
    case Tok::kFloor: return Type::kFloor;
    case Tok::kDouble: return Type::kDouble;
    case Tok::kCeiling: return Type::kCeiling;
    case Tok::kKeyValue: return Type::kKeyValue;
    default: return std::nullopt;
  }
}

std::optional<Type> CompareType(Tok t) {
  switch (t) {
    case Tok::kEqual: return Type::kEqual;
    case Tok::kNotEqual: return Type::kNotEqual;
    case Tok::kLess: return Type::kLess;
    case Tok::kLessEqual: return Type::kLessOrEqual;
    case Tok::kGreater: return Type::kGreater;
    case Tok::kGreaterEqual: return Type::kGreaterOrEqual;
    default: return std::nullopt;
  }
}

// A parsed operand: a predicate (boolean) or an expression (a sequence).
// A parenthesized predicate followed by an accessor is an expression.
struct Parsed {
  ItemPtr item;
  bool predicate = false;
};

class Parser {
 public:
  explicit Parser(std::string_view text) : lexer_(text) { Advance(); }

  std::shared_ptr<const JsonPath> ParseResult() {
    auto path = std::make_shared<JsonPath>();
    if (tok_.kind == Tok::kEnd) return nullptr;
    if (tok_.kind == Tok::kStrict || tok_.kind == Tok::kLax) {
      path->lax = tok_.kind == Tok::kLax;
      Advance();
    }
    path->root = ParseOr(true).item;
    if (tok_.kind != Tok::kEnd) Error();
    return path;
  }

 private:
  void Advance() { tok_ = lexer_.Next(); }
  [[noreturn]] void Error() { SyntaxError("syntax error", tok_.text); }
  bool IsChar(char c) const { return tok_.kind == Tok::kChar && tok_.ch == c; }
  void Expect(char c) {
    if (!IsChar(c)) Error();
    Advance();
  }

  // An expression where only an expression may stand.
  ItemPtr ParseExpr() {
    Parsed p = ParseOr(false);
    return std::move(p.item);
  }

  // predicate || predicate; with `allow_predicate` false, only an
  // expression (an operand, a subscript), whose next token then ends it.
  Parsed ParseOr(bool allow_predicate) {
    Parsed left = ParseAnd(allow_predicate);
    while (tok_.kind == Tok::kOr) {
      if (!left.predicate) Error();
      Advance();
      Parsed right = ParseAnd(true);
      if (!right.predicate) Error();
      left.item = MakeBinary(Type::kOr, std::move(left.item), std::move(right.item));
    }
    return left;
  }

  Parsed ParseAnd(bool allow_predicate) {
    Parsed left = ParseNot(allow_predicate);
    while (tok_.kind == Tok::kAnd) {
      if (!left.predicate) Error();
      Advance();
      Parsed right = ParseNot(true);
      if (!right.predicate) Error();
      left.item = MakeBinary(Type::kAnd, std::move(left.item), std::move(right.item));
    }
    return left;
  }

  // ! delimited_predicate
  Parsed ParseNot(bool allow_predicate) {
    if (tok_.kind != Tok::kNot) return ParseComparison(allow_predicate);
    if (!allow_predicate) Error();
    Advance();
    ItemPtr arg;
    if (tok_.kind == Tok::kExists) {
      arg = ParseExists();
    } else {
      Expect('(');
      Parsed inner = ParseOr(true);
      if (!inner.predicate) Error();
      Expect(')');
      arg = std::move(inner.item);
    }
    return Parsed{MakeUnary(Type::kNot, std::move(arg)), true};
  }

  // exists ( expr )
  ItemPtr ParseExists() {
    Advance();
    Expect('(');
    ItemPtr arg = ParseExpr();
    Expect(')');
    ItemPtr item = Make(Type::kExists);
    item->left = std::move(arg);
    return item;
  }

  // expr comp_op expr | expr starts with "s" | expr like_regex "p" [flag "f"]
  Parsed ParseComparison(bool allow_predicate) {
    if (tok_.kind == Tok::kExists) {
      if (!allow_predicate) Error();
      return Parsed{ParseExists(), true};
    }
    Parsed left = ParseAdditive(allow_predicate);
    const std::optional<Type> compare = CompareType(tok_.kind);
    const bool starts = tok_.kind == Tok::kStarts;
    const bool like = tok_.kind == Tok::kLikeRegex;
    if (!compare && !starts && !like) return left;
    if (left.predicate || !allow_predicate) Error();
    Advance();
    if (compare) {
      ItemPtr right = ParseAdditive(false).item;
      return Parsed{MakeBinary(*compare, std::move(left.item), std::move(right)), true};
    }
    if (starts) {
      if (tok_.kind != Tok::kWith) Error();
      Advance();
      ItemPtr initial;
      if (tok_.kind == Tok::kString) {
        initial = Make(Type::kString);
      } else if (tok_.kind == Tok::kVariable) {
        initial = Make(Type::kVariable);
      } else {
        Error();
      }
      initial->text = tok_.value;
      Advance();
      return Parsed{MakeBinary(Type::kStartsWith, std::move(left.item), std::move(initial)), true};
    }
    if (tok_.kind != Tok::kString) Error();
    const std::string pattern = tok_.value;
    Advance();
    std::string flags;
    if (tok_.kind == Tok::kFlag) {
      Advance();
      if (tok_.kind != Tok::kString) Error();
      flags = tok_.value;
      Advance();
    }
    return Parsed{MakeLikeRegex(std::move(left.item), pattern, flags), true};
  }

  Parsed ParseAdditive(bool allow_predicate) {
    Parsed left = ParseMultiplicative(allow_predicate);
    while (IsChar('+') || IsChar('-')) {
      if (left.predicate) Error();
      const Type type = tok_.ch == '+' ? Type::kAdd : Type::kSub;
      Advance();
      ItemPtr right = ParseMultiplicative(false).item;
      left.item = MakeBinary(type, std::move(left.item), std::move(right));
    }
    return left;
  }

  Parsed ParseMultiplicative(bool allow_predicate) {
    Parsed left = ParseUnary(allow_predicate);
    while (IsChar('*') || IsChar('/') || IsChar('%')) {
      if (left.predicate) Error();
      const Type type = tok_.ch == '*' ? Type::kMul : tok_.ch == '/' ? Type::kDiv : Type::kMod;
      Advance();
      ItemPtr right = ParseUnary(false).item;
      left.item = MakeBinary(type, std::move(left.item), std::move(right));
    }
    return left;
  }

  Parsed ParseUnary(bool allow_predicate) {
    CheckStackDepth();
    if (IsChar('+') || IsChar('-')) {
      const Type type = tok_.ch == '+' ? Type::kPlus : Type::kMinus;
      Advance();
      ItemPtr arg = ParseUnary(false).item;
      return Parsed{MakeUnary(type, std::move(arg)), false};
    }
    return ParseAccessorExpr(allow_predicate);
  }

  // path_primary accessor_op* | ( expr_or_predicate ) [accessor_op+]
  Parsed ParseAccessorExpr(bool allow_predicate) {
    ItemPtr head;
    if (IsChar('(')) {
      Advance();
      Parsed inner = ParseOr(true);
      Expect(')');
      if (!IsAccessorStart()) {
        if (!inner.predicate) return inner;
        // A predicate where only an expression may stand: bison fails at
        // the token after it.
        if (!allow_predicate) Error();
        if (tok_.kind == Tok::kIs) {
          Advance();
          if (tok_.kind != Tok::kUnknown) Error();
          Advance();
          inner.item = MakeUnary(Type::kIsUnknown, std::move(inner.item));
        }
        return inner;
      }
      head = std::move(inner.item);
    } else {
      head = ParsePathPrimary();
    }
    while (IsAccessorStart()) AppendToChain(head.get(), ParseAccessor());
    return Parsed{std::move(head), false};
  }

  bool IsAccessorStart() const { return IsChar('.') || IsChar('[') || IsChar('?'); }

  ItemPtr ParsePathPrimary() {
    ItemPtr item;
    switch (tok_.kind) {
      case Tok::kString:
        item = Make(Type::kString);
        item->text = tok_.value;
        break;
      case Tok::kVariable:
        item = Make(Type::kVariable);
        item->text = tok_.value;
        break;
      case Tok::kNull: item = Make(Type::kNull); break;
      case Tok::kTrue:
      case Tok::kFalse:
        item = Make(Type::kBool);
        item->boolean = tok_.kind == Tok::kTrue;
        break;
      case Tok::kNumeric:
      case Tok::kInt: item = MakeNumeric(tok_.value); break;
      case Tok::kLast: item = Make(Type::kLast); break;
      case Tok::kChar:
        if (tok_.ch == '$') {
          item = Make(Type::kRoot);
          break;
        }
        if (tok_.ch == '@') {
          item = Make(Type::kCurrent);
          break;
        }
        Error();
      default: Error();
    }
    Advance();
    return item;
  }

  ItemPtr ParseAccessor() {
    if (IsChar('[')) return ParseArrayAccessor();
    if (IsChar('?')) {
      Advance();
      Expect('(');
      Parsed predicate = ParseOr(true);
      if (!predicate.predicate) Error();
      Expect(')');
      ItemPtr item = Make(Type::kFilter);
      item->left = std::move(predicate.item);
      return item;
    }
    Advance();  // '.'
    if (IsChar('*')) {
      Advance();
      return Make(Type::kAnyKey);
    }
    if (tok_.kind == Tok::kAnyPath) return ParseAnyPath();
    if (!IsKeyName(tok_.kind)) Error();
    Token name = tok_;
    Advance();
    if (IsChar('(')) {
      if (name.kind == Tok::kDatetime) {
        Advance();
        ItemPtr item = Make(Type::kDatetime);
        if (tok_.kind == Tok::kString) {
          item->left = Make(Type::kString);
          item->left->text = tok_.value;
          Advance();
        }
        Expect(')');
        return item;
      }
      if (std::optional<Type> method = MethodType(name.kind)) {
        Advance();
        Expect(')');
        return Make(*method);
      }
      Error();
    }
    ItemPtr key = Make(Type::kKey);
    key->text = name.value;
    return key;
  }

  ItemPtr ParseArrayAccessor() {
    Advance();  // '['
    if (IsChar('*')) {
      Advance();
      Expect(']');
      return Make(Type::kAnyArray);
    }
    ItemPtr item = Make(Type::kIndexArray);
    for (;;) {
      ItemPtr from = ParseExpr();
      ItemPtr to;
      if (tok_.kind == Tok::kTo) {
        Advance();
        to = ParseExpr();
      }
      item->subscripts.emplace_back(std::move(from), std::move(to));
      if (!IsChar(',')) break;
      Advance();
    }
    Expect(']');
    return item;
  }

  // .** [{level [to level]}]
  ItemPtr ParseAnyPath() {
    Advance();
    ItemPtr item = Make(Type::kAny);
    if (!IsChar('{')) return item;
    Advance();
    item->first = ParseLevel();
    item->last = item->first;
    if (tok_.kind == Tok::kTo) {
      Advance();
      item->last = ParseLevel();
    }
    Expect('}');
    return item;
  }

  uint32_t ParseLevel() {
    if (tok_.kind == Tok::kLast) {
      Advance();
      return JsonPathItem::kUnboundedLevel;
    }
    if (tok_.kind != Tok::kInt) Error();
    // pg_strtoint32
    int64_t level = 0;
    for (char c : tok_.value) {
      level = level * 10 + (c - '0');
      if (level > INT32_MAX) {
        Fail(Status::Error(
            sqlstate::kNumericValueOutOfRange,
            fmt::format("value \"{}\" is out of range for type integer", tok_.value)));
      }
    }
    Advance();
    return static_cast<uint32_t>(level);
  }

  Lexer lexer_;
  Token tok_;
};

// flattenJsonPathParseItem's checks, in its order.
void CheckItem(const JsonPathItem* item, int nesting, bool in_subscript) {
  CheckStackDepth();
  for (; item != nullptr; item = item->next.get()) {
    if (item->type == Type::kCurrent && nesting <= 0) {
      Fail(Status::Error(sqlstate::kSyntaxError, "@ is not allowed in root expressions"));
    }
    if (item->type == Type::kLast && !in_subscript) {
      Fail(Status::Error(sqlstate::kSyntaxError, "LAST is allowed only in array subscripts"));
    }
    const int arg_nesting = nesting + (item->type == Type::kFilter ? 1 : 0);
    CheckItem(item->left.get(), arg_nesting, in_subscript);
    CheckItem(item->right.get(), nesting, in_subscript);
    for (const auto& [from, to] : item->subscripts) {
      CheckItem(from.get(), nesting, true);
      CheckItem(to.get(), nesting, true);
    }
  }
}

}  // namespace

Result<std::shared_ptr<const JsonPath>> ParseJsonPath(std::string_view text) {
  try {
    Parser parser(text);
    std::shared_ptr<const JsonPath> path = parser.ParseResult();
    if (path == nullptr) {
      return Status::Error(sqlstate::kInvalidTextRepresentation,
                           fmt::format("invalid input syntax for type jsonpath: \"{}\"", text));
    }
    CheckItem(path->root.get(), 0, false);
    return path;
  } catch (ParseFailure& failure) {
    return std::move(failure.status);
  }
}

std::string_view JsonPathOperationName(Type type) {
  switch (type) {
    case Type::kAdd:
    case Type::kPlus: return "+";
    case Type::kSub:
    case Type::kMinus: return "-";
    case Type::kMul: return "*";
    case Type::kDiv: return "/";
    case Type::kMod: return "%";
    case Type::kType: return "type";
    case Type::kSize: return "size";
    case Type::kAbs: return "abs";
    case Type::kFloor: return "floor";
    case Type::kCeiling: return "ceiling";
    case Type::kDouble: return "double";
    case Type::kKeyValue: return "keyvalue";
    case Type::kDatetime: return "datetime";
    default: return "?";
  }
}

}  // namespace basalt
