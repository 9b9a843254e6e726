// SPDX-License-Identifier: Apache-2.0
// Upload and download endpoints.
#pragma once

namespace orbita::kernel::http {
class Router;
}

namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::files {

class FileStore;

/// POST /api/v1/files (raw body with ?name= or multipart/form-data),
/// GET /api/v1/files/{id} (metadata) and GET /api/v1/files/{id}/content (download).
/// A file is visible to its uploader, to administrators, and to whoever may read a
/// record that holds it; to anyone else it does not exist (404).
void register_files_api(http::Router& router, FileStore& store, records::RecordRepository& records);

}  // namespace orbita::kernel::files
