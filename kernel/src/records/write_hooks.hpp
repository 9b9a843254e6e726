// SPDX-License-Identifier: Apache-2.0
// Rules other modules (plugins) attach to an entity type's writes.
#pragma once

#include "core/actor.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace orbita::kernel::records {

/// A create or update as a write hook sees it, inside the write transaction.
struct HookedWrite {
    const std::string& type;
    std::optional<std::int64_t> id;    ///< empty for a create
    const nlohmann::json& old_record;  ///< the stored record before an update; null for a create
    nlohmann::json& body;              ///< the input (create body or patch); a hook may normalise it
};

/// The write hooks of every type. RecordRepository runs them inside the transaction
/// of each create and update, so every path that writes records (REST, plugins, Lua,
/// robots, imports) obeys the same rules. A hook refuses a write by throwing Problem.
/// Hooks are added while the kernel starts (plugin registrations), before requests are
/// served; afterwards the set is only read, so no lock is needed.
class WriteHooks {
public:
    using Hook = std::function<void(const Actor& actor, HookedWrite& write)>;

    void add(const std::string& type, Hook hook);
    /// Whether `type` has any hook (the common case, none, costs one lookup).
    bool has(const std::string& type) const { return hooks_.count(type) != 0; }
    /// Runs the hooks of `write.type` in the order they were added.
    void run(const Actor& actor, HookedWrite& write) const;

private:
    std::unordered_map<std::string, std::vector<Hook>> hooks_;
};

}  // namespace orbita::kernel::records
