// SPDX-License-Identifier: Apache-2.0
#include "support/process_harness.hpp"

#include "storage/database.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

namespace orbita::test {

const kernel::TimePoint kProcessStart = *kernel::parse_iso_datetime("2025-03-12T09:00:00Z");

const char* const kReminderProcess = R"(
return {
  start = function(p)
    p.vars.started = orbita.now()
    p.vars.count = (p.vars.count or 0) + 1
    return p.wait_until("2025-03-12T12:00:00Z", "remind")
  end,
  remind = function(p)
    p.vars.reminded = orbita.now()
    p.vars.count = p.vars.count + 1
    orbita.notify("admin", "Time to call " .. p.vars.client, {title = "Reminder"})
    return p.finish()
  end,
}
)";

const char* const kTicketWatchProcess = R"(
return {
  start = function(p)
    p.vars.subject = p.record.subject
    return p.wait_for("record.updated", {type = "ticket", id = p.record.id, status = "done"},
                      {next = "done", timeout = 3600, on_timeout = "late"})
  end,
  done = function(p)
    p.vars.outcome = "done"
    p.vars.event = p.event
    p.vars.timed_out = p.timed_out
    p.vars.at = orbita.now()
    return p.finish()
  end,
  late = function(p)
    p.vars.outcome = "late"
    p.vars.timed_out = p.timed_out
    p.vars.at = orbita.now()
    return p.finish()
  end,
}
)";

ProcessHarness::ProcessHarness(const std::string& backend)
    : clock(std::make_shared<kernel::ManualClock>(kProcessStart)), s(backend, manual_jobs_config(), clock) {
    s.add_ticket_type();
    create_process(s, "reminder", kReminderProcess);
    create_process(s, "ticket_watch", kTicketWatchProcess);
}

std::int64_t ProcessHarness::ticket(const std::string& subject) {
    auto http = s.client();
    return create_record(http, "ticket", {{"subject", subject}})["id"].get<std::int64_t>();
}

std::int64_t ProcessHarness::watch(std::int64_t ticket) {
    return start_process(s, "ticket_watch", {{"record", {{"type", "ticket"}, {"id", ticket}}}})["id"].get<std::int64_t>();
}

nlohmann::json update_ticket(TestServer& s, std::int64_t id, const nlohmann::json& fields) {
    auto r = s.client().patch("/api/v1/records/ticket/" + std::to_string(id), fields, {{"If-Match", "*"}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json();
}

std::int64_t count_rows(TestServer& s, const std::string& sql) {
    return s.kernel().database().read(
        [&](kernel::storage::Connection& c) { return *c.query_int(kernel::storage::SqlFragment(sql)); });
}

}  // namespace orbita::test
