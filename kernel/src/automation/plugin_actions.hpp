// SPDX-License-Identifier: Apache-2.0
// Robot actions of plugins, run through the same registry as the kernel's.
#pragma once

namespace orbita::kernel::plugins {
class PluginHost;
}
namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::automation {

class ActionRegistry;

/// Adds every sdk::RobotAction of the running plugins to `registry`. A plugin action
/// runs through PluginHost (exceptions caught and counted against the plugin, input
/// checked against its schema) with record access as the robot's run-as user; the
/// records it creates, changes or archives are reported as the run's effects. An
/// sdk::Error fails the robot run with its message.
void adopt_plugin_actions(ActionRegistry& registry, plugins::PluginHost& host, records::RecordRepository& records);

}  // namespace orbita::kernel::automation
