// SPDX-License-Identifier: Apache-2.0
// Task dependencies: a task may not depend on itself or, through others, on itself.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace orbita::plugins::crm {

/// The predecessors a task currently has (its depends_on), looked up on demand.
using PredecessorLookup = std::function<std::vector<std::int64_t>(std::int64_t task_id)>;

/// If `task_id` were to depend on `predecessors`, would a cycle form? Answers the
/// cycle as task ids starting and ending with `task_id` (e.g. {5, 7, 9, 5}; {5, 5}
/// for a task naming itself), or an empty vector when the graph stays acyclic.
/// `lookup` is asked at most once per task reached.
std::vector<std::int64_t> find_dependency_cycle(std::int64_t task_id, const std::vector<std::int64_t>& predecessors,
                                                const PredecessorLookup& lookup);

}  // namespace orbita::plugins::crm
