// SPDX-License-Identifier: Apache-2.0
// Keeps the derived `overdue` flag of tasks true exactly for open tasks past their end.
#pragma once

#include <orbita/sdk/record_hooks.hpp>
#include <orbita/sdk/records.hpp>

#include <chrono>

namespace orbita::plugins::crm {

/// The periodic pass behind `task.overdue` (spec 004 §3.13: "overdue" is computed, not
/// chosen). A task is overdue when its `end_at` has passed and its status is not of a
/// closed kind (done, accepted) nor suspended — a suspended task waits on purpose. The
/// pass sets the flag on tasks that became overdue and clears it on those that were
/// finished, suspended or rescheduled since; each change is a normal write, so it shows
/// in history, fires `record.updated` and can drive robots and triggers.
/// Sets `overdue` in a task write to what the task will be after it, as of `now`
/// (whatever value the writer sent: the flag is derived, never chosen). Run by the
/// task write hook, so finishing, suspending or rescheduling a task clears the flag at
/// once; the sweep below only catches tasks whose end passes while nobody touches them.
void derive_overdue(sdk::RecordWrite& write, sdk::Records& records, std::chrono::sys_seconds now);

class OverdueSweep {
public:
    /// How many changes one pass makes at most; the next pass continues.
    static constexpr int kMaxChangesPerPass = 5000;

    /// Runs one pass as of `now`; answers how many tasks changed their flag.
    sdk::Result<int> run(sdk::Records& records, std::chrono::sys_seconds now) const;
};

}  // namespace orbita::plugins::crm
