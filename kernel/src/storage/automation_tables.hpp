// SPDX-License-Identifier: Apache-2.0
// Tables of the business-process engine: pipelines, stages, robots, triggers.
#pragma once

#include <string>
#include <vector>

namespace orbita::kernel::storage {

class Dialect;

/// kernel/0005_pipelines: pipelines and stages, the stage entries of records, robots
/// and their runs.
std::vector<std::string> pipeline_tables(const Dialect& d);
/// kernel/0007_triggers: triggers and their runs.
std::vector<std::string> trigger_tables(const Dialect& d);

}  // namespace orbita::kernel::storage
