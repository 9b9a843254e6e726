// SPDX-License-Identifier: Apache-2.0
#include "notifications/notification.hpp"

namespace orbita::kernel::notifications {

nlohmann::json Notification::to_json() const {
    nlohmann::json link = nullptr;
    if (message.link) link = {{"type", message.link->type}, {"id", message.link->id}};
    return {{"id", id},
            {"recipient_id", recipient_id},
            {"title", message.title},
            {"body", message.body},
            {"link", std::move(link)},
            {"source", message.source},
            {"created_at", format_utc(created_at)},
            {"read_at", read_at ? nlohmann::json(format_utc(*read_at)) : nlohmann::json(nullptr)},
            {"read", read_at.has_value()}};
}

}  // namespace orbita::kernel::notifications
