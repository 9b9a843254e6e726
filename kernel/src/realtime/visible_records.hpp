// SPDX-License-Identifier: Apache-2.0
// Records as one user may see them now, asked without counting as an access attempt.
#pragma once

#include "core/actor.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::realtime {

/// The permission checks of live pushes, through the records repository (the data
/// layer) so they are the API's own: a list query selecting one id applies the read
/// scope in SQL and removes hidden fields. Unlike GET by id it audits nothing: a push
/// re-checked per event is no access attempt by the user.
class VisibleRecords {
public:
    explicit VisibleRecords(records::RecordRepository& records) : records_(records) {}

    /// Whether `actor` may read records of `type` at all (404 Problem for an unknown type).
    bool readable_type(const Actor& actor, const std::string& type) const;
    /// The record (archived ones included) as `actor` may see it, or empty when it does
    /// not exist or lies outside the actor's read scope.
    std::optional<nlohmann::json> find(const Actor& actor, const std::string& type, std::int64_t id) const;

private:
    records::RecordRepository& records_;
};

}  // namespace orbita::kernel::realtime
