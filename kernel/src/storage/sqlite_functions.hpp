// SPDX-License-Identifier: Apache-2.0
// SQL functions the kernel adds to every SQLite connection.
#pragma once

struct sqlite3;

namespace orbita::kernel::storage {

/// Registers `orbita_lower(text)` (Unicode lower case; SQLite's own lower() is ASCII
/// only) and `orbita_local(utc_iso_text, zone)` (IANA time-zone conversion to
/// 'YYYY-MM-DD HH:MM:SS' local time, for date buckets).
void register_sqlite_functions(sqlite3* db);

}  // namespace orbita::kernel::storage
