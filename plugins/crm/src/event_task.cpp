// SPDX-License-Identifier: Apache-2.0
#include "event_task.hpp"

namespace orbita::plugins::crm {

nlohmann::json task_from_event(const nlohmann::json& event, const nlohmann::json& overrides) {
    const auto present = [&](const char* key) { return event.contains(key) && !event[key].is_null(); };
    nlohmann::json task = {{"event", event.at("id")}};
    task["name"] = present("subject") ? event["subject"] : nlohmann::json("Задача по событию #" + event.at("id").dump());
    for (const char* copied : {"content", "client", "project", "deal"}) {
        if (present(copied)) task[copied] = event[copied];
    }
    if (present("responsible")) task["executors"] = nlohmann::json::array({event["responsible"]});
    if (overrides.is_object()) {
        for (const auto& [key, value] : overrides.items()) task[key] = value;
    }
    return task;
}

}  // namespace orbita::plugins::crm
