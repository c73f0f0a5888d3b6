// CREATE / ALTER SEQUENCE options resolved into pg_sequence's values, with
// PostgreSQL's defaults (init_params) and its 22023 errors.
#pragma once

#include <optional>

#include "catalog/catalog.h"
#include "sql/parser/ast_sequence.h"

namespace basalt::sql {

// The options of a sequence: `current`'s (ALTER SEQUENCE; null for CREATE)
// changed by those written. A RESTART's value, checked against the new
// bounds, goes to *restart (without WITH: the start value).
catalog::proto::SequenceDef ResolveSequenceOptions(const ast::SequenceOptions& options,
                                                   const catalog::proto::SequenceDef* current,
                                                   std::optional<int64_t>* restart);

// The options of the sequence a serial or identity column of `type` owns.
catalog::proto::SequenceDef DefaultSequenceOptions(TypeId type);

// The options of an identity column's sequence: those written, AS the
// column's type unless they say otherwise.
catalog::proto::SequenceDef ResolveIdentityOptions(const ast::SequenceOptions& options,
                                                   TypeId type);

// The integer type a serial type name stands for (serial: int4, bigserial:
// int8, smallserial: int2, and serial2/4/8); nullopt for any other name.
std::optional<TypeId> SerialType(const ast::TypeName& type);

// A new sequence relation (relkind "S", the columns SELECT * FROM it shows).
catalog::proto::Table NewSequenceTable(Oid database, Oid namespace_oid, const std::string& name,
                                       catalog::proto::SequenceDef options);

}  // namespace basalt::sql
