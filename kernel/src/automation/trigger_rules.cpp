// SPDX-License-Identifier: Apache-2.0
#include "automation/trigger_rules.hpp"

#include "core/nearest_name.hpp"
#include "entity/type_registry.hpp"

#include <algorithm>
#include <map>

namespace orbita::kernel::automation {

namespace {

// The keys each kind takes; others are refused.
const std::map<std::string, std::set<std::string>>& allowed_keys() {
    static const std::map<std::string, std::set<std::string>> keys = {
        {"field", {"field", "value"}}, {"related", {"type", "via", "on", "field", "value"}}, {"webhook", {}}, {"event", {"event"}}};
    return keys;
}

std::optional<std::int64_t> id_in(const nlohmann::json& record, const std::string& field) {
    auto it = record.find(field);
    if (it == record.end()) return std::nullopt;
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (it->is_object() && it->contains("id") && (*it)["id"].is_number_integer()) return (*it)["id"].get<std::int64_t>();
    return std::nullopt;
}

// The new value of `field` when the event changed it.
std::optional<nlohmann::json> changed_to(const events::Event& e, const std::string& field) {
    const auto& changes = e.payload.value("changes", nlohmann::json::object());
    auto it = changes.find(field);
    if (it == changes.end()) return std::nullopt;
    return it->value("new", nlohmann::json());
}

void check_field(const entity::EntityType& type, const nlohmann::json& config, const std::string& key, std::vector<FieldError>& errors) {
    if (!config.contains(key) || !config[key].is_string()) {
        errors.push_back({"config." + key, "required", "the field of " + type.name() + " to watch"});
    } else if (!type.field(config[key].get<std::string>())) {
        const auto name = config[key].get<std::string>();
        errors.push_back({"config." + key, "unknown_field", "unknown field '" + name + "' of " + type.name() + did_you_mean(name, type.field_names())});
    }
}

}  // namespace

const std::vector<std::string>& TriggerRules::kinds() {
    static const std::vector<std::string> k = {"field", "related", "webhook", "event"};
    return k;
}

void TriggerRules::check(const std::string& kind, const nlohmann::json& config, const entity::EntityType& type,
                         const entity::TypeRegistry& types, const std::set<std::string>& sources, std::vector<FieldError>& errors) {
    const auto& allowed = allowed_keys().at(kind);
    for (const auto& [key, _] : config.items()) {
        if (!allowed.count(key)) errors.push_back({"config." + key, "not_applicable", "does not apply to a trigger of kind " + kind});
    }
    if (kind == "field") {
        check_field(type, config, "field", errors);
    } else if (kind == "related") {
        const auto related = config.value("type", std::string());
        auto other = related.empty() ? nullptr : types.find(related);
        if (!other) {
            errors.push_back({"config.type", "unknown_type", "the related entity type ('" + related + "') does not exist"});
            return;
        }
        const auto via = config.value("via", std::string());
        const auto* ref = other->field(via);
        if (!ref || ref->type != entity::FieldType::Ref || ref->target != type.name())
            errors.push_back({"config.via", "not_a_reference", "'" + via + "' must be a ref field of " + related + " pointing at " + type.name()});
        const auto on = config.value("on", std::string());
        if (on != "created" && on != "completed") errors.push_back({"config.on", "invalid", "on is created or completed"});
        if (config.contains("field")) {
            check_field(*other, config, "field", errors);
            if (!config.contains("value")) errors.push_back({"config.value", "required", "the value that means completed"});
        } else if (on == "completed" && !stage_fields(*other)) {
            errors.push_back({"config.field", "required", related + " has no stages: name the field and value that mean completed"});
        }
    } else if (kind == "event") {
        const auto source = config.value("event", std::string());
        if (!sources.count(source)) {
            std::vector<std::string> known(sources.begin(), sources.end());
            errors.push_back({"config.event", "unknown_source", "no plugin declares the trigger source '" + source + "'" + did_you_mean(source, known)});
        }
    }
}

std::optional<std::int64_t> TriggerRules::match(const Trigger& t, const events::Event& e, const std::string& source,
                                                const StageKindLookup& kind_of) {
    const auto& c = t.config;
    if (t.kind == "field") {
        if ((e.name != "record.updated" && e.name != "record.created") || e.entity_type != t.entity_type) return std::nullopt;
        auto now = changed_to(e, c.value("field", std::string()));
        if (!now || (c.contains("value") && *now != c["value"])) return std::nullopt;
        return e.record_id;
    }
    if (t.kind == "related") {
        if (e.entity_type != c.value("type", std::string())) return std::nullopt;
        const auto& record = e.payload.value("record", nlohmann::json::object());
        const auto target = [&] { return id_in(record, c.value("via", std::string())); };
        if (c.value("on", std::string()) == "created") return e.name == "record.created" ? target() : std::nullopt;
        if (c.contains("field")) {
            if (e.name != "record.updated" && e.name != "record.created") return std::nullopt;
            auto now = changed_to(e, c["field"].get<std::string>());
            return now && *now == c.value("value", nlohmann::json()) ? target() : std::nullopt;
        }
        if (e.name != "record.stage_changed") return std::nullopt;
        const auto stage = e.payload["current"].value("stage_id", std::int64_t{0});
        return kind_of(stage) == StageKind::Success ? target() : std::nullopt;
    }
    if (t.kind == "event") {
        if (source.empty() || c.value("event", std::string()) != source || e.entity_type != t.entity_type || e.record_id <= 0)
            return std::nullopt;
        return e.record_id;
    }
    return std::nullopt;
}

}  // namespace orbita::kernel::automation
