// SPDX-License-Identifier: Apache-2.0
#include "plugins/startup_table.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

namespace orbita::kernel::plugins {

std::string format_startup_table(const nlohmann::json& report) {
    std::size_t id_w = 6, version_w = 7, state_w = 5;
    for (const auto& p : report) {
        id_w = std::max(id_w, p["id"].get<std::string>().size());
        version_w = std::max(version_w, p["version"].get<std::string>().size());
        state_w = std::max(state_w, p["state"].get<std::string>().size());
    }
    auto row = [&](const std::string& id, const std::string& version, const std::string& state, const std::string& ms,
                   const std::string& reason) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%8s", ms.c_str());
        std::string line = id + std::string(id_w - id.size() + 2, ' ') + version + std::string(version_w - version.size() + 2, ' ') +
                           state + std::string(state_w - state.size() + 2, ' ') + buf + "  " + reason;
        while (!line.empty() && line.back() == ' ') line.pop_back();
        return line + "\n";
    };
    std::string out = row("plugin", "version", "state", "load ms", "error");
    if (report.empty()) return out + "(no plugins installed)\n";
    for (const auto& p : report) {
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.1f", p["load_ms"].get<double>());
        out += row(p["id"], p["version"], p["state"], ms, p["reason"]);
    }
    return out;
}

void log_startup_table(const nlohmann::json& report) {
    const bool all_fine = std::all_of(report.begin(), report.end(), [](const nlohmann::json& p) {
        return p["state"] == "running" || p["state"] == "disabled";
    });
    const auto table = format_startup_table(report);
    if (all_fine) spdlog::info("plugins:\n{}", table);
    else spdlog::warn("plugins (some failed):\n{}", table);
}

}  // namespace orbita::kernel::plugins
