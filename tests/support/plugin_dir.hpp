// SPDX-License-Identifier: Apache-2.0
// A plugin directory assembled from the fixture plugins the test tree builds.
#pragma once

#include "support/test_backends.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace orbita::test {

/// A temporary plugins directory: `link` exposes a built fixture as is; `copy_with_manifest`
/// copies one under another folder name with a hand-written plugin.json, for manifest
/// fixtures. `config(settings)` is the config override that points a TestServer at it.
class PluginDir {
public:
    explicit PluginDir(const std::vector<std::string>& fixtures = {});
    void link(const std::string& fixture);
    void copy_with_manifest(const std::string& fixture, const std::string& folder, const std::string& manifest_text);
    nlohmann::json config(nlohmann::json settings = nlohmann::json::object()) const;
    std::filesystem::path path() const { return dir_.path(); }

private:
    TempDir dir_;
};

/// The entry of plugin `id` in a report (GET /api/v1/admin/plugins "plugins").
nlohmann::json plugin_entry(const nlohmann::json& plugins, const std::string& id);
/// The `reason` of plugin `id` in such a report.
std::string plugin_reason(const nlohmann::json& plugins, const std::string& id);

}  // namespace orbita::test
