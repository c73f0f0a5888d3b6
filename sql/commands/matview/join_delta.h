// The change of a plan node's rows from the changes of the tables under it,
// node by node, through joins of every type: inner, LEFT / RIGHT / FULL
// outer, semi and anti (docs/materialized-views.md, "Incremental refresh").
//
// With a node's inputs L and R in their new states (the snapshot) and their
// changes dL and dR (rows inserted count +1, deleted -1), the old inputs are
// L - dL and R - dR, and:
// - filters, projections and sorts change by their own rows over the
//   input's change;
// - the matched pairs of a join change by dL x R + L x dR - dL x dR;
// - the rows of a preserved side P that a join keeps for having (semi) or
//   lacking (anti, the NULL-extended rows of an outer join) matches in the
//   other side O change, for each P row p, by
//     dP(p) * f(m_new(p)) + P_old(p) * (f(m_new(p)) - f(m_old(p))),
//   where m counts p's matches in O and m_old = m_new - matches in the
//   inserted O rows + matches in the deleted ones. The second term is zero
//   unless p matches a changed O row, so only those rows and the changed P
//   rows are looked at; P_old(p) follows from p's pairs with the changed O
//   rows in the new state.
// Every step is a plan over the new state with some inputs replaced by
// changed rows, so the planner reaches the other inputs through their
// indexes: the cost follows the change, not the tables.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "common/value.h"
#include "sql/planner/logical_operator.h"

namespace basalt::sql {

using RowsPtr = std::shared_ptr<const std::vector<Row>>;

// A changed table's rows.
struct ChangedRows {
  uint64_t records = 0;
  RowsPtr deleted;
  RowsPtr inserted;
  RowsPtr all;  // deleted then inserted
};
using ChangedTables = std::unordered_map<Oid, ChangedRows>;  // by table OID

// A node's change: the rows it no longer yields and those it now yields,
// as bags (a row twice is two rows).
struct SignedRows {
  std::vector<Row> deleted;
  std::vector<Row> inserted;
};

// A plan node yielding `rows` (of `types`): changed rows standing in for
// a plan's input.
LogicalOperatorPtr ValuesOf(const std::vector<Row>& rows, std::vector<DataType> types);

// Positions of children from a plan's root down to one node.
using PlanPath = std::vector<int>;

// Why JoinDelta cannot follow `node`'s rows ("subqueries in expressions"),
// or "".
std::string JoinDeltaUnsupported(LogicalOperator& node);

// Whether a plan has outer, semi or anti joins, or subqueries in its
// expressions: then only JoinDelta follows it (or says why not).
bool NeedsJoinDelta(LogicalOperator& plan);

class JoinDelta {
 public:
  // A fresh plan each call, the same tree every time.
  using PlanMaker = std::function<LogicalOperatorPtr()>;
  // Runs a plan (named for EXPLAIN REFRESH), each row to `each`.
  using PlanRunner = std::function<void(LogicalOperatorPtr plan, const std::string& step,
                                        const std::function<void(const Row&)>& each)>;

  JoinDelta(PlanMaker make_plan, PlanRunner run, const ChangedTables& changed);

  // The change of the rows of the node at `path`.
  SignedRows Of(const PlanPath& path);

  // The node at `path` of a plan.
  static LogicalOperatorPtr& At(LogicalOperatorPtr& root, const PlanPath& path);

 private:
  enum class Side { kLeft, kRight };

  const LogicalOperator& Node(const PlanPath& path) const;
  bool Changes(const LogicalOperator& node) const;
  SignedRows OfRowwise(const PlanPath& path);
  SignedRows OfJoin(const PlanPath& path);
  void MatchedPairs(const PlanPath& path, const SignedRows& left, const SignedRows& right,
                    SignedRows* out);
  void PreservedRows(const PlanPath& path, Side preserved, bool keep_matched, bool pad,
                     const SignedRows& left, const SignedRows& right, SignedRows* out);
  // The join at `path` as an inner join with its left and right inputs
  // replaced by the given rows (null: the input's new state).
  void RunPairs(const PlanPath& path, const std::vector<Row>* left, const std::vector<Row>* right,
                const std::string& step, const std::function<void(const Row&)>& each);

  PlanMaker make_plan_;
  PlanRunner run_;
  const ChangedTables& changed_;
  LogicalOperatorPtr reference_;  // a plan to look at, never run
};

}  // namespace basalt::sql
