// SPDX-License-Identifier: Apache-2.0
#include "realtime/topic.hpp"

#include "core/problem.hpp"

#include <cctype>

namespace orbita::kernel::realtime {

namespace {

Problem bad_topic(const std::string& text) {
    return Problem(400, "bad-topic", "Bad topic",
                   "'" + text.substr(0, 100) +
                       "' is no topic; use type:<type>, record:<type>:<id>, notifications or channel:<plugin>.<name>");
}

// Entity type names and channel names: lower-case words, digits, '_', '.', '-'.
bool plain_name(const std::string& s, std::size_t max) {
    if (s.empty() || s.size() > max || !std::islower(static_cast<unsigned char>(s[0]))) return false;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (!std::islower(u) && !std::isdigit(u) && c != '_' && c != '.' && c != '-') return false;
    }
    return true;
}

std::int64_t positive_id(const std::string& s) {
    if (s.empty() || s.size() > 18) return 0;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
    return std::stoll(s);
}

}  // namespace

bool is_record_event(const std::string& name) { return name.rfind("record.", 0) == 0; }

Topic Topic::parse(const std::string& text) {
    Topic t;
    if (text == "notifications") return t;
    if (text.rfind("type:", 0) == 0) {
        t.kind = Kind::Type;
        t.entity_type = text.substr(5);
        if (!plain_name(t.entity_type, 64) || t.entity_type.find('.') != std::string::npos) throw bad_topic(text);
        return t;
    }
    if (text.rfind("record:", 0) == 0) {
        const auto colon = text.find(':', 7);
        if (colon == std::string::npos) throw bad_topic(text);
        t.kind = Kind::Record;
        t.entity_type = text.substr(7, colon - 7);
        t.record_id = positive_id(text.substr(colon + 1));
        if (!plain_name(t.entity_type, 64) || t.record_id <= 0) throw bad_topic(text);
        return t;
    }
    if (text.rfind("channel:", 0) == 0) {
        t.kind = Kind::Channel;
        t.channel = text.substr(8);
        const auto dot = t.channel.find('.');
        if (!plain_name(t.channel, 100) || dot == std::string::npos || dot + 1 == t.channel.size()) throw bad_topic(text);
        return t;
    }
    throw bad_topic(text);
}

std::string Topic::text() const {
    switch (kind) {
        case Kind::Type: return "type:" + entity_type;
        case Kind::Record: return "record:" + entity_type + ":" + std::to_string(record_id);
        case Kind::Channel: return "channel:" + channel;
        case Kind::Notifications: break;
    }
    return "notifications";
}

bool Topic::matches(const events::Event& event) const {
    switch (kind) {
        case Kind::Type: return is_record_event(event.name) && event.entity_type == entity_type;
        case Kind::Record:
            return is_record_event(event.name) && event.entity_type == entity_type && event.record_id == record_id;
        case Kind::Channel:
            return event.name == channel && event.payload.is_object() && event.payload.contains(kLiveMember) &&
                   !is_record_event(event.name) && event.name.rfind("notification.", 0) != 0;
        case Kind::Notifications: break;
    }
    return event.name == "notification.created";
}

}  // namespace orbita::kernel::realtime
