// SPDX-License-Identifier: Apache-2.0
#include "plugins/manifest_reader.hpp"

#include "core/resources.hpp"

#include <algorithm>
#include <fstream>

namespace orbita::kernel::plugins {

namespace fs = std::filesystem;

ManifestReader::ManifestReader()
    : schema_(nlohmann::json::parse(resource("schemas/plugin-manifest.schema.json"))) {}

std::vector<DiscoveredPlugin> ManifestReader::discover(const std::vector<fs::path>& directories) const {
    std::vector<DiscoveredPlugin> out;
    for (const auto& dir : directories) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        std::vector<fs::path> folders;
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (entry.is_directory() && fs::exists(entry.path() / "plugin.json")) folders.push_back(entry.path());
        }
        std::sort(folders.begin(), folders.end());
        for (const auto& f : folders) out.push_back(read(f));
    }
    return out;
}

DiscoveredPlugin ManifestReader::read(const fs::path& folder) const {
    const auto file = folder / "plugin.json";
    std::ifstream in(file);
    if (!in) return {folder, std::vector<std::string>{file.string() + ": cannot be read"}};
    auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) return {folder, std::vector<std::string>{file.string() + ": not valid JSON"}};
    std::vector<std::string> errors;
    for (const auto& e : schema_.validate(doc)) errors.push_back((e.path.empty() ? "" : e.path + ": ") + e.message);
    if (!errors.empty()) return {folder, errors};

    auto manifest = PluginManifest::from_json(doc, folder);
    // A folder named after another id would let two copies of a plugin shadow each other.
    if (folder.filename() != manifest.id)
        errors.push_back("id: '" + manifest.id + "' differs from the folder name '" + folder.filename().string() + "'");
    if (!fs::is_regular_file(folder / manifest.library))
        errors.push_back("library: " + (folder / manifest.library).string() + " does not exist");
    if (!manifest.config_schema.empty() && !fs::is_regular_file(folder / manifest.config_schema))
        errors.push_back("configSchema: " + (folder / manifest.config_schema).string() + " does not exist");
    for (const auto& d : manifest.dependencies) {
        if (d.id == manifest.id) errors.push_back("dependencies: the plugin depends on itself");
    }
    // A service is named after its provider, so users know whom to depend on.
    for (const auto& service : manifest.provided_services) {
        if (service.rfind(manifest.id + ".", 0) != 0)
            errors.push_back("provides.services: '" + service + "' must be named " + manifest.id + ".<name>");
    }
    if (!errors.empty()) return {folder, errors};
    return {folder, std::move(manifest)};
}

}  // namespace orbita::kernel::plugins
