// SPDX-License-Identifier: Apache-2.0
#include "processes/process_start_lua.hpp"

#include "core/problem.hpp"
#include "lua/extension_args.hpp"
#include "lua/lua_extensions.hpp"
#include "lua/run_state.hpp"
#include "processes/start_process_action.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::processes {

using lua::ExtensionArgs;
using lua::RunState;
using Values = std::vector<nlohmann::json>;

namespace {

std::optional<lua::RecordRef> record_argument(const ExtensionArgs& args) {
    if (!args.present(2)) return std::nullopt;
    const auto& record = args.at(2);
    const bool ok = record.is_object() && record.size() == 2 && record.contains("type") && record["type"].is_string() &&
                    record.contains("id") && record["id"].is_number_integer();
    if (!ok) args.fail("argument #2 must be a record {type = \"deal\", id = 7} or nil");
    return lua::RecordRef{record["type"].get<std::string>(), record["id"].get<std::int64_t>()};
}

nlohmann::json vars_argument(const ExtensionArgs& args) {
    if (!args.present(3)) return nlohmann::json::object();
    const auto& vars = args.at(3);
    if (vars.is_array() && vars.empty()) return nlohmann::json::object();  // {} reaches us as an empty list
    if (!vars.is_object()) args.fail("argument #3 must be a table of variables with names");
    return vars;
}

}  // namespace

void provide_process_start_lua(lua::LuaExtensions& extensions, StartProcessAction& start, storage::Database& db) {
    extensions.provide("process.start", [&start, &db](RunState& run, const nlohmann::json& raw) -> Values {
        const ExtensionArgs args("orbita.process.start", raw);
        const nlohmann::json params = {{"process", args.string(1, "the name of a process script")}, {"vars", vars_argument(args)}};
        const auto record = record_argument(args);
        nlohmann::json effect;
        try {
            // Joins the run's transaction: the instance and its first wake-up commit with it.
            effect = db.write([&](storage::Transaction& tx) { return start.run(params, run.context().actor, record, tx, false); });
        } catch (const Problem& p) {
            args.fail(p);
        }
        const auto instance = effect.value("instance", nlohmann::json());
        run.add_effect(std::move(effect));
        return {instance};
    });
}

}  // namespace orbita::kernel::processes
