// The bound (resolved, typed) expression tree. Distinct from ast::Expr: no
// names are left, every node has its result type, column references are
// positions in the operator's input row, and operators are resolved to the
// concrete operation the executor performs.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/cast.h"
#include "common/data_type.h"
#include "common/value.h"

namespace basalt::sql {

enum class BoundExprKind {
  kConstant,    // value
  kColumn,      // column_index into the input row
  kParameter,   // parameter_index (0-based) of a prepared statement
  kCast,        // children[0] converted to type in cast_context
  kArithmetic,  // children[0] op children[1], computed in `type`
  kNegate,      // -children[0]
  kCompare,     // children[0] op children[1], both of compare_type
  kConcat,      // text || text
  kAnd,         // children..., three-valued
  kOr,          // children..., three-valued
  kNot,         // NOT children[0]
  kIsNull,      // children[0] IS [NOT] NULL (negated)
  kIsDistinct,  // children[0] IS [NOT] DISTINCT FROM children[1] (negated)
  kLike,        // children[0] [NOT] [I]LIKE children[1] (negated, case_insensitive);
                // a text[] children[1] matches ANY of its patterns (ALL: all)
  kIn,          // children[0] [NOT] IN (children[1..]), compared in compare_type
  kCase,        // WHEN children[2i] THEN children[2i+1] ... [ELSE children.back()]
  kFunction,    // function(children...)
  kArray,       // ARRAY[children...]: an integer[] of the int4 children
  // children[0] compare_op ANY (children[1]), or ALL when `all`: children[1]
  // is an integer[] whose elements are compared in compare_type.
  kArrayCompare,
  // aggregate(children...) over the rows of a group: only in the binder's
  // first pass over a grouped query's clauses, which then moves each call
  // into BoundSelect::aggregates and leaves a column of the aggregate's
  // output row in its place. Never evaluated as a scalar. The children are
  // the arguments, then one sort key per `aggregate_order` entry (ORDER BY
  // inside the call), then the FILTER condition when `has_filter`.
  kAggregate,
  // A value of the enclosing query's row, read by a correlated subquery:
  // column_index is its position in the values the subquery node passes
  // down (BoundSubquery; sql/execution/subquery.cc). A reference two levels
  // up is passed down level by level, so it is always one level.
  kOuterColumn,
  // A subquery in an expression (`subquery`): its children are the outer
  // values it reads (kOuterColumn positions), after the left operand of
  // ANY / ALL / IN when subquery_kind says so.
  kSubquery,
  // A window function call over `window` (bind_window.cc): only in the
  // binder, which moves each call into BoundSelect::windows and leaves a
  // column of the window operator's output row in its place. The children
  // are the arguments (an aggregate's: one kAggregate child, with its
  // FILTER), then the window's PARTITION BY keys, its ORDER BY keys, and the
  // frame's start and end offsets when written (BoundWindow's counts).
  kWindow,
};

// kPower is float8 only (numeric ^ numeric is not implemented).
enum class ArithmeticOp { kAdd, kSubtract, kMultiply, kDivide, kModulo, kPower };
enum class CompareOp { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

// Scalar functions the binder resolves by name.
enum class ScalarFunction {
  kAbs,
  kLength,
  kLower,
  kUpper,
  kBtrim,  // btrim / ltrim / rtrim(text [, characters text]): TRIM([BOTH|LEADING|TRAILING] ...)
  kLtrim,
  kRtrim,
  kCoalesce,
  kNullIf,
  kRound,  // round(x) or round(numeric, scale)
  kNow,    // now(), current_timestamp (per transaction in PostgreSQL; per statement here)
  kGreatest,
  kLeast,
  kPgSleep,  // pg_sleep(float8) -> void; volatile
  kPgBackendPid,
  kPgBlockingPids,  // pg_blocking_pids(int4) -> int4[]; volatile
  kCardinality,     // cardinality(int[]) -> int4
  kArrayLength,     // array_length(int[], int4) -> int4
  // Enums (sql/execution/catalog_function.cc: their labels are read from
  // the catalog at run time); not strict: a NULL argument stands for its
  // type, or for no bound.
  kEnumFirst,  // enum_first(anyenum) -> anyenum
  kEnumLast,   // enum_last(anyenum) -> anyenum
  kEnumRange,  // enum_range(anyenum [, anyenum]) -> anyarray
  // CAST(x AS domain): children[0] (of the domain's base type) unless it
  // breaks a constraint of the domain, whose OID children[1] holds
  // (sql/execution/domain_checks.h).
  kDomainCheck,
  // Catalog and session information (sql/execution/catalog_function.cc):
  // read ExecContext's catalog, database, user and search_path at run time.
  kCurrentSchemas,         // current_schemas(bool) -> name[]
  kCurrentSchema,          // current_schema() -> name
  kArrayPosition,          // array_position(anyarray, anyelement) -> int4
  kArrayUpper,             // array_upper(anyarray, int4) -> int4
  kArrayLower,             // array_lower(anyarray, int4) -> int4
  kTableIsVisible,         // pg_table_is_visible(oid) -> bool
  kTypeIsVisible,          // pg_type_is_visible(oid) -> bool
  kFunctionIsVisible,      // pg_function_is_visible(oid) -> bool
  kFormatType,             // format_type(oid, int4) -> text
  kGetUserById,            // pg_get_userbyid(oid) -> name
  kGetIndexDef,            // pg_get_indexdef(oid [, int4, bool]) -> text
  kGetConstraintDef,       // pg_get_constraintdef(oid [, bool]) -> text
  kGetSerialSequence,      // pg_get_serial_sequence(regclass, column text) -> text
  kGetExpr,                // pg_get_expr(pg_node_tree, oid [, bool]) -> text
  kGetViewDef,             // pg_get_viewdef(oid [, bool]) -> text
  kGetRuleDef,             // pg_get_ruledef(oid [, bool]) -> text
  kRelationIsUpdatable,    // pg_relation_is_updatable(regclass, bool) -> int4
  kColumnIsUpdatable,      // pg_column_is_updatable(regclass, int2, bool) -> bool
  kGetTriggerDef,          // pg_get_triggerdef(oid [, bool]) -> text
  kEncodingToChar,         // pg_encoding_to_char(int4) -> name
  kCharToEncoding,         // pg_char_to_encoding(name) -> int4
  kSizePretty,             // pg_size_pretty(int8) -> text
  kRelationSize,           // pg_relation_size / pg_table_size(regclass [, fork]) -> int8
  kIndexesSize,            // pg_indexes_size(regclass) -> int8
  kTotalRelationSize,      // pg_total_relation_size(regclass) -> int8
  kDatabaseSize,           // pg_database_size(oid | name) -> int8
  kGetFunctionArguments,   // pg_get_function_arguments(oid) -> text
  kGetFunctionResult,      // pg_get_function_result(oid) -> text
  kGetFunctionIdentity,    // pg_get_function_identity_arguments(oid) -> text
  kGetFunctionSqlBody,     // pg_get_function_sqlbody(oid) -> text
  kQuoteIdent,             // quote_ident(text) -> text
  kAclDefault,             // acldefault("char", oid) -> aclitem[]
  kArrayRemove,            // array_remove(anyarray, anyelement) -> anyarray
  kNameSubscript,          // name[i] -> "char": byte i (0-based) of the 64-byte name
  kArrayToString,          // array_to_string(anyarray, text [, text]) -> text
  kArraySubscript,         // a[i] -> the element type; NULL outside 1..n
  kRecordField,            // (r).f: field children[1] (a constant, 0-based) of record r
  kRelationIsPublishable,  // pg_relation_is_publishable(regclass) -> bool
  kIndexCheck,             // basalt_index_check(regclass) -> int8 (sql/execution/index_check.h)
  kObjDescription,         // obj_description(oid [, catalog name]) -> text
  kColDescription,         // col_description(table oid, attnum int4) -> text
  kShobjDescription,       // shobj_description(oid, catalog name) -> text
  // Sequences (sql/execution/sequence_functions.cc); volatile.
  kNextval,            // nextval(regclass) -> int8
  kCurrval,            // currval(regclass) -> int8
  kSetval,             // setval(regclass, int8 [, bool]) -> int8
  kSequenceLastValue,  // pg_sequence_last_value(regclass) -> int8; NULL before nextval
  kLastval,            // lastval() -> int8
  // Session settings and the transaction id (sql/execution/session_functions.cc);
  // never folded: they read or change the session's state.
  kCurrentSetting,         // current_setting(text [, missing_ok bool]) -> text
  kSetConfig,              // set_config(text, text, is_local bool) -> text; volatile
  kTxidCurrent,            // txid_current(), pg_current_xact_id() -> int8
  kTxidCurrentIfAssigned,  // txid_current_if_assigned(), pg_current_xact_id_if_assigned()
  kCancelBackend,          // pg_cancel_backend(int4) -> bool
  kTerminateBackend,       // pg_terminate_backend(int4, timeout int8 DEFAULT 0) -> bool
  // text ~ text, !~, ~* and !~* (sql/execution/regex_match.cc).
  kRegexMatch,
  kRegexNotMatch,
  kRegexIMatch,
  kRegexNotIMatch,
  // Advisory locks (sql/execution/lock_functions.cc); volatile. One bigint
  // key or two int4 keys.
  kAdvisoryLock,               // pg_advisory_lock -> void
  kAdvisoryLockShared,         // pg_advisory_lock_shared -> void
  kTryAdvisoryLock,            // pg_try_advisory_lock -> bool
  kTryAdvisoryLockShared,      // pg_try_advisory_lock_shared -> bool
  kAdvisoryXactLock,           // pg_advisory_xact_lock -> void
  kAdvisoryXactLockShared,     // pg_advisory_xact_lock_shared -> void
  kTryAdvisoryXactLock,        // pg_try_advisory_xact_lock -> bool
  kTryAdvisoryXactLockShared,  // pg_try_advisory_xact_lock_shared -> bool
  kAdvisoryUnlock,             // pg_advisory_unlock -> bool
  kAdvisoryUnlockShared,       // pg_advisory_unlock_shared -> bool
  kAdvisoryUnlockAll,          // pg_advisory_unlock_all() -> void
  // Date and time functions (sql/execution/datetime_function.cc).
  kDatePart,         // date_part(text, timestamp|timestamptz|interval|time) -> float8
  kExtract,          // extract(field FROM x), extract(text, x) -> numeric
  kDateTrunc,        // date_trunc(text, timestamp|timestamptz|interval)
  kToChar,           // to_char(datetime|interval|number, text) -> text
  kToDate,           // to_date(text, text) -> date
  kToTimestamp,      // to_timestamp(text, text) | to_timestamp(float8) -> timestamptz
  kToNumber,         // to_number(text, text) -> numeric
  kMakeDate,         // make_date(int4, int4, int4) -> date
  kMakeTime,         // make_time(int4, int4, float8) -> time
  kMakeTimestamp,    // make_timestamp(int4 x5, float8) -> timestamp (and timestamptz)
  kMakeInterval,     // make_interval([years, months, weeks, days, hours, mins int4, secs float8])
  kJustifyDays,      // justify_days(interval) -> interval
  kJustifyHours,     // justify_hours(interval) -> interval
  kJustifyInterval,  // justify_interval(interval) -> interval
  kAge,              // age(ts, ts) -> interval
  kIsFinite,         // isfinite(date|timestamp|timestamptz|interval) -> bool
  kDateBin,          // date_bin(interval, ts, origin ts) -> ts
  kOverlaps,         // (s1, e1) OVERLAPS (s2, e2) -> bool; e1, e2 may be intervals
  kAtTimeZone,       // x AT TIME ZONE 'UTC' (timezone(text, ts|tstz))
  // The clock: never folded (current_date and age(x) depend on today).
  kAgeFromToday,        // age(ts) -> interval
  kClockTimestamp,      // clock_timestamp() -> timestamptz; volatile
  kStatementTimestamp,  // statement_timestamp() -> timestamptz
  kTimeOfDay,           // timeofday() -> text; volatile
  kCurrentDate,         // current_date -> date
  kCurrentTime,         // current_time -> timetz
  kLocalTime,           // localtime -> time
  // String functions (sql/execution/string_function.cc); names and
  // signatures in sql/binder/bind_string_function.cc.
  kOctetLength,
  kBitLength,
  kInitcap,
  kSubstr,          // substr / substring(text, int4 [, int4])
  kSubstringRegex,  // substring(text FROM pattern)
  kStrpos,          // strpos / position
  kTranslate,
  kReplace,
  kConcat,    // concat(any, ...): NULLs skipped
  kConcatWs,  // concat_ws(sep, any, ...)
  kFormat,    // format(text, any, ...): %s %I %L %%
  kSplitPart,
  kLeft,
  kRight,
  kLpad,
  kRpad,
  kRepeat,
  kReverse,
  kMd5,
  kStartsWith,
  kQuoteLiteral,
  kQuoteNullable,  // not strict
  kToHex,
  kAscii,
  kChr,
  kRegexpReplace,
  kRegexpMatch,         // -> text[]
  kRegexpSplitToArray,  // -> text[]
  kRegexpCount,         // regexp_count(text, text [, start int4 [, flags text]]) -> int4
  kRegexpInstr,         // regexp_instr(text, text [, start, n, endoption, flags, subexpr]) -> int4
  kRegexpSubstr,        // regexp_substr(text, text [, start, n, flags, subexpr]) -> text
  kRegexpLike,          // regexp_like(text, text [, flags text]) -> bool
  kSimilarToEscape,     // similar_to_escape(text [, escape text]): SIMILAR TO's regex
  kStringToArray,       // -> text[]
  kNumNulls,            // num_nulls(any, ...): not strict
  kNumNonnulls,
  // Math functions (sql/execution/math_function.cc); names and signatures
  // in sql/binder/bind_math_function.cc.
  kCeil,
  kFloor,
  kSign,
  kTrunc,  // trunc(x) or trunc(numeric, scale)
  kMod,
  kDiv,
  kPower,
  kSqrt,
  kCbrt,
  kExp,
  kLn,
  kLog,      // log(x): base 10, as log10
  kLog10,    // log10(x)
  kLogBase,  // log(b, x)
  kPi,
  kDegrees,
  kRadians,
  kSin,
  kCos,
  kTan,
  kCot,
  kAsin,
  kAcos,
  kAtan,
  kAtan2,
  kSinh,
  kCosh,
  kTanh,
  kGcd,
  kLcm,
  kFactorial,
  kWidthBucket,
  kScale,
  kMinScale,
  kTrimScale,
  // Integer bitwise operators: & | # (xor), prefix ~, << and >> (the
  // shift count an int4, masked as the C operators on x86 do).
  kBitAnd,
  kBitOr,
  kBitXor,
  kBitNot,
  kShiftLeft,
  kShiftRight,
  kRandom,   // volatile
  kSetseed,  // volatile
  // bytea and uuid functions (sql/execution/bytea_function.cc); names and
  // signatures in sql/binder/bind_bytea_function.cc.
  kByteaLength,       // length / octet_length(bytea) -> int4
  kLengthInEncoding,  // length(bytea, name) -> int4: characters in that encoding
  kByteaBitLength,    // bit_length(bytea) -> int4
  kByteaSubstr,       // substr / substring(bytea, int4 [, int4]) -> bytea
  kByteaPosition,     // position(bytea IN bytea) -> int4
  kByteaBtrim,        // btrim(bytea, bytea) -> bytea
  kByteaLtrim,        // ltrim(bytea, bytea) -> bytea
  kByteaRtrim,        // rtrim(bytea, bytea) -> bytea
  kGetByte,           // get_byte(bytea, int4) -> int4
  kSetByte,           // set_byte(bytea, int4, int4) -> bytea
  kGetBit,            // get_bit(bytea, int8) -> int4
  kSetBit,            // set_bit(bytea, int8, int4) -> bytea
  kEncode,            // encode(bytea, text) -> text
  kDecode,            // decode(text, text) -> bytea
  kByteaMd5,          // md5(bytea) -> text
  kSha224,            // sha224(bytea) -> bytea, and the other three
  kSha256,
  kSha384,
  kSha512,
  kConvertTo,      // convert_to(text, name) -> bytea
  kConvertFrom,    // convert_from(bytea, name) -> text
  kConvert,        // convert(bytea, name, name) -> bytea
  kGenRandomUuid,  // gen_random_uuid() -> uuid; volatile
  // json constructors (sql/execution/json_function.cc); not strict.
  kJsonBuildObject,   // json_build_object(VARIADIC "any") -> json
  kJsonBuildArray,    // json_build_array(VARIADIC "any") -> json
  kJsonbBuildObject,  // jsonb_build_object(VARIADIC "any") -> jsonb
  kJsonbBuildArray,   // jsonb_build_array(VARIADIC "any") -> jsonb
  kToJson,            // to_json(anyelement) -> json
  kToJsonb,           // to_jsonb(anyelement) -> jsonb
  // json and jsonb operators and functions (sql/execution/json_operator.cc,
  // json_function.cc): the first argument is json or jsonb, the result
  // type the node's.
  kJsonField,         // j -> text
  kJsonElement,       // j -> int4
  kJsonFieldText,     // j ->> text
  kJsonElementText,   // j ->> int4
  kJsonPath,          // j #> text[], json_extract_path(j, VARIADIC text[])
  kJsonPathText,      // j #>> text[], json_extract_path_text
  kJsonbContains,     // jsonb @> jsonb
  kJsonbContained,    // jsonb <@ jsonb
  kJsonbExists,       // jsonb ? text
  kJsonbExistsAny,    // jsonb ?| text[]
  kJsonbExistsAll,    // jsonb ?& text[]
  kJsonbConcat,       // jsonb || jsonb
  kJsonbDeleteKey,    // jsonb - text
  kJsonbDeleteIndex,  // jsonb - int4
  kJsonbDeleteKeys,   // jsonb - text[]
  kJsonbDeletePath,   // jsonb #- text[]
  kJsonTypeof,        // json[b]_typeof(j) -> text
  kJsonArrayLength,   // json[b]_array_length(j) -> int4
  kJsonbSet,          // jsonb_set(jsonb, text[], jsonb [, bool])
  kJsonbInsert,       // jsonb_insert(jsonb, text[], jsonb [, bool])
  kJsonStripNulls,    // json[b]_strip_nulls(j)
  kJsonbPretty,       // jsonb_pretty(jsonb) -> text
  // The SQL/JSON path functions (sql/execution/json_path_function.cc):
  // (target jsonb, path text, vars jsonb, silent bool); the operators
  // (jsonb, path text) have no vars and are silent.
  kJsonbPathExists,          // jsonb_path_exists -> bool
  kJsonbPathMatch,           // jsonb_path_match -> bool
  kJsonbPathQueryArray,      // jsonb_path_query_array -> jsonb
  kJsonbPathQueryFirst,      // jsonb_path_query_first -> jsonb
  kJsonbPathExistsOperator,  // jsonb @? path
  kJsonbPathMatchOperator,   // jsonb @@ path
  // row_to_json(t) / to_json(t) / to_jsonb(t) of a whole FROM item: the
  // children are name, value, name, value, ... (bind_function.cc).
  kRowToJson,
  // Array functions and operators on one-dimensional arrays
  // (sql/execution/array_function.cc): anyarray / anyelement resolved to
  // one array type, the node's (or the first argument's) type.
  kArrayCat,        // array_cat(anyarray, anyarray); not strict
  kArrayAppend,     // array_append(anyarray, anyelement); not strict
  kArrayPrepend,    // array_prepend(anyelement, anyarray); not strict
  kArrayReplace,    // array_replace(anyarray, anyelement, anyelement)
  kArrayPositions,  // array_positions(anyarray, anyelement) -> int4[]
  kArrayDims,       // array_dims(anyarray) -> text
  kArrayNdims,      // array_ndims(anyarray) -> int4
  kTrimArray,       // trim_array(anyarray, int4)
  kArrayFill,       // array_fill(anyelement, int4[] [, int4[]])
  kArraySlice,      // a[i:j], a[:j], a[i:] (a NULL child is an omitted bound)
  kArrayContains,   // anyarray @> anyarray
  kArrayContained,  // anyarray <@ anyarray
  kArrayOverlap,    // anyarray && anyarray
};

// The functions that read the clock.
bool ReadsClock(ScalarFunction f);

// Aggregate functions (sql/execution/aggregate_function.cc). The argument
// types are resolved by the binder (bind_aggregate.cc); the result type is
// the node's type.
enum class AggregateFunction {
  kCountStar,  // count(*)
  kCount,      // count(x): non-NULL inputs
  kSum,        // int2/int4 -> int8, int8 -> numeric, numeric, float4, float8
  kAvg,        // integers and numeric -> numeric, floats -> float8
  kMin,
  kMax,
  kBoolAnd,         // bool_and, every
  kBoolOr,          // bool_or
  kStringAgg,       // string_agg(text, delimiter text)
  kArrayAgg,        // array_agg(int4) -> int4[] (the one array type Basalt has)
  kJsonAgg,         // json_agg(any) -> json
  kJsonbAgg,        // jsonb_agg(any) -> jsonb
  kJsonObjectAgg,   // json_object_agg(key, value) -> json
  kJsonbObjectAgg,  // jsonb_object_agg(key, value) -> jsonb
  kBitAnd,          // bit_and(int2|int4|int8) -> the same type
  kBitOr,           // bit_or(int2|int4|int8) -> the same type
  // Variance and standard deviation (statistical_aggregate.cc): integers and
  // numeric -> numeric (exact), float4/float8 -> float8 (Youngs-Cramer).
  kVarPop,
  kVarSamp,
  kVariance,  // var_samp by its other name
  kStddevPop,
  kStddevSamp,
  kStddev,  // stddev_samp by its other name
  // Two-argument float8 statistics (Y, X), as PostgreSQL's float8_regr_*.
  kCorr,
  kCovarPop,
  kCovarSamp,
  kRegrAvgX,
  kRegrAvgY,
  kRegrCount,  // -> int8
  kRegrIntercept,
  kRegrR2,
  kRegrSlope,
  kRegrSxx,
  kRegrSxy,
  kRegrSyy,
  // Ordered-set aggregates (ordered_set_aggregate.cc): the direct arguments
  // are the call's arguments, the WITHIN GROUP key its one ORDER BY key.
  kPercentileCont,  // (float8) WITHIN GROUP (ORDER BY float8 | interval)
  kPercentileDisc,  // (float8) WITHIN GROUP (ORDER BY any sortable type)
  kMode,            // () WITHIN GROUP (ORDER BY any sortable type)
  // GROUPING(a, b, ...): its children are int4 constants, the positions of
  // a, b, ... among the group keys; its value is the bit mask of those not
  // in the grouping set of the row (the leftmost argument the highest bit).
  kGrouping,
};

// Whether f is an ordered-set aggregate (called with WITHIN GROUP).
bool IsOrderedSetAggregate(AggregateFunction f);

// One ORDER BY key inside an aggregate call.
struct AggregateOrderKey {
  bool descending = false;
  bool nulls_first = false;
  bool operator==(const AggregateOrderKey&) const = default;
};

// Window functions (sql/execution/window_function.cc); kAggregate: any
// aggregate over the frame.
enum class WindowFunction {
  kAggregate,
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
};

enum class FrameMode { kRange, kRows, kGroups };
enum class FrameBound {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing
};
enum class FrameExclusion { kNoOthers, kCurrentRow, kGroup, kTies };

// The window of a kWindow call: how many of its children are arguments,
// PARTITION BY keys and ORDER BY keys (in that order), and its frame
// (PostgreSQL's default: RANGE UNBOUNDED PRECEDING to CURRENT ROW). A
// kPreceding or kFollowing bound's offset is the child after the ORDER BY
// keys (the start's first).
struct BoundWindow {
  size_t arg_count = 0;
  size_t partition_count = 0;
  std::vector<AggregateOrderKey> order;
  FrameMode mode = FrameMode::kRange;
  FrameBound start = FrameBound::kUnboundedPreceding;
  FrameBound end = FrameBound::kCurrentRow;
  FrameExclusion exclusion = FrameExclusion::kNoOthers;
  // How it was written, for pg_get_viewdef: `OVER name` (a window of the
  // WINDOW clause, whose entries carry their own name here too), or
  // `OVER (ref_name ...)` extending one, whose ORDER BY it may inherit;
  // whether a frame clause was written, and with BETWEEN.
  std::string name;
  std::string ref_name;
  bool order_inherited = false;
  bool frame_written = false;
  bool frame_between = false;
  bool operator==(const BoundWindow&) const = default;

  size_t PartitionBegin() const { return arg_count; }
  size_t OrderBegin() const { return arg_count + partition_count; }
  size_t OffsetsBegin() const { return OrderBegin() + order.size(); }
  static bool HasOffset(FrameBound b) {
    return b == FrameBound::kPreceding || b == FrameBound::kFollowing;
  }
  // The child index of the start's / end's offset (when it has one).
  size_t StartOffset() const { return OffsetsBegin(); }
  size_t EndOffset() const { return OffsetsBegin() + (HasOffset(start) ? 1 : 0); }
};

enum class SubqueryKind {
  kScalar,  // (SELECT x ...): NULL for no row, 21000 for several
  kArray,   // ARRAY(SELECT x ...): every row's x, an empty array for none
  kExists,  // EXISTS (SELECT ...)
  kAny,     // left op ANY (SELECT x ...); IN is = ANY
  kAll,     // left op ALL (SELECT x ...)
};

struct BoundSubquery;  // bound_statement.h

// Operators and aggregates as SQL spells them (EXPLAIN, pg_get_viewdef).
std::string_view OperatorText(CompareOp op);
std::string_view OperatorText(ArithmeticOp op);
std::string_view AggregateFunctionName(AggregateFunction f);
std::string_view WindowFunctionName(WindowFunction f);  // "row_number", ...

// The advisory-lock functions, which are volatile (never folded).
bool IsLockFunction(ScalarFunction f);
// nextval, currval, setval and lastval, which are volatile too.
bool IsSequenceFunction(ScalarFunction f);
// current_setting, set_config and the transaction id functions: they read
// or change the session, so they are never folded either.
bool IsSessionFunction(ScalarFunction f);
// PostgreSQL's volatile functions: each call may return something else
// (random, nextval, clock_timestamp) or change something (set_config,
// advisory locks, pg_sleep's wait).
bool IsVolatileFunction(ScalarFunction f);

struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;

// A kIn node's list of constants hashed (execution/in_list.h): the
// AppendGroupKey bytes of its non-NULL values, so SQL-equal values are one
// key.
struct InListSet {
  std::unordered_set<std::string> keys;
  bool has_null = false;  // a NULL in the list: no match gives NULL
};

struct BoundExpr {
  BoundExpr() = default;
  // Frees the children iteratively: a chain of a million operators is freed
  // without a million nested destructor calls.
  ~BoundExpr();
  BoundExpr(const BoundExpr&) = delete;
  BoundExpr& operator=(const BoundExpr&) = delete;

  BoundExprKind kind = BoundExprKind::kConstant;
  DataType type;  // the result type
  std::vector<BoundExprPtr> children;

  Value value;                                        // kConstant
  int column_index = -1;                              // kColumn
  int parameter_index = -1;                           // kParameter
  CastContext cast_context = CastContext::kImplicit;  // kCast
  ArithmeticOp arithmetic_op = ArithmeticOp::kAdd;    // kArithmetic
  CompareOp compare_op = CompareOp::kEqual;           // kCompare
  DataType compare_type;  // kCompare, kIn, kIsDistinct: the type both sides have
  ScalarFunction function = ScalarFunction::kAbs;  // kFunction
  bool negated = false;                            // kIsNull, kIsDistinct, kLike, kIn
  bool case_insensitive = false;                   // kLike
  bool has_else = false;                           // kCase
  bool all = false;  // kArrayCompare, kLike over an array: ALL rather than ANY
  AggregateFunction aggregate = AggregateFunction::kCountStar;  // kAggregate
  bool distinct = false;  // kAggregate: over the distinct argument values
  // kAggregate: the call's ORDER BY keys (children after the arguments),
  // and whether the last child is its FILTER condition.
  std::vector<AggregateOrderKey> aggregate_order;
  bool has_filter = false;
  WindowFunction window_function = WindowFunction::kAggregate;  // kWindow
  BoundWindow window;                                           // kWindow
  int position = 0;  // source position, for errors raised at run time
  // kSubquery: the query, shared by clones (it is planned once).
  std::shared_ptr<BoundSubquery> subquery;
  SubqueryKind subquery_kind = SubqueryKind::kScalar;
  // kIn: its constants hashed, set at plan time (constant folding) when
  // there are enough of them; shared by clones and never changed, so the
  // plan stays immutable. Null: compared one by one.
  std::shared_ptr<const InListSet> in_set;

  // A node with no children yet; the caller fills the kind's fields.
  static BoundExprPtr Make(BoundExprKind kind, DataType type, int position);
  static BoundExprPtr Constant(Value v, DataType type);
  static BoundExprPtr Column(int index, DataType type);
  static BoundExprPtr Cast(BoundExprPtr child, DataType to, CastContext context);

  BoundExprPtr Clone() const;
  // The same computation: equal trees, positions aside (PostgreSQL's equal(),
  // which matches GROUP BY expressions and repeated aggregate calls).
  bool Equals(const BoundExpr& other) const;
  // True when this node itself (its children aside) references no column or
  // parameter and calls nothing volatile (now()): if its children are
  // constants, its value can be computed once at plan time.
  bool IsFoldableNode() const;
  bool IsConstant() const { return kind == BoundExprKind::kConstant; }
  // kAggregate: how many children are arguments.
  size_t AggregateArgCount() const {
    return children.size() - aggregate_order.size() - (has_filter ? 1 : 0);
  }
};

// Whether two kWindow calls are over the same window: equal keys, frame and
// offsets (bind_window.cc).
bool SameWindowDefinition(const BoundExpr& a, const BoundExpr& b);

// Adds `delta` to every column position in e (kColumn; outer values and a
// subquery's insides are other rows).
void ShiftColumns(BoundExpr& e, int delta);
// Whether every column e reads is in [begin, end) of its input row.
bool ReadsOnlyColumns(const BoundExpr& e, int begin, int end);
// The AND terms of a predicate (itself when not an AND), moved out.
std::vector<BoundExprPtr> SplitConjuncts(BoundExprPtr predicate);
// The AND of `terms` (the term itself when one; null when none).
BoundExprPtr MakeConjunction(std::vector<BoundExprPtr> terms);
// Whether e reads any column of its input row (PostgreSQL's
// contain_vars_of_level), or one in [begin, end).
bool ReadsColumns(const BoundExpr& e);
bool ReadsColumnIn(const BoundExpr& e, int begin, int end);

}  // namespace basalt::sql
