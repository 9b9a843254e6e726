// SPDX-License-Identifier: Apache-2.0
// Configuration section `automation`.
#pragma once

#include <nlohmann/json.hpp>

namespace orbita::kernel::automation {

/// Settings of the engine (schemas/config.schema.json, section `automation`).
struct AutomationOptions {
    /// Robot runs and trigger firings in one causal chain before it is stopped.
    int max_chain_depth = 16;

    /// Reads the section from the validated configuration document.
    static AutomationOptions from_config(const nlohmann::json& document) {
        AutomationOptions o;
        const auto section = document.value("automation", nlohmann::json::object());
        o.max_chain_depth = section.value("max_chain_depth", o.max_chain_depth);
        return o;
    }
};

}  // namespace orbita::kernel::automation
