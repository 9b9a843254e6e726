// SPDX-License-Identifier: Apache-2.0
#include "outbox/outbox.hpp"

#include "core/problem.hpp"

namespace orbita::kernel::outbox {

namespace {

constexpr std::size_t kMaxKeyLength = 200;

}  // namespace

Outbox::Outbox(storage::Database& db, jobs::JobQueue& queue, jobs::JobHandlerRegistry& handlers, const Clock& clock)
    : db_(db), queue_(queue), clock_(clock) {
    jobs::JobHandler handler;
    handler.run = [this](jobs::JobContext& ctx) { deliver(ctx); };
    // Network I/O must not hold a write transaction (on SQLite it would stall every writer).
    handler.transactional = false;
    handler.on_dead = [this](storage::Transaction& tx, const jobs::JobRecord& job, const std::string& error) {
        store_.mark_failed(tx.conn(), job.payload.value("message_id", std::int64_t{0}), job.attempts, error, clock_.now());
    };
    handlers.add(kDeliverJob, std::move(handler));
}

void Outbox::add_channel(std::unique_ptr<OutboxChannel> channel) {
    std::lock_guard lock(mutex_);
    const auto name = channel->name();
    if (!channels_.emplace(name, std::move(channel)).second)
        throw std::invalid_argument("outbox channel " + name + " is already registered");
}

const OutboxChannel* Outbox::channel(const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto it = channels_.find(name);
    return it == channels_.end() ? nullptr : it->second.get();
}

EnqueueResult Outbox::enqueue(storage::Transaction& tx, const std::string& channel_name, const nlohmann::json& payload,
                              const std::string& idempotency_key) {
    const OutboxChannel* ch = channel(channel_name);
    if (!ch) throw Problem::validation({{"channel", "unknown_channel", "no outbox channel '" + channel_name + "'"}});
    if (idempotency_key.empty() || idempotency_key.size() > kMaxKeyLength)
        throw Problem::validation({{"idempotency_key", "invalid_value", "must be 1 to 200 characters"}});
    if (auto errors = ch->validate(payload); !errors.empty()) throw Problem::validation(std::move(errors));
    auto result = store_.insert(tx.conn(), channel_name, payload, idempotency_key, clock_.now());
    if (result.created) {
        jobs::JobSpec spec;
        spec.kind = kDeliverJob;
        spec.payload = {{"message_id", result.id}};
        spec.idempotency_key = "outbox:" + std::to_string(result.id);
        store_.set_job(tx.conn(), result.id, queue_.schedule(tx, spec).id);
    }
    return result;
}

void Outbox::deliver(jobs::JobContext& ctx) {
    const auto id = ctx.job.payload.value("message_id", std::int64_t{0});
    auto message = db_.read([&](storage::Connection& conn) { return store_.get(conn, id); });
    if (!message) throw jobs::PermanentJobError("outbox message #" + std::to_string(id) + " does not exist");
    // Delivered by an earlier run whose completion was lost: nothing to do again.
    if (message->state != "pending") return;
    const OutboxChannel* ch = channel(message->channel);
    if (!ch) throw jobs::PermanentJobError("no outbox channel '" + message->channel + "' on this node");
    try {
        ch->deliver(*message, ctx.job.attempts);
    } catch (const std::exception& e) {
        db_.write([&](storage::Transaction& tx) {
            store_.record_failure(tx.conn(), id, ctx.job.attempts, e.what(), clock_.now());
        });
        throw;
    }
    db_.write([&](storage::Transaction& tx) { store_.mark_sent(tx.conn(), id, ctx.job.attempts, clock_.now()); });
}

}  // namespace orbita::kernel::outbox
