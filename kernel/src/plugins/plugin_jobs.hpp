// SPDX-License-Identifier: Apache-2.0
// Runs the periodic jobs plugins register through sdk::JobRegistrar.
#pragma once

#include "core/clock.hpp"

namespace orbita::kernel {
namespace jobs {
class JobHandlerRegistry;
class JobQueue;
}  // namespace jobs
namespace records {
class RecordRepository;
}
namespace storage {
class Database;
}
}  // namespace orbita::kernel

namespace orbita::kernel::plugins {

class PluginCatalog;
class PluginFaults;

/// Turns every committed plugin job into a job kind (its id) with one periodic row in
/// the jobs table. The SDK promises "about every interval_seconds, as system:<plugin>,
/// never twice at once, first run one interval after start": the row is leased like
/// any job (so across nodes only one runs it), re-armed one interval after each run,
/// and created with its first run one interval from now. A failing run is reported
/// against the plugin (admin report) and recorded as the job's last error.
void schedule_plugin_jobs(PluginCatalog& catalog, PluginFaults& faults, records::RecordRepository& records,
                          jobs::JobHandlerRegistry& handlers, jobs::JobQueue& queue, storage::Database& db,
                          const Clock& clock);

}  // namespace orbita::kernel::plugins
