// SPDX-License-Identifier: Apache-2.0
// /api/v1/admin (users' rights, roles, permission catalog) and /api/v1/audit.
#pragma once

namespace orbita::kernel {
namespace http {
class Router;
}
namespace storage {
class Database;
}
namespace acl {

class AccessAdmin;

/// Registers the administration endpoints; every handler delegates to AccessAdmin,
/// which enforces "administrators only". GET /api/v1/audit is open to administrators,
/// auditors and holders of the `audit` read permission.
void register_admin_api(http::Router& router, AccessAdmin& admin, storage::Database& db);

}  // namespace acl
}  // namespace orbita::kernel
