// Conversions between SQL types (PostgreSQL's pg_cast for Basalt's types).
#pragma once

#include "common/data_type.h"
#include "common/status.h"
#include "common/value.h"

namespace basalt {

// How a conversion was asked for; PostgreSQL allows different sets of casts
// in each context and treats length overflow differently:
// explicit casts truncate varchar(n), assignment raises 22001.
enum class CastContext { kImplicit, kAssignment, kExplicit };

// Whether PostgreSQL would allow converting `from` to `to` in `context`
// (e.g. int4 -> int8 implicitly, int8 -> int4 by assignment, text -> int4
// only explicitly). kUnknown (an untyped literal) converts to anything.
bool CanCast(const DataType& from, const DataType& to, CastContext context);

// Converts a value; NULL stays NULL. Errors as PostgreSQL: 22003
// "integer out of range"/"smallint out of range", 22P02 for text that does
// not parse, 22001 "value too long for type character varying(5)" on
// assignment.
Result<Value> CastValue(const Value& value, const DataType& from, const DataType& to,
                        CastContext context);

}  // namespace basalt
