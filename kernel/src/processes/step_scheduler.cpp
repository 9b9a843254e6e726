// SPDX-License-Identifier: Apache-2.0
#include "processes/step_scheduler.hpp"

#include "jobs/job_queue.hpp"

namespace orbita::kernel::processes {

std::string StepScheduler::key(std::int64_t instance_id, std::int64_t seq) {
    return "process:" + std::to_string(instance_id) + ":" + std::to_string(seq);
}

void StepScheduler::schedule(storage::Transaction& tx, std::int64_t instance_id, std::int64_t seq, TimePoint due) {
    jobs::JobSpec spec;
    spec.kind = kJobKind;
    spec.payload = {{"instance", instance_id}, {"seq", seq}};
    spec.due = due;
    spec.idempotency_key = key(instance_id, seq);
    queue_.schedule(tx, spec);
}

void StepScheduler::cancel(storage::Transaction& tx, std::int64_t instance_id, std::int64_t seq) {
    queue_.cancel(tx, kJobKind, key(instance_id, seq));
}

}  // namespace orbita::kernel::processes
