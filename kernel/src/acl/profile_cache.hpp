// SPDX-License-Identifier: Apache-2.0
// Builds a user's AccessProfile from the database, and keeps it briefly.
#pragma once

#include "acl/access_profile.hpp"
#include "storage/database.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace orbita::kernel::acl {

/// Resolves roles, grants, field rules and personal overrides into one profile per user.
/// Profiles are cached for a few seconds; any change of rights made through this
/// process calls `invalidate` and takes effect at once. Another node picks the change
/// up when its cached copy expires (at most `ttl`).
class ProfileCache {
public:
    explicit ProfileCache(storage::Database& db, std::chrono::milliseconds ttl = std::chrono::seconds(5))
        : db_(db), ttl_(ttl) {}

    /// The profile of an active user, or nullptr when the user does not exist, is
    /// archived or inactive.
    std::shared_ptr<const AccessProfile> get(std::int64_t user_id);
    /// Builds without the cache.
    std::shared_ptr<const AccessProfile> build(std::int64_t user_id);
    /// Forgets every cached profile (rights changed).
    void invalidate();

    /// The profile of a named system actor: every right, marked as system.
    static std::shared_ptr<const AccessProfile> system_profile(const std::string& name);

    /// Trees larger than this are walked in SQL rather than bound as id lists.
    static constexpr std::size_t kMaxInlineIds = 200;

private:
    /// `root` and every row below it through `parent_column` (at most kMaxInlineIds + 1
    /// are read; more gives an empty list).
    static std::vector<std::int64_t> subtree(storage::Connection& conn, const std::string& table,
                                             const std::string& parent_column, std::int64_t root);

    struct Entry {
        std::shared_ptr<const AccessProfile> profile;
        std::chrono::steady_clock::time_point loaded;
        std::uint64_t generation;
    };
    storage::Database& db_;
    std::chrono::milliseconds ttl_;
    std::mutex mutex_;
    std::unordered_map<std::int64_t, Entry> entries_;
    std::uint64_t generation_ = 0;
};

}  // namespace orbita::kernel::acl
