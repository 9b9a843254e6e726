// SPDX-License-Identifier: Apache-2.0
// In-process events: record.created/updated/archived/restored and plugin events.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace orbita::kernel::storage {
class Transaction;
}

namespace orbita::kernel::events {

/// Something that happened. `name` is dotted ("record.updated", "telegram.message_received");
/// `payload` is plain data that subscribers may keep.
struct Event {
    std::string name;
    std::string entity_type;  ///< for record events
    std::int64_t record_id = 0;
    nlohmann::json payload;
};

/// When a subscriber runs relative to the transaction that raised the event.
enum class Phase {
    /// Inside the transaction, before commit; an exception aborts the whole write.
    /// For work that must be atomic with the change (queueing jobs, outbox rows).
    InTransaction,
    /// After a successful commit; an exception is logged and never undoes the change.
    AfterCommit,
};

/// Routes events to subscribers by name pattern: an exact name, a prefix ending in
/// ".*" ("record.*"), or "*".
class EventBus {
public:
    using Handler = std::function<void(const Event&)>;

    /// Subscribes `handler`; answers an id for `unsubscribe`.
    std::uint64_t subscribe(std::string pattern, Handler handler, Phase phase = Phase::AfterCommit);
    void unsubscribe(std::uint64_t id);
    /// Raises `event` within `tx`: InTransaction handlers run now, AfterCommit ones are
    /// queued on the transaction.
    void publish(storage::Transaction& tx, const Event& event);
    /// Raises an event outside any transaction: every handler runs now.
    void publish_now(const Event& event);

    static bool matches(const std::string& pattern, const std::string& name);

private:
    struct Subscription {
        std::uint64_t id;
        std::string pattern;
        Handler handler;
        Phase phase;
    };
    std::vector<Subscription> matching(const std::string& name, Phase phase) const;

    mutable std::mutex mutex_;
    std::vector<Subscription> subscriptions_;
    std::uint64_t next_id_ = 1;
};

}  // namespace orbita::kernel::events
