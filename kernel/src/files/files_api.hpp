// SPDX-License-Identifier: Apache-2.0
// Upload and download endpoints.
#pragma once

namespace orbita::kernel::http {
class Router;
}

namespace orbita::kernel::files {

class FileStore;

/// POST /api/v1/files (raw body with ?name= or multipart/form-data),
/// GET /api/v1/files/{id} (metadata) and GET /api/v1/files/{id}/content (download).
void register_files_api(http::Router& router, FileStore& store);

}  // namespace orbita::kernel::files
