#include "sql/execution/deferred_constraints.h"

#include <utility>

#include "sql/execution/unique_keys.h"

namespace basalt::sql {

bool DeferredConstraints::IsDeferred(Oid constraint, bool deferrable,
                                     bool initially_deferred) const {
  if (!deferrable) return false;
  auto named = named_.find(constraint);
  if (named != named_.end()) return named->second;
  return all_.value_or(initially_deferred);
}

bool DeferredConstraints::IsDeferred(const catalog::proto::Constraint& c) const {
  return IsDeferred(c.oid(), c.deferrable(), c.initially_deferred());
}

bool DeferredConstraints::IsDeferred(const catalog::proto::Index& index) const {
  return IsDeferred(index.oid(), index.deferrable(), index.initially_deferred());
}

void DeferredConstraints::SetAll(bool deferred) {
  all_ = deferred;
  named_.clear();
}

void DeferredConstraints::Set(Oid constraint, bool deferred) {
  named_[constraint] = deferred;
}

void DeferredConstraints::AddReferencingKey(const ForeignKey& fk, Row key) {
  Add(fk, std::move(key), Kind::kReferencing);
}

void DeferredConstraints::AddReferencedKey(const ForeignKey& fk, Row key) {
  Add(fk, std::move(key), Kind::kReferenced);
}

void DeferredConstraints::Add(const ForeignKey& fk, Row key, Kind kind) {
  pending_.push_back(Pending{.kind = kind,
                             .table = fk.child->def.oid(),
                             .constraint = fk.def->oid(),
                             .initially_deferred = fk.def->initially_deferred(),
                             .key = std::move(key)});
}

void DeferredConstraints::AddUniqueKey(const catalog::TableEntry& table,
                                       const catalog::proto::Index& index, Row key) {
  pending_.push_back(Pending{.kind = Kind::kUnique,
                             .table = table.def.oid(),
                             .constraint = index.oid(),
                             .initially_deferred = index.initially_deferred(),
                             .key = std::move(key)});
}

void DeferredConstraints::CheckPending(ExecContext& ctx, bool all) {
  std::vector<Pending> due;
  std::vector<Pending> still_deferred;
  for (Pending& pending : pending_) {
    const bool deferred = IsDeferred(pending.constraint, true, pending.initially_deferred);
    (all || !deferred ? due : still_deferred).push_back(std::move(pending));
  }
  pending_ = std::move(still_deferred);
  std::map<Oid, std::optional<ForeignKey>> foreign_keys;
  for (const Pending& pending : due) {
    ctx.CheckForInterrupts();
    Check(pending, ctx, foreign_keys);
  }
}

void DeferredConstraints::Check(const Pending& pending, ExecContext& ctx,
                                std::map<Oid, std::optional<ForeignKey>>& foreign_keys) {
  // The table and constraint as the catalog has them now: either may have
  // been dropped since the key was queued.
  if (pending.kind == Kind::kUnique) {
    std::shared_ptr<const catalog::TableEntry> table =
        ctx.catalog->TableByOid(ctx.database_oid, pending.table);
    for (int i = 0; table != nullptr && i < table->def.indexes_size(); ++i) {
      if (table->def.indexes(i).oid() != pending.constraint) continue;
      const storage::IndexLayout& index = table->layout.indexes[static_cast<size_t>(i)];
      if (index.deferrable_unique) CheckUniqueKey(*table, index, pending.key, ctx);
    }
    return;
  }
  auto [resolved, added] = foreign_keys.try_emplace(pending.constraint);
  if (added) {
    std::shared_ptr<const catalog::TableEntry> table =
        ctx.catalog->TableByOid(ctx.database_oid, pending.table);
    for (ForeignKey& fk :
         table != nullptr ? ForeignKeysOf(table, ctx) : std::vector<ForeignKey>{}) {
      if (fk.def->oid() == pending.constraint) resolved->second = std::move(fk);
    }
  }
  if (!resolved->second) return;
  const ForeignKey& fk = *resolved->second;
  const bool referenced = pending.kind == Kind::kReferenced;
  // A child's parent is locked FOR KEY SHARE, as at a statement's end.
  if (ParentKeyExists(fk, pending.key, ctx, /*lock=*/!referenced)) return;
  if (FindReferencingRows(fk, {pending.key}, ctx).empty()) return;
  if (referenced) ThrowStillReferenced(fk, pending.key);
  ThrowMissingParent(fk, pending.key);
}

void DeferredConstraints::RollbackTo(const Mark& mark) {
  if (pending_.size() > mark.pending) pending_.resize(mark.pending);
  all_ = mark.all;
  named_ = mark.named;
}

void DeferredConstraints::Clear() {
  pending_.clear();
  all_.reset();
  named_.clear();
}

}  // namespace basalt::sql
