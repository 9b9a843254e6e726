// SPDX-License-Identifier: Apache-2.0
// One effect waiting to leave the process, or one that left.
#pragma once

#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::outbox {

/// A row of `outbox`: pending until its channel delivered it (sent) or its delivery
/// job ran out of attempts (failed; an administrator may retry it).
struct OutboxMessage {
    std::int64_t id = 0;
    std::string channel;
    nlohmann::json payload;
    std::string state;
    std::string idempotency_key;
    int attempts = 0;
    std::string last_error;
    std::int64_t job_id = 0;
    TimePoint created_at{};
    TimePoint updated_at{};
    std::optional<TimePoint> sent_at;

    nlohmann::json to_json() const;
};

/// What `Outbox::enqueue` did: the message id and whether this call created it.
struct EnqueueResult {
    std::int64_t id = 0;
    bool created = false;
};

}  // namespace orbita::kernel::outbox
