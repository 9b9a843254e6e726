// SPDX-License-Identifier: Apache-2.0
#include "lua/run_result.hpp"

namespace orbita::kernel::lua {

std::string to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Compile: return "compile";
        case ErrorKind::Runtime: return "runtime";
        case ErrorKind::Budget: return "budget";
    }
    return "runtime";
}

nlohmann::json RunError::to_json() const {
    return {{"kind", to_string(kind)}, {"script_id", script_id}, {"chunk", chunk},
            {"line", line > 0 ? nlohmann::json(line) : nlohmann::json(nullptr)}, {"message", message}};
}

nlohmann::json RunResult::to_json() const {
    nlohmann::json logs_json = nlohmann::json::array();
    for (const auto& l : logs) {
        logs_json.push_back({{"level", l.level}, {"message", l.message}, {"line", l.line}});
    }
    return {{"ok", ok},
            {"committed", committed},
            {"value", value},
            {"logs", std::move(logs_json)},
            {"effects", effects},
            {"error", error ? error->to_json() : nlohmann::json(nullptr)},
            {"stats", {{"instructions", instructions}, {"memory_peak_bytes", memory_peak}, {"duration_us", duration_us}}}};
}

}  // namespace orbita::kernel::lua
