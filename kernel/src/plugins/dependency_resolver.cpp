// SPDX-License-Identifier: Apache-2.0
#include "plugins/dependency_resolver.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace orbita::kernel::plugins {

namespace {

// Direct problems of one plugin's dependency list, ignoring cycles.
std::string direct_problem(const PluginManifest& m, const std::map<std::string, PluginManifest>& candidates,
                           const std::map<std::string, std::string>& unavailable) {
    for (const auto& d : m.dependencies) {
        auto it = candidates.find(d.id);
        if (it == candidates.end()) {
            if (d.optional) continue;
            auto why = unavailable.find(d.id);
            if (why != unavailable.end())
                return "dependency " + d.id + " " + d.version.to_string() + " is not available: " + why->second;
            return "requires plugin " + d.id + " " + d.version.to_string() + ", which is not installed";
        }
        const auto& dep = it->second;
        if (!satisfies(dep.compat_version, dep.version, d.version)) {
            return "requires " + d.id + " " + d.version.to_string() + ", but " + dep.label() +
                   " is installed (it serves versions " + dep.compat_version.to_string() + " to " +
                   dep.version.to_string() + ")";
        }
    }
    return {};
}

}  // namespace

Resolution DependencyResolver::resolve(const std::map<std::string, PluginManifest>& candidates,
                                       const std::map<std::string, std::string>& unavailable) const {
    Resolution r;
    for (const auto& [id, m] : candidates) {
        if (auto problem = direct_problem(m, candidates, unavailable); !problem.empty()) r.failures[id] = problem;
    }

    // Depth-first walk in id order: a grey node met again closes a cycle, and the stack
    // from it is the chain to report. Failures propagate to dependents.
    enum class Mark { White, Grey, Black };
    std::map<std::string, Mark> mark;
    std::vector<std::string> stack;
    std::function<void(const std::string&)> visit = [&](const std::string& id) {
        mark[id] = Mark::Grey;
        stack.push_back(id);
        const auto& m = candidates.at(id);
        for (const auto& d : m.dependencies) {
            if (!candidates.count(d.id)) continue;
            if (mark[d.id] == Mark::Grey) {
                std::string chain;
                auto start = std::find(stack.begin(), stack.end(), d.id);
                for (auto it = start; it != stack.end(); ++it) chain += candidates.at(*it).label() + " depends on ";
                chain += candidates.at(d.id).label();
                for (auto it = start; it != stack.end(); ++it) r.failures.emplace(*it, "circular dependency: " + chain);
                continue;
            }
            if (mark[d.id] == Mark::White) visit(d.id);
            if (r.failures.count(d.id) && !r.failures.count(id) && !d.optional) {
                r.failures[id] = "dependency " + candidates.at(d.id).label() + " failed: " + r.failures.at(d.id);
            }
        }
        stack.pop_back();
        mark[id] = Mark::Black;
        if (!r.failures.count(id)) r.order.push_back(id);
    };
    for (const auto& [id, m] : candidates) {
        if (mark[id] == Mark::White) visit(id);
    }
    // A cycle member may have been appended before the cycle was noticed from another
    // entry point; keep the order free of anything that failed.
    std::erase_if(r.order, [&](const std::string& id) { return r.failures.count(id) > 0; });
    return r;
}

}  // namespace orbita::kernel::plugins
