// WITH: common table expressions. Each reference to a CTE binds its query
// again as a subquery in FROM, sharing the CTE's CteUse, which counts the
// references; the planner then expands each reference or computes the
// query once for all of them (CteUse). The first reference takes the
// binding made when the WITH clause was checked. WITH RECURSIVE's
// self-reference is a work table.
#include <fmt/format.h>

#include "common/stack_depth.h"
#include "sql/binder/bind_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coerce.h"

namespace basalt::sql {

namespace {

bool MayRecurse(const ast::SelectStmt& query) {
  // Only UNION [ALL] can be recursive: its right side may read the CTE.
  return query.set_operation == ast::SetOperation::kUnion;
}

}  // namespace

// Restores the CTE frames (and the visibility of the frame bound in) when a
// CTE's query has been bound.
class Binder::CteVisibility {
 public:
  CteVisibility(Binder* binder, size_t frame, size_t visible)
      : binder_(binder), saved_(binder->cte_frames_) {
    binder->cte_frames_.resize(frame + 1);
    binder->cte_frames_[frame].visible = visible;
  }
  ~CteVisibility() { binder_->cte_frames_ = std::move(saved_); }
  CteVisibility(const CteVisibility&) = delete;
  CteVisibility& operator=(const CteVisibility&) = delete;

 private:
  Binder* binder_;
  std::vector<CteFrame> saved_;
};

std::vector<BoundCte> Binder::PushCtes(const ast::SelectStmt& select, const Scope& scope) {
  return PushCtes(select.with, select.with_recursive, scope);
}

std::vector<BoundCte> Binder::PushCtes(const std::vector<ast::CommonTableExpr>& with,
                                       bool recursive, const Scope& scope) {
  auto frame = std::make_shared<CteFrameData>();
  frame->recursive = recursive;
  for (const ast::CommonTableExpr& cte : with) {
    for (const CteDefinition& other : frame->ctes) {
      if (other.ast->name == cte.name) {
        ThrowAt(sqlstate::kDuplicateAlias,
                fmt::format("WITH query name \"{}\" specified more than once", cte.name),
                cte.position);
      }
    }
    auto use = std::make_shared<CteUse>();
    use->id = next_cte_id_++;
    use->materialized = cte.materialized == ast::CommonTableExpr::Materialized::kYes
                            ? BoundCte::Materialized::kYes
                        : cte.materialized == ast::CommonTableExpr::Materialized::kNo
                            ? BoundCte::Materialized::kNo
                            : BoundCte::Materialized::kDefault;
    frame->ctes.push_back(CteDefinition{&cte, nullptr, std::move(use)});
  }
  cte_frames_.push_back(CteFrame{frame, 0});
  const size_t index = cte_frames_.size() - 1;
  // Bind each one now, in order (each sees those before it), so an unused
  // CTE's errors are raised too; the first reference uses this binding.
  std::vector<BoundCte> kept;
  for (size_t i = 0; i < frame->ctes.size(); ++i) {
    frame->ctes[i].first_binding = BindCteQuery(index, i, scope);
    if (keep_with_clauses_) {
      const ast::CommonTableExpr& cte = with[i];
      ScopedFlag uncounted(counting_cte_references_, false);
      kept.push_back(BoundCte{cte.name, cte.columns, frame->ctes[i].use->materialized,
                              BindCteQuery(index, i, scope, /*named=*/false)});
    }
    cte_frames_[index].visible = i + 1;
  }
  return kept;
}

std::unique_ptr<BoundSelect> Binder::BindCteQuery(size_t frame_index, size_t cte_index,
                                                  const Scope& scope, bool named) {
  CheckStackDepth();
  const CteFrame& frame = cte_frames_[frame_index];
  const ast::CommonTableExpr& cte = *frame.data->ctes[cte_index].ast;
  std::unique_ptr<BoundSelect> bound;
  if (frame.data->recursive && MayRecurse(*cte.query)) {
    bound = BindRecursiveCte(frame_index, cte_index, scope);
  }
  if (bound == nullptr) {
    CteVisibility visibility(this, frame_index, cte_index);
    ScopedFlag resolve(resolve_unknowns_, true);
    bound = BindSelect(*cte.query, scope.parent, scope.outer_values);
  }
  if (cte.columns.size() > bound->columns.size()) {
    ThrowAt(sqlstate::kInvalidColumnReference,
            fmt::format("WITH query \"{}\" has {} columns available but {} columns specified",
                        cte.name, bound->columns.size(), cte.columns.size()),
            cte.position);
  }
  if (!named) return bound;
  for (size_t c = 0; c < cte.columns.size(); ++c) bound->columns[c].name = cte.columns[c];
  return bound;
}

std::unique_ptr<BoundSelect> Binder::BindRecursiveCte(size_t frame_index, size_t cte_index,
                                                      const Scope& scope) {
  const ast::CommonTableExpr& cte = *cte_frames_[frame_index].data->ctes[cte_index].ast;
  const ast::SelectStmt& query = *cte.query;
  auto operation = std::make_unique<BoundSetOperation>();
  operation->kind = BoundSetOperation::Kind::kUnion;
  operation->all = query.set_all;
  operation->recursive = true;
  operation->work_table_id = next_work_table_id_++;
  {
    CteVisibility visibility(this, frame_index, cte_index);
    ScopedFlag resolve(resolve_unknowns_, true);
    operation->left = BindSelect(*query.left, scope.parent, scope.outer_values);
  }
  BoundSelect& left = *operation->left;
  WorkTable work{operation->work_table_id, cte.name, {}, false};
  for (size_t c = 0; c < left.columns.size(); ++c) {
    work.columns.push_back(left.columns[c]);
    if (c < cte.columns.size()) work.columns.back().name = cte.columns[c];
  }
  {
    CteVisibility visibility(this, frame_index, cte_index);
    ScopedFlag resolve(resolve_unknowns_, true);
    work_tables_.push_back(&work);
    try {
      operation->right = BindSelect(*query.right, scope.parent, scope.outer_values);
    } catch (...) {
      work_tables_.pop_back();
      throw;
    }
    work_tables_.pop_back();
  }
  // A UNION whose right side never reads the CTE is no recursion: bind it
  // as the plain query it is.
  if (!work.referenced) return nullptr;
  BoundSelect& right = *operation->right;
  if (right.columns.size() != left.columns.size()) {
    ThrowAt(sqlstate::kSyntaxError, "each UNION query must have the same number of columns",
            query.right->position);
  }
  auto out = std::make_unique<BoundSelect>();
  for (size_t c = 0; c < left.columns.size(); ++c) {
    const DataType type = left.columns[c].type;
    if (right.columns[c].type != type) {
      std::optional<DataType> common = CommonType(type, right.columns[c].type);
      if (!common || common->id != type.id) {
        throw Error(sqlstate::kDatatypeMismatch,
                    fmt::format("recursive query \"{}\" column {} has type {} in non-recursive "
                                "term but type {} overall",
                                cte.name, c + 1, TypeNameForMessage(type),
                                TypeNameForMessage(common ? *common : right.columns[c].type)))
            .WithHint("Cast the output of the non-recursive term to the correct type.")
            .WithPosition(left.targets[c]->position);
      }
      right.targets[c] = CoerceOrThrow(std::move(right.targets[c]), type, CastContext::kImplicit);
      right.columns[c].type = type;
    }
    out->targets.push_back(BoundExpr::Column(static_cast<int>(c), type));
    out->columns.push_back(ResultColumn{left.columns[c].name, type, 0, 0});
  }
  out->set_operation = std::move(operation);
  return out;
}

std::unique_ptr<BoundTableRef> Binder::BindCteReference(const ast::BaseTableRef& ref, Scope& scope,
                                                        int* next_column) {
  if (!ref.name.schema.empty()) return nullptr;
  auto out = std::make_unique<BoundTableRef>();
  std::vector<ResultColumn> columns;
  bool found = false;
  // A recursive CTE's reference to itself, while its recursive term binds.
  for (auto it = work_tables_.rbegin(); it != work_tables_.rend() && !found; ++it) {
    if ((*it)->name != ref.name.name) continue;
    found = true;
    (*it)->referenced = true;
    out->kind = BoundTableRef::Kind::kWorkTable;
    out->cte_name = ref.name.name;
    out->work_table_id = (*it)->id;
    columns = (*it)->columns;
    for (const ResultColumn& c : columns) out->work_table_types.push_back(c.type);
  }
  for (size_t f = cte_frames_.size(); f-- > 0 && !found;) {
    CteFrameData& frame = *cte_frames_[f].data;
    for (size_t i = 0; i < cte_frames_[f].visible && !found; ++i) {
      if (frame.ctes[i].ast->name != ref.name.name) continue;
      found = true;
      out->kind = BoundTableRef::Kind::kSubquery;
      out->cte_name = ref.name.name;
      if (frame.ctes[i].first_binding != nullptr) {
        out->subquery = std::move(frame.ctes[i].first_binding);
      } else {
        ScopedFlag uncounted(counting_cte_references_, false);
        out->subquery = BindCteQuery(f, i, scope);
      }
      out->cte = frame.ctes[i].use;
      if (counting_cte_references_) ++out->cte->references;
      columns = out->subquery->columns;
    }
  }
  if (!found) {
    if (ResolveTable(ref.name, /*missing_ok=*/true) != nullptr) return nullptr;
    for (const CteFrame& frame : cte_frames_) {
      for (const CteDefinition& cte : frame.data->ctes) {
        if (cte.ast->name != ref.name.name) continue;
        throw Error(sqlstate::kUndefinedTable,
                    fmt::format("relation \"{}\" does not exist", ref.name.name))
            .WithDetail(fmt::format("There is a WITH item named \"{}\", but it cannot be "
                                    "referenced from this part of the query.",
                                    ref.name.name))
            .WithHint(
                "Use WITH RECURSIVE, or re-order the WITH items to remove forward "
                "references.")
            .WithPosition(ref.position);
      }
    }
    return nullptr;
  }
  out->width = static_cast<int>(columns.size());
  AddQueryItem(ref.alias.name.empty() ? ref.name.name : ref.alias.name, columns, ref.alias, scope,
               next_column);
  out->alias = ref.alias.name;
  for (const ScopeColumn& c : scope.items.back().columns) out->column_names.push_back(c.name);
  return out;
}

}  // namespace basalt::sql
