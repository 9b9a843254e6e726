// SPDX-License-Identifier: Apache-2.0
// Database constraint failures that slipped past the checks become clear API errors.
#pragma once

#include "core/problem.hpp"
#include "storage/dialect.hpp"

#include <soci/soci-backend.h>

namespace orbita::kernel::records {

/// Runs `fn`; a unique violation becomes 409, a foreign-key or not-null violation 422,
/// a busy/serialisation failure 503. Other database errors propagate (500).
template <class F>
auto translate_sql_errors(const storage::Dialect& dialect, F&& fn) {
    try {
        return fn();
    } catch (const soci::soci_error& e) {
        switch (dialect.classify(e)) {
            case storage::SqlErrorKind::UniqueViolation:
                throw Problem::conflict("unique-violation", "a value that must be unique is already used");
            case storage::SqlErrorKind::ForeignKeyViolation:
                throw Problem(422, "reference-violation", "Validation failed", "a referenced record does not exist");
            case storage::SqlErrorKind::NotNullViolation:
                throw Problem(422, "validation-failed", "Validation failed", "a required value is missing");
            case storage::SqlErrorKind::Busy:
                throw Problem(503, "database-busy", "Service unavailable", "the database is busy; retry shortly");
            default: throw;
        }
    }
}

}  // namespace orbita::kernel::records
