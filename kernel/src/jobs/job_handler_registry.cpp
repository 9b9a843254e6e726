// SPDX-License-Identifier: Apache-2.0
#include "jobs/job_handler_registry.hpp"

namespace orbita::kernel::jobs {

void JobHandlerRegistry::add(const std::string& kind, JobHandler handler) {
    if (kind.empty()) throw std::invalid_argument("a job kind must not be empty");
    if (!handler.run) throw std::invalid_argument("job kind " + kind + " of " + handler.owner + " has no run function");
    std::lock_guard lock(mutex_);
    auto [it, inserted] = handlers_.emplace(kind, handler);
    if (!inserted) {
        throw std::invalid_argument("job kind " + kind + " of " + handler.owner + " is already registered by " +
                                    it->second.owner);
    }
}

std::optional<JobHandler> JobHandlerRegistry::find(const std::string& kind) const {
    std::lock_guard lock(mutex_);
    auto it = handlers_.find(kind);
    if (it == handlers_.end()) return std::nullopt;
    return it->second;
}

bool JobHandlerRegistry::contains(const std::string& kind) const {
    std::lock_guard lock(mutex_);
    return handlers_.count(kind) > 0;
}

std::vector<std::string> JobHandlerRegistry::kinds() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [kind, h] : handlers_) out.push_back(kind);
    return out;
}

}  // namespace orbita::kernel::jobs
