// SPDX-License-Identifier: Apache-2.0
// The set of entity types known to this process.
#pragma once

#include "entity/entity_type.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace orbita::kernel::entity {

/// Thread-safe registry of entity types. Readers get immutable snapshots; a change
/// (new type, custom field) swaps in a new map and bumps `version()`, which caches
/// (OpenAPI, metadata) use to know when to rebuild.
class TypeRegistry {
public:
    TypeRegistry();

    /// Adds a type; throws std::invalid_argument naming both owners on a duplicate name.
    void add(EntityTypePtr type);
    /// Replaces an existing type (same name) with a new version of it.
    void replace(EntityTypePtr type);
    /// The type or nullptr.
    EntityTypePtr find(const std::string& name) const;
    /// The type, or a 404 Problem with a nearest-name hint.
    EntityTypePtr get(const std::string& name) const;
    /// All types ordered by name.
    std::vector<EntityTypePtr> all() const;
    /// Problems with references between types (unknown ref targets), one line each.
    std::vector<std::string> check_references() const;
    /// Incremented on every change.
    std::uint64_t version() const;

private:
    using Map = std::map<std::string, EntityTypePtr>;
    std::shared_ptr<const Map> snapshot() const;

    mutable std::mutex mutex_;
    std::shared_ptr<const Map> types_;
    std::uint64_t version_ = 0;
};

}  // namespace orbita::kernel::entity
