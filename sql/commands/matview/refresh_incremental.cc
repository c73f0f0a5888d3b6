// Incremental refresh: only the changes the view has not applied, through
// delta rules, in the refreshing transaction (docs/materialized-views.md).
//
// The view's query is a core of inner joins over tables (filtered and
// projected), maybe grouped. With new states N_i of its inputs (the
// snapshot) and their changes D_i (rows deleted count -1, inserted +1),
// the old core is the product of (N_i - D_i); expanding it, the change of
// the core is the sum over non-empty sets S of changed inputs of
// (-1)^(|S|+1) times the join of D_i for i in S with N_j for the others.
// Each term is the view's own plan with the scans of S replaced by their
// changed rows, which the planner joins first (they are few) to the other
// tables by their indexes. So only the new state is ever read.
//
// - kRows views add and remove the rows the terms yield, found in the view
//   by the hidden index on all its columns.
// - kGroups views compute, from the same terms, the keys of the groups
//   the changes touch, then those groups again (the view's plan with its
//   core joined to the keys), and replace their rows: every aggregate,
//   HAVING and DISTINCT stay exactly what a fresh computation gives.
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "common/error.h"
#include "sql/commands/matview/additive_groups.h"
#include "sql/commands/matview/change_log_reader.h"
#include "sql/commands/matview/delta_plan_walk.h"
#include "sql/commands/matview/incremental_shape.h"
#include "sql/commands/matview/join_delta.h"
#include "sql/commands/matview/refresh.h"
#include "sql/execution/aggregate_function.h"
#include "sql/execution/evaluate.h"
#include "sql/execution/modify_table.h"
#include "sql/planner/logical_aggregate.h"
#include "sql/planner/logical_filter.h"
#include "sql/planner/logical_get.h"
#include "sql/planner/logical_join.h"
#include "sql/planner/logical_project.h"
#include "sql/planner/logical_values.h"
#include "sql/planner/optimizer.h"
#include "sql/planner/planner.h"
#include "storage/index_key.h"
#include "storage/key_codec.h"
#include "storage/row_codec.h"
#include "storage/table_store.h"

namespace basalt::sql {

namespace {

// With n changed inputs an inner-join view's delta has 2^n - 1 terms, each
// a plan over the whole join; past this many JoinDelta's node-by-node steps
// (at most eight small plans per join, whatever n) cost less.
constexpr size_t kMaxDeltaTermInputs = 4;

void Check(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

class IncrementalRefresher {
 public:
  IncrementalRefresher(MatviewRefresh& refresh, const IncrementalShape& shape)
      : refresh_(refresh),
        shape_(shape),
        view_(*refresh.view),
        table_(refresh.store, &refresh.view->layout) {
    for (int i = 0; i < view_.def.indexes_size(); ++i) {
      if (view_.def.indexes(i).hidden()) key_index_ = &view_.layout.indexes[static_cast<size_t>(i)];
    }
    for (int c : shape_.key_columns) {
      key_types_.push_back(view_.layout.column_types[static_cast<size_t>(c)]);
    }
  }

  // Immediate maintenance: called with the maintenance keys whose stored
  // rows the changes replace (GroupKeyBytes, sorted) before those rows are
  // read, so that concurrent writers of one key take turns.
  void LockKeysWith(KeyLocker lock_keys) { lock_keys_ = std::move(lock_keys); }

  // False if the changes are more than the delta rules should take on.
  // Changes whose rows were not kept (more than work_mem) are read in
  // chunks by ApplyInChunks, which only a view with one changed input,
  // joined by inner joins, allows: each chunk's delta is then that chunk
  // joined with the other inputs as they stand, so the chunks add up.
  bool Prepare(PendingChanges& pending, std::string* reason) {
    DeltaShape& shape = Shape();
    additive_ = shape.additive;
    through_joins_ = shape.through_joins;
    branches_ = shape.branches;
    size_t changed_inputs = 0;
    for (const ScannedTable& scan : shape.scans) {
      auto found = pending.tables.find(scan.oid);
      if (found == pending.tables.end()) continue;
      TableChanges& changes = found->second;
      if (changes.truncated) {
        *reason = fmt::format("\"{}\" was truncated", scan.name);
        return false;
      }
      if (changes.deleted_count == 0 && changes.inserted_count == 0) continue;
      ++changed_inputs;
      chunked_input_ = found->first;
      if (pending.rows_kept && !changed_.contains(found->first)) {
        Take(found->first, std::move(changes));
      }
    }
    if (changed_inputs > kMaxDeltaTermInputs && !through_joins_) {
      if (!shape.join_delta_blocker) shape.join_delta_blocker = JoinDeltaBlocker(shape.branches);
      if (!shape.join_delta_blocker->empty()) {
        *reason = fmt::format("{} inputs changed, and the delta rules do not follow {}",
                              changed_inputs, *shape.join_delta_blocker);
        return false;
      }
      through_joins_ = true;
    }
    *reason = shape.unsupported;
    if (reason->empty() && !pending.rows_kept && (changed_inputs > 1 || through_joins_)) {
      *reason =
          fmt::format("the changes take more than work_mem, and {} needs them whole",
                      shape.through_joins ? "an outer or semi join" : "a change of several inputs");
    }
    return reason->empty();
  }

  void Apply() {
    if (changed_.empty()) return;
    if (shape_.kind == IncrementalShape::Kind::kRows) {
      ApplyRowChanges();
    } else {
      ApplyGroupChanges();
    }
  }

  // Prepare's changes that were not kept, a chunk of about `budget` bytes
  // of rows at a time, each chunk applied before the next is read.
  void ApplyInChunks(PendingChangeChunks& chunks, Oid table, int64_t budget) {
    in_chunks_ = true;
    TableChanges chunk;
    for (int n = 1; chunks.Next(budget, &chunk); ++n) {
      const auto started = std::chrono::steady_clock::now();
      changed_.clear();
      inputs_done_.clear();
      const uint64_t records = chunk.records;
      Take(table, std::move(chunk));
      Step(fmt::format("Read Changes, Chunk {}", n), records, started);
      Apply();
      if (DryRun()) return;  // the first chunk shows the plans
    }
  }

  // With the rows not kept: the one input whose changes ApplyInChunks reads.
  Oid chunked_input() const { return chunked_input_; }

  uint64_t rows_inserted() const { return inserted_; }
  uint64_t rows_deleted() const { return deleted_; }

 private:
  // One input's changes as the delta terms take them.
  void Take(Oid table, TableChanges&& changes) {
    ChangedRows rows;
    rows.records = changes.records;
    auto all = std::make_shared<std::vector<Row>>(changes.deleted);
    all->insert(all->end(), changes.inserted.begin(), changes.inserted.end());
    rows.all = std::move(all);
    rows.deleted = std::make_shared<const std::vector<Row>>(std::move(changes.deleted));
    rows.inserted = std::make_shared<const std::vector<Row>>(std::move(changes.inserted));
    changed_.emplace(table, std::move(rows));
  }

  // What Prepare learns from the view's plan: kept with the session's delta
  // plans when there are any.
  DeltaShape& Shape() {
    std::optional<DeltaShape>& kept =
        refresh_.delta_plans != nullptr ? refresh_.delta_plans->shape : shape_here_;
    if (!kept) kept = AnalyzePlan();
    return *kept;
  }

  DeltaShape AnalyzePlan() {
    DeltaShape shape;
    LogicalOperatorPtr plan = PlanSelect(*refresh_.bind());
    if (shape_.kind == IncrementalShape::Kind::kGroups) {
      shape.additive = AdditiveGroups::Analyze(*plan);
    }
    // Outer joins or EXISTS / IN subqueries: JoinDelta follows the joined
    // plan, whose scans include the subqueries' tables.
    shape.through_joins = NeedsJoinDelta(*plan);
    if (shape.through_joins) plan = JoinedPlan();
    shape.scans = ScannedTables(*plan);
    LogicalOperatorPtr* union_node = UnionNode(plan);
    if (union_node == nullptr) {
      shape.branches.emplace_back();
    } else {
      std::vector<int> path;
      CollectBranches(**union_node, &path, &shape.branches);
      for (const std::vector<int>& branch : shape.branches) {
        const LogicalOperator* leaf = union_node->get();
        for (int child : branch) leaf = leaf->children[static_cast<size_t>(child)].get();
        if (ContainsSetOperation(*leaf)) {
          shape.unsupported = "a UNION ALL nested in a way the delta rules do not follow";
          return shape;
        }
      }
    }
    if (!shape.through_joins) return shape;
    shape.join_delta_blocker = JoinDeltaBlocker(shape.branches);
    if (!shape.join_delta_blocker->empty()) {
      shape.unsupported =
          fmt::format("the delta rules do not follow {}", *shape.join_delta_blocker);
    }
    return shape;
  }

  // What in the joined plan JoinDelta cannot follow, or "".
  std::string JoinDeltaBlocker(const std::vector<std::vector<int>>& branches) {
    if (shape_.kind == IncrementalShape::Kind::kGroups) {
      LogicalOperatorPtr plan = JoinedPlan();
      return JoinDeltaUnsupported(*JoinDelta::At(plan, CorePath(*plan)));
    }
    for (const std::vector<int>& branch : branches) {
      LogicalOperatorPtr branch_plan = BranchPlan(JoinedPlan(), branch);
      std::string blocker = JoinDeltaUnsupported(*branch_plan);
      if (!blocker.empty()) return blocker;
    }
    return "";
  }

  // The view's plan with its EXISTS and IN terms as semi and anti joins and
  // its WHERE terms at the joins they concern: the tree JoinDelta follows.
  LogicalOperatorPtr JoinedPlan() {
    LogicalOperatorPtr plan = PlanSelect(*refresh_.bind());
    PlanSubqueries(*plan);
    return PushDownPredicates(FoldConstants(DecorrelateAll(std::move(plan))));
  }

  // A UNION ALL view's plan with one branch in the union's place.
  static LogicalOperatorPtr BranchPlan(LogicalOperatorPtr plan, const std::vector<int>& branch) {
    LogicalOperatorPtr* union_node = UnionNode(plan);
    if (union_node == nullptr) return plan;
    LogicalOperatorPtr* leaf = union_node;
    for (int child : branch) leaf = &(*leaf)->children[static_cast<size_t>(child)];
    LogicalOperatorPtr taken = std::move(*leaf);
    *union_node = std::move(taken);
    return plan;
  }

  // The path to the input of a grouped view's GROUP BY (or DISTINCT).
  static PlanPath CorePath(const LogicalOperator& plan) {
    PlanPath path;
    const LogicalOperator* op = &plan;
    while (op->kind != LogicalKind::kAggregate) {
      op = op->children[0].get();
      path.push_back(0);
    }
    path.push_back(0);
    return path;
  }

  // The change of the rows of the node at `path` of `make_plan`'s plans,
  // by JoinDelta, each row to `each_row` with its sign.
  void RunJoinDelta(const std::function<LogicalOperatorPtr()>& make_plan, const PlanPath& path,
                    const std::function<void(const Row&, int64_t)>& each_row) {
    JoinDelta delta(
        make_plan,
        [&](LogicalOperatorPtr plan, const std::string& step,
            const std::function<void(const Row&)>& each) {
          ++terms_;
          const std::string name =
              refresh_.explanation ? fmt::format("Delta Step {}: {}", terms_, step) : "";
          Run(std::move(plan), name, [&](const RowBatch& batch) {
            for (const Row& row : batch) each(row);
          });
          Check(refresh_.interrupt.Check());
        },
        changed_);
    const SignedRows rows = delta.Of(path);
    for (const Row& row : rows.deleted) each_row(row, -1);
    for (const Row& row : rows.inserted) each_row(row, 1);
  }

  // Runs each term of the delta expansion: `make_plan` gives a fresh plan
  // and the slot of its core; `each_row` receives the rows with the term's
  // sign. With `split_signs` false a term's changed inputs are given whole
  // (deleted and inserted rows together) and the sign is meaningless.
  // `tag` names `make_plan` among the plan makers of the view: the terms'
  // optimized plans are kept under it.
  //
  // Terms come in blocks by their last member (the sets numbered [2^i,
  // 2^(i+1)) end with input i): after a block, every term of the inputs up
  // to i has run, and their records count as done in the progress view.
  void RunTerms(const std::string& tag, const std::function<LogicalOperatorPtr()>& make_plan,
                bool split_signs, const std::function<void(const Row&, int64_t)>& each_row) {
    ViewDeltaPlans& kept = KeptPlans();
    auto scans = kept.scans.find(tag);
    if (scans == kept.scans.end())
      scans = kept.scans.emplace(tag, ScannedTables(*make_plan())).first;
    // Which inputs of the plan changed (the same in every fresh plan).
    std::vector<size_t> changed_scans;
    std::vector<Oid> changed_inputs;  // their tables
    for (size_t i = 0; i < scans->second.size(); ++i) {
      if (changed_.contains(scans->second[i].oid)) {
        changed_scans.push_back(i);
        changed_inputs.push_back(scans->second[i].oid);
      }
    }
    const size_t n = changed_scans.size();
    for (uint64_t set = 1; set < (1ULL << n); ++set) {
      if ((set & (set - 1)) == 0) MarkInputsDone(changed_inputs, std::bit_width(set) - 1);
      const int members = __builtin_popcountll(set);
      const int64_t term_sign = members % 2 == 1 ? 1 : -1;
      // Each member's rows: all of them, or (split) its deleted then its
      // inserted ones, every combination.
      const uint64_t combinations = split_signs ? 1ULL << members : 1;
      for (uint64_t signs = 0; signs < combinations; ++signs) {
        DeltaTerm term;
        term.key = tag;
        int64_t sign = term_sign;
        bool empty = false;
        int member = 0;
        std::string members_named;
        for (size_t i = 0; i < n; ++i) {
          if (!(set & (1ULL << i))) continue;
          const ChangedRows& input = changed_.at(changed_inputs[i]);
          RowsPtr rows = input.all;
          const char* rows_named = "changes of ";
          if (split_signs) {
            const bool inserted = (signs >> member) & 1;
            rows = inserted ? input.inserted : input.deleted;
            rows_named = inserted ? "rows inserted into " : "rows deleted from ";
            if (!inserted) sign = -sign;
          }
          ++member;
          if (refresh_.explanation) {  // the term's name, for EXPLAIN only
            members_named += members_named.empty() ? "" : " joined with ";
            members_named += rows_named;
            members_named += scans->second[changed_scans[i]].name;
          }
          empty = empty || rows->empty();
          // Which scan the rows replace, and roughly how many they are (the
          // join order and the index joins follow the number).
          term.key += fmt::format("/{}:{}", changed_scans[i], std::bit_width(rows->size()));
          term.scans.push_back(changed_scans[i]);
          term.inputs.push_back(std::move(rows));
        }
        if (empty) continue;
        ++terms_;
        const std::string name =
            !refresh_.explanation ? ""
            : split_signs
                ? fmt::format("Delta Term {} ({}): {}", terms_, sign > 0 ? "+" : "-", members_named)
                : fmt::format("Delta Term {}: {}", terms_, members_named);
        LogicalOperator& plan = TermPlan(kept, term, make_plan);
        Run(plan, name, [&](const RowBatch& batch) {
          for (const Row& row : batch) each_row(row, sign);
        });
        SetDeltaInputs(plan, {});  // the rows go with the term
        Check(refresh_.interrupt.Check());
      }
    }
    MarkInputsDone(changed_inputs, n);
  }

  // One delta term: its changed inputs' rows in place of the scans at
  // `scans` of the plan maker's plan, kept under `key`.
  struct DeltaTerm {
    std::string key;
    std::vector<size_t> scans;
    std::vector<RowsPtr> inputs;
  };

  // The term's optimized plan, kept (or made and kept), its LogicalValues
  // holding the term's rows.
  LogicalOperator& TermPlan(ViewDeltaPlans& kept, const DeltaTerm& term,
                            const std::function<LogicalOperatorPtr()>& make_plan) {
    LogicalOperatorPtr& plan = kept.terms[term.key];
    if (plan == nullptr) {
      LogicalOperatorPtr fresh = make_plan();
      std::vector<LogicalOperatorPtr*> scans;
      CollectScans(fresh, &scans);
      for (size_t m = 0; m < term.scans.size(); ++m) {
        LogicalOperatorPtr* scan = scans[term.scans[m]];
        // With its rows: the optimizer reads their number.
        ReplaceScan(scan, term.inputs[m], (*scan)->As<LogicalGet>().table.get(),
                    static_cast<int>(m));
      }
      plan = refresh_.optimize(std::move(fresh));
    }
    if (SetDeltaInputs(*plan, term.inputs) != term.inputs.size()) {
      plan.reset();  // never expected: the optimizer keeps each input once
      throw Error(sqlstate::kInternalError, "a delta plan lost one of its changed inputs");
    }
    return *plan;
  }

  // Gives the LogicalValues of a kept plan their rows; returns how many.
  static size_t SetDeltaInputs(LogicalOperator& op, const std::vector<RowsPtr>& inputs) {
    size_t set = 0;
    if (op.kind == LogicalKind::kValues) {
      auto& values = op.As<LogicalValues>();
      if (values.delta_input >= 0) {
        const auto input = static_cast<size_t>(values.delta_input);
        values.computed = input < inputs.size() ? inputs[input] : nullptr;
        ++set;
      }
    }
    for (LogicalOperatorPtr& c : op.children) set += SetDeltaInputs(*c, inputs);
    return set;
  }

  ViewDeltaPlans& KeptPlans() {
    return refresh_.delta_plans != nullptr ? *refresh_.delta_plans : plans_here_;
  }

  // Progress: every term of the first `count` changed inputs ran, so
  // their tables' records count as done.
  void MarkInputsDone(const std::vector<Oid>& inputs, size_t count) {
    if (refresh_.progress == nullptr) return;
    for (size_t i = 0; i < count; ++i) {
      if (inputs_done_.insert(inputs[i]).second) {
        refresh_.progress->changes_done += changed_.at(inputs[i]).records;
      }
    }
  }

  // Runs one plan of the refresh, explained and measured for EXPLAIN
  // [ANALYZE] REFRESH; in EXPLAIN's dry run only explained.
  void Run(LogicalOperatorPtr plan, const std::string& step,
           const std::function<void(const RowBatch&)>& consume) {
    plan = refresh_.optimize(std::move(plan));
    Run(*plan, step, consume);
  }

  // Likewise, an optimized plan.
  void Run(const LogicalOperator& plan, const std::string& step,
           const std::function<void(const RowBatch&)>& consume) {
    RefreshExplanation* explanation = refresh_.explanation;
    if (explanation == nullptr) {
      refresh_.run_optimized(plan, consume, nullptr);
      return;
    }
    const auto started = std::chrono::steady_clock::now();
    std::string text;
    uint64_t rows = 0;
    if (explanation->dry_run()) {
      refresh_.run_optimized(plan, {}, &text);
    } else {
      refresh_.run_optimized(
          plan,
          [&](const RowBatch& batch) {
            rows += batch.size();
            consume(batch);
          },
          &text);
    }
    explanation->AddStep(step, std::move(text), rows, started);
  }

  // The view rows stored under `key` (values of the key columns).
  std::vector<storage::LockedRow> StoredRowsOf(const Row& key) {
    std::vector<storage::LockedRow> rows;
    auto add = [&](storage::StoredRow&& stored) {
      rows.push_back({std::move(stored.key), std::move(stored.value), std::move(stored.row)});
    };
    if (key_index_ == nullptr) {  // an aggregate without GROUP BY: one row
      std::unique_ptr<storage::RowIterator> it = table_.Scan(refresh_.txn);
      storage::StoredRow stored;
      while (true) {
        Result<bool> more = it->Next(&stored);
        Check(more.status());
        if (!*more) break;
        add(std::move(stored));
        stored = {};
      }
      return rows;
    }
    std::string prefix = storage::RelationPrefix(key_index_->relation_id);
    for (size_t i = 0; i < key_index_->columns.size(); ++i) {
      const auto& column = key_index_->columns[i];
      storage::AppendIndexKeyValue(
          key[i], view_.layout.column_types[static_cast<size_t>(column.column)], column, &prefix);
    }
    std::unique_ptr<storage::KvIterator> it =
        refresh_.txn.Scan(storage::ColumnFamily::kData, prefix, storage::PrefixSuccessor(prefix));
    std::vector<std::string> row_keys;
    for (; it->Valid(); it->Next()) {
      row_keys.emplace_back(OrThrow(storage::IndexEntryRowKey(*key_index_, it->value())));
    }
    Check(it->status());
    for (const std::string& row_key : row_keys) {
      storage::StoredRow stored;
      Result<bool> found = table_.Fetch(refresh_.txn, row_key, &stored);
      Check(found.status());
      if (*found) add(std::move(stored));
    }
    return rows;
  }

  Row KeyOf(const Row& view_row) const {
    Row key;
    for (int c : shape_.key_columns) key.push_back(view_row[static_cast<size_t>(c)]);
    return key;
  }

  std::string Encode(const Row& row) const {
    std::string bytes;
    storage::EncodeTableRow(view_.layout, row, &bytes);
    return bytes;
  }

  void Delete(const storage::LockedRow& row) {
    Check(table_.Delete(refresh_.txn, row));
    ++deleted_;
    if (refresh_.progress) ++refresh_.progress->rows_done;
  }

  // In place, under the same row key: a group's row rewritten at every
  // change would otherwise leave a tombstone per change under its key in
  // the hidden index, which every later read of the group walks.
  void Replace(const storage::LockedRow& stored, const Row& row) {
    // (Update writes the row key as locked by its reader; no one else
    // writes the view's rows of this key: the refresh's or the key's lock.)
    Check(refresh_.txn.Lock(storage::ColumnFamily::kData, stored.key,
                            storage::Transaction::LockMode::kExclusive));
    Status st = table_.Update(refresh_.txn, stored, row);
    if (!st.ok()) ThrowWriteFailure(view_, row, st);
    ++deleted_;
    ++inserted_;
    if (refresh_.progress) ++refresh_.progress->rows_done;
  }

  void Insert(const Row& row) {
    Status st = table_.Insert(refresh_.txn, row);
    if (!st.ok()) ThrowWriteFailure(view_, row, st);
    ++inserted_;
    if (refresh_.progress) ++refresh_.progress->rows_done;
  }

  void ApplyRowChanges() {
    struct Net {
      Row row;
      int64_t count = 0;
    };
    std::map<std::string, Net> net;  // by the row's stored bytes
    // UNION ALL adds its branches' changes: each branch's terms alone, the
    // branch's plan in the union's place under the view's targets.
    auto add = [&](const Row& row, int64_t sign) {
      Net& entry = net[Encode(row)];
      if (entry.count == 0 && entry.row.empty()) entry.row = row;
      entry.count += sign;
    };
    for (size_t b = 0; b < branches_.size(); ++b) {
      const std::vector<int>& branch = branches_[b];
      if (through_joins_) {
        RunJoinDelta([&] { return BranchPlan(JoinedPlan(), branch); }, {}, add);
      } else {
        RunTerms(
            fmt::format("rows/{}", b),
            [&] { return BranchPlan(PlanSelect(*refresh_.bind()), branch); },
            /*split_signs=*/true, add);
      }
    }
    const auto started = StartWriting();
    if (lock_keys_) {
      std::set<std::string> removed;
      for (const auto& [bytes, entry] : net) {
        if (entry.count < 0) removed.insert(GroupKeyBytes(KeyOf(entry.row)));
      }
      if (!removed.empty()) lock_keys_({removed.begin(), removed.end()});
    }
    // Deletes first, so a unique index on the view never sees a row twice.
    for (const auto& [bytes, entry] : net) {
      if (entry.count >= 0) continue;
      int64_t missing = -entry.count;
      for (const storage::LockedRow& stored : StoredRowsOf(KeyOf(entry.row))) {
        if (missing == 0) break;
        if (stored.value != bytes) continue;  // equal keys, other bytes (1.0, 1.00)
        Delete(stored);
        --missing;
      }
      if (missing > 0) ThrowDrift();
    }
    for (const auto& [bytes, entry] : net) {
      for (int64_t i = 0; i < entry.count; ++i) Insert(entry.row);
    }
    Step("Write View Rows", inserted_ + deleted_, started);
  }

  // The view's rows are written from now on (progress, EXPLAIN's steps).
  std::chrono::steady_clock::time_point StartWriting() {
    if (refresh_.progress) refresh_.progress->phase = MatviewRefreshBoard::kApplyingChanges;
    return std::chrono::steady_clock::now();
  }

  // A step without a plan of its own, for EXPLAIN [ANALYZE] REFRESH.
  void Step(std::string name, uint64_t rows, std::chrono::steady_clock::time_point started) {
    if (refresh_.explanation) refresh_.explanation->AddStep(std::move(name), "", rows, started);
  }

  bool DryRun() const { return refresh_.explanation && refresh_.explanation->dry_run(); }

  void ApplyGroupChanges() {
    // The keys of the groups the changes touch, and with additive
    // aggregates what the changes add to each.
    const std::optional<AdditiveGroups>& additive = additive_;
    std::map<std::string, Row> keys;  // by GroupKeyBytes
    std::map<std::string, AdditiveGroups::Change> changes;
    // The view's plan as [group keys..., aggregate arguments...] over its
    // core, the aggregate's input.
    auto core_rows = [&] {
      LogicalOperatorPtr plan = PlanSelect(*refresh_.bind());
      if (additive) return additive->DeltaPlan(std::move(plan));
      auto& aggregate = FindAggregate(plan)->As<LogicalAggregate>();
      auto project = std::make_unique<LogicalProject>();
      for (const BoundExprPtr& g : aggregate.groups) project->exprs.push_back(g->Clone());
      project->children.push_back(std::move(aggregate.children[0]));
      return LogicalOperatorPtr(std::move(project));
    };
    auto add = [&](const Row& row, int64_t sign) {
      Row key(row.begin(), row.begin() + static_cast<ptrdiff_t>(key_types_.size()));
      std::string bytes = GroupKeyBytes(key);
      if (additive) additive->Add(row, sign, &changes[bytes]);
      keys.emplace(std::move(bytes), std::move(key));
    };
    if (through_joins_) {
      // The core's change, then the projection over its rows.
      SignedRows core;
      LogicalOperatorPtr reference = JoinedPlan();
      const PlanPath core_path = CorePath(*reference);
      const std::vector<DataType> core_types = OutputTypes(*JoinDelta::At(reference, core_path));
      RunJoinDelta([&] { return JoinedPlan(); }, core_path,
                   [&](const Row& row, int64_t sign) {
                     (sign > 0 ? core.inserted : core.deleted).push_back(row);
                   });
      for (const bool inserted : {false, true}) {
        const std::vector<Row>& rows = inserted ? core.inserted : core.deleted;
        if (rows.empty()) continue;
        LogicalOperatorPtr plan = core_rows();
        plan->children[0] = ValuesOf(rows, core_types);
        Run(std::move(plan), refresh_.explanation ? "Group Keys of Changed Rows" : "",
            [&](const RowBatch& batch) {
              for (const Row& row : batch) add(row, inserted ? 1 : -1);
            });
      }
    } else {
      RunTerms("groups", core_rows, /*split_signs=*/additive.has_value(), add);
    }
    if (DryRun()) {
      // No keys came out: show how the touched groups would be recomputed.
      Run(GroupsPlan(std::make_shared<std::vector<Row>>(), nullptr), "Recompute Touched Groups",
          {});
      Step("Write View Rows", 0, {});
      return;
    }
    // In chunks, a group computed again from the tables as they stand is
    // final: the later chunks' changes are in it already.
    std::erase_if(keys, [&](const auto& entry) { return recomputed_.contains(entry.first); });
    if (keys.empty()) return;
    auto started = StartWriting();
    if (lock_keys_) {
      std::vector<std::string> locked;
      for (const auto& [bytes, key] : keys) locked.push_back(bytes);
      lock_keys_(locked);
    }
    if (additive) {
      // The groups whose new row follows from the stored one leave `keys`.
      std::erase_if(keys, [&](const auto& entry) {
        const auto& [bytes, key] = entry;
        std::vector<storage::LockedRow> stored = StoredRowsOf(key);
        if (stored.size() > 1) return false;
        std::optional<Row> now =
            additive->Apply(key, stored.empty() ? nullptr : &stored[0].row, changes.at(bytes));
        if (!now) return false;
        if (stored.empty()) {
          Insert(*now);
        } else if (stored[0].value != Encode(*now)) {
          Replace(stored[0], *now);
        }
        return true;
      });
      Step("Apply Aggregate Changes", inserted_ + deleted_, started);
      if (keys.empty()) return;
    }

    if (in_chunks_) {
      for (const auto& [bytes, key] : keys) recomputed_.insert(bytes);
    }

    // Those groups computed again: non-NULL keys by one join of the core
    // with them, keys holding a NULL (which `=` never matches) one by one.
    std::map<std::string, std::vector<Row>> fresh;  // view rows by key bytes
    auto collect = [&](const RowBatch& batch) {
      for (const Row& row : batch) fresh[GroupKeyBytes(KeyOf(row))].push_back(row);
    };
    auto joinable = std::make_shared<std::vector<Row>>();
    for (const auto& [bytes, key] : keys) {
      bool has_null = false;
      for (const Value& v : key) has_null = has_null || v.is_null();
      if (has_null) {
        Run(GroupsPlan(nullptr, &key), "Recompute Touched Group With a NULL Key", collect);
      } else {
        joinable->push_back(key);
      }
    }
    if (!joinable->empty()) {
      Run(GroupsPlan(std::move(joinable), nullptr), "Recompute Touched Groups", collect);
    }
    Check(refresh_.interrupt.Check());
    started = std::chrono::steady_clock::now();
    const uint64_t written_before = inserted_ + deleted_;

    // Rows of groups that changed go, then their new rows come in.
    std::vector<const std::vector<Row>*> inserts;
    for (const auto& [bytes, key] : keys) {
      std::vector<storage::LockedRow> stored = StoredRowsOf(key);
      auto found = fresh.find(bytes);
      const std::vector<Row>* now = found == fresh.end() ? nullptr : &found->second;
      if (now != nullptr && now->size() == 1 && stored.size() == 1) {
        if (stored[0].value != Encode((*now)[0])) Replace(stored[0], (*now)[0]);
        continue;
      }
      for (const storage::LockedRow& row : stored) Delete(row);
      if (now != nullptr) inserts.push_back(now);
    }
    for (const std::vector<Row>* rows : inserts) {
      for (const Row& row : *rows) Insert(row);
    }
    Step("Write View Rows", inserted_ + deleted_ - written_before, started);
  }

  std::string GroupKeyBytes(const Row& key) const {
    std::string bytes;
    for (size_t i = 0; i < key.size(); ++i) AppendGroupKey(key[i], key_types_[i], &bytes);
    return bytes;
  }

  // The view's plan restricted to some groups: its core joined to `keys`
  // on the GROUP BY expressions, or filtered by IS NOT DISTINCT FROM the
  // values of `null_key`.
  LogicalOperatorPtr GroupsPlan(RowsPtr keys, const Row* null_key) {
    LogicalOperatorPtr plan = PlanSelect(*refresh_.bind());
    auto& aggregate = FindAggregate(plan)->As<LogicalAggregate>();
    LogicalOperatorPtr core = std::move(aggregate.children[0]);
    const size_t width = OutputTypes(*core).size();
    const size_t n = aggregate.groups.size();
    std::vector<BoundExprPtr> terms;
    if (null_key != nullptr) {
      for (size_t i = 0; i < n; ++i) {
        const DataType type = aggregate.groups[i]->type;
        BoundExprPtr same =
            BoundExpr::Make(BoundExprKind::kIsDistinct, DataType::Of(TypeId::kBool), 0);
        same->negated = true;
        same->compare_type = type;
        same->children.push_back(aggregate.groups[i]->Clone());
        same->children.push_back(BoundExpr::Constant((*null_key)[i], type));
        terms.push_back(std::move(same));
      }
      auto filter = std::make_unique<LogicalFilter>();
      filter->predicate = MakeConjunction(std::move(terms));
      filter->children.push_back(std::move(core));
      aggregate.children[0] = std::move(filter);
      return plan;
    }
    auto values = std::make_unique<LogicalValues>();
    for (const BoundExprPtr& g : aggregate.groups) values->computed_types.push_back(g->type);
    values->computed = std::move(keys);
    for (size_t i = 0; i < n; ++i) {
      const DataType type = aggregate.groups[i]->type;
      BoundExprPtr equal = BoundExpr::Make(BoundExprKind::kCompare, DataType::Of(TypeId::kBool), 0);
      equal->compare_op = CompareOp::kEqual;
      equal->compare_type = type;
      equal->children.push_back(BoundExpr::Column(static_cast<int>(i), type));
      BoundExprPtr group = aggregate.groups[i]->Clone();
      ShiftColumns(*group, static_cast<int>(n));
      equal->children.push_back(std::move(group));
      terms.push_back(std::move(equal));
    }
    const std::vector<DataType> core_types = OutputTypes(*core);
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = JoinType::kInner;
    join->condition = MakeConjunction(std::move(terms));
    join->left_width = static_cast<int>(n);
    join->right_width = static_cast<int>(width);
    join->children.push_back(std::move(values));
    join->children.push_back(std::move(core));
    // The core's row again, without the key columns.
    auto project = std::make_unique<LogicalProject>();
    for (size_t c = 0; c < width; ++c) {
      project->exprs.push_back(BoundExpr::Column(static_cast<int>(n + c), core_types[c]));
    }
    project->children.push_back(std::move(join));
    aggregate.children[0] = std::move(project);
    return plan;
  }

  [[noreturn]] void ThrowDrift() const {
    throw Error(sqlstate::kInternalError,
                fmt::format("materialized view \"{}\" does not hold the rows its changes remove",
                            view_.def.name()))
        .WithHint("REFRESH it with refresh_mode = 'full' once.");
  }

  MatviewRefresh& refresh_;
  const IncrementalShape& shape_;
  const catalog::TableEntry& view_;
  storage::TableStore table_;
  const storage::IndexLayout* key_index_ = nullptr;
  std::unordered_map<Oid, ChangedRows> changed_;  // by table OID
  std::vector<std::vector<int>> branches_;        // CollectBranches' paths
  std::vector<DataType> key_types_;               // of the maintenance key's columns
  KeyLocker lock_keys_;
  std::optional<AdditiveGroups> additive_;  // kGroups views with additive aggregates
  bool through_joins_ = false;  // outer, semi or anti joins, or many changed inputs: JoinDelta
  int terms_ = 0;               // delta terms run, for their names
  std::set<Oid> inputs_done_;   // tables whose terms ran (progress)
  Oid chunked_input_ = 0;       // a changed input (Prepare)
  bool in_chunks_ = false;      // ApplyInChunks runs
  std::set<std::string> recomputed_;      // GroupKeyBytes of groups computed again in a chunk
  std::optional<DeltaShape> shape_here_;  // Shape() without kept plans
  ViewDeltaPlans plans_here_;             // KeptPlans() without the session's
  uint64_t inserted_ = 0;
  uint64_t deleted_ = 0;
};

// What one operator may hold: the budget of the changes' rows.
int64_t WorkMem(MatviewRefresh& refresh) {
  const ExecContext ctx = refresh.new_context();
  return ctx.memory != nullptr ? ctx.memory->work_mem() : INT64_MAX;
}

// A backlog past work_mem, applied a chunk at a time inside a savepoint.
// The view passes through states of its input it never held (not every
// one of them need keep a unique index on the view): a 23505 undoes the
// chunks and the refresh becomes a full one, with that reason.
std::string ApplyInChunks(MatviewRefresh& refresh, IncrementalRefresher& refresher,
                          const catalog::TableEntry& table, const ChangeLogPlace& place,
                          int64_t budget) {
  PendingChangeChunks chunks(refresh.txn, table, place);
  refresh.txn.SetSavePoint();
  try {
    refresher.ApplyInChunks(chunks, table.def.oid(), budget);
  } catch (const Error& e) {
    Check(refresh.txn.RollbackToSavePoint());
    if (e.code() != sqlstate::kUniqueViolation) throw;
    return fmt::format("a unique index on the view failed between chunks of the changes: {}",
                       e.message());
  } catch (...) {
    (void)refresh.txn.RollbackToSavePoint();
    throw;
  }
  Check(refresh.txn.ReleaseSavePoint());
  return "";
}

}  // namespace

bool ApplyOwnChanges(MatviewRefresh& refresh, const IncrementalShape& shape,
                     PendingChanges& pending, KeyLocker lock_keys, std::string* reason) {
  IncrementalRefresher refresher(refresh, shape);
  if (!refresher.Prepare(pending, reason)) return false;
  refresher.LockKeysWith(std::move(lock_keys));
  refresher.Apply();
  refresh.rows_inserted = refresher.rows_inserted();
  refresh.rows_deleted = refresher.rows_deleted();
  return true;
}

std::string RefreshIncremental(
    MatviewRefresh& refresh, const IncrementalShape& shape,
    const std::vector<std::shared_ptr<const catalog::TableEntry>>& tables) {
  const uint32_t view_oid = refresh.view->def.oid();
  ChangeLogPlace place;
  const bool has_place =
      refresh.view->def.populated() && ReadChangeLogPlace(refresh.txn, view_oid, &place);
  // A refresh committed after this transaction's snapshot (REPEATABLE
  // READ) already applied what this one would apply again.
  if (ChangeLogPlaceChangedSinceSnapshot(refresh.txn, view_oid)) {
    throw Error(sqlstate::kSerializationFailure,
                "could not serialize access due to concurrent refresh");
  }
  const auto started = std::chrono::steady_clock::now();
  if (refresh.progress) refresh.progress->phase = MatviewRefreshBoard::kReadingChanges;
  const int64_t row_budget = WorkMem(refresh);
  PendingChanges pending =
      ReadPendingChanges(refresh.txn, tables, has_place ? &place : nullptr, row_budget);
  if (refresh.progress) {
    refresh.progress->changes_total = static_cast<int64_t>(pending.records);
    refresh.progress->phase = MatviewRefreshBoard::kComputingDeltas;
  }
  if (RefreshExplanation* explanation = refresh.explanation) {
    for (const auto& table : tables) {
      const TableChanges& changes = pending.tables[table->def.oid()];
      explanation->pending.push_back({.name = table->def.name(),
                                      .records = changes.records,
                                      .rows_deleted = changes.deleted_count,
                                      .rows_inserted = changes.inserted_count,
                                      .truncated = changes.truncated});
    }
    explanation->AddStep("Read Changes", "", pending.records, started);
  }
  const bool dry_run = refresh.explanation && refresh.explanation->dry_run();
  std::string full_reason;
  if (!has_place) full_reason = "first population";
  for (const auto& table : tables) {
    auto known = place.relations.find(table->def.oid());
    if (has_place &&
        (known == place.relations.end() || known->second != table->def.relation_id())) {
      full_reason = fmt::format("\"{}\" was truncated or rewritten", table->def.name());
    }
  }
  // Nothing to apply: the stored place stays right, and nothing is written.
  if (full_reason.empty() && pending.records == 0) return "";
  // The cost rule: past a share of the view's rows, recomputing is cheaper
  // than following the changes.
  const uint64_t threshold = 1000 + place.view_rows / 4;
  if (full_reason.empty() && pending.records > threshold) {
    full_reason = fmt::format("{} changes, more than {}", pending.records, threshold);
  }
  IncrementalRefresher refresher(refresh, shape);
  if (full_reason.empty()) refresher.Prepare(pending, &full_reason);
  if (full_reason.empty()) {
    if (pending.rows_kept) {
      refresher.Apply();
    } else {
      auto changed = std::find_if(tables.begin(), tables.end(), [&](const auto& table) {
        return table->def.oid() == refresher.chunked_input();
      });
      if (changed != tables.end()) {
        full_reason = ApplyInChunks(refresh, refresher, **changed, place, row_budget);
      }
    }
  }
  if (!full_reason.empty()) {
    RefreshFull(refresh, /*populate=*/true);
    pending.next.view_rows = refresh.rows_inserted;
  } else {
    if (refresh.progress) refresh.progress->changes_done = pending.records;
    refresh.rows_inserted = refresher.rows_inserted();
    refresh.rows_deleted = refresher.rows_deleted();
    pending.next.view_rows = place.view_rows + refresh.rows_inserted - refresh.rows_deleted;
  }
  if (dry_run) return full_reason;
  WriteChangeLogPlace(refresh.txn, view_oid, pending.next);
  // Under snapshot isolation two refreshes removing the same records would
  // fail each other (40001); a READ COMMITTED refresh collects them later.
  if (!refresh.collect_changes) return full_reason;
  for (const auto& table : tables) {
    const uint64_t applied =
        AppliedByAllViews(refresh.txn, *table, view_oid, pending.next, refresh.collect_limit);
    DeleteChanges(refresh.txn, *table, has_place ? place.watermark : 0, applied);
  }
  return full_reason;
}

}  // namespace basalt::sql
