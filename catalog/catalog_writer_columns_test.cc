#include <catch2/catch.hpp>

#include "catalog/catalog.h"
#include "storage/row_codec.h"

namespace basalt::catalog {
namespace {

proto::Column* AddColumn(proto::Table* t, const std::string& name, TypeId type) {
  proto::Column* c = t->add_columns();
  c->set_attnum(t->columns_size());
  c->set_name(name);
  c->set_type_id(static_cast<uint32_t>(type));
  c->set_typmod(-1);
  return c;
}

// (a int, b text, c int, d int) keyed by d, an index on c, a foreign key
// (c) referencing itself (a).
proto::Table FourColumns() {
  proto::Table t;
  t.set_oid(20000);
  t.set_name("t");
  t.set_schema_version(1);
  AddColumn(&t, "a", TypeId::kInt4);
  AddColumn(&t, "b", TypeId::kText);
  AddColumn(&t, "c", TypeId::kInt4);
  AddColumn(&t, "d", TypeId::kInt8);
  t.add_primary_key_attnums(4);
  proto::Index* index = t.add_indexes();
  index->set_name("t_c");
  index->add_columns()->set_attnum(3);
  proto::Constraint* fk = t.add_constraints();
  fk->set_type("f");
  fk->add_attnums(3);
  fk->set_referenced_table_oid(20000);
  fk->add_referenced_attnums(1);
  return t;
}

TEST_CASE("a table never altered keeps the identity slots", "[catalog]") {
  const proto::Table t = FourColumns();
  CHECK(MakeRowSlots(t).IsIdentity());
  CHECK(NextColumnSlot(t) == 4);
}

TEST_CASE("DROP COLUMN keeps every slot and renumbers the attnums after it", "[catalog]") {
  proto::Table t = FourColumns();
  RemoveColumnFromDefinition(&t, 1);  // b
  REQUIRE(t.columns_size() == 3);
  CHECK(t.columns(0).name() == "a");
  CHECK(t.columns(1).name() == "c");
  CHECK(t.columns(1).attnum() == 2);
  CHECK(t.columns(2).attnum() == 3);
  CHECK(t.primary_key_attnums(0) == 3);
  CHECK(t.indexes(0).columns(0).attnum() == 2);
  CHECK(t.constraints(0).attnums(0) == 2);
  CHECK(t.constraints(0).referenced_attnums(0) == 1);
  CHECK(t.schema_version() == 2);

  const storage::RowSlots slots = MakeRowSlots(t);
  CHECK(slots.column_slots == std::vector<int>{0, 2, 3});
  REQUIRE(slots.slot_types.size() == 4);
  CHECK(slots.slot_types[1].id == TypeId::kText);  // to step over b's bytes
  CHECK(slots.slot_types[3].id == TypeId::kInt8);
  // A column added now takes a slot of its own, never b's.
  CHECK(NextColumnSlot(t) == 4);
  const storage::TableLayout layout = MakeTableLayout(t);
  CHECK(layout.primary_key == std::vector<int>{2});
  CHECK(layout.indexes[0].columns[0].column == 1);
}

TEST_CASE("references from other tables follow a dropped column's successors", "[catalog]") {
  proto::Table other;
  proto::Constraint* fk = other.add_constraints();
  fk->set_type("f");
  fk->set_referenced_table_oid(20000);
  fk->add_referenced_attnums(4);
  proto::Table sequence;
  sequence.mutable_sequence()->set_owned_by_table(20000);
  sequence.mutable_sequence()->set_owned_by_attnum(3);
  RenumberReferencesToDroppedColumn(&other, 20000, 2);
  RenumberReferencesToDroppedColumn(&sequence, 20000, 2);
  CHECK(other.constraints(0).referenced_attnums(0) == 3);
  CHECK(sequence.sequence().owned_by_attnum() == 2);
  // Another table's references stay.
  RenumberReferencesToDroppedColumn(&other, 30000, 1);
  CHECK(other.constraints(0).referenced_attnums(0) == 3);
}

TEST_CASE("a missing value is decoded into the layout", "[catalog]") {
  proto::Table t = FourColumns();
  proto::Column* e = AddColumn(&t, "e", TypeId::kInt4);
  e->set_slot(4);
  std::string bytes;
  storage::EncodeRow({Value::Int(7)}, {DataType::Of(TypeId::kInt4)}, 0, &bytes);
  e->set_missing_value(bytes);
  const storage::RowSlots slots = MakeRowSlots(t);
  CHECK(slots.slot_types.empty());  // every column in its own slot
  REQUIRE(slots.missing_values.size() == 5);
  CHECK(slots.missing_values[0].is_null());
  CHECK(slots.missing_values[4].AsInt() == 7);
}

TEST_CASE("a rewrite puts every column back in its own slot", "[catalog]") {
  proto::Table t = FourColumns();
  RemoveColumnFromDefinition(&t, 0);
  CompactColumnSlots(&t);
  CHECK(MakeRowSlots(t).IsIdentity());
  CHECK(NextColumnSlot(t) == 3);
}

}  // namespace
}  // namespace basalt::catalog
