// Expression nodes of the parsed (unbound) tree.
//
// Every expression derives from Expr and carries its ExprKind; use
// `expr.As<ast::BinaryOp>()` (checked in debug builds) or a switch on kind().
// Nodes free their children through DeleteIteratively, so a chain of a
// million operators is freed without a million nested destructor calls.
// Operators are kept by their spelling, so the binder resolves them like
// PostgreSQL resolves operator names.
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/iterative_delete.h"
#include "sql/parser/ast_node.h"

namespace basalt::sql::ast {

struct SelectStmt;

enum class ExprKind {
  kConstant,      // Constant
  kColumnRef,     // ColumnRef: a, t.a, s.t.a
  kStar,          // Star: *, t.*
  kParameter,     // Parameter: $1
  kUnaryOp,       // UnaryOp: - + NOT, or any prefix operator
  kBinaryOp,      // BinaryOp: + - * / % ^ || = <> < > <= >= AND OR LIKE ...
  kIsNull,        // IsNull: x IS [NOT] NULL, x ISNULL, x NOTNULL
  kIsBool,        // IsBool: x IS [NOT] TRUE | FALSE | UNKNOWN
  kBetween,       // Between: x [NOT] BETWEEN [SYMMETRIC] a AND b
  kIn,            // In: x [NOT] IN (list) / x [NOT] IN (subquery)
  kCast,          // Cast: x::t, CAST(x AS t)
  kTypedLiteral,  // TypedLiteral: date '2024-01-01', interval '1 day'
  kFunctionCall,  // FunctionCall: f(a, b), count(*), count(DISTINCT a), CURRENT_DATE
  kCase,          // Case: CASE [arg] WHEN .. THEN .. [ELSE ..] END
  kSubquery,      // Subquery: (SELECT ..), EXISTS (SELECT ..), x op ANY/ALL (SELECT ..)
  kDefault,       // Default: DEFAULT in INSERT VALUES or UPDATE SET
  kArray,         // ArrayConstructor: ARRAY[a, b, ...]
  kAnyAll,        // AnyAll: x op ANY|SOME|ALL (array expression)
  kRow,           // RowConstructor: ROW(a, b), ROW(), (a, b)
  kFieldSelect,   // FieldSelect: (row).field, (row).*
};

struct Expr : KindedNode<ExprKind> {
  using KindedNode::KindedNode;
};

using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

inline void DeleteAll(ExprList& list) {
  for (ExprPtr& e : list) DeleteIteratively(e);
}

// One item of ORDER BY: a query's, or inside an aggregate call.
struct OrderByItem : Node {
  enum class Direction { kDefault, kAsc, kDesc };
  enum class Nulls { kDefault, kFirst, kLast };
  ExprPtr expr;
  Direction direction = Direction::kDefault;
  Nulls nulls = Nulls::kDefault;
};

// A literal. Integers that fit int64 are kIntegers with `int_value` set (the
// binder picks int4 or int8 from the value, as PostgreSQL does); longer ones
// and all others with a point or exponent are kDecimal, kept as text (numeric).
// A leading minus is folded into a numeric literal (`-5` is the constant -5,
// positioned at the minus), as PostgreSQL's grammar does.
struct Constant : Expr {
  static constexpr ExprKind kKind = ExprKind::kConstant;
  enum class Type { kInteger, kDecimal, kString, kBoolean, kNull };
  Constant() : Expr(kKind) {}

  Type type = Type::kNull;
  std::string text;         // kInteger/kDecimal: the digits as written; kString: decoded value
  int64_t int_value = 0;    // kInteger only
  bool bool_value = false;  // kBoolean only
};

struct ColumnRef : Expr {
  static constexpr ExprKind kKind = ExprKind::kColumnRef;
  ColumnRef() : Expr(kKind) {}
  std::vector<std::string> names;  // a -> {"a"}; t.a -> {"t", "a"}
};

// `*` alone, or `t.*` (qualifier {"t"}), in a target list or count(*)-free
// position. count(*) is FunctionCall::star instead.
struct Star : Expr {
  static constexpr ExprKind kKind = ExprKind::kStar;
  Star() : Expr(kKind) {}
  std::vector<std::string> qualifier;
};

struct Parameter : Expr {
  static constexpr ExprKind kKind = ExprKind::kParameter;
  Parameter() : Expr(kKind) {}
  int index = 0;  // $1 -> 1
};

// Prefix operator: "-", "+", "NOT", or any other operator spelling.
struct UnaryOp : Expr {
  static constexpr ExprKind kKind = ExprKind::kUnaryOp;
  UnaryOp() : Expr(kKind) {}
  ~UnaryOp() override { DeleteIteratively(operand); }
  std::string op;
  ExprPtr operand;
};

// Infix operator. `op` is the spelling: "+", "-", "*", "/", "%", "^", "||",
// "=", "<>" (also for "!="), "<", ">", "<=", ">=", "AND", "OR", "LIKE",
// "NOT LIKE", "ILIKE", "NOT ILIKE", "IS DISTINCT FROM", "IS NOT DISTINCT FROM",
// or any other operator as written ("~", "@>", ...). `a LIKE b ESCAPE c` has
// right = like_escape(b, c), as in PostgreSQL.
struct BinaryOp : Expr {
  static constexpr ExprKind kKind = ExprKind::kBinaryOp;
  BinaryOp() : Expr(kKind) {}
  ~BinaryOp() override {
    DeleteIteratively(left);
    DeleteIteratively(right);
  }
  std::string op;
  ExprPtr left;
  ExprPtr right;
};

struct IsNull : Expr {
  static constexpr ExprKind kKind = ExprKind::kIsNull;
  IsNull() : Expr(kKind) {}
  ~IsNull() override { DeleteIteratively(arg); }
  ExprPtr arg;
  bool negated = false;  // IS NOT NULL
};

struct IsBool : Expr {
  static constexpr ExprKind kKind = ExprKind::kIsBool;
  enum class Test { kTrue, kFalse, kUnknown };
  IsBool() : Expr(kKind) {}
  ~IsBool() override { DeleteIteratively(arg); }
  ExprPtr arg;
  Test test = Test::kTrue;
  bool negated = false;  // IS NOT TRUE ...
};

struct Between : Expr {
  static constexpr ExprKind kKind = ExprKind::kBetween;
  Between() : Expr(kKind) {}
  ~Between() override {
    DeleteIteratively(arg);
    DeleteIteratively(low);
    DeleteIteratively(high);
  }
  ExprPtr arg;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;
  bool symmetric = false;
};

// x [NOT] IN (a, b, c) with `list` set, or x [NOT] IN (SELECT ...) with
// `subquery` set.
struct In : Expr {
  static constexpr ExprKind kKind = ExprKind::kIn;
  In();
  ~In() override;
  ExprPtr arg;
  ExprList list;
  std::unique_ptr<SelectStmt> subquery;
  bool negated = false;
};

struct Cast : Expr {
  static constexpr ExprKind kKind = ExprKind::kCast;
  Cast() : Expr(kKind) {}
  ~Cast() override { DeleteIteratively(arg); }
  ExprPtr arg;
  TypeName type;
};

// `type 'string'`: date '2024-01-01', timestamp '...', interval '1 day'.
struct TypedLiteral : Expr {
  static constexpr ExprKind kKind = ExprKind::kTypedLiteral;
  TypedLiteral() : Expr(kKind) {}
  TypeName type;
  std::string value;
};

// One end of a window frame: UNBOUNDED PRECEDING, `offset` PRECEDING,
// CURRENT ROW, `offset` FOLLOWING or UNBOUNDED FOLLOWING.
struct WindowFrameBound {
  enum class Type { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };
  Type type = Type::kUnboundedPreceding;
  ExprPtr offset;  // kPreceding and kFollowing
};

// A window specification: `WINDOW name AS (...)`'s, or a call's `OVER (...)`
// (`OVER name` is one with only `ref_name`, `copy_whole` set).
struct WindowDef : Node {
  enum class FrameMode { kNone, kRange, kRows, kGroups };  // kNone: no frame clause
  enum class Exclusion { kNoOthers, kCurrentRow, kGroup, kTies };
  ~WindowDef() {
    DeleteAll(partition_by);
    for (OrderByItem& item : order_by) DeleteIteratively(item.expr);
    DeleteIteratively(frame_start.offset);
    DeleteIteratively(frame_end.offset);
  }
  std::string name;      // WINDOW name AS (...); empty in OVER
  std::string ref_name;  // the window this one extends: OVER (w ORDER BY ...); empty: none
  int ref_position = 0;
  bool copy_whole = false;  // OVER w, without parentheses
  ExprList partition_by;
  std::vector<OrderByItem> order_by;
  FrameMode frame_mode = FrameMode::kNone;
  WindowFrameBound frame_start;
  WindowFrameBound frame_end;  // CURRENT ROW when only a start is written
  bool frame_between = false;  // BETWEEN start AND end was written
  Exclusion exclusion = Exclusion::kNoOthers;
};

// f(args). `name` is possibly qualified ({"pg_catalog", "now"}), folded.
// SQL-standard keyword functions (CURRENT_DATE, CURRENT_TIMESTAMP,
// LOCALTIMESTAMP, CURRENT_USER, SESSION_USER, CURRENT_SCHEMA, ...) are calls
// with `no_parens` set and the lower-case keyword as name. COALESCE, NULLIF,
// GREATEST, LEAST are ordinary calls by those names; EXTRACT(f FROM x) is
// extract('f', x) as in PostgreSQL 15.
//
// An aggregate call may order its input, `string_agg(x, ',' ORDER BY y)`
// (`order_by`), and filter it, `count(*) FILTER (WHERE x > 0)` (`filter`);
// the binder rejects both on other functions. With `over` it is a window
// function call.
struct FunctionCall : Expr {
  static constexpr ExprKind kKind = ExprKind::kFunctionCall;
  FunctionCall() : Expr(kKind) {}
  ~FunctionCall() override {
    DeleteAll(args);
    for (OrderByItem& item : order_by) DeleteIteratively(item.expr);
    DeleteIteratively(filter);
  }
  std::vector<std::string> name;
  ExprList args;
  // Named notation, f(a, b => 1): each argument's name ("" for the
  // positional ones before the first named); empty when none is named.
  std::vector<std::string> arg_names;
  bool star = false;      // count(*)
  bool distinct = false;  // count(DISTINCT a)
  bool no_parens = false;
  std::vector<OrderByItem> order_by;  // f(args ORDER BY ...); empty when none
  bool within_group = false;          // order_by is f(args) WITHIN GROUP (ORDER BY ...)
  ExprPtr filter;                     // FILTER (WHERE filter); null when none
  std::unique_ptr<WindowDef> over;    // OVER ...: a window function call; null when none
};

// a[i] and a[i:j], which the parser writes as calls of the internal
// functions array_subscript and array_slice.
inline bool IsSubscript(const FunctionCall& call) {
  return call.name.size() == 1 && !call.args.empty() &&
         (call.name[0] == "array_subscript" || call.name[0] == "array_slice");
}

struct CaseWhen : Node {
  ExprPtr condition;  // for a simple CASE, the value compared with Case::arg
  ExprPtr result;
};

struct Case : Expr {
  static constexpr ExprKind kKind = ExprKind::kCase;
  Case() : Expr(kKind) {}
  ~Case() override {
    DeleteIteratively(arg);
    for (CaseWhen& when : whens) {
      DeleteIteratively(when.condition);
      DeleteIteratively(when.result);
    }
    DeleteIteratively(else_result);
  }
  ExprPtr arg;  // simple CASE x WHEN ...; null for a searched CASE
  std::vector<CaseWhen> whens;
  ExprPtr else_result;  // null when no ELSE
};

// A subquery in an expression.
struct Subquery : Expr {
  static constexpr ExprKind kKind = ExprKind::kSubquery;
  enum class Type {
    kScalar,  // (SELECT ...)
    kArray,   // ARRAY(SELECT ...): the first column's values as an array
    kExists,  // EXISTS (SELECT ...)
    kAny,     // left op ANY|SOME (SELECT ...)
    kAll,     // left op ALL (SELECT ...)
  };
  Subquery();
  ~Subquery() override;
  Type type = Type::kScalar;
  std::unique_ptr<SelectStmt> select;
  ExprPtr left;    // kAny/kAll only
  std::string op;  // kAny/kAll only
};

// ARRAY[a, b, ...]; `elements` may be empty (ARRAY[]::int[]).
struct ArrayConstructor : Expr {
  static constexpr ExprKind kKind = ExprKind::kArray;
  ArrayConstructor() : Expr(kKind) {}
  ~ArrayConstructor() override { DeleteAll(elements); }
  ExprList elements;
};

// left op ANY|SOME (array) or left op ALL (array), where the parenthesized
// operand is an expression, not a SELECT (that is a Subquery).
struct AnyAll : Expr {
  static constexpr ExprKind kKind = ExprKind::kAnyAll;
  AnyAll() : Expr(kKind) {}
  ~AnyAll() override {
    DeleteIteratively(left);
    DeleteIteratively(array);
  }
  std::string op;
  bool all = false;  // ALL rather than ANY/SOME
  ExprPtr left;
  ExprPtr array;
};

// A row value: ROW(a, b) or ROW() (`explicit_row`), or (a, b) with at
// least two fields.
struct RowConstructor : Expr {
  static constexpr ExprKind kKind = ExprKind::kRow;
  RowConstructor() : Expr(kKind) {}
  ~RowConstructor() override { DeleteAll(fields); }
  ExprList fields;
  bool explicit_row = false;
};

// (arg).field: one field of a row value (a whole-row reference, a
// function returning a row, a column of a row type).
struct FieldSelect : Expr {
  static constexpr ExprKind kKind = ExprKind::kFieldSelect;
  FieldSelect() : Expr(kKind) {}
  ~FieldSelect() override { DeleteIteratively(arg); }
  ExprPtr arg;
  std::string field;
  bool star = false;  // (arg).*: every field (a target list's columns)
};

struct Default : Expr {
  static constexpr ExprKind kKind = ExprKind::kDefault;
  Default() : Expr(kKind) {}
};

}  // namespace basalt::sql::ast
