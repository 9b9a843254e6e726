// SPDX-License-Identifier: Apache-2.0
#include "processes/processes_module.hpp"

#include "app/kernel.hpp"
#include "auth/user_directory.hpp"
#include "lua/lua_runtime.hpp"
#include "notifications/notifications_api.hpp"
#include "notifications/notifier.hpp"
#include "notifications/notify_action.hpp"
#include "notifications/notify_lua.hpp"
#include "processes/process_engine.hpp"
#include "processes/process_start_lua.hpp"
#include "processes/processes_api.hpp"
#include "processes/start_process_action.hpp"
#include "processes/step_runner.hpp"
#include "processes/step_scheduler.hpp"

namespace orbita::kernel::processes {

ProcessesModule::ProcessesModule(Kernel& k, scripts::ScriptStore& scripts) {
    users_ = std::make_unique<auth::UserDirectory>(k.auth(), k.profiles());
    notifier_ = std::make_unique<notifications::Notifier>(k.events(), *users_, k.clock());
    notify_action_ = std::make_unique<notifications::NotifyAction>(*notifier_, *users_);
    notifications::provide_notify_lua(k.lua().extensions(), *notify_action_, k.database());
    notifications::register_notifications_api(k.router(), k.database(), k.clock());

    scheduler_ = std::make_unique<StepScheduler>(k.jobs());
    runner_ = std::make_unique<StepRunner>(k.database(), k.lua(), scripts, *users_, *scheduler_, k.clock());
    engine_ = std::make_unique<ProcessEngine>(k.database(), k.records(), scripts, *runner_, *scheduler_, k.clock());
    engine_->attach(k.job_handlers(), k.events());
    start_process_ = std::make_unique<StartProcessAction>(*engine_, *users_);
    provide_process_start_lua(k.lua().extensions(), *start_process_, k.database());
    register_processes_api(k.router(), *engine_, *users_, k.access_admin(), k.audit());
}

ProcessesModule::~ProcessesModule() = default;

}  // namespace orbita::kernel::processes
