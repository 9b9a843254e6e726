// SPDX-License-Identifier: Apache-2.0
// The typed services running plugins provide, by service id.
#pragma once

#include "orbita/sdk/services.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace orbita::kernel::plugins {

/// One committed service: who provides it, the key its provider compiled (id, interface
/// version, class name) and the object, as the provider's `T*` converted to void*.
struct ProvidedService {
    std::string owner;
    sdk::ServiceKey key;
    std::shared_ptr<void> object;
};

/// Services of every plugin whose initialize succeeded. Written at commit (startup),
/// read by lookups from any thread. Holds a reference to each object until its provider
/// is destroyed, so a service outlives every plugin that depends on it.
class ServiceDirectory {
public:
    /// The plugin that provides `id`, if any.
    std::optional<std::string> owner_of(const std::string& id) const;
    /// Adds a service; throws std::invalid_argument naming both owners when `id` is
    /// taken (RegistrationCommitter::conflicts reports that before anything is committed).
    void add(ProvidedService service);
    /// The service with `id`, or nullopt.
    std::optional<ProvidedService> find(const std::string& id) const;
    /// Drops the services of `owner`, before the kernel destroys that plugin.
    void remove_owned_by(const std::string& owner);

private:
    mutable std::mutex mutex_;
    std::map<std::string, ProvidedService> services_;
};

}  // namespace orbita::kernel::plugins
