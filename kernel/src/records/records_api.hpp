// SPDX-License-Identifier: Apache-2.0
// The REST endpoints over records of every entity type.
#pragma once

namespace orbita::kernel::http {
class Router;
}

namespace orbita::kernel::records {

class RecordRepository;
class RecordExporter;

/// Registers /api/v1/records/{type}[...]: list, create, get, patch, archive (DELETE),
/// restore, history, aggregate and export. Handlers only translate HTTP to repository calls.
void register_records_api(http::Router& router, RecordRepository& repository, RecordExporter& exporter);

}  // namespace orbita::kernel::records
