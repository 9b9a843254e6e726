// SPDX-License-Identifier: Apache-2.0
// The "start process" action, shaped for the robot action registry.
#pragma once

#include "core/actor.hpp"
#include "lua/run_context.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace orbita::kernel::storage {
class Transaction;
}
namespace orbita::kernel::auth {
class UserDirectory;
}

namespace orbita::kernel::processes {

class ProcessEngine;

/// Starts a durable process about the robot's record. Parameters:
///
///   "process": "contract_end_tracking"   required: a process script
///   "vars": {...}                          optional initial p.vars
///   "as": 5 | "anna"                       optional run-as user; default: the robot's actor
///
/// Registered by the robot engine like NotifyAction:
///
///   actions.add("start_process", [&](const json& params, const Actor& actor, std::optional<lua::RecordRef> record,
///                                    storage::Transaction& tx, bool dry_run) {
///       return start_process.run(params, actor, record, tx, dry_run);
///   });
///
/// The instance is written in `tx` and its first step runs once `tx` commits. Answers
/// the effect {"kind": "process.started", "process", "record", "run_as", "instance"}
/// (no instance id in a dry run, which checks everything and writes nothing).
/// Problem 422 for bad parameters, an unknown process or run-as user.
class StartProcessAction {
public:
    StartProcessAction(ProcessEngine& engine, auth::UserDirectory& users) : engine_(engine), users_(users) {}

    nlohmann::json run(const nlohmann::json& params, const Actor& actor, const std::optional<lua::RecordRef>& record,
                       storage::Transaction& tx, bool dry_run);

private:
    ProcessEngine& engine_;
    auth::UserDirectory& users_;
};

}  // namespace orbita::kernel::processes
