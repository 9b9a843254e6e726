// SPDX-License-Identifier: Apache-2.0
// The rules every write of a task obeys, whoever writes it (record write hook).
#pragma once

#include "record_write.hpp"
#include "recurrence.hpp"

#include <orbita/sdk/records.hpp>

#include <optional>

namespace orbita::plugins::crm {

/// A task's repeat rule from its fields (recurrence, recurrence_interval, recurrence_until).
RecurrenceRule recurrence_rule_of(const nlohmann::json& task);
/// A task's start and end, when it has a start.
std::optional<Occurrence> occurrence_of(const nlohmann::json& task);

/// Recurrence that is valid (422 "invalid-recurrence": a start, interval at least 1,
/// an end of repetition not before the start) and dependencies without cycles (422
/// "dependency-cycle" with the path, e.g. "#5 -> #7 -> #9 -> #5"; a task naming itself
/// is the shortest cycle). `records` reads the other tasks' dependencies.
RuleVerdict check_task_write(const sdk::RecordWrite& write, sdk::Records& records);

}  // namespace orbita::plugins::crm
