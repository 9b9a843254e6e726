// SPDX-License-Identifier: Apache-2.0
#include "files/file_store.hpp"

#include "core/problem.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/TemporaryFile.h>

#include <fstream>
#include <random>

namespace orbita::kernel::files {

using storage::ReadKind;
using storage::SqlFragment;

nlohmann::json StoredFile::to_json() const {
    return {{"id", id},
            {"name", name},
            {"content_type", content_type},
            {"size", size},
            {"sha256", sha256},
            {"uploaded_by", uploaded_by ? nlohmann::json(*uploaded_by) : nlohmann::json(nullptr)},
            {"uploaded_at", uploaded_at},
            {"url", "/api/v1/files/" + std::to_string(id) + "/content"}};
}

FileStore::FileStore(storage::Database& db, std::filesystem::path root, std::int64_t max_bytes,
                     std::vector<std::string> allowed_types, const Clock& clock)
    : db_(db), root_(std::move(root)), max_bytes_(max_bytes), allowed_types_(std::move(allowed_types)), clock_(clock) {
    std::filesystem::create_directories(root_ / "tmp");
}

std::string FileStore::clean_name(const std::string& name) {
    std::string base = name;
    auto slash = base.find_last_of("/\\");
    if (slash != std::string::npos) base = base.substr(slash + 1);
    std::string out;
    for (unsigned char c : base) {
        if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
    }
    if (out == "." || out == "..") out.clear();
    if (out.size() > 255) out = out.substr(out.size() - 255);
    return out.empty() ? "file" : out;
}

bool FileStore::allowed(const std::string& content_type) const {
    std::string type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& pattern : allowed_types_) {
        if (pattern == "*/*" || pattern == type) return true;
        if (pattern.size() > 2 && pattern.compare(pattern.size() - 2, 2, "/*") == 0 &&
            type.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0)
            return true;
    }
    return false;
}

StoredFile FileStore::save(const Actor& actor, std::istream& in, std::string name, std::string content_type) {
    if (content_type.empty()) content_type = "application/octet-stream";
    if (!allowed(content_type))
        throw Problem::unsupported_media_type("files of type '" + content_type + "' are not accepted here");

    // Stream into a temporary file in the same filesystem, so the final move is a rename.
    thread_local std::mt19937_64 rng{std::random_device{}()};
    const auto tmp = root_ / "tmp" / ("upload-" + std::to_string(rng()));
    std::int64_t size = 0;
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    {
        std::ofstream out(tmp, std::ios::binary);
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
        char buffer[65536];
        while (in) {
            in.read(buffer, sizeof buffer);
            const auto n = in.gcount();
            if (n <= 0) break;
            size += n;
            if (size > max_bytes_) {
                out.close();
                std::filesystem::remove(tmp);
                throw Problem::payload_too_large("the file is larger than the limit of " + std::to_string(max_bytes_) +
                                                 " bytes");
            }
            sha.update(buffer, static_cast<unsigned>(n));
            out.write(buffer, n);
        }
    }
    const std::string digest = Poco::DigestEngine::digestToHex(sha.digest());
    StoredFile file{0, digest, clean_name(name), content_type, size, std::nullopt, format_utc(clock_.now())};
    if (actor.user_id > 0) file.uploaded_by = actor.user_id;
    const auto target = content_path(file);
    std::filesystem::create_directories(target.parent_path());
    if (std::filesystem::exists(target)) {
        std::filesystem::remove(tmp);  // same bytes already stored
    } else {
        std::filesystem::rename(tmp, target);
    }
    file.id = db_.write([&](storage::Transaction& tx) {
        SqlFragment q("INSERT INTO files (sha256, name, content_type, size, uploaded_by, uploaded_at) VALUES (");
        q.bind(file.sha256).sql(", ").bind(file.name).sql(", ").bind(file.content_type).sql(", ").bind(file.size).sql(", ");
        q.bind(file.uploaded_by ? storage::SqlValue(*file.uploaded_by) : storage::SqlValue{}).sql(", ");
        q.bind(file.uploaded_at).sql(") RETURNING id");
        return *tx.conn().query_int(q);
    });
    return file;
}

std::optional<StoredFile> FileStore::find(std::int64_t id) {
    return db_.read([&](storage::Connection& conn) -> std::optional<StoredFile> {
        const auto& d = conn.dialect();
        auto row = conn.query_one(
            SqlFragment("SELECT id, sha256, name, content_type, size, uploaded_by, " +
                        d.select_expr("uploaded_at", storage::ColumnType::Timestamp) + " FROM files WHERE id = ")
                .bind(id),
            {ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Int, ReadKind::Int, ReadKind::Text});
        if (!row) return std::nullopt;
        StoredFile f{std::get<std::int64_t>((*row)[0]), std::get<std::string>((*row)[1]), std::get<std::string>((*row)[2]),
                     std::get<std::string>((*row)[3]), std::get<std::int64_t>((*row)[4]), std::nullopt,
                     std::get<std::string>((*row)[6])};
        if (!storage::is_null((*row)[5])) f.uploaded_by = std::get<std::int64_t>((*row)[5]);
        return f;
    });
}

std::filesystem::path FileStore::content_path(const StoredFile& file) const {
    return root_ / file.sha256.substr(0, 2) / file.sha256.substr(2, 2) / file.sha256;
}

}  // namespace orbita::kernel::files
