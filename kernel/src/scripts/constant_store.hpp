// SPDX-License-Identifier: Apache-2.0
// Global constants: typed, validated, versioned; read by scripts and plugins.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::storage {
class Database;
}
namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::scripts {

/// A constant as a defaults file declares it.
struct ConstantDefinition {
    std::string name;
    std::string type;
    nlohmann::json value;
    std::string label;
    std::string description;
};

/// The `constants` table and its history. Every write is checked against the
/// constant's type (ConstantType) and, for users and records, against the database;
/// a wrong value is a 422 naming the constant and the expected shape. Each change adds
/// a row to `constant_versions` (who, when, type, value).
///
/// Scripts read constants at every `const.NAME`, so values are served from a snapshot
/// that a write through this process replaces at once; changes made by another node
/// are seen within kRefresh.
class ConstantStore {
public:
    static constexpr std::chrono::seconds kRefresh{2};

    ConstantStore(storage::Database& db, records::RecordRepository& records, const Clock& clock);

    /// Every constant with its metadata, by name.
    nlohmann::json list();
    /// One constant with its metadata; 404 when there is none.
    nlohmann::json get(const std::string& name);
    /// Creates or changes constant `name` from {"type", "value", "label"?, "description"?}
    /// (type may be left out when the constant exists). Marks it edited, so later
    /// defaults never overwrite it. 422 for a bad name, type or value.
    nlohmann::json put(const Actor& actor, const std::string& name, const nlohmann::json& body);
    /// The versions of a constant, newest first.
    nlohmann::json versions(const std::string& name);

    /// The value scripts and plugins read (durations in seconds), or nullopt.
    std::optional<nlohmann::json> value(const std::string& name);
    /// The type name of a constant, or nullopt.
    std::optional<std::string> type_of(const std::string& name);

    /// Installs defaults declared by `origin` ("kernel" or a plugin id): missing
    /// constants are created; ones this origin installed and nobody edited follow the
    /// new declaration; edited ones are left alone. Invalid declarations are skipped
    /// and described in the answer.
    std::vector<std::string> install_defaults(const std::vector<ConstantDefinition>& definitions,
                                              const std::string& origin);

private:
    struct Entry {
        std::string type;
        nlohmann::json exposed;
    };
    using Snapshot = std::map<std::string, Entry>;
    std::shared_ptr<const Snapshot> snapshot();
    void invalidate();
    /// Field errors of a value of `type` (shape and existence); empty when valid.
    std::optional<std::string> check_value(const std::string& name, const std::string& type, const nlohmann::json& value);
    void write_version(const std::string& name, std::int64_t version, const std::string& type, const nlohmann::json& value,
                       const Actor& actor);

    storage::Database& db_;
    records::RecordRepository& records_;
    const Clock& clock_;
    std::mutex mutex_;
    std::shared_ptr<const Snapshot> snapshot_;
    std::chrono::steady_clock::time_point loaded_{};
};

}  // namespace orbita::kernel::scripts
