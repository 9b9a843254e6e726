// SPDX-License-Identifier: Apache-2.0
// /api/v1/admin/outbox: messages leaving the process, for administrators.
#pragma once

namespace orbita::kernel::http {
class Router;
}

namespace orbita::kernel::outbox {

class OutboxAdmin;

/// GET /api/v1/admin/outbox, GET .../{id}, POST .../{id}/retry.
void register_outbox_api(http::Router& router, OutboxAdmin& admin);

}  // namespace orbita::kernel::outbox
