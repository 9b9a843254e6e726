// SPDX-License-Identifier: Apache-2.0
#include "support/plugin_dir.hpp"

#include <fstream>
#include <stdexcept>

namespace orbita::test {

namespace fs = std::filesystem;

namespace {
fs::path fixture_folder(const std::string& fixture) {
#ifdef ORBITA_FIXTURE_PLUGINS_DIR
    return fs::path(ORBITA_FIXTURE_PLUGINS_DIR) / fixture;
#else
    throw std::logic_error("ORBITA_FIXTURE_PLUGINS_DIR is not defined for " + fixture);
#endif
}
}  // namespace

PluginDir::PluginDir(const std::vector<std::string>& fixtures) {
    for (const auto& f : fixtures) link(f);
}

void PluginDir::link(const std::string& fixture) { fs::create_directory_symlink(fixture_folder(fixture), dir_.path() / fixture); }

void PluginDir::copy_with_manifest(const std::string& fixture, const std::string& folder, const std::string& manifest_text) {
    fs::copy(fixture_folder(fixture), dir_.path() / folder, fs::copy_options::recursive);
    std::ofstream(dir_.path() / folder / "plugin.json", std::ios::trunc) << manifest_text;
}

nlohmann::json PluginDir::config(nlohmann::json settings) const {
    return {{"plugins", {{"directories", {dir_.path().string()}}, {"settings", std::move(settings)}}}};
}

nlohmann::json plugin_entry(const nlohmann::json& plugins, const std::string& id) {
    for (const auto& p : plugins) {
        if (p["id"] == id) return p;
    }
    throw std::runtime_error("no plugin " + id + " in " + plugins.dump());
}

std::string plugin_reason(const nlohmann::json& plugins, const std::string& id) {
    return plugin_entry(plugins, id)["reason"].get<std::string>();
}

}  // namespace orbita::test
