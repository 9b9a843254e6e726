// SPDX-License-Identifier: Apache-2.0
// The functions of `p` that a process step returns: p.wait_until, p.wait, p.wait_for, p.go, p.finish.
#pragma once

#include "core/clock.hpp"
#include "lua/run_context.hpp"

#include <map>
#include <string>

namespace orbita::kernel::processes {

/// Builds the StepDirective JSON a step returns, checking every argument where the
/// script calls it, so a mistake is a script error with its line:
///
///   return p.wait_until("2025-04-17T09:00:00+03:00", "renew")
///   return p.wait(3 * 86400, "remind")                      -- seconds from now
///   return p.wait_for("record.updated", {type = "deal", id = p.vars.deal, stage = "won"},
///                     {next = "won", timeout = 10 * 86400, on_timeout = "remind"})
///   return p.go("check")                                    -- run that step now
///   return p.finish()                                       -- or return nothing
///
/// Step names must be functions of the process's table. wait_for's filter: `type` and
/// `id` name the record the event concerns; any other key must equal the event
/// payload's field (or, for record events, the record's field after the change), a
/// list meaning "one of". `timeout` is in seconds, `timeout_at` a date-time;
/// `on_timeout` defaults to `next`.
class StepApi {
public:
    static std::map<std::string, lua::EntryCall::Helper> helpers(const Clock& clock);
};

}  // namespace orbita::kernel::processes
