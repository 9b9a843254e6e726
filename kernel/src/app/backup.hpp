// SPDX-License-Identifier: Apache-2.0
// `orbita backup FILE`: a consistent copy of a live SQLite database.
#pragma once

#include <string>

namespace orbita::kernel {

/// Copies the SQLite database at `source` to `target` with SQLite's online backup API
/// while other connections keep writing; the copy is the consistent snapshot of one read
/// transaction. Writes to `target.tmp` first and renames, so a failed backup never leaves
/// a half-written file under the final name. Throws std::runtime_error on failure.
void backup_sqlite(const std::string& source, const std::string& target);

}  // namespace orbita::kernel
