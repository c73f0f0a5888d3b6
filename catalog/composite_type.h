// Composite types (CREATE TYPE ... AS (...)): their fields as DataTypes,
// and the pg_class / pg_attribute rows PostgreSQL gives each one.
#pragma once

#include <vector>

#include "catalog/catalog_snapshot.h"
#include "common/value.h"

namespace basalt::catalog {

DataType CompositeFieldType(const proto::CompositeField& field);

// Tells DataType the fields of `type` (kind "c"), so values of it compare,
// print and encode (DataType::RegisterComposite).
void RegisterCompositeFields(const proto::UserType& type);

// pg_class's row of a composite type (relkind 'c', reltype its type).
Row CompositeClassRow(const proto::UserType& type);

}  // namespace basalt::catalog
