// SPDX-License-Identifier: Apache-2.0
// The stage_entries table: each time a record entered a stage.
#pragma once

#include "storage/connection.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::automation {

/// A stage entry identifies one stay of a record in a stage. Robot runs are unique per
/// (robot, entry), and a run scheduled for an entry that is no longer the record's
/// latest knows the record has left since.
class StageEntries {
public:
    struct Entered {
        std::int64_t entry_id = 0;
        std::optional<std::int64_t> previous_entry;  ///< the stay that just ended, if any
    };

    /// Records that the record entered `stage_id` at `now_ms`, closing its previous stay.
    static Entered enter(storage::Connection& conn, const std::string& type, std::int64_t record_id, std::int64_t pipeline_id,
                         std::int64_t stage_id, std::int64_t now_ms, int depth);
    /// The record's latest entry, if it ever entered a stage.
    static std::optional<std::int64_t> current(storage::Connection& conn, const std::string& type, std::int64_t record_id);
};

}  // namespace orbita::kernel::automation
