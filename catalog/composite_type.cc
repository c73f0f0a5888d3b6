#include "catalog/composite_type.h"

namespace basalt::catalog {

DataType CompositeFieldType(const proto::CompositeField& field) {
  return DataType{static_cast<TypeId>(field.type_id()), field.typmod()};
}

void RegisterCompositeFields(const proto::UserType& type) {
  std::vector<DataType> fields;
  std::vector<std::string> names;
  for (const proto::CompositeField& field : type.fields()) {
    fields.push_back(CompositeFieldType(field));
    names.push_back(field.name());
  }
  DataType::RegisterComposite(type.oid(), fields, names);
}

Row CompositeClassRow(const proto::UserType& type) {
  auto oid = [](Oid v) { return Value::Int(v); };
  auto flag = [](bool v) { return Value::Bool(v); };
  auto letter = [](char c) { return Value::String(std::string(1, c)); };
  return Row{oid(type.relation_oid()),
             Value::String(type.name()),
             oid(type.namespace_oid()),
             oid(type.oid()),  // reltype
             oid(0),           // reloftype
             oid(type.owner_oid()),
             oid(0),  // relam
             oid(0),  // relfilenode
             oid(0),  // reltablespace
             Value::Int(0),
             Value::Float(-1),
             Value::Int(0),
             oid(0),  // reltoastrelid
             flag(false),
             flag(false),
             letter('p'),
             letter('c'),
             Value::Int(type.fields_size()),
             Value::Int(0),
             flag(false),
             flag(false),
             flag(false),
             flag(false),
             flag(false),
             flag(true),  // relispopulated
             letter('n'),
             flag(false),
             oid(0),
             Value::Int(0),
             Value::Int(0),
             Value::Null(),
             Value::Null(),
             Value::Null()};
}

}  // namespace basalt::catalog
