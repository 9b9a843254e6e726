// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_state.hpp"

#include <stdexcept>

namespace orbita::kernel::plugins {

std::string_view to_string(PluginState state) {
    switch (state) {
        case PluginState::Discovered: return "discovered";
        case PluginState::ManifestValid: return "manifest_valid";
        case PluginState::Resolved: return "resolved";
        case PluginState::Loaded: return "loaded";
        case PluginState::Initialized: return "initialized";
        case PluginState::Running: return "running";
        case PluginState::Stopping: return "stopping";
        case PluginState::Stopped: return "stopped";
        case PluginState::Failed: return "failed";
        case PluginState::Disabled: return "disabled";
    }
    return "unknown";
}

bool can_transition(PluginState from, PluginState to) {
    using S = PluginState;
    if (from == S::Failed || from == S::Disabled) return false;
    switch (to) {
        case S::ManifestValid: return from == S::Discovered;
        case S::Resolved: return from == S::ManifestValid;
        case S::Loaded: return from == S::Resolved;
        case S::Initialized: return from == S::Loaded;
        case S::Running: return from == S::Initialized;
        case S::Stopping: return from == S::Running;
        case S::Stopped: return from == S::Stopping;
        case S::Failed: return from != S::Stopping && from != S::Stopped;
        case S::Disabled: return from == S::Discovered || from == S::ManifestValid || from == S::Resolved;
        case S::Discovered: return false;
    }
    return false;
}

void PluginStateMachine::advance(PluginState to) {
    if (!can_transition(state_, to))
        throw std::logic_error("plugin state " + std::string(to_string(state_)) + " cannot become " + std::string(to_string(to)));
    state_ = to;
}

void PluginStateMachine::fail(std::string reason) {
    const auto from = state_;
    advance(PluginState::Failed);
    failed_in_ = from;
    reason_ = std::move(reason);
}

void PluginStateMachine::disable(std::string reason) {
    advance(PluginState::Disabled);
    reason_ = std::move(reason);
}

}  // namespace orbita::kernel::plugins
