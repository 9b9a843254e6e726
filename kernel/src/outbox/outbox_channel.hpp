// SPDX-License-Identifier: Apache-2.0
// A way out of the process: outgoing webhooks, e-mail, later Telegram and SMS.
#pragma once

#include "core/problem.hpp"
#include "outbox/outbox_message.hpp"

#include <string>
#include <vector>

namespace orbita::kernel::outbox {

/// Delivers messages of one channel. `validate` runs when a message is enqueued, so a
/// malformed message is refused in the transaction that wanted it instead of dying
/// later; `deliver` runs on a job worker outside any transaction and may be called
/// again for a message it already delivered (a node died before recording it), so it
/// passes the message's idempotency key on to the receiver.
///
/// `deliver` throws jobs::PermanentJobError when retrying cannot help (the receiver
/// refused the message) and any other exception for a failure worth retrying.
class OutboxChannel {
public:
    virtual ~OutboxChannel() = default;
    virtual std::string name() const = 0;
    /// Problems with `payload`, each naming its field ("to", "target").
    virtual std::vector<FieldError> validate(const nlohmann::json& payload) const = 0;
    /// Delivers `message`; `attempt` counts from 1.
    virtual void deliver(const OutboxMessage& message, int attempt) const = 0;
};

}  // namespace orbita::kernel::outbox
