// SPDX-License-Identifier: Apache-2.0
// Moving a record to another stage, possibly of another pipeline.
#pragma once

#include "core/actor.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::automation {

/// What a move did: the record after it and where it came from.
struct MoveResult {
    nlohmann::json record;
    nlohmann::json from;  ///< {"pipeline", "stage"} before the move
    nlohmann::json to;    ///< {"pipeline", "stage"} after it

    /// The effect robots, triggers and Lua report: {"kind": "record.moved", type, id, from, to}.
    nlohmann::json effect(const std::string& type) const;
};

/// A move is an update of the stage (and pipeline) fields through the record
/// repository, as `actor`: the same permission checks, history and events as any
/// change, and StageGate checks the stage against the pipeline. Used by the move
/// endpoint, the move_to_stage action, triggers and `orbita.records.move`.
class RecordMover {
public:
    explicit RecordMover(records::RecordRepository& records) : records_(records) {}

    /// 422 when the type has no stage field, or the stage is not one of the pipeline's;
    /// 404/403 as for an update; 409 for a stale `version` (none: unconditional).
    MoveResult move(const Actor& actor, const std::string& type, std::int64_t id, const std::string& stage,
                    const std::optional<std::string>& pipeline, std::optional<std::int64_t> version = std::nullopt);

    /// {"pipeline", "stage"} of a record as the API shows it (pipeline null for a type
    /// without a pipeline field).
    nlohmann::json position_of(const std::string& type, const nlohmann::json& record) const;

private:
    records::RecordRepository& records_;
};

}  // namespace orbita::kernel::automation
