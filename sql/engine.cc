// Engine::Open and Connect: the catalog is opened once per process; each
// connection gets a SessionImpl (session_impl.h).
#include "sql/engine.h"

#include <mutex>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "catalog/catalog.h"
#include "catalog/oids.h"
#include "sql/activity_counts.h"
#include "sql/backend_activity.h"
#include "sql/commands/auto_analyze.h"
#include "sql/commands/matview/auto_refresh.h"
#include "sql/discarding_result_sink.h"
#include "sql/execution/index_predicate.h"
#include "sql/session_impl.h"
#include "sql/startup_options.h"

namespace basalt::sql {

namespace {

class EngineImpl : public Engine {
 public:
  EngineImpl(storage::KvStore& store, std::unique_ptr<catalog::Catalog> catalog)
      : store_(store), catalog_(std::move(catalog)) {}
  ~EngineImpl() override {
    analyzer_.reset();
    refresher_.reset();
    // No session is left to hand out values.
    if (Status s = sequence_values_.StoreExactStates(); !s.ok()) {
      spdlog::warn("could not store the sequences' exact values: {}", s.message());
    }
  }

  void StartAutoRefresh(const AutoRefreshSettings& settings) override {
    refresher_ = std::make_unique<AutoRefresher>(
        store_, *catalog_, refresh_board_,
        [this](Oid database, Oid role, std::shared_ptr<Interrupt> interrupt, std::string_view sql) {
          RunInBackground(database, role, std::move(interrupt), sql, "basalt auto refresh");
        },
        settings);
  }

  void StartAutoAnalyze(const AutoAnalyzeSettings& settings) override {
    analyzer_ = std::make_unique<AutoAnalyzer>(
        *catalog_,
        [this](Oid database, Oid role, std::shared_ptr<Interrupt> interrupt, std::string_view sql) {
          RunInBackground(database, role, std::move(interrupt), sql, "basalt auto analyze");
        },
        settings);
  }

  void SetTerminateHandler(std::function<void(int32_t pid)> handler) override {
    activity_board_.SetTerminateHandler(std::move(handler));
  }

  std::optional<LoginRole> FindLoginRole(std::string_view name) override {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = catalog_->Current();
    const catalog::proto::Role* role = snapshot->FindRole(name);
    if (role == nullptr) return std::nullopt;
    return LoginRole{role->password(), catalog::RoleValidUntil(*role)};
  }

  Result<std::unique_ptr<Session>> Connect(
      std::string_view user, std::string_view database,
      const std::vector<std::pair<std::string, std::string>>& startup_parameters,
      std::shared_ptr<Interrupt> interrupt, int32_t process_id) override {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = catalog_->Current();
    const catalog::proto::Role* role = snapshot->FindRole(user);
    if (role == nullptr || !role->can_login()) {
      return Status::Error(sqlstate::kInvalidAuthorizationSpecification,
                           role == nullptr
                               ? fmt::format("role \"{}\" does not exist", user)
                               : fmt::format("role \"{}\" is not permitted to log in", user));
    }
    // Counts this session against the role's CONNECTION LIMIT until it ends.
    std::shared_ptr<void> slot = TakeRoleSlot(*role);
    if (slot == nullptr) {
      return Status::Error(sqlstate::kTooManyConnections,
                           fmt::format("too many connections for role \"{}\"", user));
    }
    const catalog::proto::Database* db = snapshot->FindDatabase(database);
    if (db == nullptr) {
      return Status::Error(sqlstate::kInvalidCatalogName,
                           fmt::format("database \"{}\" does not exist", database));
    }
    if (!catalog::oids::DatabaseAllowsConnections(db->oid())) {
      return Status::Error(
          sqlstate::kObjectNotInPrerequisiteState,
          fmt::format("database \"{}\" is not currently accepting connections", database));
    }
    auto session = std::make_unique<SessionImpl>(
        store_, *catalog_, role->oid(), role->name(), role->superuser(), db->oid(), db->name(),
        std::move(interrupt), process_id, &refresh_board_, &sequence_values_);
    session->JoinActivityBoard(&activity_board_, "client backend");
    ServerActivityCounts().AddSession(db->oid());
    session->set_role_slot(std::move(slot));
    // The role's ALTER ROLE ... SET defaults first: the client's startup
    // parameters override them. A value that no longer applies is skipped,
    // as PostgreSQL only warns about it.
    for (const catalog::proto::RoleSetting& setting : role->settings()) {
      (void)session->settings().SetSessionDefault(setting.name(), setting.value());
    }
    // `options` first: the other keys override it, as in PostgreSQL. Its
    // settings must exist (42704), unlike the keys drivers send as extras.
    for (const auto& [key, options] : startup_parameters) {
      if (key != "options") continue;
      BASALT_ASSIGN_OR_RETURN(auto settings, ParseStartupOptions(options));
      for (const auto& [name, value] : settings) {
        Result<std::string> set = session->settings().SetSessionDefault(name, value);
        if (!set.ok() && set.status().code() != "55P02") return set.status();
      }
    }
    for (const auto& [name, value] : startup_parameters) {
      // Connection-level keys (user, database, options, replication) are not
      // settings; unknown settings are ignored as drivers send extras.
      if (!Settings::CanonicalName(name) || name.find('.') != std::string::npos) continue;
      Result<std::string> set = session->settings().SetSessionDefault(name, value);
      if (!set.ok() && set.status().code() != "55P02") return set.status();
    }
    return std::unique_ptr<Session>(std::move(session));
  }

 private:
  // Runs `sql` in a session of `role` on `database` that no client sees
  // (the automatic refresher's and analyzer's): no login checks, results
  // dropped.
  void RunInBackground(Oid database, Oid role, std::shared_ptr<Interrupt> interrupt,
                       std::string_view sql, std::string_view application_name) {
    std::shared_ptr<const catalog::CatalogSnapshot> snapshot = catalog_->Current();
    const catalog::proto::Role* r = snapshot->RoleByOid(role);
    const catalog::proto::Database* db = nullptr;
    for (const catalog::proto::Database* d : snapshot->Databases()) {
      if (d->oid() == database) db = d;
    }
    if (r == nullptr || db == nullptr) {
      throw Error(sqlstate::kUndefinedObject, "the relation's owner or database no longer exists");
    }
    SessionImpl session(store_, *catalog_, r->oid(), r->name(), r->superuser(), db->oid(),
                        db->name(), std::move(interrupt), 0, &refresh_board_, &sequence_values_);
    (void)session.settings().SetSessionDefault("application_name", application_name);
    session.JoinActivityBoard(&activity_board_, "background worker");
    session.MarkMaintenanceWorker();
    DiscardingResultSink sink;
    session.ExecuteSimpleQuery(sql, sink);
  }

  // A token held by each session of `role`; null when the role's
  // CONNECTION LIMIT is reached (superusers have none, as in PostgreSQL).
  std::shared_ptr<void> TakeRoleSlot(const catalog::proto::Role& role) {
    const int32_t limit = catalog::RoleConnectionLimit(role);
    const Oid oid = role.oid();
    {
      std::lock_guard lock(sessions_mutex_);
      int& count = sessions_per_role_[oid];
      if (limit >= 0 && !role.superuser() && count >= limit) return nullptr;
      ++count;
    }
    return std::shared_ptr<void>(static_cast<void*>(this), [this, oid](void*) {
      std::lock_guard lock(sessions_mutex_);
      if (--sessions_per_role_[oid] == 0) sessions_per_role_.erase(oid);
    });
  }

  storage::KvStore& store_;
  std::unique_ptr<catalog::Catalog> catalog_;
  MatviewRefreshBoard refresh_board_;
  ActivityBoard activity_board_;  // before the sessions (the refresher's too) on it
  storage::SequenceValues sequence_values_{store_};
  std::mutex sessions_mutex_;
  std::unordered_map<Oid, int> sessions_per_role_;  // GUARDED_BY(sessions_mutex_)
  std::unique_ptr<AutoRefresher> refresher_;        // after what its sessions use
  std::unique_ptr<AutoAnalyzer> analyzer_;          // likewise
};

}  // namespace

Result<std::unique_ptr<Engine>> Engine::Open(storage::KvStore& store) {
  InstallIndexPredicateCompiler();
  BASALT_ASSIGN_OR_RETURN(std::unique_ptr<catalog::Catalog> catalog, catalog::Catalog::Open(store));
  return std::unique_ptr<Engine>(std::make_unique<EngineImpl>(store, std::move(catalog)));
}

Status SetServerDefaultSetting(std::string_view name, std::string_view value) {
  return Settings::SetServerDefault(name, value);
}

}  // namespace basalt::sql
