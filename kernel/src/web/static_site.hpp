// SPDX-License-Identifier: Apache-2.0
// Serves the built web application (web/dist) from a folder on disk.
#pragma once

#include "http/response.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace orbita::kernel::web {

/// The single-page application's files. Vite names every bundle after its content
/// hash under `assets/`, so those are cached for a year as immutable; everything else
/// (index.html above all) must be revalidated so a new release is picked up at once.
/// A GET for a path that is neither a file nor looks like one (no extension in its
/// last segment) answers index.html, so the client-side router owns those URLs.
class StaticSite {
public:
    /// `root` holds index.html; a missing root is allowed (the API still works) and is
    /// reported by `available()`.
    explicit StaticSite(std::filesystem::path root);

    /// The folder named by config key `web.root`, else the first of
    /// `<exe>/../share/orbita/web` (installed) and `<exe>/../web/dist` (build tree)
    /// holding an index.html. Empty when none does.
    static std::filesystem::path resolve_root(const nlohmann::json& config_document);

    bool available() const { return available_; }
    const std::filesystem::path& root() const { return root_; }

    /// The answer for GET/HEAD `path`, or empty when the site has no such file (and the
    /// path is not an application route).
    std::optional<http::Response> serve(const std::string& path) const;

    /// The Content-Type for a file name, by extension.
    static std::string content_type_of(const std::filesystem::path& file);

private:
    std::optional<http::Response> file_response(const std::filesystem::path& file, const std::string& cache_control) const;

    std::filesystem::path root_;
    bool available_ = false;
};

}  // namespace orbita::kernel::web
