// SPDX-License-Identifier: Apache-2.0
#include "automation/action_registry.hpp"

#include "core/nearest_name.hpp"
#include "core/problem.hpp"

#include <stdexcept>

namespace orbita::kernel::automation {

void ActionRegistry::add(Action action) {
    if (action.id.empty()) throw std::invalid_argument("a robot action needs an id");
    if (!action.run) throw std::invalid_argument("robot action " + action.id + " has no run function");
    Entry e;
    if (action.input_schema.is_object() && !action.input_schema.empty()) {
        try {
            e.schema = std::make_shared<JsonSchema>(action.input_schema);
        } catch (const std::exception& ex) {
            throw std::invalid_argument("robot action " + action.id + ": its input schema does not compile: " + ex.what());
        }
    }
    e.action = std::make_shared<const Action>(std::move(action));
    std::lock_guard lock(mutex_);
    const auto& id = e.action->id;
    if (auto it = actions_.find(id); it != actions_.end())
        throw std::invalid_argument("robot action " + id + " of " + e.action->owner + " is already registered by " +
                                    it->second.action->owner);
    actions_.emplace(id, std::move(e));
}

std::optional<ActionRegistry::Entry> ActionRegistry::entry(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = actions_.find(id);
    if (it == actions_.end()) return std::nullopt;
    return it->second;
}

std::shared_ptr<const Action> ActionRegistry::find(const std::string& id) const {
    auto e = entry(id);
    return e ? e->action : nullptr;
}

namespace {

// The value at a schema error path ("fields.note", "to[0]") of `root`, or nullptr.
const nlohmann::json* value_at(const nlohmann::json& root, const std::string& path) {
    const nlohmann::json* at = &root;
    std::size_t i = 0;
    while (i < path.size() && at) {
        if (path[i] == '.') ++i;
        if (path[i] == '[') {
            const auto end = path.find(']', i);
            const auto index = std::stoul(path.substr(i + 1, end - i - 1));
            at = at->is_array() && index < at->size() ? &(*at)[index] : nullptr;
            i = end + 1;
        } else {
            const auto end = path.find_first_of(".[", i);
            const auto key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
            at = at->is_object() && at->contains(key) ? &(*at)[key] : nullptr;
            i = end == std::string::npos ? path.size() : end;
        }
    }
    return at;
}

bool is_template(const nlohmann::json* v) {
    return v && v->is_string() && v->get_ref<const std::string&>().find("{{") != std::string::npos;
}

}  // namespace

void ActionRegistry::check(const std::string& id, const nlohmann::json& input, const std::string& field, bool unfilled) const {
    auto e = entry(id);
    if (!e) {
        std::vector<std::string> ids;
        {
            std::lock_guard lock(mutex_);
            for (const auto& [known, _] : actions_) ids.push_back(known);
        }
        throw Problem::validation({{field, "unknown_action", "there is no robot action '" + id + "'" + did_you_mean(id, ids)}});
    }
    if (e->schema) {
        auto errors = e->schema->validate(input);
        if (unfilled) std::erase_if(errors, [&](const SchemaError& err) { return is_template(value_at(input, err.path)); });
        std::vector<FieldError> out;
        for (const auto& err : errors) out.push_back({"params" + (err.path.empty() ? "" : "." + err.path), "invalid", err.message});
        if (!out.empty()) throw Problem::validation(std::move(out));
    }
    if (e->action->check) {
        std::vector<FieldError> errors;
        e->action->check(input, errors);
        if (!errors.empty()) throw Problem::validation(std::move(errors));
    }
}

nlohmann::json ActionRegistry::list() const {
    nlohmann::json out = nlohmann::json::array();
    std::lock_guard lock(mutex_);
    for (const auto& [id, e] : actions_) {
        out.push_back({{"id", id}, {"description", e.action->description}, {"input_schema", e.action->input_schema},
                       {"owner", e.action->owner}});
    }
    return out;
}

}  // namespace orbita::kernel::automation
