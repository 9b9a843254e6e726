// SPDX-License-Identifier: Apache-2.0
#include "web/static_site.hpp"

#include <fstream>
#include <map>
#include <sstream>

namespace orbita::kernel::web {

namespace fs = std::filesystem;

namespace {

constexpr const char* kImmutable = "public, max-age=31536000, immutable";
constexpr const char* kRevalidate = "no-cache";

// Decoded request paths may carry anything; only plain relative segments reach the disk.
std::optional<fs::path> safe_relative(const std::string& path) {
    fs::path out;
    std::size_t start = 0;
    while (start < path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        const std::string segment = path.substr(start, slash - start);
        start = slash + 1;
        if (segment.empty() || segment == ".") continue;
        if (segment == ".." || segment.find('\\') != std::string::npos || segment.find('\0') != std::string::npos) {
            return std::nullopt;
        }
        out /= segment;
    }
    return out;
}

bool looks_like_file(const fs::path& relative) { return relative.filename().string().find('.') != std::string::npos; }

}  // namespace

StaticSite::StaticSite(fs::path root) : root_(std::move(root)) {
    std::error_code ec;
    available_ = !root_.empty() && fs::is_regular_file(root_ / "index.html", ec);
}

fs::path StaticSite::resolve_root(const nlohmann::json& config_document) {
    const auto pointer = nlohmann::json::json_pointer("/web/root");
    if (config_document.contains(pointer) && config_document.at(pointer).is_string()) {
        return fs::path(config_document.at(pointer).get<std::string>());
    }
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    const auto prefix = exe.parent_path().parent_path();
    for (const auto& candidate : {prefix / "share" / "orbita" / "web", prefix / "web" / "dist"}) {
        if (fs::is_regular_file(candidate / "index.html", ec)) return candidate;
    }
    return {};
}

std::string StaticSite::content_type_of(const fs::path& file) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},           {".map", "application/json"},
        {".svg", "image/svg+xml"},               {".png", "image/png"},
        {".jpg", "image/jpeg"},                  {".jpeg", "image/jpeg"},
        {".webp", "image/webp"},                 {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},                {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"},   {".webmanifest", "application/manifest+json"},
    };
    auto it = types.find(file.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<http::Response> StaticSite::serve(const std::string& path) const {
    if (!available_) return std::nullopt;
    auto relative = safe_relative(path);
    if (!relative) return std::nullopt;
    if (relative->empty()) return file_response(root_ / "index.html", kRevalidate);
    std::error_code ec;
    const fs::path file = root_ / *relative;
    if (fs::is_regular_file(file, ec)) {
        const bool hashed = relative->begin()->string() == "assets";
        return file_response(file, hashed ? kImmutable : kRevalidate);
    }
    // A missing script or image must stay a 404: answering HTML would hide the error.
    if (looks_like_file(*relative)) return std::nullopt;
    return file_response(root_ / "index.html", kRevalidate);
}

std::optional<http::Response> StaticSite::file_response(const fs::path& file, const std::string& cache_control) const {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream content;
    content << in.rdbuf();
    http::Response r = http::Response::text(200, content.str(), content_type_of(file));
    r.headers.emplace_back("Cache-Control", cache_control);
    return r;
}

}  // namespace orbita::kernel::web
