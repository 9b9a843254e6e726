// SPDX-License-Identifier: Apache-2.0
// The robot actions that notifications and durable processes offer: notify, start_process.
#pragma once

namespace orbita::kernel::automation {
class ActionRegistry;
}
namespace orbita::kernel::processes {
class ProcessesModule;
}

namespace orbita::kernel::app {

/// Adds `notify` (in-app notification to users) and `start_process` (a durable process
/// about the robot's record) to the robot action registry. Called once while the kernel
/// starts, after both modules exist; `processes` must outlive the registry's use.
void register_process_robot_actions(automation::ActionRegistry& actions, processes::ProcessesModule& processes);

}  // namespace orbita::kernel::app
