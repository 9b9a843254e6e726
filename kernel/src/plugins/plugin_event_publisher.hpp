// SPDX-License-Identifier: Apache-2.0
// sdk::EventPublisher for one plugin, over the kernel's event bus.
#pragma once

#include "orbita/sdk/events.hpp"

#include <string>

namespace orbita::kernel::events {
class EventBus;
}
namespace orbita::kernel::storage {
class Database;
}

namespace orbita::kernel::plugins {

/// Raises a plugin's events on the kernel's bus, inside the calling thread's write
/// transaction or one of its own; names must carry the plugin's prefix.
class PluginEventPublisher final : public sdk::EventPublisher {
public:
    PluginEventPublisher(std::string plugin_id, events::EventBus& events, storage::Database& db)
        : plugin_id_(std::move(plugin_id)), events_(events), db_(db) {}

    sdk::Result<void> publish(sdk::Event event) override;

private:
    std::string plugin_id_;
    events::EventBus& events_;
    storage::Database& db_;
};

}  // namespace orbita::kernel::plugins
