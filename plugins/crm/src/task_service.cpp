// SPDX-License-Identifier: Apache-2.0
#include "task_service.hpp"

#include "datetime_text.hpp"
#include "event_task.hpp"
#include "record_query.hpp"
#include "task_rules.hpp"

#include <map>

namespace orbita::plugins::crm {

namespace {

sdk::Result<std::vector<std::int64_t>> ids_in(const nlohmann::json& list, const char* what) {
    std::vector<std::int64_t> out;
    if (list.is_null()) return out;
    if (!list.is_array()) return sdk::fail("invalid-input", std::string(what) + " must be an array of task ids", 422);
    for (const auto& v : list) {
        if (!v.is_number_integer()) return sdk::fail("invalid-input", std::string(what) + " must be an array of task ids", 422);
        out.push_back(v.get<std::int64_t>());
    }
    return out;
}

}  // namespace

sdk::Result<nlohmann::json> TaskService::create(sdk::Records& records, const nlohmann::json& body) const {
    if (!body.is_object()) return sdk::fail("invalid-input", "the body must be a JSON object with the task's fields", 422);
    // Recurrence and cycles are checked by the task write hook (task_rules), for every writer.
    auto predecessors = ids_in(body.value("depends_on", nlohmann::json()), "depends_on");
    if (!predecessors.ok()) return predecessors.error();
    for (auto p : predecessors.value()) CRM_CHECK(records.get("task", p));
    return records.create("task", body);
}

sdk::Result<nlohmann::json> TaskService::from_event(sdk::Records& records, std::int64_t event_id, const nlohmann::json& body) const {
    if (!body.is_null() && !body.is_object()) return sdk::fail("invalid-input", "the body holds task fields (an object) or nothing", 422);
    auto event = records.get("event", event_id);
    if (!event.ok()) return event.error();
    return create(records, task_from_event(event.value(), body));
}

sdk::Result<nlohmann::json> TaskService::set_dependencies(sdk::Records& records, std::int64_t id, const nlohmann::json& body) const {
    if (!body.is_object() || !body.contains("depends_on"))
        return sdk::fail("invalid-input", "the body is {\"depends_on\": [task ids]}", 422);
    auto predecessors = ids_in(body["depends_on"], "depends_on");
    if (!predecessors.ok()) return predecessors.error();
    auto task = records.get("task", id);
    if (!task.ok()) return task.error();
    return records.update("task", id, {{"depends_on", predecessors.value()}}, task.value()["version"].get<std::int64_t>());
}

sdk::Result<nlohmann::json> TaskService::complete(sdk::Records& records, std::int64_t id, std::chrono::sys_seconds now) const {
    auto task = records.get("task", id);
    if (!task.ok()) return task.error();
    auto done = find_one(records, "task_status", {{"filter[kind]", "done"}, {"sort", "id"}});
    if (!done.ok()) return done.error();
    if (done.value().is_null())
        return sdk::fail("no-done-status", "the task status catalog has no status of kind done (POST /api/v1/crm/setup)", 409);
    for (const auto& p : task.value().value("depends_on", nlohmann::json::array())) {
        auto before = records.get("task", p.get<std::int64_t>());
        if (!before.ok()) return before.error();
        if (before.value().value("completed_at", nlohmann::json()).is_null())
            return sdk::fail("predecessors-open", "task #" + std::to_string(id) + " depends on task #" + p.dump() +
                                                      ", which is not done yet", 409);
    }
    nlohmann::json answer = {{"next", nullptr}};
    CRM_CHECK(records.transaction([&]() -> sdk::Result<void> {
        auto saved = records.update("task", id, {{"status", id_of(done.value())}, {"completed_at", format_datetime(now)},
                                                 {"percent_complete", 100}},
                                    task.value()["version"].get<std::int64_t>());
        if (!saved.ok()) return saved.error();
        answer["task"] = saved.value();
        auto current = occurrence_of(task.value());
        if (!current) return {};
        auto next = next_occurrence(recurrence_rule_of(task.value()), *current, now);
        if (!next) return {};
        nlohmann::json fields = {{"start_at", format_datetime(next->start)}, {"recurrence_of", id}};
        if (next->end) fields["end_at"] = format_datetime(*next->end);
        for (const char* copied : {"name", "content", "priority", "controller", "executors", "recurrence", "recurrence_interval",
                                   "recurrence_until", "client", "deal", "project", "request", "event", "author"}) {
            auto value = task.value().value(copied, nlohmann::json());
            if (!value.is_null()) fields[copied] = std::move(value);
        }
        auto created = records.create("task", fields);
        if (!created.ok()) return created.error();
        answer["next"] = created.value();
        return {};
    }));
    return answer;
}

}  // namespace orbita::plugins::crm
