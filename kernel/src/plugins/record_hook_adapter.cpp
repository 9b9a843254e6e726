// SPDX-License-Identifier: Apache-2.0
#include "plugins/record_hook_adapter.hpp"

#include "core/problem.hpp"
#include "plugins/route_adapter.hpp"
#include "plugins/sdk_actor.hpp"
#include "plugins/sdk_records.hpp"

namespace orbita::kernel::plugins {

records::WriteHooks::Hook adapt_record_hook(sdk::RecordWriteHook hook, const std::string& owner,
                                            records::RecordRepository& repo, PluginFaults& faults) {
    return [check = std::move(hook.check), what = "record hook " + hook.id, owner, &repo,
            &faults](const Actor& actor, records::HookedWrite& w) {
        sdk::RecordWrite write{w.type, w.id.value_or(0), w.old_record, w.body};
        // A rule must see every record it depends on (the funnel of a stage, the
        // predecessors of a task) whatever the writer may read.
        const auto reader = Actor::system_actor(owner);
        SdkRecords records(repo, reader);
        const SdkActor writer(actor);
        auto verdict = call_plugin(faults, owner, what, [&] { return check(write, writer, records); });
        if (verdict) {
            std::vector<FieldError> errors;
            for (auto& e : verdict->errors) errors.push_back({std::move(e.field), std::move(e.code), std::move(e.message)});
            const auto code = verdict->code.empty() ? std::string("rejected") : verdict->code;
            throw Problem(verdict->status, code, title_of(code), verdict->detail, std::move(errors));
        }
        w.body = std::move(write.fields);
    };
}

}  // namespace orbita::kernel::plugins
