// SPDX-License-Identifier: Apache-2.0
// Uploaded files: content on disk under its sha256, metadata in the `files` table.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::files {

/// Metadata of one upload. Two uploads of the same bytes share one file on disk.
struct StoredFile {
    std::int64_t id = 0;
    std::string sha256;
    std::string name;
    std::string content_type;
    std::int64_t size = 0;
    std::optional<std::int64_t> uploaded_by;
    std::string uploaded_at;

    nlohmann::json to_json() const;
};

/// Stores uploads content-addressed under `<data_dir>/files/ab/cd/<sha256>`. The bytes
/// are streamed to a temporary file while hashed and counted, so a 50 MB upload never
/// sits in memory, and moved into place only when complete and within limits.
class FileStore {
public:
    FileStore(storage::Database& db, std::filesystem::path root, std::int64_t max_bytes,
              std::vector<std::string> allowed_types, const Clock& clock);

    /// Saves one upload; 413 past the size limit, 415 for a type not allowed.
    StoredFile save(const Actor& actor, std::istream& in, std::string name, std::string content_type);
    /// The metadata of file `id`, if it exists.
    std::optional<StoredFile> find(std::int64_t id);
    /// Where the content of `file` lives.
    std::filesystem::path content_path(const StoredFile& file) const;
    /// Whether `content_type` is allowed ("image/*" patterns match families).
    bool allowed(const std::string& content_type) const;
    std::int64_t max_bytes() const { return max_bytes_; }

    /// "../../x.pdf" -> "x.pdf"; control characters dropped; empty -> "file".
    static std::string clean_name(const std::string& name);

private:
    storage::Database& db_;
    std::filesystem::path root_;
    std::int64_t max_bytes_;
    std::vector<std::string> allowed_types_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::files
