// SPDX-License-Identifier: Apache-2.0
// Admin REST API of durable process instances.
#pragma once

namespace orbita::kernel::http {
class Router;
}
namespace orbita::kernel::acl {
class AccessAdmin;
}
namespace orbita::kernel::audit {
class AuditLog;
}
namespace orbita::kernel::auth {
class UserDirectory;
}

namespace orbita::kernel::processes {

class ProcessEngine;

/// Administrators only:
///
/// POST /api/v1/admin/processes/instances        {process, record?: {type, id}, vars?, as?} -> 201 the instance
/// GET  /api/v1/admin/processes/instances        ?process=&status=&record=deal:7&limit=&cursor=
/// GET  /api/v1/admin/processes/instances/{id}   the instance with its step history
/// POST /api/v1/admin/processes/instances/{id}/cancel
/// POST /api/v1/admin/processes/instances/{id}/retry
/// POST /api/v1/admin/processes/dry-run          {process, step?, record?, vars?, as?, event?}
///
/// Starting, cancelling and retrying are audited.
void register_processes_api(http::Router& router, ProcessEngine& engine, auth::UserDirectory& users,
                            acl::AccessAdmin& access, audit::AuditLog& audit);

}  // namespace orbita::kernel::processes
