// SPDX-License-Identifier: Apache-2.0
#include "realtime/live_session.hpp"

#include "core/problem.hpp"

#include <algorithm>

namespace orbita::kernel::realtime {

using nlohmann::json;

namespace {

json error_frame(const std::string& code, const std::string& detail) {
    return {{"op", "error"}, {"code", code}, {"detail", detail}};
}

std::string topic_text(const json& message) {
    const auto it = message.find("topic");
    if (it == message.end() || !it->is_string()) throw Problem(400, "bad-topic", "Bad topic", "send the topic as a string");
    return it->get<std::string>();
}

}  // namespace

LiveSession::LiveSession(Actor actor, const VisibleRecords& records, const RealtimeOptions& options)
    : records_(records), projector_(records), options_(options), actor_(std::move(actor)) {}

json LiveSession::handle(const std::string& text) {
    json message = json::parse(text, nullptr, false);
    if (message.is_discarded() || !message.is_object())
        return error_frame("bad-message", "send a JSON object such as {\"op\":\"subscribe\",\"topic\":\"type:deal\"}");
    json reply;
    const std::string op = message.value("op", json()).is_string() ? message["op"].get<std::string>() : "";
    try {
        if (op == "subscribe") {
            reply = subscribe(topic_text(message));
        } else if (op == "unsubscribe") {
            reply = unsubscribe(topic_text(message));
        } else if (op == "ping") {
            reply = {{"op", "pong"}};
        } else {
            reply = error_frame("unknown-op", "op must be subscribe, unsubscribe or ping");
        }
    } catch (const Problem& p) {
        reply = error_frame(p.slug(), p.detail());
        reply["status"] = p.status();
    }
    if (message.contains("id") && (message["id"].is_string() || message["id"].is_number_integer()))
        reply["id"] = message["id"];
    return reply;
}

json LiveSession::subscribe(const std::string& text) {
    const Topic topic = Topic::parse(text);
    const Actor who = actor();
    // The rights at subscription decide what can be asked for; every event is checked
    // again when it is pushed.
    if (topic.kind == Topic::Kind::Type && !records_.readable_type(who, topic.entity_type))
        throw Problem::forbidden("you may not read " + topic.entity_type + " records");
    if (topic.kind == Topic::Kind::Record && !records_.find(who, topic.entity_type, topic.record_id))
        throw Problem::not_found(topic.entity_type + " #" + std::to_string(topic.record_id) + " does not exist");
    std::lock_guard<std::mutex> lock(mutex_);
    if (std::find(topics_.begin(), topics_.end(), topic) == topics_.end()) {
        if (topics_.size() >= options_.max_subscriptions)
            throw Problem(429, "too-many-subscriptions", "Too many subscriptions",
                          "a connection may hold " + std::to_string(options_.max_subscriptions) +
                              " subscriptions; unsubscribe from one first");
        topics_.push_back(topic);
    }
    return {{"op", "subscribed"}, {"topic", topic.text()}};
}

json LiveSession::unsubscribe(const std::string& text) {
    const Topic topic = Topic::parse(text);
    std::lock_guard<std::mutex> lock(mutex_);
    topics_.erase(std::remove(topics_.begin(), topics_.end(), topic), topics_.end());
    return {{"op", "unsubscribed"}, {"topic", topic.text()}};
}

const Topic* LiveSession::topic_for(const events::Event& event) const {
    for (const auto& t : topics_)
        if (t.matches(event)) return &t;
    return nullptr;
}

void LiveSession::offer(const std::shared_ptr<const events::Event>& event) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (overflowed_ || !topic_for(*event)) return;
    if (queue_.size() >= options_.max_queued_events) {
        overflowed_ = true;
        queue_.clear();
        return;
    }
    queue_.push_back(event);
}

std::vector<std::string> LiveSession::drain() {
    std::deque<std::shared_ptr<const events::Event>> pending;
    std::vector<std::pair<std::shared_ptr<const events::Event>, Topic>> work;
    Actor who;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending.swap(queue_);
        for (auto& e : pending) {
            if (const Topic* t = topic_for(*e)) work.emplace_back(e, *t);  // unsubscribed meanwhile: dropped
        }
        who = actor_;
    }
    std::vector<std::string> frames;
    for (const auto& [event, topic] : work) {
        if (auto frame = projector_.project(who, topic, *event))
            frames.push_back(frame->dump(-1, ' ', false, json::error_handler_t::replace));
    }
    return frames;
}

bool LiveSession::overflowed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return overflowed_;
}

bool LiveSession::has_pending() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !queue_.empty();
}

void LiveSession::set_actor(Actor actor) {
    std::lock_guard<std::mutex> lock(mutex_);
    actor_ = std::move(actor);
}

Actor LiveSession::actor() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return actor_;
}

std::size_t LiveSession::subscription_count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return topics_.size();
}

}  // namespace orbita::kernel::realtime
