// SPDX-License-Identifier: Apache-2.0
// Registrars for what a plugin stores: entity types, migrations, demo data.
#pragma once

#include "orbita/sdk/records.hpp"
#include "orbita/sdk/result.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace orbita::sdk {

/// @brief Adds entity types declared in JSON (the format of `schemas/entity.schema.json`,
/// the same as `*.entity.json` files). Use only inside Plugin::initialize. The
/// declaration is checked when you add it (an invalid one returns an Error listing every
/// problem); the type and its table are created only when `initialize` succeeds. The type
/// is owned by your plugin; a name already taken fails your plugin naming the owner.
class EntityRegistrar {
public:
    virtual ~EntityRegistrar() = default;
    /// @brief Stages one entity type.
    virtual Result<void> add(const nlohmann::json& declaration) = 0;
};

/// @brief A schema change of your plugin for tables that are not entity types (entity
/// types get their tables from their declarations). `name` is "NNNN_words"; the kernel
/// records it as "<plugin id>/<name>", applies each once, in name order, in a
/// transaction of its own, and refuses to start on a database holding a newer one.
struct Migration {
    std::string name;                     ///< e.g. "0001_create_visit_log"
    std::string description;              ///< one line for operators
    std::vector<std::string> sqlite;      ///< statements for SQLite
    std::vector<std::string> postgresql;  ///< statements for PostgreSQL
};

/// @brief Adds migrations. Use only inside Plugin::initialize; they run when
/// `initialize` succeeds, before your routes become reachable.
class MigrationRegistrar {
public:
    virtual ~MigrationRegistrar() = default;
    /// @brief Stages one migration; a malformed name returns an Error.
    virtual Result<void> add(Migration migration) = 0;
};

/// @brief Demo content of your plugin, installed by `orbita demo-data` after the
/// kernel's own demo company. `install` runs as the system actor "system:demo-data", in
/// a database transaction of its own: when it returns an Error or throws, everything it
/// wrote is rolled back and the failure is reported with your plugin id (other plugins'
/// demo data is unaffected). It must be idempotent (check before you create).
struct DemoData {
    std::string description;
    std::function<Result<void>(Records& records)> install;
};

/// @brief Adds demo data providers. Use only inside Plugin::initialize.
class DemoDataRegistrar {
public:
    virtual ~DemoDataRegistrar() = default;
    /// @brief Stages one provider.
    virtual Result<void> add(DemoData demo) = 0;
};

}  // namespace orbita::sdk
