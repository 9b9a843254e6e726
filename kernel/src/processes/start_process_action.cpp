// SPDX-License-Identifier: Apache-2.0
#include "processes/start_process_action.hpp"

#include "auth/user_directory.hpp"
#include "core/problem.hpp"
#include "processes/process_engine.hpp"

namespace orbita::kernel::processes {

nlohmann::json StartProcessAction::run(const nlohmann::json& params, const Actor& actor,
                                       const std::optional<lua::RecordRef>& record, storage::Transaction& tx, bool dry_run) {
    if (!params.is_object()) throw Problem::validation({{"params", "invalid_type", "start_process parameters are an object"}});
    std::vector<FieldError> errors;
    for (const auto& [key, value] : params.items()) {
        if (key != "process" && key != "vars" && key != "as")
            errors.push_back({key, "unknown_parameter", "start_process takes process, vars and as"});
    }
    if (!params.contains("process") || !params["process"].is_string())
        errors.push_back({"process", "required", "process names a process script"});
    if (!errors.empty()) throw Problem::validation(std::move(errors));

    StartRequest request{params["process"].get<std::string>(), record,
                         params.value("vars", nlohmann::json::object()),
                         params.contains("as") ? users_.actor(params["as"], "as") : actor, actor.login};
    nlohmann::json effect = {{"kind", "process.started"},
                             {"process", request.process},
                             {"record", record ? nlohmann::json{{"type", record->type}, {"id", record->id}} : nlohmann::json()},
                             {"run_as", request.run_as.login}};
    if (dry_run) {
        engine_.check(request);
    } else {
        effect["instance"] = engine_.start(tx, request).id;
    }
    return effect;
}

}  // namespace orbita::kernel::processes
