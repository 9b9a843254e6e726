// SPDX-License-Identifier: Apache-2.0
// /api/v1/saved-lists: one's saved list views.
#pragma once

#include "core/clock.hpp"

namespace orbita::kernel::http {
class Router;
}
namespace orbita::kernel::storage {
class Database;
}
namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::lists {

/// GET ?type= (own and shared with one's roles), POST, PUT /{id}, DELETE /{id}; the
/// routes keep the SavedLists service they share.
void register_saved_lists_api(http::Router& router, storage::Database& db, records::RecordRepository& records,
                              const Clock& clock);

}  // namespace orbita::kernel::lists
