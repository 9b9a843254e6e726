// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_event_publisher.hpp"

#include "core/problem.hpp"
#include "events/event_bus.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::plugins {

sdk::Result<void> PluginEventPublisher::publish(sdk::Event event) {
    const std::string prefix = plugin_id_ + ".";
    if (event.name.size() <= prefix.size() || event.name.compare(0, prefix.size(), prefix) != 0)
        return sdk::fail("invalid-event", "plugin " + plugin_id_ + " may raise only events named " + prefix + "<name>, not '" + event.name + "'");
    try {
        db_.write([&](storage::Transaction& tx) {
            events_.publish(tx, events::Event{event.name, event.entity_type, event.record_id, event.payload});
        });
    } catch (const Problem& p) {
        return sdk::fail(p.slug(), p.detail(), p.status());
    } catch (const std::exception& e) {
        return sdk::fail("event-refused", e.what(), 500);
    }
    return {};
}

}  // namespace orbita::kernel::plugins
