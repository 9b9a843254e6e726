// SPDX-License-Identifier: Apache-2.0
// What one user may see of one kernel event: the frame pushed to their WebSocket.
#pragma once

#include "core/actor.hpp"
#include "events/event_bus.hpp"
#include "realtime/topic.hpp"
#include "realtime/visible_records.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace orbita::kernel::realtime {

/// Turns an event into the frame a subscriber receives, deciding per event and per
/// user in the data layer: a record event re-reads the record as the user now may see
/// it (nothing when it is outside their read scope, hidden fields removed, changed
/// fields limited to visible ones), so a right revoked after the subscription counts
/// at once. A notification reaches its recipient only; a channel message its
/// `live_recipients` (everyone subscribed when it names none).
class EventProjector {
public:
    explicit EventProjector(const VisibleRecords& records) : records_(records) {}

    std::optional<nlohmann::json> project(const Actor& actor, const Topic& topic, const events::Event& event) const;

private:
    std::optional<nlohmann::json> record_frame(const Actor& actor, const events::Event& event) const;

    const VisibleRecords& records_;
};

}  // namespace orbita::kernel::realtime
