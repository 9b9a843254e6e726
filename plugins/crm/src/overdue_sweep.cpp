// SPDX-License-Identifier: Apache-2.0
#include "overdue_sweep.hpp"

#include "datetime_text.hpp"
#include "record_write.hpp"

#include <algorithm>

namespace orbita::plugins::crm {

namespace {

using nlohmann::json;

const json kNotRunningKinds = json::array({"done", "accepted", "suspended"});

json condition(const char* field, const char* op, json value) {
    return {{"field", field}, {"op", op}, {"value", std::move(value)}};
}

/// Walks every task matching `filter` in keyset pages and writes `overdue = flag` to
/// each; a task that refuses the write (a rule changed since it was stored) is skipped
/// instead of blocking the others.
sdk::Result<int> set_flag(sdk::Records& records, const json& filter, bool flag, int budget) {
    int changed = 0;
    std::string cursor;
    while (changed < budget) {
        json query = {{"filter", filter.dump()}, {"sort", "id"}, {"limit", "200"}};
        if (!cursor.empty()) query["cursor"] = cursor;
        auto page = records.list("task", query);
        if (!page.ok()) return page.error();
        for (const auto& task : page.value()["items"]) {
            if (changed >= budget) break;
            if (records.update("task", task["id"].get<std::int64_t>(), {{"overdue", flag}}, 0).ok()) ++changed;
        }
        const auto next = page.value().value("next_cursor", json());
        if (!next.is_string() || next.get<std::string>().empty()) break;
        cursor = next.get<std::string>();
    }
    return changed;
}

bool running_kind(const std::string& kind) {
    return std::none_of(kNotRunningKinds.begin(), kNotRunningKinds.end(), [&](const json& k) { return k == kind; });
}

}  // namespace

void derive_overdue(sdk::RecordWrite& write, sdk::Records& records, std::chrono::sys_seconds now) {
    const auto task = after_write(write);
    const auto end_text = task.value("end_at", json());
    const auto end = end_text.is_string() ? parse_datetime(end_text.get<std::string>()) : std::nullopt;
    bool overdue = end && *end < now;
    if (overdue && task.value("status", json()).is_number_integer()) {
        auto status = records.get("task_status", task["status"].get<std::int64_t>());
        overdue = !status.ok() || running_kind(status.value().value("kind", std::string()));
    }
    // Written only when it changes, so a write that leaves it as it was does not touch
    // the field (nor need the right to write it).
    const bool was = write.old_record.is_object() && write.old_record.value("overdue", false);
    if (overdue != was) write.fields["overdue"] = overdue;
    else write.fields.erase("overdue");
}

sdk::Result<int> OverdueSweep::run(sdk::Records& records, std::chrono::sys_seconds now) const {
    const std::string at = format_datetime(now);
    // A reference path matches only records that have the reference, hence the is_null branch.
    const json running = {{"or", json::array({condition("status", "is_null", true),
                                              condition("status.kind", "nin", kNotRunningKinds)})}};
    const json became = {{"and", json::array({condition("end_at", "lt", at), condition("overdue", "ne", true), running})}};
    const json ended = {{"and", json::array({condition("overdue", "eq", true),
                                             {{"or", json::array({condition("end_at", "ge", at), condition("end_at", "is_null", true),
                                                                  condition("status.kind", "in", kNotRunningKinds)})}}})}};
    auto marked = set_flag(records, became, true, kMaxChangesPerPass);
    if (!marked.ok()) return marked.error();
    auto cleared = set_flag(records, ended, false, kMaxChangesPerPass - marked.value());
    if (!cleared.ok()) return cleared.error();
    return marked.value() + cleared.value();
}

}  // namespace orbita::plugins::crm
