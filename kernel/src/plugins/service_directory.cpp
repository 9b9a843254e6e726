// SPDX-License-Identifier: Apache-2.0
#include "plugins/service_directory.hpp"

#include <stdexcept>
#include <vector>

namespace orbita::kernel::plugins {

std::optional<std::string> ServiceDirectory::owner_of(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = services_.find(id);
    if (it == services_.end()) return std::nullopt;
    return it->second.owner;
}

void ServiceDirectory::add(ProvidedService service) {
    std::lock_guard lock(mutex_);
    auto id = service.key.id;
    auto [it, inserted] = services_.emplace(id, std::move(service));
    if (!inserted) throw std::invalid_argument("service " + id + " is already registered by " + it->second.owner);
}

std::optional<ProvidedService> ServiceDirectory::find(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = services_.find(id);
    if (it == services_.end()) return std::nullopt;
    return it->second;
}

void ServiceDirectory::remove_owned_by(const std::string& owner) {
    // The objects are released outside the lock: their destructors are plugin code.
    std::vector<std::shared_ptr<void>> released;
    {
        std::lock_guard lock(mutex_);
        for (auto it = services_.begin(); it != services_.end();) {
            if (it->second.owner == owner) {
                released.push_back(std::move(it->second.object));
                it = services_.erase(it);
            } else {
                ++it;
            }
        }
    }
}

}  // namespace orbita::kernel::plugins
