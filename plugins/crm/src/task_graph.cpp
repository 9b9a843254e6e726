// SPDX-License-Identifier: Apache-2.0
#include "task_graph.hpp"

#include <map>
#include <set>

namespace orbita::plugins::crm {

std::vector<std::int64_t> find_dependency_cycle(std::int64_t task_id, const std::vector<std::int64_t>& predecessors,
                                                const PredecessorLookup& lookup) {
    // Breadth-first over predecessors, remembering who reached whom, so the cycle
    // found is a shortest one and can be shown as a path.
    std::map<std::int64_t, std::int64_t> reached_from;
    std::vector<std::int64_t> frontier;
    for (auto p : predecessors) {
        if (p == task_id) return {task_id, task_id};
        if (reached_from.emplace(p, task_id).second) frontier.push_back(p);
    }
    while (!frontier.empty()) {
        std::vector<std::int64_t> next;
        for (auto current : frontier) {
            for (auto p : lookup(current)) {
                if (p == task_id) {
                    std::vector<std::int64_t> back{task_id, current};
                    for (auto at = current; reached_from.at(at) != task_id;) {
                        at = reached_from.at(at);
                        back.push_back(at);
                    }
                    back.push_back(task_id);
                    // `back` runs successor-wards (task <- current <- ...); show it as "depends on" order.
                    return {back.rbegin(), back.rend()};
                }
                if (reached_from.emplace(p, current).second) next.push_back(p);
            }
        }
        frontier = std::move(next);
    }
    return {};
}

}  // namespace orbita::plugins::crm
