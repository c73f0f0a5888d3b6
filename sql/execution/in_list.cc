#include "sql/execution/in_list.h"

#include <string>

#include "sql/execution/aggregate_function.h"

namespace basalt::sql {

namespace {

// Types whose `=` holds exactly when AppendGroupKey's bytes are equal
// (numeric 1.0 and 1.00, float -0 and 0 and every NaN included); text
// compares bytewise (the C collation).
bool HashableType(const DataType& type) {
  switch (type.id) {
    case TypeId::kBool:
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kFloat4:
    case TypeId::kFloat8:
    case TypeId::kNumeric:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kName:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kTimeTz:
    case TypeId::kUuid:
    case TypeId::kEnum:
    case TypeId::kBytea:
    case TypeId::kOid: return true;
    default: return false;
  }
}

bool SameType(const DataType& a, const DataType& b) {
  return a.id == b.id ||
         (DataType::CompareAlike(a, b) && a.id != TypeId::kChar && b.id != TypeId::kChar);
}

}  // namespace

std::shared_ptr<const InListSet> HashInList(const BoundExpr& in) {
  if (in.kind != BoundExprKind::kIn || in.children.size() < kMinHashedInList + 1 ||
      !HashableType(in.compare_type) || !SameType(in.children[0]->type, in.compare_type)) {
    return nullptr;
  }
  auto set = std::make_shared<InListSet>();
  for (size_t i = 1; i < in.children.size(); ++i) {
    const BoundExpr& item = *in.children[i];
    if (item.kind != BoundExprKind::kConstant) return nullptr;
    if (item.value.is_null()) {
      set->has_null = true;
      continue;
    }
    if (!SameType(item.type, in.compare_type)) return nullptr;
    std::string key;
    AppendGroupKey(item.value, in.compare_type, &key);
    set->keys.insert(std::move(key));
  }
  return set;
}

Value LookUpInList(const BoundExpr& in, const Value& x) {
  std::string key;
  AppendGroupKey(x, in.compare_type, &key);
  if (in.in_set->keys.count(key) != 0) return Value::Bool(!in.negated);
  return in.in_set->has_null ? Value::Null() : Value::Bool(in.negated);
}

}  // namespace basalt::sql
