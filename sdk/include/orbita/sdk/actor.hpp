// SPDX-License-Identifier: Apache-2.0
// Who a plugin call acts for.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace orbita::sdk {

/// @brief The identity behind a call into plugin code: the signed-in user of an HTTP
/// request, the user a robot action runs for, or a named system actor ("system:<name>")
/// for jobs and demo data. Implemented by the kernel; valid only for the duration of the
/// call it was passed to, so copy what you need instead of keeping the reference.
class Actor {
public:
    virtual ~Actor() = default;
    /// @brief The user id, 0 for a system actor.
    virtual std::int64_t user_id() const = 0;
    /// @brief The user's login, or "system:<name>".
    virtual std::string login() const = 0;
    /// @brief True for system actors (they hold every right).
    virtual bool is_system() const = 0;
    /// @brief True for holders of the built-in administrator role.
    virtual bool is_administrator() const = 0;
    /// @brief Role names the user holds.
    virtual std::vector<std::string> roles() const = 0;
    /// @brief Whether the actor may perform `operation` on `target` in at least some
    /// scope. Targets are entity types (read, create, update, delete, export) or declared
    /// permission ids ("bookmarks" / "curate").
    virtual bool can(const std::string& target, const std::string& operation) const = 0;
};

}  // namespace orbita::sdk
