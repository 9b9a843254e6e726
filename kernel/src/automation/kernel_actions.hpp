// SPDX-License-Identifier: Apache-2.0
// The robot actions the kernel provides.
#pragma once

namespace orbita::kernel::records {
class RecordRepository;
}
namespace orbita::kernel::outbox {
class Outbox;
}
namespace orbita::kernel::lua {
class LuaRuntime;
}
namespace orbita::kernel::scripts {
class ScriptStore;
}

namespace orbita::kernel::automation {

class ActionRegistry;
class RecordMover;

/// set_field {fields}, move_to_stage {stage, pipeline?}, create_record {type, fields}.
void add_record_actions(ActionRegistry& registry, records::RecordRepository& records, RecordMover& mover);
/// send_email {to, subject, text, from?} and call_webhook {target, body?}, written to the
/// outbox in the run's transaction (a dry run or failed run sends nothing).
void add_message_actions(ActionRegistry& registry, outbox::Outbox& outbox);
/// run_lua {script | source, args?}: Lua with the record as `record` and args as `args`.
void add_lua_action(ActionRegistry& registry, lua::LuaRuntime& lua, scripts::ScriptStore& scripts);

}  // namespace orbita::kernel::automation
