// SPDX-License-Identifier: Apache-2.0
#include "processes/event_filter.hpp"

#include "events/event_bus.hpp"

namespace orbita::kernel::processes {

namespace {

// The value at dotted `path` inside `root`, or nullptr when absent.
const nlohmann::json* find_path(const nlohmann::json& root, const std::string& path) {
    const nlohmann::json* node = &root;
    std::size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        const auto part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!node->is_object() || !node->contains(part)) return nullptr;
        node = &(*node)[part];
        if (dot == std::string::npos) return node;
        start = dot + 1;
    }
}

bool value_matches(const nlohmann::json& wanted, const nlohmann::json* actual) {
    const nlohmann::json& value = actual ? *actual : nlohmann::json();
    if (wanted.is_array()) {
        for (const auto& w : wanted) {
            if (w == value) return true;
        }
        return false;
    }
    return wanted == value;
}

}  // namespace

std::string EventFilter::key_of(const nlohmann::json& filter) {
    if (!filter.is_object() || !filter.contains("type") || !filter.contains("id")) return "";
    return filter["type"].get<std::string>() + ":" + std::to_string(filter["id"].get<std::int64_t>());
}

std::vector<std::string> EventFilter::keys_of(const events::Event& event) {
    std::vector<std::string> keys = {""};
    if (!event.entity_type.empty() && event.record_id > 0) keys.push_back(event.entity_type + ":" + std::to_string(event.record_id));
    return keys;
}

bool EventFilter::matches(const nlohmann::json& filter, const events::Event& event) {
    if (!filter.is_object()) return true;
    for (const auto& [key, wanted] : filter.items()) {
        if (key == "type") {
            if (wanted != event.entity_type) return false;
        } else if (key == "id") {
            if (wanted != event.record_id) return false;
        } else {
            const auto* actual = find_path(event.payload, key);
            if (!actual && event.payload.contains("record")) actual = find_path(event.payload["record"], key);
            if (!value_matches(wanted, actual)) return false;
        }
    }
    return true;
}

nlohmann::json EventFilter::describe(const events::Event& event) {
    nlohmann::json payload = event.payload.is_object() ? event.payload : nlohmann::json::object();
    nlohmann::json changed = nlohmann::json::array();
    if (payload.contains("changes") && payload["changes"].is_object()) {
        for (const auto& [field, change] : payload["changes"].items()) changed.push_back(field);
    }
    payload.erase("record");
    payload.erase("changes");
    nlohmann::json out = {{"name", event.name}, {"payload", std::move(payload)}};
    if (!event.entity_type.empty()) {
        out["type"] = event.entity_type;
        out["id"] = event.record_id;
        out["changed"] = std::move(changed);
    }
    return out;
}

}  // namespace orbita::kernel::processes
