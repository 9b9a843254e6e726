// SPDX-License-Identifier: Apache-2.0
// A task made from an event (interaction) carries the event's requisites (004 §3.12).
#pragma once

#include <nlohmann/json.hpp>

namespace orbita::plugins::crm {

/// The fields of a task created from `event` (a stored event record): its subject as
/// the name, its content, client, project and deal, the event itself as context and
/// its responsible as the executor. `overrides` (task fields the caller gives, e.g.
/// start_at, end_at, priority) are applied over them.
nlohmann::json task_from_event(const nlohmann::json& event, const nlohmann::json& overrides);

}  // namespace orbita::plugins::crm
