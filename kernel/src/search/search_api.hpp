// SPDX-License-Identifier: Apache-2.0
// GET /api/v1/search: the shell's global search.
#pragma once

namespace orbita::kernel::http {
class Router;
}
namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::search {

/// GET /api/v1/search?q=&per_type= (GlobalSearch).
void register_search_api(http::Router& router, records::RecordRepository& records);

}  // namespace orbita::kernel::search
