// SPDX-License-Identifier: Apache-2.0
// Checks a plugin's staged registrations against everything already live, then commits.
#pragma once

#include "plugins/plugin_catalog.hpp"
#include "plugins/plugin_faults.hpp"
#include "plugins/service_directory.hpp"
#include "plugins/staged_registrations.hpp"

#include <functional>
#include <string>
#include <vector>

namespace orbita::kernel {
namespace http {
class Router;
}
namespace entity {
class TypeRegistry;
}
namespace acl {
class PermissionRegistry;
}
namespace events {
class EventBus;
}
namespace records {
class RecordRepository;
}
namespace storage {
class Database;
}
}  // namespace orbita::kernel

namespace orbita::kernel::plugins {

/// The kernel services a commit writes into.
struct CommitTargets {
    http::Router& router;
    entity::TypeRegistry& types;
    acl::PermissionRegistry& permissions;
    events::EventBus& events;
    records::RecordRepository& records;
    storage::Database& database;
    PluginCatalog& catalog;
    PluginFaults& faults;
    /// Registers an entity type declaration owned by the plugin and creates its table.
    std::function<void(const nlohmann::json& declaration, const std::string& owner)> add_entity_type;
    /// What PluginContext::constants() hands out (lives as long as the kernel).
    const sdk::Constants* constants = nullptr;
    /// Where provided services go; set by the PluginHost, which owns it.
    ServiceDirectory* services = nullptr;
};

/// All-or-nothing for the in-memory registries: `conflicts` lists every clash with a
/// live registration (naming both owners) so the host can refuse the plugin before
/// anything is touched; `commit` then applies migrations and entity tables first (the
/// steps that can fail on the database) and the registries after.
class RegistrationCommitter {
public:
    explicit RegistrationCommitter(CommitTargets targets) : t_(std::move(targets)) {}

    std::vector<std::string> conflicts(const StagedRegistrations& staged, const std::string& owner) const;
    void commit(StagedRegistrations& staged, const std::string& owner);

private:
    void apply_migrations(const std::vector<sdk::Migration>& migrations, const std::string& owner);
    CommitTargets t_;
};

}  // namespace orbita::kernel::plugins
