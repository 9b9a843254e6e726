// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_jobs.hpp"

#include "core/actor.hpp"
#include "jobs/job_queue.hpp"
#include "plugins/plugin_catalog.hpp"
#include "plugins/plugin_faults.hpp"
#include "plugins/sdk_records.hpp"

namespace orbita::kernel::plugins {

void schedule_plugin_jobs(PluginCatalog& catalog, PluginFaults& faults, records::RecordRepository& records,
                          jobs::JobHandlerRegistry& handlers, jobs::JobQueue& queue, storage::Database& db,
                          const Clock& clock) {
    for (const auto& [owner, job] : catalog.jobs()) {
        jobs::JobHandler handler;
        handler.owner = owner;
        // Plugin code may call out of the process; it runs outside the job's transaction
        // and opens its own through sdk::Records.
        handler.transactional = false;
        handler.run = [&faults, &records, owner = owner, job = job](jobs::JobContext&) {
            const Actor actor = Actor::system_actor(owner);
            SdkRecords access(records, actor);
            const auto result = call_plugin(faults, owner, "job " + job.id, [&] { return job.run(access); });
            if (!result.ok()) {
                faults.report(owner, "job " + job.id, result.error().message);
                throw std::runtime_error("plugin " + owner + ", job " + job.id + ": " + result.error().message);
            }
        };
        handlers.add(job.id, std::move(handler));
        const auto interval = std::chrono::milliseconds(std::chrono::seconds(job.interval_seconds));
        db.write([&](storage::Transaction& tx) { queue.ensure_periodic(tx, job.id, interval, clock.now() + interval); });
    }
}

}  // namespace orbita::kernel::plugins
