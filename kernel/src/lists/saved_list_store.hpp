// SPDX-License-Identifier: Apache-2.0
// The saved_lists table (kernel migration 0008).
#pragma once

#include "lists/saved_list.hpp"
#include "storage/connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::storage {
class Dialect;
}

namespace orbita::kernel::lists {

/// DDL of kernel/0008_saved_lists. A name is unique per owner and type.
std::vector<std::string> saved_list_tables(const storage::Dialect& d);

/// Plain SQL over saved_lists; who may do what is SavedLists' business.
class SavedListStore {
public:
    static std::int64_t insert(storage::Connection& conn, const SavedList& list);
    static void update(storage::Connection& conn, const SavedList& list);
    static void remove(storage::Connection& conn, std::int64_t id);
    static std::optional<SavedList> get(storage::Connection& conn, std::int64_t id);
    /// Lists of `type` owned by `owner_id` or shared with one of `roles`, by name.
    static std::vector<SavedList> visible(storage::Connection& conn, const std::string& type, std::int64_t owner_id,
                                          const std::vector<std::string>& roles);
    /// Whether `owner_id` already has a list `name` of `type` other than `except_id`.
    static bool name_taken(storage::Connection& conn, std::int64_t owner_id, const std::string& type,
                           const std::string& name, std::int64_t except_id);
};

}  // namespace orbita::kernel::lists
