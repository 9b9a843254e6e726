// SPDX-License-Identifier: Apache-2.0
// orbita.notify for Lua scripts.
#pragma once

namespace orbita::kernel::lua {
class LuaExtensions;
}
namespace orbita::kernel::storage {
class Database;
}

namespace orbita::kernel::notifications {

class NotifyAction;

/// Provides `orbita.notify(user, text, options)`:
///
///   orbita.notify(deal.owner, "Call the client back")
///   orbita.notify({"anna", const.Clerk}, "Draft the contract", {title = "Contract", record = {type = "deal", id = 7}})
///
/// `user` is a user id (what a `user` field or constant holds), a login, or a list of
/// them; options are `title` and `record` (the record the notification opens; default
/// the run's record, `false` for none). The notifications are written in the run's
/// transaction (a failed or dry run leaves none) with the source set to the script id,
/// and reported as one effect {"kind": "notification", "recipients", "title", "text",
/// "link"}. Answers the notification id (a list of ids for a list of users).
void provide_notify_lua(lua::LuaExtensions& extensions, NotifyAction& notify, storage::Database& db);

}  // namespace orbita::kernel::notifications
