// SPDX-License-Identifier: Apache-2.0
#include "jobs/job_admin.hpp"

#include "acl/access_admin.hpp"
#include "audit/audit_log.hpp"
#include "core/problem.hpp"
#include "jobs/admin_list_query.hpp"

namespace orbita::kernel::jobs {

JobRecord JobAdmin::existing(storage::Connection& conn, std::int64_t id) {
    auto job = store_.get(conn, id);
    if (!job) throw Problem::not_found("job #" + std::to_string(id) + " does not exist");
    return *job;
}

nlohmann::json JobAdmin::list(const Actor& actor, const records::QueryParams& params) {
    access_.require_admin(actor, "list background jobs");
    const auto q = AdminListQuery::parse(params, {"state", "kind"});
    JobFilter filter;
    if (const auto state = q.filter("state"); !state.empty()) {
        filter.state = parse_job_state(state);
        if (!filter.state)
            throw Problem::bad_request("unknown job state '" + state + "'",
                                       {{"state", "invalid_value", "must be pending, running, done, dead or cancelled"}});
    }
    filter.kind = q.filter("kind");
    filter.before_id = q.before_id;
    filter.limit = q.limit;
    auto items = nlohmann::json::array();
    for (const auto& job : store_.list(filter)) items.push_back(job.to_json());
    return q.page(std::move(items));
}

nlohmann::json JobAdmin::get(const Actor& actor, std::int64_t id) {
    access_.require_admin(actor, "inspect background jobs");
    return db_.read([&](storage::Connection& conn) { return existing(conn, id).to_json(); });
}

nlohmann::json JobAdmin::retry(const Actor& actor, std::int64_t id) {
    access_.require_admin(actor, "re-run background jobs");
    return db_.write([&](storage::Transaction& tx) {
        const auto before = existing(tx.conn(), id);
        if (!store_.requeue(tx.conn(), id, clock_.now())) {
            throw Problem::conflict("job-not-retryable", "job #" + std::to_string(id) + " is " +
                                                             std::string(to_string(before.state)) +
                                                             "; only pending, dead or cancelled jobs can be re-run");
        }
        audit_.record(actor, "job.retried", {{"job_id", id}, {"kind", before.kind}, {"was", to_string(before.state)}});
        queue_.wake_after(tx);
        return existing(tx.conn(), id).to_json();
    });
}

nlohmann::json JobAdmin::cancel(const Actor& actor, std::int64_t id) {
    access_.require_admin(actor, "cancel background jobs");
    return db_.write([&](storage::Transaction& tx) {
        const auto before = existing(tx.conn(), id);
        if (!store_.cancel(tx.conn(), id, clock_.now())) {
            throw Problem::conflict("job-not-cancellable", "job #" + std::to_string(id) + " is " +
                                                               std::string(to_string(before.state)) +
                                                               "; only pending or dead jobs can be cancelled");
        }
        audit_.record(actor, "job.cancelled", {{"job_id", id}, {"kind", before.kind}, {"was", to_string(before.state)}});
        return existing(tx.conn(), id).to_json();
    });
}

}  // namespace orbita::kernel::jobs
