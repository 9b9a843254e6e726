// SPDX-License-Identifier: Apache-2.0
// orbita.outbox.webhook for Lua scripts: a webhook written in the run's transaction.
#pragma once

#include "outbox/outbox_options.hpp"

namespace orbita::kernel::lua {
class LuaExtensions;
}
namespace orbita::kernel::storage {
class Database;
}

namespace orbita::kernel::outbox {

class Outbox;

/// Provides `orbita.outbox.webhook(destination, body, options)`:
///
///   orbita.outbox.webhook("https://hooks.example.com/deal", {id = record.id}, {key = "deal-7-won"})
///   orbita.outbox.webhook("crm_sync", {id = record.id})   -- a target from outbox.webhooks.targets
///
/// `destination` is a URL whose host is in `outbox.webhooks.allowed_hosts` (any other
/// host is a script error naming it) or the name of a configured target. The message
/// is written to the outbox inside the run's transaction, so it leaves only if the run
/// commits: a failed run or a dry run sends nothing, and the effect
/// {"kind": "outbox.webhook", "url" | "target", "body", "idempotency_key"} shows what
/// would go. `options.key` is the idempotency key (the receiver sees it as
/// Idempotency-Key, and the same key is sent once); without it each call gets a
/// random one. Answers the outbox message id.
void provide_outbox_lua(lua::LuaExtensions& extensions, Outbox& outbox, storage::Database& db, const OutboxOptions& options);

}  // namespace orbita::kernel::outbox
