// SPDX-License-Identifier: Apache-2.0
// orbita.process.start: scripts start durable processes.
#pragma once

namespace orbita::kernel::lua {
class LuaExtensions;
}
namespace orbita::kernel::storage {
class Database;
}

namespace orbita::kernel::processes {

class StartProcessAction;

/// Provides `orbita.process.start(name, record, vars)`:
///
///   local id = orbita.process.start("payment_reminders", {type = "deal", id = deal.id}, {every_days = 2})
///   orbita.process.start("nightly_cleanup")          -- no record, no variables
///
/// `record` is a {type, id} table or nil (no record); `vars` the instance's initial
/// `p.vars` (a table, default empty). The instance runs as the script's actor and is
/// written in the run's transaction: its first step runs once the run commits, and a
/// failed or dry run starts nothing. Reported as the effect {"kind":
/// "process.started", "process", "record", "run_as", "instance"}; answers the instance
/// id. An unknown or disabled process, or a record that is not a {type, id} table, is
/// a script error naming the argument.
void provide_process_start_lua(lua::LuaExtensions& extensions, StartProcessAction& start, storage::Database& db);

}  // namespace orbita::kernel::processes
