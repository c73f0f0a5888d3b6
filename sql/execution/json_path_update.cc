// jsonb_set, jsonb_insert and jsonb #- text[]: PostgreSQL's setPath, which
// walks the path and replaces, inserts or deletes at its last element.
#include <fmt/format.h>

#include "common/error.h"
#include "common/stack_depth.h"
#include "sql/execution/json_internal.h"

namespace basalt::sql {

namespace {

enum class PathOp { kReplace, kCreate, kInsertBefore, kInsertAfter, kDelete };

using Path = std::vector<std::optional<std::string>>;

bool Creates(PathOp op) {
  return op == PathOp::kCreate || op == PathOp::kInsertBefore || op == PathOp::kInsertAfter;
}

void SetPath(JsonbValue* v, const Path& path, size_t level, const JsonbValue& new_value,
             PathOp op) {
  CheckStackDepth();
  if (!path[level]) {
    throw Error(sqlstate::kNullValueNotAllowed,
                fmt::format("path element at position {} is null", level + 1));
  }
  if (v->IsScalar()) return;  // the path goes on past a scalar: nothing to do
  const std::string& step = *path[level];
  const bool last = level + 1 == path.size();
  if (v->kind == JsonbValue::Kind::kObject) {
    JsonbValue* member = v->Find(step);
    if (member == nullptr) {
      if (last && Creates(op)) v->Set(step, new_value);
      return;
    }
    if (!last) {
      SetPath(member, path, level + 1, new_value, op);
      return;
    }
    if (op == PathOp::kInsertBefore || op == PathOp::kInsertAfter) {
      throw Error(sqlstate::kInvalidParameterValue, "cannot replace existing key")
          .WithHint("Try using the function jsonb_set to replace key value.");
    }
    if (op == PathOp::kDelete) {
      v->Erase(step);
    } else {
      *member = new_value;
    }
    return;
  }
  std::optional<int64_t> index = PathIndex(step);
  if (!index) {
    throw Error(
        sqlstate::kInvalidTextRepresentation,
        fmt::format("path element at position {} is not an integer: \"{}\"", level + 1, step));
  }
  std::vector<JsonbValue>& elements = v->elements;
  const int64_t n = static_cast<int64_t>(elements.size());
  int64_t i = *index;
  bool before_start = false;
  if (i < 0) {
    if (-i > n) {
      before_start = true;
    } else {
      i += n;
    }
  }
  if ((before_start || n == 0) && last && Creates(op)) {
    elements.insert(elements.begin(), new_value);
    return;
  }
  if (before_start || i >= n) {
    if (last && Creates(op)) elements.push_back(new_value);
    return;
  }
  auto at = elements.begin() + i;
  if (!last) {
    SetPath(&*at, path, level + 1, new_value, op);
    return;
  }
  switch (op) {
    case PathOp::kReplace:
    case PathOp::kCreate: *at = new_value; return;
    case PathOp::kInsertBefore: elements.insert(at, new_value); return;
    case PathOp::kInsertAfter: elements.insert(at + 1, new_value); return;
    case PathOp::kDelete: elements.erase(at); return;
  }
}

}  // namespace

Value EvaluateJsonbPathUpdate(const BoundExpr& call, const std::vector<Value>& args) {
  JsonbValue v = JsonbArg(args[0]);
  const Path path = PathArg(args[1]);
  if (call.function == ScalarFunction::kJsonbDeletePath) {
    if (v.IsScalar()) throw Error(sqlstate::kInvalidParameterValue, "cannot delete path in scalar");
    if (!path.empty()) SetPath(&v, path, 0, JsonbValue::Null(), PathOp::kDelete);
    return JsonbResult(v);
  }
  if (v.IsScalar()) throw Error(sqlstate::kInvalidParameterValue, "cannot set path in scalar");
  const bool flag = args.size() > 3 ? args[3].AsBool() : call.function == ScalarFunction::kJsonbSet;
  PathOp op;
  if (call.function == ScalarFunction::kJsonbSet) {
    op = flag ? PathOp::kCreate : PathOp::kReplace;
  } else {
    op = flag ? PathOp::kInsertAfter : PathOp::kInsertBefore;
  }
  if (!path.empty()) SetPath(&v, path, 0, JsonbArg(args[2]), op);
  return JsonbResult(v);
}

}  // namespace basalt::sql
