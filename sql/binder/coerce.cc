#include "sql/binder/coerce.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/object_names.h"
#include "common/value_text.h"
#include "sql/binder/bind_error.h"

namespace basalt::sql {

namespace {

int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kInt2: return 1;
    case TypeId::kInt4: return 2;
    case TypeId::kInt8: return 3;
    case TypeId::kNumeric: return 4;
    case TypeId::kFloat4: return 5;
    case TypeId::kFloat8: return 6;
    default: return 0;
  }
}

}  // namespace

namespace {

// varchar(n) and char(n)'s largest n (PostgreSQL's MaxAttrSize).
constexpr int32_t kMaxCharacterLength = 10 * 1024 * 1024;

// A user-defined type (CREATE TYPE) by name, through the session's
// resolver; nullopt when there is none.
std::optional<DataType> BindUserTypeName(const ast::TypeName& type) {
  const ObjectNames* names = CurrentObjectNames();
  std::optional<Oid> oid =
      names == nullptr ? std::nullopt : names->UserTypeNamed(type.schema, type.name);
  if (!oid) return std::nullopt;
  if (!type.modifiers.empty()) {
    ThrowAt(sqlstate::kSyntaxError,
            fmt::format("type modifier is not allowed for type \"{}\"",
                        names->Name(TypeId::kRegtype, *oid).value_or(type.name)),
            type.position);
  }
  // A domain's values are its base type's.
  return names->UserType(*oid);
}

DataType BindScalarTypeName(const ast::TypeName& type) {
  auto modifier = [&](size_t i, int32_t fallback) {
    return i < type.modifiers.size() ? type.modifiers[i] : fallback;
  };
  const std::string& n = type.name;
  if (type.schema == "information_schema" && type.modifiers.empty()) {
    // information_schema's domains read as their base types: Basalt has no
    // domain types (catalog/information_schema_views.cc).
    static constexpr std::pair<std::string_view, DataType> kDomains[] = {
        {"sql_identifier", DataType{TypeId::kName, -1}},
        {"cardinal_number", DataType{TypeId::kInt4, -1}},
        {"character_data", DataType{TypeId::kVarchar, -1}},
        {"yes_or_no", DataType{TypeId::kVarchar, 3 + 4}},
        {"time_stamp", DataType{TypeId::kTimestampTz, 2}},
    };
    for (const auto& [domain, base] : kDomains) {
      if (n == domain) return base;
    }
  }
  if (!type.schema.empty() && type.schema != "pg_catalog") {
    if (std::optional<DataType> user = BindUserTypeName(type)) return *user;
    ThrowAt(sqlstate::kUndefinedObject,
            fmt::format("type \"{}.{}\" does not exist", type.schema, n), type.position);
  }
  if (n.size() > 1 && n[0] == '_') {
    // pg_type's names of array types: _int4, _text, _numeric.
    ast::TypeName element = type;
    element.name = n.substr(1);
    std::optional<DataType> element_type;
    try {
      element_type = BindScalarTypeName(element);
    } catch (const Error&) {  // no such element type: "_x" is not found below either
    }
    if (std::optional<TypeId> array = element_type ? element_type->ArrayType() : std::nullopt) {
      return DataType{*array, element_type->typmod};
    }
  }
  if (n == "int2") return DataType::Of(TypeId::kInt2);
  if (n == "int4") return DataType::Of(TypeId::kInt4);
  if (n == "int8") return DataType::Of(TypeId::kInt8);
  if (n == "float4") return DataType::Of(TypeId::kFloat4);
  if (n == "float8") return DataType::Of(TypeId::kFloat8);
  if (n == "bool") return DataType::Of(TypeId::kBool);
  if (n == "text") return DataType::Of(TypeId::kText);
  if (n == "date") return DataType::Of(TypeId::kDate);
  if (n == "time" || n == "timetz") {
    const TypeId id = n == "time" ? TypeId::kTime : TypeId::kTimeTz;
    if (type.modifiers.empty()) return DataType::Of(id);
    const int32_t precision = modifier(0, 6);
    if (precision < 0) {
      ThrowAt(sqlstate::kInvalidParameterValue,
              fmt::format("TIME({}){} precision must not be negative", precision,
                          id == TypeId::kTimeTz ? " WITH TIME ZONE" : ""),
              type.position);
    }
    return DataType{id, std::min(precision, 6)};
  }
  if (n == "interval") {
    const int32_t precision = modifier(0, -1);
    if (!type.modifiers.empty() && precision < 0) {
      ThrowAt(sqlstate::kInvalidParameterValue,
              fmt::format("INTERVAL({}) precision must not be negative", precision), type.position);
    }
    return DataType{TypeId::kInterval,
                    IntervalTypmod(IntervalRangeFromText(type.interval_fields),
                                   type.modifiers.empty() ? -1 : std::min(precision, 6))};
  }
  if (n == "uuid") return DataType::Of(TypeId::kUuid);
  if (n == "bytea") return DataType::Of(TypeId::kBytea);
  if (n == "json") return DataType::Of(TypeId::kJson);
  if (n == "jsonb") return DataType::Of(TypeId::kJsonb);
  if (n == "oid") return DataType::Of(TypeId::kOid);
  if (n == "xid") return DataType::Of(TypeId::kXid);
  // The types of pg_catalog's columns; "char" (quoted) is the one-byte type,
  // char unquoted is bpchar.
  static constexpr std::pair<std::string_view, TypeId> kCatalogTypes[] = {
      {"name", TypeId::kName},
      {"char", TypeId::kChar},
      {"pg_node_tree", TypeId::kPgNodeTree},
      {"regproc", TypeId::kRegproc},
      {"regprocedure", TypeId::kRegprocedure},
      {"regclass", TypeId::kRegclass},
      {"regtype", TypeId::kRegtype},
      {"regnamespace", TypeId::kRegnamespace},
      {"regrole", TypeId::kRegrole},
      {"int2vector", TypeId::kInt2Vector},
      {"oidvector", TypeId::kOidVector},
      {"aclitem", TypeId::kAclItem},
  };
  for (const auto& [type_name, id] : kCatalogTypes) {
    if (n == type_name) return DataType::Of(id);
  }
  if (n == "timestamp" || n == "timestamptz") {
    TypeId id = n == "timestamp" ? TypeId::kTimestamp : TypeId::kTimestampTz;
    if (type.modifiers.empty()) return DataType::Of(id);
    int32_t precision = modifier(0, 6);
    if (precision < 0) {
      ThrowAt(sqlstate::kInvalidParameterValue,
              fmt::format("TIMESTAMP({}){} precision must not be negative", precision,
                          id == TypeId::kTimestampTz ? " WITH TIME ZONE" : ""),
              type.position);
    }
    // PostgreSQL also warns that the precision was reduced.
    return DataType{id, std::min(precision, 6)};
  }
  if (n == "numeric") {
    if (type.modifiers.empty()) return DataType::Of(TypeId::kNumeric);
    int32_t precision = modifier(0, 0);
    int32_t scale = modifier(1, 0);
    if (precision < 1 || precision > 1000) {
      ThrowAt(sqlstate::kInvalidParameterValue,
              fmt::format("NUMERIC precision {} must be between 1 and 1000", precision),
              type.position);
    }
    // PostgreSQL 15 allows a scale above the precision (numeric(3,5) holds
    // 0.00123) and a negative one (numeric(2,-3) holds 99000).
    if (scale < -1000 || scale > 1000) {
      ThrowAt(sqlstate::kInvalidParameterValue,
              fmt::format("NUMERIC scale {} must be between -1000 and 1000", scale), type.position);
    }
    return DataType::Numeric(precision, scale);
  }
  // The parser gives char and character a length of 1 when none is
  // written; bpchar by that name has none.
  if (n == "varchar" || n == "bpchar") {
    const TypeId id = n == "varchar" ? TypeId::kVarchar : TypeId::kBpchar;
    if (type.modifiers.empty()) return DataType::Of(id);
    int32_t length = modifier(0, 1);
    const std::string_view name_in_message = id == TypeId::kVarchar ? "varchar" : "char";
    if (length < 1) {
      ThrowAt(sqlstate::kInvalidParameterValue,
              fmt::format("length for type {} must be at least 1", name_in_message), type.position);
    }
    if (length > kMaxCharacterLength) {
      ThrowAt(
          sqlstate::kInvalidParameterValue,
          fmt::format("length for type {} cannot exceed {}", name_in_message, kMaxCharacterLength),
          type.position);
    }
    return id == TypeId::kVarchar ? DataType::Varchar(length) : DataType::Bpchar(length);
  }
  if (type.schema.empty()) {
    if (std::optional<DataType> user = BindUserTypeName(type)) return *user;
  }
  ThrowAt(sqlstate::kUndefinedObject, fmt::format("type \"{}\" does not exist", n), type.position);
}

}  // namespace

DataType BindTypeName(const ast::TypeName& type) {
  DataType element = BindScalarTypeName(type);
  if (type.array_bounds == 0) return element;
  // int[][] is the same type as int[] in PostgreSQL (dimensions are not
  // part of it).
  std::optional<TypeId> array = element.ArrayType();
  if (!array) {
    ThrowAt(sqlstate::kFeatureNotSupported,
            fmt::format("type {}[] is not supported yet", element.Name()), type.position);
  }
  return DataType{*array, element.typmod};
}

std::optional<Oid> BindDomainName(const ast::TypeName& type) {
  const ObjectNames* names = CurrentObjectNames();
  if (names == nullptr || type.array_bounds > 0) return std::nullopt;
  if (type.schema.empty() || type.schema == "pg_catalog") {
    // A built-in type's name finds it first (pg_catalog is searched first).
    try {
      ast::TypeName builtin = type;
      builtin.schema = "pg_catalog";
      BindScalarTypeName(builtin);
      return std::nullopt;
    } catch (const Error&) {  // not a built-in type
    }
  }
  std::optional<Oid> oid = names->UserTypeNamed(type.schema, type.name);
  if (!oid || !names->IsDomain(*oid)) return std::nullopt;
  return oid;
}

BoundExprPtr WithDomainCheck(BoundExprPtr value, const ast::TypeName& type) {
  const std::optional<Oid> domain = BindDomainName(type);
  if (!domain) return value;
  const int position = value->position;
  auto e = BoundExpr::Make(BoundExprKind::kFunction, value->type, position);
  e->function = ScalarFunction::kDomainCheck;
  e->children.push_back(std::move(value));
  e->children.push_back(BoundExpr::Constant(Value::Int(*domain), DataType::Of(TypeId::kOid)));
  return e;
}

std::string TypeNameForMessage(const DataType& type) {
  return type.BaseName();
}

bool IsUnknownLiteral(const BoundExpr& expr) {
  return expr.kind == BoundExprKind::kConstant && expr.type.id == TypeId::kUnknown;
}

namespace {

// ROW(...) (or a whole-row reference) as a composite type: each field
// coerced in place, so unknown literals read as the field's type, as
// PostgreSQL's coerce_record_to_complex.
BoundExprPtr CoerceRowToComposite(BoundExprPtr row, const DataType& to, CastContext context) {
  const std::vector<DataType>& fields = to.RecordFields();
  auto cannot = [&](const std::string& detail) {
    return Error(sqlstate::kCannotCoerce, fmt::format("cannot cast type record to {}", to.Name()))
        .WithDetail(detail)
        .WithPosition(row->position);
  };
  if (row->children.size() != fields.size()) {
    throw cannot(row->children.size() < fields.size() ? "Input has too few columns."
                                                      : "Input has too many columns.");
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    // ROW() typed its string literals and NULLs as text; as PostgreSQL's
    // still unknown ones, they read as the field's type.
    BoundExpr& child = *row->children[i];
    if (child.kind == BoundExprKind::kConstant && child.type.id == TypeId::kText) {
      child.type = DataType::Of(TypeId::kUnknown);
    }
    const DataType from = row->children[i]->type;
    row->children[i] = TryCoerce(std::move(row->children[i]), fields[i], context);
    if (row->children[i] == nullptr) {
      throw cannot(fmt::format("Cannot cast type {} to {} in column {}.", from.Name(),
                               fields[i].Name(), i + 1));
    }
  }
  row->type = to;
  return row;
}

}  // namespace

BoundExprPtr TryCoerce(BoundExprPtr expr, const DataType& to, CastContext context) {
  if (expr->type == to) return expr;
  if (to.id == TypeId::kComposite && expr->type.id == TypeId::kRecord &&
      expr->kind == BoundExprKind::kArray) {
    return CoerceRowToComposite(std::move(expr), to, context);
  }
  if (IsUnknownLiteral(*expr)) {
    if (expr->value.is_null()) {
      expr->type = to;
      return expr;
    }
    // As PostgreSQL's coerce_type: the input function runs now, without the
    // typmod; a length limit (varchar(n), numeric(p,s)) is a separate cast
    // applied at run time, with the context's truncation rules and no
    // position in its errors. interval is the exception: its fields decide
    // what a bare number counts (interval '5' day is five days).
    DataType base = to.id == TypeId::kInterval || to.IsUserDefined() ? to : DataType::Of(to.id);
    Result<Value> parsed = ValueFromText(expr->value.AsString(), base);
    if (!parsed.ok()) {
      throw Error::FromStatus(parsed.status()).WithPosition(expr->position);
    }
    expr->value = std::move(parsed).value();
    expr->type = base;
    if (base == to) return expr;
    return BoundExpr::Cast(std::move(expr), to, context);
  }
  // varchar, text and bpchar share a representation; only a length limit
  // needs a cast, and bpchar's cast to the others, which drops its
  // padding. A cast node is relabeled only if it applies no limit itself:
  // 'abc'::varchar(2) || 'd' must still cut to 'ab'. name and "char" cut
  // their input (63 bytes, one byte): no relabeling to or from their casts.
  bool limiting_cast =
      expr->kind == BoundExprKind::kCast &&
      (expr->type.typmod >= 0 || expr->type.id == TypeId::kName || expr->type.id == TypeId::kChar);
  const bool unbounded_to = to.typmod < 0 && (to.id == TypeId::kText || to.id == TypeId::kVarchar ||
                                              to.id == TypeId::kBpchar);
  const bool keeps_padding = expr->type.id != TypeId::kBpchar || to.id == TypeId::kBpchar;
  if (expr->type.IsString() && !limiting_cast && unbounded_to && keeps_padding) {
    expr->type = to;
    return expr;
  }
  if (!CanCast(expr->type, to, context)) return nullptr;
  return BoundExpr::Cast(std::move(expr), to, context);
}

BoundExprPtr CoercePatternSubject(BoundExprPtr subject) {
  if (subject->type.id == TypeId::kBpchar) return subject;
  return TryCoerce(std::move(subject), DataType::Of(TypeId::kText), CastContext::kImplicit);
}

BoundExprPtr CoerceOrThrow(BoundExprPtr expr, const DataType& to, CastContext context) {
  DataType from = expr->type;
  int position = expr->position;
  BoundExprPtr out = TryCoerce(std::move(expr), to, context);
  if (out == nullptr) {
    ThrowAt(sqlstate::kCannotCoerce,
            fmt::format("cannot cast type {} to {}", TypeNameForMessage(from), to.Name()),
            position);
  }
  return out;
}

BoundExprPtr CoerceForAssignment(BoundExprPtr expr, const DataType& to,
                                 const std::string& column_name) {
  DataType from = expr->type;
  int position = expr->position;
  BoundExprPtr out = TryCoerce(std::move(expr), to, CastContext::kAssignment);
  if (out == nullptr) {
    throw Error(sqlstate::kDatatypeMismatch,
                fmt::format("column \"{}\" is of type {} but expression is of type {}", column_name,
                            to.Name(), TypeNameForMessage(from)))
        .WithHint("You will need to rewrite or cast the expression.")
        .WithPosition(position);
  }
  return out;
}

BoundExprPtr CoerceToBoolean(BoundExprPtr expr, std::string_view construct) {
  DataType from = expr->type;
  int position = expr->position;
  BoundExprPtr out =
      TryCoerce(std::move(expr), DataType::Of(TypeId::kBool), CastContext::kImplicit);
  if (out == nullptr) {
    ThrowAt(sqlstate::kDatatypeMismatch,
            fmt::format("argument of {} must be type boolean, not type {}", construct,
                        TypeNameForMessage(from)),
            position);
  }
  return out;
}

std::optional<DataType> PromoteNumeric(const DataType& a, const DataType& b) {
  int ra = NumericRank(a.id);
  int rb = NumericRank(b.id);
  if (ra == 0 || rb == 0) return std::nullopt;
  if (a.IsFloat() || b.IsFloat()) {
    if (a.id == TypeId::kFloat4 && b.id == TypeId::kFloat4) return DataType::Of(TypeId::kFloat4);
    return DataType::Of(TypeId::kFloat8);
  }
  return DataType::Of(ra >= rb ? a.id : b.id);
}

DataType WithoutTypeModifier(const DataType& type) {
  return type.IsRowType() || type.IsUserDefined() ? type : DataType::Of(type.id);
}

namespace {

// Rows of one width: field by field.
std::optional<DataType> CommonRecordType(const DataType& a, const DataType& b) {
  if (a == b) return a;
  const std::vector<DataType>& a_fields = a.RecordFields();
  const std::vector<DataType>& b_fields = b.RecordFields();
  if (a_fields.size() != b_fields.size()) return std::nullopt;
  std::vector<DataType> fields;
  for (size_t i = 0; i < a_fields.size(); ++i) {
    std::optional<DataType> field = CommonType(a_fields[i], b_fields[i]);
    if (!field) return std::nullopt;
    fields.push_back(*field);
  }
  return DataType::Record(fields);
}

}  // namespace

std::optional<DataType> CommonType(const DataType& a, const DataType& b) {
  if (a.id == TypeId::kUnknown && b.id == TypeId::kUnknown) return DataType::Of(TypeId::kText);
  // A literal's input never carries a length limit (select_common_typmod).
  if (a.id == TypeId::kUnknown) return WithoutTypeModifier(b);
  if (b.id == TypeId::kUnknown) return WithoutTypeModifier(a);
  if (a.id == TypeId::kRecord && b.id == TypeId::kRecord) return CommonRecordType(a, b);
  // A composite type and a row of as many fields: the row is read as it.
  if (a.id == TypeId::kComposite && b.id == TypeId::kRecord &&
      a.RecordFields().size() == b.RecordFields().size()) {
    return a;
  }
  if (b.id == TypeId::kComposite && a.id == TypeId::kRecord &&
      a.RecordFields().size() == b.RecordFields().size()) {
    return b;
  }
  if (a.id == b.id && a.IsUserDefined()) return a == b ? std::optional(a) : std::nullopt;
  if (a.id == b.id) return a.typmod == b.typmod ? a : DataType::Of(a.id);
  if (auto n = PromoteNumeric(a, b)) return n;
  if (a.IsString() && b.IsString()) return DataType::Of(TypeId::kText);
  // int2/int4/int8 convert to oid implicitly, not the other way round.
  if (a.id == TypeId::kOid && b.IsInteger()) return DataType::Of(TypeId::kOid);
  if (b.id == TypeId::kOid && a.IsInteger()) return DataType::Of(TypeId::kOid);
  // The reg* types compare with each other and oid as oids (oideq), and
  // take integers as their own type.
  auto oid_like = [](const DataType& t) { return t.id == TypeId::kOid || t.IsRegType(); };
  if (oid_like(a) && oid_like(b)) return DataType::Of(TypeId::kOid);
  if (a.IsRegType() && b.IsInteger()) return DataType::Of(a.id);
  if (b.IsRegType() && a.IsInteger()) return DataType::Of(b.id);
  // Date/time: timestamptz is the category's preferred type.
  auto datetime = [](TypeId id) {
    return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz;
  };
  if (datetime(a.id) && datetime(b.id)) {
    if (a.id == TypeId::kTimestampTz || b.id == TypeId::kTimestampTz) {
      return DataType::Of(TypeId::kTimestampTz);
    }
    return DataType::Of(TypeId::kTimestamp);
  }
  return std::nullopt;
}

std::optional<DataType> UnifyTypes(const DataType& so_far, const DataType& next) {
  if (so_far.id == TypeId::kUnknown) return next;
  if (next.id == TypeId::kUnknown) return so_far;
  if (so_far.id == TypeId::kRecord && next.id == TypeId::kRecord) {
    return CommonRecordType(so_far, next);
  }
  if (so_far.id == next.id && !so_far.IsUserDefined()) {
    return so_far.typmod == next.typmod ? so_far : DataType::Of(so_far.id);
  }
  // Numeric types: the wider of the two (NumericRank is that order).
  if (NumericRank(so_far.id) > 0 && NumericRank(next.id) > 0) {
    return DataType::Of(NumericRank(next.id) > NumericRank(so_far.id) ? next.id : so_far.id);
  }
  // text and varchar convert to each other implicitly: the first one stays.
  if (so_far.IsString() && next.IsString()) return DataType::Of(so_far.id);
  return CommonType(so_far, next);
}

void CheckNotPseudoType(const std::string& column, const DataType& type) {
  if (type.id == TypeId::kRecord) {
    throw Error(sqlstate::kInvalidTableDefinition,
                fmt::format("column \"{}\" has pseudo-type {}", column, type.Name()));
  }
}

}  // namespace basalt::sql
