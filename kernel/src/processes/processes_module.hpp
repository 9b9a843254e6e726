// SPDX-License-Identifier: Apache-2.0
// Wiring of in-app notifications and durable processes into the kernel.
#pragma once

#include <memory>

namespace orbita::kernel {
class Kernel;
}
namespace orbita::kernel::scripts {
class ScriptStore;
}
namespace orbita::kernel::auth {
class UserDirectory;
}
namespace orbita::kernel::notifications {
class Notifier;
class NotifyAction;
}  // namespace orbita::kernel::notifications

namespace orbita::kernel::processes {

class ProcessEngine;
class StartProcessAction;
class StepRunner;
class StepScheduler;

/// Builds the notification and process services on the kernel's storage, events,
/// jobs and Lua runtime; registers their routes, the `process.step` job kind, the
/// event subscriber that resumes waiting instances, and `orbita.notify`. The robot
/// engine reaches the two robot-shaped actions through `notify_action()` and
/// `start_process_action()`.
class ProcessesModule {
public:
    ProcessesModule(Kernel& kernel, scripts::ScriptStore& scripts);
    ~ProcessesModule();
    ProcessesModule(const ProcessesModule&) = delete;
    ProcessesModule& operator=(const ProcessesModule&) = delete;

    notifications::Notifier& notifier() { return *notifier_; }
    notifications::NotifyAction& notify_action() { return *notify_action_; }
    ProcessEngine& engine() { return *engine_; }
    StartProcessAction& start_process_action() { return *start_process_; }
    auth::UserDirectory& users() { return *users_; }

private:
    std::unique_ptr<auth::UserDirectory> users_;
    std::unique_ptr<notifications::Notifier> notifier_;
    std::unique_ptr<notifications::NotifyAction> notify_action_;
    std::unique_ptr<StepScheduler> scheduler_;
    std::unique_ptr<StepRunner> runner_;
    std::unique_ptr<ProcessEngine> engine_;
    std::unique_ptr<StartProcessAction> start_process_;
};

}  // namespace orbita::kernel::processes
