// SPDX-License-Identifier: Apache-2.0
#include "notifications/notify_lua.hpp"

#include "core/problem.hpp"
#include "lua/extension_args.hpp"
#include "lua/lua_extensions.hpp"
#include "lua/run_state.hpp"
#include "notifications/notify_action.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::notifications {

using lua::ExtensionArgs;
using lua::RunState;
using Values = std::vector<nlohmann::json>;

namespace {

// The action's parameters from the Lua arguments (user, text, options).
nlohmann::json action_params(const ExtensionArgs& args, const RunState& run) {
    const auto& user = args.at(1);
    if (!(user.is_number_integer() || user.is_string() || user.is_array()))
        args.fail("argument #1 must be a user id, a login or a list of them");
    nlohmann::json params = {{user.is_array() ? "users" : "user", user},
                             {"text", args.string(2, "the notification text")},
                             {"source", run.main().id}};
    const auto options = args.options(3, "title, record");
    if (options.contains("title")) params["title"] = options["title"];
    if (options.contains("record")) {
        const auto& record = options["record"];
        params["link"] = record == false ? nlohmann::json(nullptr) : record;
    }
    return params;
}

}  // namespace

void provide_notify_lua(lua::LuaExtensions& extensions, NotifyAction& notify, storage::Database& db) {
    extensions.provide("notify", [&notify, &db](RunState& run, const nlohmann::json& raw) -> Values {
        const ExtensionArgs args("orbita.notify", raw);
        const auto params = action_params(args, run);
        std::vector<std::int64_t> ids;
        nlohmann::json effect;
        try {
            // Joins the run's transaction: the notifications commit or vanish with it.
            effect = db.write([&](storage::Transaction& tx) {
                return notify.run(params, run.context().actor, run.context().record, tx, false, &ids);
            });
        } catch (const Problem& p) {
            args.fail(p);
        }
        run.add_effect(std::move(effect));
        if (params.contains("users")) return {nlohmann::json(ids)};
        return {ids.empty() ? nlohmann::json(nullptr) : nlohmann::json(ids.front())};
    });
}

}  // namespace orbita::kernel::notifications
