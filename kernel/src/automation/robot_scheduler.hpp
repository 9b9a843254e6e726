// SPDX-License-Identifier: Apache-2.0
// Turns a record's arrival in a stage into robot jobs, in the transaction of the move.
#pragma once

#include "core/clock.hpp"
#include "events/event_bus.hpp"

#include <string>

namespace orbita::kernel::storage {
class Database;
}
namespace orbita::kernel::entity {
class TypeRegistry;
}
namespace orbita::kernel::jobs {
class JobQueue;
}
namespace orbita::kernel::calendar {
class CalendarStore;
}

namespace orbita::kernel::automation {

/// The InTransaction subscriber of record.stage_changed. Within the writing transaction:
///   1. records the stage entry (closing the previous one);
///   2. cancels the pending runs of the stage the record left whose robots cancel on
///      leave, and their jobs once no run of them is left;
///   3. for each enabled robot of the new stage computes its due time and writes a
///      pending run; runs due at the same moment in the same transaction and causal
///      chain share one job (kind automation.robots, key "robots:<first entry>:<due ms>")
///      that carries the chain, so a bulk move of many records costs few jobs.
/// So "move the deal, and remind the manager in 10 days" commits as one write or not at all.
class RobotScheduler {
public:
    RobotScheduler(storage::Database& db, const entity::TypeRegistry& types, jobs::JobQueue& jobs,
                   calendar::CalendarStore& calendar, const Clock& clock, std::string time_zone)
        : db_(db), types_(types), jobs_(jobs), calendar_(calendar), clock_(clock), time_zone_(std::move(time_zone)) {}

    void on_stage_changed(const events::Event& event);

    static constexpr const char* kJobKind = "automation.robots";

private:
    storage::Database& db_;
    const entity::TypeRegistry& types_;
    jobs::JobQueue& jobs_;
    calendar::CalendarStore& calendar_;
    const Clock& clock_;
    std::string time_zone_;
};

}  // namespace orbita::kernel::automation
