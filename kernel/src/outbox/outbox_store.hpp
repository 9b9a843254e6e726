// SPDX-License-Identifier: Apache-2.0
// The SQL of the outbox table.
#pragma once

#include "outbox/outbox_message.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::outbox {

/// Filters of the admin list (newest first, keyset cursor `before_id`).
struct OutboxFilter {
    std::string state;
    std::string channel;
    std::optional<std::int64_t> before_id;
    int limit = 50;
};

/// Stateless access to `outbox`.
class OutboxStore {
public:
    /// Inserts a pending message unless one with the same channel and key exists.
    EnqueueResult insert(storage::Connection& conn, const std::string& channel, const nlohmann::json& payload,
                         const std::string& idempotency_key, TimePoint now);
    void set_job(storage::Connection& conn, std::int64_t id, std::int64_t job_id);
    std::optional<OutboxMessage> get(storage::Connection& conn, std::int64_t id);
    std::vector<OutboxMessage> list(storage::Connection& conn, const OutboxFilter& filter);
    void mark_sent(storage::Connection& conn, std::int64_t id, int attempts, TimePoint now);
    /// A delivery attempt failed and will be retried: the message stays pending.
    void record_failure(storage::Connection& conn, std::int64_t id, int attempts, const std::string& error, TimePoint now);
    /// Its delivery job is dead: the message failed.
    void mark_failed(storage::Connection& conn, std::int64_t id, int attempts, const std::string& error, TimePoint now);
    /// An administrator retries a failed message: pending again.
    bool reopen(storage::Connection& conn, std::int64_t id, TimePoint now);
    std::vector<std::pair<std::string, std::int64_t>> count_by_state(storage::Connection& conn);
};

}  // namespace orbita::kernel::outbox
