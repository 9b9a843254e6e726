// SPDX-License-Identifier: Apache-2.0
// REST routes of pipelines and stages, and the move of a record.
#pragma once

namespace orbita::kernel::http {
class Router;
}
namespace orbita::kernel::acl {
class AccessAdmin;
}

namespace orbita::kernel::automation {

class PipelineAdmin;
class RecordMover;
class RequestSchemas;

/// GET /api/v1/types/{type}/pipelines (readers of the type); /api/v1/admin/pipelines
/// and /api/v1/admin/stages (administrators); POST /api/v1/records/{type}/{id}/move.
void register_pipelines_api(http::Router& router, PipelineAdmin& pipelines, RecordMover& mover,
                            const RequestSchemas& schemas, acl::AccessAdmin& admin);

}  // namespace orbita::kernel::automation
