// SPDX-License-Identifier: Apache-2.0
// Record write hooks: a plugin's rules for its entity types, enforced on every write path.
#pragma once

#include "orbita/sdk/actor.hpp"
#include "orbita/sdk/records.hpp"
#include "orbita/sdk/result.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace orbita::sdk {

/// @brief One invalid value of a refused write: the field it is about ("inn",
/// "depends_on"), a stable machine code the UI can translate, and an English message.
struct FieldIssue {
    std::string field;
    std::string code;
    std::string message;
};

/// @brief Why a write is refused. The caller gets problem+json with this `status`,
/// the type "/problems/<code>", `detail` and `errors` (one per field), whichever path
/// wrote: the REST API, a plugin's Records, Lua, a robot, an import.
struct WriteRejection {
    int status = 422;
    std::string code;                ///< e.g. "invalid-inn"
    std::string detail;              ///< an English sentence naming the problem
    std::vector<FieldIssue> errors;  ///< per-field issues; may be empty
};

/// @brief A create or update about to be stored, as a hook sees it.
struct RecordWrite {
    std::string entity_type;
    /// @brief The record's id for an update, 0 for a create.
    std::int64_t id = 0;
    /// @brief For an update, the record as stored before the change (every field, shaped
    /// like the REST API's record); null for a create.
    nlohmann::json old_record;
    /// @brief The fields being written, shaped like a REST create or PATCH body (an
    /// update carries only the fields it changes). The hook may change, add or remove
    /// values to normalise them; the kernel validates the result like any input.
    nlohmann::json fields = nlohmann::json::object();
};

/// @brief A hook's verdict: std::nullopt lets the write go on with `write.fields` as the
/// hook left them; a WriteRejection refuses it and nothing of the write is stored.
/// `actor` is who writes. `records` reads (and, rarely, writes) inside the same
/// transaction as the system actor, so a rule sees every record it depends on whatever
/// the writer may read; never hand what it reads to the caller.
using RecordWriteCheck =
    std::function<std::optional<WriteRejection>(RecordWrite& write, const Actor& actor, Records& records)>;

/// @brief A rule on the records of one entity type, run by the kernel's data layer
/// inside the write transaction before every create and update of that type (after the
/// actor's rights and the input's shape were checked), on every path that writes
/// records. Archiving and restoring do not run hooks. An exception thrown by `check`
/// refuses the write with 500 and counts as a fault of your plugin.
struct RecordWriteHook {
    std::string id;           ///< "<plugin id>.<name>"
    std::string entity_type;  ///< any type, yours or another plugin's or the kernel's
    std::string description;  ///< one line for operators
    RecordWriteCheck check;
};

/// @brief Adds record write hooks. Use only inside Plugin::initialize (since ABI 1.3).
/// Several hooks on one type run in the order plugins initialize, then registration
/// order; each sees the fields the previous ones left.
class RecordHookRegistrar {
public:
    virtual ~RecordHookRegistrar() = default;
    /// @brief Stages one hook; the entity type must exist when the plugin's
    /// registrations are committed, else the plugin fails naming it.
    virtual Result<void> add(RecordWriteHook hook) = 0;
};

}  // namespace orbita::sdk
