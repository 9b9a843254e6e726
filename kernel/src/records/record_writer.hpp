// SPDX-License-Identifier: Apache-2.0
// The SQL side of record writes: insert, versioned update, archive, links, autonumbers.
#pragma once

#include "core/actor.hpp"
#include "records/record_input.hpp"
#include "records/record_layout.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace orbita::kernel::records {

/// Writes rows of one type inside the caller's transaction. It checks nothing a
/// caller has not already decided; RecordRepository sequences the checks.
class RecordWriter {
public:
    explicit RecordWriter(const RecordLayout& layout) : layout_(layout) {}

    /// Inserts a record (version 1) and its links; answers the new id.
    std::int64_t insert(storage::Connection& conn, const Actor& actor, const std::string& now,
                        const std::vector<FieldWrite>& writes);
    /// Applies `writes` if the row still has `version`; answers false if another writer
    /// got there first (the caller answers 409).
    bool update(storage::Connection& conn, const Actor& actor, const std::string& now, std::int64_t id,
                std::int64_t version, const std::vector<FieldWrite>& writes);
    /// Sets or clears `archived_at`, bumping the version; false on a version race.
    bool set_archived(storage::Connection& conn, const Actor& actor, const std::string& now, std::int64_t id,
                      std::int64_t version, bool archived);
    /// Draws the next number of an autonumber field (gap-free: inside the transaction).
    std::string next_autonumber(storage::Connection& conn, const entity::FieldDef& field,
                                const std::string& scope_key);

private:
    void replace_links(storage::Connection& conn, std::int64_t id, const entity::FieldDef& field,
                       const std::vector<std::int64_t>& ids);

    const RecordLayout& layout_;
};

}  // namespace orbita::kernel::records
