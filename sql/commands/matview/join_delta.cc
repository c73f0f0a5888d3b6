#include "sql/commands/matview/join_delta.h"

#include <map>

#include "common/error.h"
#include "common/stack_depth.h"
#include "sql/commands/matview/cancel_opposites.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/planner.h"
#include "storage/row_codec.h"

namespace basalt::sql {

namespace {

bool HasSubquery(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kSubquery) return true;
  for (const BoundExprPtr& c : e.children) {
    if (HasSubquery(*c)) return true;
  }
  return false;
}

std::string UnsupportedNode(LogicalOperator& node) {
  CheckStackDepth();
  switch (node.kind) {
    case LogicalKind::kGet:
    case LogicalKind::kFilter:
    case LogicalKind::kProject:
    case LogicalKind::kSort: break;
    case LogicalKind::kJoin:
      if (!node.As<LogicalJoin>().lateral_values.empty()) return "LATERAL";
      break;
    default: return "this plan shape";
  }
  bool subquery = false;
  ForEachExpression(node, [&](BoundExprPtr& e) { subquery = subquery || HasSubquery(*e); });
  if (subquery) return "subqueries in expressions";
  for (LogicalOperatorPtr& c : node.children) {
    std::string reason = UnsupportedNode(*c);
    if (!reason.empty()) return reason;
  }
  return "";
}

PlanPath Child(const PlanPath& path, int child) {
  PlanPath out = path;
  out.push_back(child);
  return out;
}

// The exact bytes of `width` values of `row` from `offset`: rows that
// differ in any way (1.0 and 1.00 too) differ here.
std::string RowBytes(const Row& row, size_t offset, const std::vector<DataType>& types) {
  Row part(row.begin() + static_cast<ptrdiff_t>(offset),
           row.begin() + static_cast<ptrdiff_t>(offset + types.size()));
  std::string bytes;
  storage::EncodeRow(part, types, 0, &bytes);
  return bytes;
}

// A node's change without the pairs of equal deleted and inserted rows:
// the node's rows reached again through another changed input.
SignedRows WithoutOpposites(SignedRows rows, const std::vector<DataType>& types) {
  CancelOpposites(&rows.deleted, &rows.inserted, [&types](const Row& row, std::string* bytes) {
    storage::EncodeRow(row, types, 0, bytes);
  });
  return rows;
}

void AddCopies(const Row& row, int64_t count, SignedRows* out) {
  std::vector<Row>& rows = count > 0 ? out->inserted : out->deleted;
  for (int64_t i = 0; i < (count > 0 ? count : -count); ++i) rows.push_back(row);
}

}  // namespace

LogicalOperatorPtr ValuesOf(const std::vector<Row>& rows, std::vector<DataType> types) {
  auto values = std::make_unique<LogicalValues>();
  values->computed_types = std::move(types);
  values->computed = std::make_shared<const std::vector<Row>>(rows);
  return values;
}

JoinDelta::JoinDelta(PlanMaker make_plan, PlanRunner run, const ChangedTables& changed)
    : make_plan_(std::move(make_plan)),
      run_(std::move(run)),
      changed_(changed),
      reference_(make_plan_()) {}

LogicalOperatorPtr& JoinDelta::At(LogicalOperatorPtr& root, const PlanPath& path) {
  LogicalOperatorPtr* op = &root;
  for (int child : path) op = &(*op)->children[static_cast<size_t>(child)];
  return *op;
}

const LogicalOperator& JoinDelta::Node(const PlanPath& path) const {
  const LogicalOperator* op = reference_.get();
  for (int child : path) op = op->children[static_cast<size_t>(child)].get();
  return *op;
}

std::string JoinDeltaUnsupported(LogicalOperator& node) {
  return UnsupportedNode(node);
}

bool NeedsJoinDelta(LogicalOperator& plan) {
  CheckStackDepth();
  if (plan.kind == LogicalKind::kJoin && plan.As<LogicalJoin>().join_type != JoinType::kInner) {
    return true;
  }
  bool subquery = false;
  ForEachExpression(plan, [&](BoundExprPtr& e) { subquery = subquery || HasSubquery(*e); });
  if (subquery) return true;
  for (LogicalOperatorPtr& c : plan.children) {
    if (NeedsJoinDelta(*c)) return true;
  }
  return false;
}

bool JoinDelta::Changes(const LogicalOperator& node) const {
  if (node.kind == LogicalKind::kGet) {
    return changed_.contains(node.As<LogicalGet>().table->def.oid());
  }
  for (const LogicalOperatorPtr& c : node.children) {
    if (Changes(*c)) return true;
  }
  return false;
}

SignedRows JoinDelta::Of(const PlanPath& path) {
  CheckStackDepth();
  const LogicalOperator& node = Node(path);
  if (!Changes(node)) return {};
  switch (node.kind) {
    case LogicalKind::kGet: {
      const ChangedRows& rows = changed_.at(node.As<LogicalGet>().table->def.oid());
      return {.deleted = *rows.deleted, .inserted = *rows.inserted};
    }
    case LogicalKind::kJoin: return WithoutOpposites(OfJoin(path), OutputTypes(node));
    default: return WithoutOpposites(OfRowwise(path), OutputTypes(node));
  }
}

// A filter, projection or sort: its own rows over its input's change.
SignedRows JoinDelta::OfRowwise(const PlanPath& path) {
  const PlanPath input_path = Child(path, 0);
  const SignedRows input = Of(input_path);
  const std::vector<DataType> input_types = OutputTypes(Node(input_path));
  SignedRows out;
  for (const bool inserted : {false, true}) {
    const std::vector<Row>& rows = inserted ? input.inserted : input.deleted;
    if (rows.empty()) continue;
    LogicalOperatorPtr plan = make_plan_();
    LogicalOperatorPtr node = std::move(At(plan, path));
    node->children[0] = ValuesOf(rows, input_types);
    std::vector<Row>& into = inserted ? out.inserted : out.deleted;
    run_(std::move(node), inserted ? "Rows Over Inserted Rows" : "Rows Over Deleted Rows",
         [&](const Row& row) { into.push_back(row); });
  }
  return out;
}

SignedRows JoinDelta::OfJoin(const PlanPath& path) {
  const SignedRows left = Of(Child(path, 0));
  const SignedRows right = Of(Child(path, 1));
  SignedRows out;
  switch (Node(path).As<LogicalJoin>().join_type) {
    case JoinType::kInner: MatchedPairs(path, left, right, &out); break;
    case JoinType::kLeft:
      MatchedPairs(path, left, right, &out);
      PreservedRows(path, Side::kLeft, /*keep_matched=*/false, /*pad=*/true, left, right, &out);
      break;
    case JoinType::kRight:
      MatchedPairs(path, left, right, &out);
      PreservedRows(path, Side::kRight, false, true, left, right, &out);
      break;
    case JoinType::kFull:
      MatchedPairs(path, left, right, &out);
      PreservedRows(path, Side::kLeft, false, true, left, right, &out);
      PreservedRows(path, Side::kRight, false, true, left, right, &out);
      break;
    case JoinType::kSemi: PreservedRows(path, Side::kLeft, true, false, left, right, &out); break;
    case JoinType::kAnti: PreservedRows(path, Side::kLeft, false, false, left, right, &out); break;
  }
  return out;
}

void JoinDelta::RunPairs(const PlanPath& path, const std::vector<Row>* left,
                         const std::vector<Row>* right, const std::string& step,
                         const std::function<void(const Row&)>& each) {
  LogicalOperatorPtr plan = make_plan_();
  LogicalOperatorPtr node = std::move(At(plan, path));
  auto& join = node->As<LogicalJoin>();
  join.join_type = JoinType::kInner;
  if (left != nullptr) join.children[0] = ValuesOf(*left, OutputTypes(Node(Child(path, 0))));
  if (right != nullptr) join.children[1] = ValuesOf(*right, OutputTypes(Node(Child(path, 1))));
  run_(std::move(node), step, each);
}

void JoinDelta::MatchedPairs(const PlanPath& path, const SignedRows& left, const SignedRows& right,
                             SignedRows* out) {
  auto into = [&](bool inserted) {
    std::vector<Row>& rows = inserted ? out->inserted : out->deleted;
    return [&rows](const Row& row) { rows.push_back(row); };
  };
  for (const bool inserted : {false, true}) {
    const std::vector<Row>& l = inserted ? left.inserted : left.deleted;
    const std::vector<Row>& r = inserted ? right.inserted : right.deleted;
    if (!l.empty()) RunPairs(path, &l, nullptr, "Pairs of Changed Left Rows", into(inserted));
    if (!r.empty()) RunPairs(path, nullptr, &r, "Pairs of Changed Right Rows", into(inserted));
  }
  // Pairs of two changed rows were counted by both terms above: the
  // product's sign takes them back once.
  for (const bool left_inserted : {false, true}) {
    for (const bool right_inserted : {false, true}) {
      const std::vector<Row>& l = left_inserted ? left.inserted : left.deleted;
      const std::vector<Row>& r = right_inserted ? right.inserted : right.deleted;
      if (l.empty() || r.empty()) continue;
      RunPairs(path, &l, &r, "Pairs of Two Changed Rows", into(left_inserted != right_inserted));
    }
  }
}

void JoinDelta::PreservedRows(const PlanPath& path, Side preserved, bool keep_matched, bool pad,
                              const SignedRows& left, const SignedRows& right, SignedRows* out) {
  const bool on_left = preserved == Side::kLeft;
  const SignedRows& changed_p = on_left ? left : right;
  const SignedRows& changed_o = on_left ? right : left;
  const std::vector<DataType> left_types = OutputTypes(Node(Child(path, 0)));
  const std::vector<DataType> right_types = OutputTypes(Node(Child(path, 1)));
  const std::vector<DataType>& p_types = on_left ? left_types : right_types;
  const size_t p_offset = on_left ? 0 : left_types.size();

  // Each distinct P row whose kept rows may change.
  struct Candidate {
    Row row;
    int64_t changed = 0;           // dP(p)
    int64_t pairs_new = 0;         // pairs of p in the new P with the changed O rows
    int64_t matches_new = 0;       // in the new O
    int64_t matches_inserted = 0;  // in the O rows inserted
    int64_t matches_deleted = 0;   // in the O rows deleted
  };
  std::map<std::string, Candidate> candidates;
  auto candidate = [&](const Row& row, size_t offset) -> Candidate& {
    Candidate& c = candidates[RowBytes(row, offset, p_types)];
    if (c.row.empty()) {
      c.row.assign(row.begin() + static_cast<ptrdiff_t>(offset),
                   row.begin() + static_cast<ptrdiff_t>(offset + p_types.size()));
    }
    return c;
  };
  for (const Row& row : changed_p.inserted) ++candidate(row, 0).changed;
  for (const Row& row : changed_p.deleted) --candidate(row, 0).changed;
  std::vector<Row> changed_o_rows = changed_o.deleted;
  changed_o_rows.insert(changed_o_rows.end(), changed_o.inserted.begin(), changed_o.inserted.end());
  if (!changed_o_rows.empty()) {
    RunPairs(path, on_left ? nullptr : &changed_o_rows, on_left ? &changed_o_rows : nullptr,
             "Rows Matching Changed Rows",
             [&](const Row& row) { ++candidate(row, p_offset).pairs_new; });
  }
  if (candidates.empty()) return;

  std::vector<Row> rows;
  for (const auto& [bytes, c] : candidates) rows.push_back(c.row);
  auto count_matches = [&](const std::vector<Row>* o_rows, int64_t Candidate::*field,
                           const char* step) {
    RunPairs(path, on_left ? &rows : o_rows, on_left ? o_rows : &rows, step,
             [&](const Row& row) { ++(candidate(row, p_offset).*field); });
  };
  count_matches(nullptr, &Candidate::matches_new, "Matches of Changed Rows");
  if (!changed_o.inserted.empty()) {
    count_matches(&changed_o.inserted, &Candidate::matches_inserted, "Matches Among Inserted Rows");
  }
  if (!changed_o.deleted.empty()) {
    count_matches(&changed_o.deleted, &Candidate::matches_deleted, "Matches Among Deleted Rows");
  }

  auto kept = [&](int64_t matches) -> int64_t { return (matches > 0) == keep_matched ? 1 : 0; };
  const size_t o_width = on_left ? right_types.size() : left_types.size();
  for (const auto& [bytes, c] : candidates) {
    const int64_t matches_old = c.matches_new - c.matches_inserted + c.matches_deleted;
    int64_t count = c.changed * kept(c.matches_new);
    if (const int64_t changed_matches = c.matches_inserted + c.matches_deleted) {
      const int64_t p_old = c.pairs_new / changed_matches - c.changed;
      count += p_old * (kept(c.matches_new) - kept(matches_old));
    }
    if (count == 0) continue;
    if (!pad) {
      AddCopies(c.row, count, out);
      continue;
    }
    Row padded;
    if (!on_left) padded.assign(o_width, Value::Null());
    padded.insert(padded.end(), c.row.begin(), c.row.end());
    if (on_left) padded.resize(padded.size() + o_width, Value::Null());
    AddCopies(padded, count, out);
  }
}

}  // namespace basalt::sql
