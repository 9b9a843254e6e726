// SPDX-License-Identifier: Apache-2.0
#include "outbox/outbox_lua.hpp"

#include "auth/tokens.hpp"
#include "core/problem.hpp"
#include "lua/extension_args.hpp"
#include "lua/lua_extensions.hpp"
#include "lua/run_state.hpp"
#include "outbox/outbox.hpp"
#include "outbox/webhook_allow_list.hpp"

namespace orbita::kernel::outbox {

using lua::ExtensionArgs;
using lua::RunState;
using Values = std::vector<nlohmann::json>;

void provide_outbox_lua(lua::LuaExtensions& extensions, Outbox& outbox, storage::Database& db, const OutboxOptions& options) {
    auto allowed = std::make_shared<WebhookAllowList>(options.webhook_allowed_hosts);
    extensions.provide("outbox.webhook", [&outbox, &db, allowed](RunState& run, const nlohmann::json& raw) -> Values {
        const ExtensionArgs args("orbita.outbox.webhook", raw);
        const auto destination = args.string(1, "an allow-listed URL or the name of a configured webhook target");
        if (!args.present(2)) args.fail("argument #2 must be the body to send (a table, string, number or boolean)");
        const auto opts = args.options(3, "key");
        if (opts.contains("key") && !opts["key"].is_string()) args.fail("options.key must be a string");
        const bool by_url = destination.find("://") != std::string::npos;
        if (by_url) {
            if (auto refusal = allowed->refusal(destination)) args.fail(*refusal);
        }
        nlohmann::json payload = {{by_url ? "url" : "target", destination}, {"body", args.at(2)}};
        const std::string key = opts.value("key", "lua:" + auth::random_token(18));
        // Joins the run's transaction: the message commits or rolls back with the script.
        std::int64_t id = 0;
        try {
            id = db.write([&](storage::Transaction& tx) { return outbox.enqueue(tx, "webhook", payload, key).id; });
        } catch (const Problem& p) {
            args.fail(p);
        }
        payload["kind"] = "outbox.webhook";
        payload["idempotency_key"] = key;
        run.add_effect(std::move(payload));
        return {id};
    });
}

}  // namespace orbita::kernel::outbox
