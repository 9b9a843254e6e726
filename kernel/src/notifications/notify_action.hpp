// SPDX-License-Identifier: Apache-2.0
// The "notify user" action, shaped for the robot action registry and used by orbita.notify.
#pragma once

#include "core/actor.hpp"
#include "lua/run_context.hpp"
#include "notifications/notification.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::storage {
class Transaction;
}
namespace orbita::kernel::auth {
class UserDirectory;
}

namespace orbita::kernel::notifications {

class Notifier;

/// Notifies one or several users. Parameters (JSON, as a robot stores them):
///
///   {"user": 5 | "anna"} or {"users": [5, "anna"]}   recipients (at most 100)
///   "text": "Call the client"                          required, up to 4000 bytes
///   "title": "Renewal"                                 optional, up to 200 bytes
///   "link": {"type": "deal", "id": 7} | null           optional; absent: the robot's record
///   "source": "robot:12"                               optional; default "robot"
///
/// The robot engine registers it with a few lines:
///
///   actions.add("notify", [&](const json& params, const Actor& actor, std::optional<lua::RecordRef> record,
///                             storage::Transaction& tx, bool dry_run) {
///       return notify.run(params, actor, record, tx, dry_run);
///   });
///
/// Answers the effect {"kind": "notification", "recipients": [{"id", "login"}], "title",
/// "text", "link"} (the same in a dry run, which validates everything and writes
/// nothing). Invalid parameters or an unknown/inactive user are a Problem 422.
class NotifyAction {
public:
    NotifyAction(Notifier& notifier, auth::UserDirectory& users) : notifier_(notifier), users_(users) {}

    nlohmann::json run(const nlohmann::json& params, const Actor& actor, const std::optional<lua::RecordRef>& record,
                       storage::Transaction& tx, bool dry_run, std::vector<std::int64_t>* created = nullptr);

    static constexpr std::size_t kMaxRecipients = 100;

private:
    Notifier& notifier_;
    auth::UserDirectory& users_;
};

}  // namespace orbita::kernel::notifications
