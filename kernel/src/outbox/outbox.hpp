// SPDX-License-Identifier: Apache-2.0
// The transactional outbox: effects that leave the process, written with their cause.
#pragma once

#include "jobs/job_handler_registry.hpp"
#include "jobs/job_queue.hpp"
#include "outbox/outbox_channel.hpp"
#include "outbox/outbox_store.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace orbita::kernel::outbox {

/// Robots, processes, Lua and plugins never call a webhook or an SMTP server from
/// inside a business transaction. They `enqueue` a message in that transaction: the
/// message and a delivery job (kind outbox.deliver) commit together with the change
/// that caused them, or not at all. A job worker then delivers it through its channel,
/// with the job runner's retries and backoff; when the attempts run out the message is
/// marked failed in the same transaction that buries its job.
///
/// Delivery is at-least-once (a node may die after delivering and before recording
/// it), so every message carries an idempotency key that channels pass on (webhook
/// header Idempotency-Key, e-mail Message-ID), and enqueueing the same key twice on one
/// channel returns the first message.
class Outbox {
public:
    static constexpr const char* kDeliverJob = "outbox.deliver";

    /// Registers the delivery job kind with `handlers`.
    Outbox(storage::Database& db, jobs::JobQueue& queue, jobs::JobHandlerRegistry& handlers, const Clock& clock);

    /// Adds a channel (at start-up); throws std::invalid_argument for a duplicate name.
    void add_channel(std::unique_ptr<OutboxChannel> channel);
    /// Writes a message within `tx`. 422 (Problem) for an unknown channel, an empty or
    /// over-long key (1..200 characters) or a payload the channel refuses.
    EnqueueResult enqueue(storage::Transaction& tx, const std::string& channel, const nlohmann::json& payload,
                          const std::string& idempotency_key);
    OutboxStore& store() { return store_; }

private:
    const OutboxChannel* channel(const std::string& name) const;
    void deliver(jobs::JobContext& ctx);

    storage::Database& db_;
    jobs::JobQueue& queue_;
    const Clock& clock_;
    OutboxStore store_;
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<OutboxChannel>> channels_;
};

}  // namespace orbita::kernel::outbox
