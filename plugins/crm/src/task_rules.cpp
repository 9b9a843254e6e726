// SPDX-License-Identifier: Apache-2.0
#include "task_rules.hpp"

#include "datetime_text.hpp"
#include "task_graph.hpp"

namespace orbita::plugins::crm {

namespace {

std::optional<std::chrono::sys_seconds> datetime_field(const nlohmann::json& task, const char* key) {
    if (!task.contains(key) || !task[key].is_string()) return std::nullopt;
    return parse_datetime(task[key].get<std::string>());
}

std::vector<std::int64_t> ids_in(const nlohmann::json& list) {
    std::vector<std::int64_t> out;
    if (!list.is_array()) return out;
    for (const auto& v : list) {
        if (v.is_number_integer()) out.push_back(v.get<std::int64_t>());
    }
    return out;
}

std::string path_text(const std::vector<std::int64_t>& cycle) {
    std::string out;
    for (auto id : cycle) out += (out.empty() ? "#" : " -> #") + std::to_string(id);
    return out;
}

RuleVerdict check_dependencies(const sdk::RecordWrite& write, sdk::Records& records) {
    // A new task has no dependants yet, so only an update can close a cycle.
    if (write.id == 0 || !write.fields.contains("depends_on")) return std::nullopt;
    std::optional<sdk::Error> lookup_failed;
    auto cycle = find_dependency_cycle(write.id, ids_in(write.fields["depends_on"]), [&](std::int64_t other) {
        std::vector<std::int64_t> out;
        auto task = records.get("task", other);
        if (!task.ok()) {
            if (!lookup_failed) lookup_failed = task.error();
            return out;
        }
        return ids_in(task.value().value("depends_on", nlohmann::json::array()));
    });
    if (lookup_failed) return rejection(*lookup_failed, "depends_on");
    if (cycle.empty()) return std::nullopt;
    return rejection(sdk::fail("dependency-cycle", "task #" + std::to_string(write.id) +
                                                       " cannot depend on these tasks: that makes a cycle " + path_text(cycle),
                               422),
                     "depends_on");
}

}  // namespace

RecurrenceRule recurrence_rule_of(const nlohmann::json& task) {
    RecurrenceRule rule;
    if (task.contains("recurrence") && task["recurrence"].is_string()) rule.unit = task["recurrence"].get<std::string>();
    if (task.contains("recurrence_interval") && task["recurrence_interval"].is_number_integer())
        rule.interval = task["recurrence_interval"].get<int>();
    if (task.contains("recurrence_until") && task["recurrence_until"].is_string())
        rule.until = parse_date(task["recurrence_until"].get<std::string>());
    return rule;
}

std::optional<Occurrence> occurrence_of(const nlohmann::json& task) {
    auto start = datetime_field(task, "start_at");
    if (!start) return std::nullopt;
    return Occurrence{*start, datetime_field(task, "end_at")};
}

RuleVerdict check_task_write(const sdk::RecordWrite& write, sdk::Records& records) {
    if (sets_any(write, {"recurrence", "recurrence_interval", "recurrence_until", "start_at", "end_at"})) {
        const auto task = after_write(write);
        if (auto verdict = refuse_on_error(check_recurrence(recurrence_rule_of(task), occurrence_of(task)), "recurrence"))
            return verdict;
    }
    return check_dependencies(write, records);
}

}  // namespace orbita::plugins::crm
