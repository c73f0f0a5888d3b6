// Engine::Open and Connect: the catalog is opened once per process; each
// connection gets a SessionImpl (session_impl.h).
#include "sql/engine.h"

#include <fmt/format.h>

#include "catalog/catalog.h"
#include "sql/session_impl.h"
#include "sql/startup_options.h"

namespace basalt::sql {

namespace {

class EngineImpl : public Engine {
 public:
  EngineImpl(storage::KvStore& store, std::unique_ptr<catalog::Catalog> catalog)
      : store_(store), catalog_(std::move(catalog)) {}

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
    const catalog::proto::Database* db = snapshot->FindDatabase(database);
    if (db == nullptr) {
      return Status::Error(sqlstate::kInvalidCatalogName,
                           fmt::format("database \"{}\" does not exist", database));
    }
    auto session = std::make_unique<SessionImpl>(store_, *catalog_, role->oid(), role->name(),
                                                 role->superuser(), db->oid(), db->name(),
                                                 std::move(interrupt), process_id, &refresh_board_);
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
  storage::KvStore& store_;
  std::unique_ptr<catalog::Catalog> catalog_;
  MatviewRefreshBoard refresh_board_;
};

}  // namespace

Result<std::unique_ptr<Engine>> Engine::Open(storage::KvStore& store) {
  BASALT_ASSIGN_OR_RETURN(std::unique_ptr<catalog::Catalog> catalog, catalog::Catalog::Open(store));
  return std::unique_ptr<Engine>(std::make_unique<EngineImpl>(store, std::move(catalog)));
}

}  // namespace basalt::sql
