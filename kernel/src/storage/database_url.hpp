// SPDX-License-Identifier: Apache-2.0
// Which database to use, parsed from ORBITA_DB_URL / database.url.
#pragma once

#include <string>

namespace orbita::kernel::storage {

enum class Backend { Sqlite, Postgres };

/// `sqlite:///abs/path.db`, `sqlite:relative.db`, a bare file path, or a libpq URI
/// `postgresql://user:pass@host:port/db?options`. Throws std::invalid_argument.
struct DatabaseUrl {
    Backend backend = Backend::Sqlite;
    std::string sqlite_path;   ///< file path for SQLite (":memory:" allowed in tests)
    std::string postgres_uri;  ///< as given, for messages (see redacted())
    /// libpq keyword/value form ("host=... port=... dbname=..."). SOCI rewrites connect
    /// strings as whitespace-separated key=value pairs, which mangles URIs, so the URI
    /// is converted here. Values cannot contain spaces (use PGPASSWORD for such passwords).
    std::string postgres_conninfo;

    static DatabaseUrl parse(const std::string& url);
    /// The URL with any password replaced by `***`, safe to log.
    std::string redacted() const;
};

}  // namespace orbita::kernel::storage
