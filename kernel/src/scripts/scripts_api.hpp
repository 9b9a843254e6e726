// SPDX-License-Identifier: Apache-2.0
// /api/v1/admin/scripts and /api/v1/constants.
#pragma once

namespace orbita::kernel {
namespace http {
class Router;
}
namespace acl {
class AccessAdmin;
}
namespace scripts {

class ScriptService;
class ConstantStore;

/// Scripts (administrators only, audited refusals):
///   GET  /api/v1/admin/scripts                  list (without sources)
///   POST /api/v1/admin/scripts                  {name, kind, source, description} -> 201; 422 when it does not compile
///   GET  /api/v1/admin/scripts/{id}             with source
///   PATCH /api/v1/admin/scripts/{id}            {source?, description?, enabled?}; a new source is a new version
///   GET  /api/v1/admin/scripts/{id}/versions    author, time, diff, source
///   GET  /api/v1/admin/scripts/{id}/runs        run history (?limit, ?before)
///   POST /api/v1/admin/scripts/{id}/dry-run     {as?, record?: {type, id}, args?} -> RunResult
///   POST /api/v1/admin/scripts/check            {source, name?} -> {ok, error}
///   POST /api/v1/admin/scripts/dry-run          {source, as?, record?, args?} -> RunResult (ad hoc)
/// Constants:
///   GET  /api/v1/constants, GET /api/v1/constants/{name}    every signed-in user
///   PUT  /api/v1/constants/{name}               administrators; {type, value, label?, description?}
///   GET  /api/v1/constants/{name}/versions      administrators
void register_scripts_api(http::Router& router, ScriptService& scripts, ConstantStore& constants, acl::AccessAdmin& admin);

}  // namespace scripts
}  // namespace orbita::kernel
