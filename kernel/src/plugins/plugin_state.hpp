// SPDX-License-Identifier: Apache-2.0
// The life of one plugin, as an explicit state machine.
#pragma once

#include <string>
#include <string_view>

namespace orbita::kernel::plugins {

/// Discovered -> ManifestValid -> Resolved -> Loaded -> Initialized -> Running ->
/// Stopping -> Stopped, plus Failed and Disabled (each with a reason, and Failed with
/// the state it failed in). Every message about a plugin says which phase it reached.
enum class PluginState { Discovered, ManifestValid, Resolved, Loaded, Initialized, Running, Stopping, Stopped, Failed, Disabled };

std::string_view to_string(PluginState state);

/// Whether `from` -> `to` is a legal step. Failed and Disabled are reachable from any
/// state before Running; Stopping only from Running; nothing leaves Failed or Disabled.
bool can_transition(PluginState from, PluginState to);

/// A plugin's current state and, once it failed or was disabled, why.
class PluginStateMachine {
public:
    PluginState state() const { return state_; }
    /// The state the plugin was in when it failed (Discovered..Running).
    PluginState failed_in() const { return failed_in_; }
    const std::string& reason() const { return reason_; }

    /// Moves to `to`; throws std::logic_error on an illegal step (a host bug).
    void advance(PluginState to);
    /// Marks the plugin failed in its current state.
    void fail(std::string reason);
    /// Marks the plugin disabled (configuration, crash guard) before it loaded.
    void disable(std::string reason);

private:
    PluginState state_ = PluginState::Discovered;
    PluginState failed_in_ = PluginState::Discovered;
    std::string reason_;
};

}  // namespace orbita::kernel::plugins
