// SPDX-License-Identifier: Apache-2.0
// Saved lists: who may keep, see, change and share which.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "lists/saved_list.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace orbita::kernel::storage {
class Database;
}
namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::lists {

/// Rules: a user keeps lists of the types they may read; a list is checked as the
/// records API would run it (its filter and sort through a real one-row query, so what
/// is saved is what works, hidden fields included: they do not exist for the user);
/// only the owner changes or deletes a list; sharing names a role the owner holds
/// (administrators: any role), and the holders of that role see the list read-only.
class SavedLists {
public:
    SavedLists(storage::Database& db, records::RecordRepository& records, const Clock& clock)
        : db_(db), records_(records), clock_(clock) {}

    std::vector<SavedList> visible(const Actor& actor, const std::string& type);
    /// `body`: {type, name, columns, filter, sort, shared_with_role}. 422 with per-field errors.
    SavedList create(const Actor& actor, const nlohmann::json& body);
    /// Replaces name, columns, filter, sort and sharing of one's own list (404 otherwise).
    SavedList update(const Actor& actor, std::int64_t id, const nlohmann::json& body);
    void remove(const Actor& actor, std::int64_t id);

private:
    SavedList parse(const Actor& actor, const nlohmann::json& body, const std::string& type);
    SavedList own(const Actor& actor, std::int64_t id);

    storage::Database& db_;
    records::RecordRepository& records_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::lists
