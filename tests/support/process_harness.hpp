// SPDX-License-Identifier: Apache-2.0
// The durable-process tests' common ground: a server on a manual clock with the ticket
// type and two processes (a timed reminder and a ticket watch with a timeout).
#pragma once

#include "support/process_helpers.hpp"
#include "support/test_server.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace orbita::test {

/// The harness clock's start: Wednesday 2025-03-12 09:00 UTC.
extern const kernel::TimePoint kProcessStart;
/// Waits until 12:00, then notifies the admin "Time to call <client>" and finishes.
extern const char* const kReminderProcess;
/// Waits for its ticket to become done (next "done"), or takes "late" after an hour.
extern const char* const kTicketWatchProcess;

/// A server on a manual clock (kProcessStart) with the ticket type and the processes
/// "reminder" and "ticket_watch" installed.
struct ProcessHarness {
    explicit ProcessHarness(const std::string& backend);
    /// Creates a ticket; answers its id.
    std::int64_t ticket(const std::string& subject);
    /// Starts ticket_watch on `ticket`; answers the instance id.
    std::int64_t watch(std::int64_t ticket);

    std::shared_ptr<kernel::ManualClock> clock;
    TestServer s;
};

/// PATCHes ticket `id` unconditionally; requires 200 and answers the record.
nlohmann::json update_ticket(TestServer& s, std::int64_t id, const nlohmann::json& fields);
/// The single integer `sql` answers.
std::int64_t count_rows(TestServer& s, const std::string& sql);

}  // namespace orbita::test
