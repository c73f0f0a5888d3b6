// Type resolution and coercion, PostgreSQL's way: untyped literals take the
// type the context wants (parsed right away, so a bad literal fails at bind
// time with its position), typed expressions get Cast nodes when pg_cast
// allows the conversion in the context.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sql/binder/bound_expression.h"
#include "sql/parser/ast.h"

namespace basalt::sql {

// A type as written -> DataType; 42704 `type "x" does not exist`.
DataType BindTypeName(const ast::TypeName& type);

// The domain (CREATE DOMAIN) `type` names, if it names one: BindTypeName
// gives its base type, whose values it has.
std::optional<Oid> BindDomainName(const ast::TypeName& type);

// CAST(value AS type) when `type` names a domain: `value` (already of its
// base type) checked against the domain's constraints when evaluated.
BoundExprPtr WithDomainCheck(BoundExprPtr value, const ast::TypeName& type);

// The type's name without modifiers, as PostgreSQL's error messages print it.
std::string TypeNameForMessage(const DataType& type);

bool IsUnknownLiteral(const BoundExpr& expr);

// Converts `expr` to `to`. Untyped literals are parsed as `to`; other
// expressions are wrapped in a Cast when CanCast allows it in `context`.
// Returns null when the conversion is not allowed.
BoundExprPtr TryCoerce(BoundExprPtr expr, const DataType& to, CastContext context);
// As TryCoerce; 42846 `cannot cast type integer to date` when not allowed.
// The string a pattern match (LIKE, ~) reads: text, or bpchar as it is
// (bpcharlike and bpcharregexeq match the padded value); nullptr when the
// subject cannot become text.
BoundExprPtr CoercePatternSubject(BoundExprPtr subject);

BoundExprPtr CoerceOrThrow(BoundExprPtr expr, const DataType& to, CastContext context);
// INSERT/UPDATE targets: 42804 `column "a" is of type integer but expression
// is of type text` when not allowed.
BoundExprPtr CoerceForAssignment(BoundExprPtr expr, const DataType& to,
                                 const std::string& column_name);
// Operands of WHERE, AND, NOT, ...: 42804 `argument of WHERE must be type
// boolean, not type integer` when not implicitly boolean (`construct` names
// the clause or operator, as PostgreSQL's coerce_to_boolean).
BoundExprPtr CoerceToBoolean(BoundExprPtr expr, std::string_view construct);

// Numeric promotion for operators: int2 < int4 < int8 < numeric < float8
// (float4 op float4 stays float4). nullopt if either is not numeric.
std::optional<DataType> PromoteNumeric(const DataType& a, const DataType& b);
// A type both sides convert to implicitly (for comparisons, IN, CASE,
// COALESCE): numeric promotion, text for strings, timestamp for
// date/timestamp, the type itself when equal. Unknown gives way to the
// other side; two unknowns resolve to text.
std::optional<DataType> CommonType(const DataType& a, const DataType& b);
// The type without its modifier (varchar(3) -> varchar), as an expression
// mixing literals gets; a record keeps its typmod, which names its fields.
DataType WithoutTypeModifier(const DataType& type);
// One step of PostgreSQL's select_common_type, which types the result of
// CASE, COALESCE, GREATEST and LEAST: `so_far` is the type chosen for the
// earlier inputs (unknown before the first typed one), `next` the next
// typed input's. It moves to `next` only when `so_far` converts to it
// implicitly and not back and `so_far` is not its category's preferred
// type: int2 < int4 < int8 < numeric < float4 < float8, varchar stays
// varchar beside text, date < timestamp < timestamptz. The length limit
// (typmod) stays when every input has the same one. nullopt: the types do
// not match (42804 `CASE types integer and text cannot be matched`).
std::optional<DataType> UnifyTypes(const DataType& so_far, const DataType& next);

// A relation's column (CREATE VIEW, CREATE TABLE AS) cannot be of a
// pseudo-type: 42P16 `column "r" has pseudo-type record`.
void CheckNotPseudoType(const std::string& column, const DataType& type);

}  // namespace basalt::sql
