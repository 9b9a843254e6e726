// SPDX-License-Identifier: Apache-2.0
#include "outbox/outbox_api.hpp"

#include "http/router.hpp"
#include "outbox/outbox_admin.hpp"

namespace orbita::kernel::outbox {

using http::Request;
using http::Response;

void register_outbox_api(http::Router& router, OutboxAdmin& admin) {
    const std::string base = "/api/v1/admin/outbox";
    router.add({.method = "GET", .pattern = base,
                .handler = [&admin](Request& r) { return Response::json(admin.list(r.actor(), r.query())); },
                .summary = "Outbox messages, newest first (?state=pending|sent|failed&channel=&limit=&cursor=)",
                .tag = "admin"});
    router.add({.method = "GET", .pattern = base + "/{id}",
                .handler = [&admin](Request& r) { return Response::json(admin.get(r.actor(), r.id_param("id"))); },
                .summary = "One outbox message with its attempts and last error", .tag = "admin"});
    router.add({.method = "POST", .pattern = base + "/{id}/retry",
                .handler = [&admin](Request& r) { return Response::json(admin.retry(r.actor(), r.id_param("id"))); },
                .summary = "Deliver a failed outbox message again", .tag = "admin"});
}

}  // namespace orbita::kernel::outbox
