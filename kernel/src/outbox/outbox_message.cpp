// SPDX-License-Identifier: Apache-2.0
#include "outbox/outbox_message.hpp"

namespace orbita::kernel::outbox {

nlohmann::json OutboxMessage::to_json() const {
    auto text_or_null = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
    return {{"id", id},
            {"channel", channel},
            {"payload", payload},
            {"state", state},
            {"idempotency_key", idempotency_key},
            {"attempts", attempts},
            {"last_error", text_or_null(last_error)},
            {"job_id", job_id > 0 ? nlohmann::json(job_id) : nlohmann::json(nullptr)},
            {"created_at", format_utc(created_at)},
            {"updated_at", format_utc(updated_at)},
            {"sent_at", sent_at ? nlohmann::json(format_utc(*sent_at)) : nlohmann::json(nullptr)}};
}

}  // namespace orbita::kernel::outbox
