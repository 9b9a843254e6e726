// SPDX-License-Identifier: Apache-2.0
#include "realtime/event_projector.hpp"


#include <algorithm>

namespace orbita::kernel::realtime {

using nlohmann::json;

namespace {

bool addressed_to(const json& recipients, std::int64_t user_id) {
    if (!recipients.is_array() || recipients.empty()) return true;
    return std::any_of(recipients.begin(), recipients.end(),
                       [&](const json& r) { return r.is_number_integer() && r.get<std::int64_t>() == user_id; });
}

}  // namespace

std::optional<json> EventProjector::project(const Actor& actor, const Topic& topic, const events::Event& event) const {
    std::optional<json> frame;
    if (is_record_event(event.name)) {
        frame = record_frame(actor, event);
    } else if (event.name == "notification.created") {
        if (event.payload.value("recipient_id", std::int64_t{0}) != actor.user_id) return std::nullopt;
        json notification = event.payload;
        notification.erase("recipient_id");
        frame = json{{"notification", std::move(notification)}};
    } else if (topic.kind == Topic::Kind::Channel) {
        if (!addressed_to(event.payload.value("live_recipients", json::array()), actor.user_id)) return std::nullopt;
        frame = json{{"channel", event.name}, {"data", event.payload.at(kLiveMember)}};
    }
    if (!frame) return std::nullopt;
    (*frame)["op"] = "event";
    (*frame)["topic"] = topic.text();
    (*frame)["event"] = event.name;
    return frame;
}

std::optional<json> EventProjector::record_frame(const Actor& actor, const events::Event& event) const {
    auto record = records_.find(actor, event.entity_type, event.record_id);
    if (!record) return std::nullopt;
    json frame{{"type", event.entity_type}, {"id", event.record_id}, {"actor_id", event.payload.value("actor_id", std::int64_t{0})}};
    // Which fields changed, but only those the user can see: a change to a hidden field
    // must not show even as a name.
    json changed = json::array();
    const auto changes = event.payload.value("changes", json::object());
    if (changes.is_object()) {
        for (auto it = changes.begin(); it != changes.end(); ++it)
            if (record->contains(it.key())) changed.push_back(it.key());
    }
    frame["changed_fields"] = std::move(changed);
    // record.stage_changed: the stage names only for a user who may see the stage (and
    // pipeline) fields themselves; otherwise the move shows as a plain change.
    const auto visible = [&](const char* role) {
        const std::string field = event.payload.value(role, std::string());
        return field.empty() || record->contains(field);
    };
    if (event.payload.contains("current") && visible("stage_field") && visible("pipeline_field")) {
        frame["previous"] = event.payload.value("previous", json());
        frame["current"] = event.payload.at("current");
    }
    frame["record"] = std::move(*record);
    return frame;
}

}  // namespace orbita::kernel::realtime
