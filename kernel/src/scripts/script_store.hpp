// SPDX-License-Identifier: Apache-2.0
// Stored Lua scripts and their versions.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::storage {
class Database;
}

namespace orbita::kernel::scripts {

/// One row of `scripts`.
struct StoredScript {
    std::int64_t id = 0;
    std::string name;         ///< "constants", "bookmarks.util", "robots/remind_manager"
    std::string kind;         ///< script, robot, condition, process, module, constants
    std::string description;
    std::string source;
    std::int64_t version = 0;
    bool enabled = true;
    std::string origin;       ///< "kernel", a plugin id, or "admin"
    bool edited = false;      ///< an administrator changed a shipped default
    std::string created_at, updated_at;

    nlohmann::json to_json(bool with_source) const;
};

/// The `scripts` and `script_versions` tables. Every change of the source adds a
/// version with its author, time and a unified diff against the previous version.
/// Validation of names and kinds happens here; compiling is the caller's business
/// (ScriptService), since it needs the Lua runtime.
class ScriptStore {
public:
    ScriptStore(storage::Database& db, const Clock& clock);

    static const std::vector<std::string>& kinds();
    /// Lower-case letters, digits and _ . / - ; starts with a letter or digit; at most 120.
    static bool valid_name(const std::string& name);

    std::vector<StoredScript> list();
    std::optional<StoredScript> find(std::int64_t id);
    std::optional<StoredScript> find_by_name(const std::string& name);
    /// Enabled scripts of `kind` ("module"), by name.
    std::vector<StoredScript> of_kind(const std::string& kind);

    /// Adds a script (version 1). 409 when the name is taken; 422 for a bad name or kind.
    StoredScript create(const Actor& actor, const std::string& name, const std::string& kind,
                        const std::string& description, const std::string& source, const std::string& origin);
    /// Changes what is given; a new source makes a new version. `mark_edited` records
    /// that an administrator (not a defaults install) made the change.
    StoredScript update(const Actor& actor, std::int64_t id, const std::optional<std::string>& source,
                        const std::optional<std::string>& description, std::optional<bool> enabled, bool mark_edited);
    /// The source of version `version` of script `id`, if both exist (a durable
    /// process keeps running the version it started with).
    std::optional<std::string> source_at(std::int64_t id, std::int64_t version);
    /// Versions of a script, newest first, with diffs (and sources when asked).
    nlohmann::json versions(std::int64_t id);

private:
    StoredScript require(std::int64_t id);

    storage::Database& db_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::scripts
