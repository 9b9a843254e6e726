// SPDX-License-Identifier: Apache-2.0
#include "processes/step_runner.hpp"

#include "auth/user_directory.hpp"
#include "core/problem.hpp"
#include "lua/lua_runtime.hpp"
#include "processes/event_filter.hpp"
#include "processes/process_store.hpp"
#include "processes/step_api.hpp"
#include "processes/step_directive.hpp"
#include "processes/step_scheduler.hpp"
#include "scripts/script_store.hpp"
#include "storage/database.hpp"

#include <spdlog/spdlog.h>

namespace orbita::kernel::processes {

namespace {

// Thrown in before_commit when the instance moved on meanwhile: rolls the step back.
struct Superseded : std::runtime_error {
    Superseded() : std::runtime_error("the process instance changed while the step ran; its result was discarded") {}
};

std::int64_t micros_since(std::chrono::steady_clock::time_point started) {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
}

lua::ScriptSource source_of(const ProcessInstance& instance, std::string code) {
    return {"script:" + std::to_string(instance.script_id), "scripts/" + instance.process + ".lua", std::move(code)};
}

}  // namespace

StepRunner::Plan StepRunner::plan(const ProcessInstance& instance) {
    if (instance.status == status::kRunning) {
        return {instance.step, instance.wake.is_object() ? instance.wake : nlohmann::json{{"cause", "go"}}};
    }
    // A waiting instance whose wake-up job fired: its time came, or its wait timed out.
    if (instance.wait_event.empty()) return {instance.step, {{"cause", "time"}}};
    return {instance.timeout_step, {{"cause", "timeout"}}};
}

Actor StepRunner::actor_of(const ProcessInstance& instance) {
    if (instance.run_as_id == 0) return Actor::system_actor(instance.run_as.substr(instance.run_as.find(':') + 1));
    return users_.actor(instance.run_as_id, "run_as");
}

lua::EntryCall StepRunner::entry(const ProcessInstance& instance, const Plan& plan) const {
    nlohmann::json p = {{"vars", instance.vars},
                        {"timed_out", plan.wake.value("cause", "") == "timeout"},
                        {"instance", instance.id},
                        {"process", instance.process},
                        {"step", plan.step}};
    if (plan.wake.contains("event")) p["event"] = plan.wake["event"];
    return {plan.step, std::move(p), StepApi::helpers(clock_), {"vars"}};
}

void StepRunner::run(std::int64_t id, std::int64_t seq) {
    auto found = db_.read([&](storage::Connection& c) { return ProcessStore::get(c, id); });
    // Stale jobs (the instance moved on, ended or was removed) have nothing to do.
    if (!found || found->seq != seq || (found->status != status::kRunning && found->status != status::kWaiting)) return;
    const ProcessInstance& instance = *found;
    const auto plan = this->plan(instance);
    const auto started = std::chrono::steady_clock::now();
    const auto code = scripts_.source_at(instance.script_id, instance.script_version);
    if (!code) {
        fail(instance, plan, {{"message", "version " + std::to_string(instance.script_version) + " of process script '" +
                                              instance.process + "' no longer exists"}}, started);
        return;
    }
    std::optional<Actor> actor;
    try {
        actor = actor_of(instance);
    } catch (const Problem& p) {
        fail(instance, plan, {{"message", "run-as user " + instance.run_as + ": " + p.errors().front().message}}, started);
        return;
    }
    bool superseded = false;
    lua::RunContext context{*actor, lua_.default_budgets(), instance.record, nullptr, false,
                            [&](storage::Transaction& tx, const lua::RunResult& result) {
                                apply(tx, instance, plan, result, started, superseded);
                            },
                            entry(instance, plan)};
    const auto result = lua_.run(source_of(instance, *code), context);
    if (superseded) {
        spdlog::info("process {} #{}: step '{}' was superseded (the instance changed while it ran); rolled back",
                     instance.process, instance.id, plan.step);
    }
    if (result.committed || superseded) return;
    fail(instance, plan, result.error ? result.error->to_json() : nlohmann::json{{"message", "the step failed"}}, started);
}

void StepRunner::apply(storage::Transaction& tx, const ProcessInstance& before, const Plan& plan,
                       const lua::RunResult& result, std::chrono::steady_clock::time_point started, bool& superseded) {
    const auto directive = StepDirective::parse(result.value);
    const auto now = clock_.now();
    ProcessInstance next = before;
    next.seq = before.seq + 1;
    next.vars = result.entry_state.value("vars", nlohmann::json());
    if (!next.vars.is_object()) throw std::invalid_argument("p.vars must stay a table with named keys");
    next.wake = nullptr;
    next.error = nullptr;
    next.clear_wait();
    next.updated_at = now;
    next.chain = 0;
    next.step = directive.next;
    next.status = status::kWaiting;
    switch (directive.kind) {
        case StepDirective::Kind::Finish:
            next.status = status::kCompleted;
            next.step = plan.step;
            next.finished_at = now;
            break;
        case StepDirective::Kind::Go:
            next.status = status::kRunning;
            next.wake = {{"cause", "go"}};
            next.chain = before.chain + 1;
            if (next.chain > kMaxChain) {
                throw std::runtime_error("more than " + std::to_string(kMaxChain) +
                                         " steps in a row without waiting: stopped as a probable loop of p.go");
            }
            break;
        case StepDirective::Kind::WaitUntil:
            next.wake_at = directive.at;
            break;
        case StepDirective::Kind::WaitFor:
            next.wake_at = directive.at;
            next.wait_event = directive.event;
            next.wait_key = EventFilter::key_of(directive.filter);
            next.wait_filter = directive.filter;
            next.timeout_step = directive.on_timeout;
            break;
    }
    if (!ProcessStore::update(tx.conn(), next, before.seq, before.status)) {
        superseded = true;
        throw Superseded();
    }
    if (next.status == status::kRunning) scheduler_.schedule(tx, next.id, next.seq, now);
    if (next.status == status::kWaiting && next.wake_at) scheduler_.schedule(tx, next.id, next.seq, *next.wake_at);
    auto detail = directive.to_json();
    detail["woke"] = plan.wake.value("cause", "");
    detail["effects"] = result.effects.size();
    ProcessStore::add_step(tx.conn(), {next.id, next.seq, plan.step, directive.op(), std::move(detail),
                                       now, micros_since(started)});
}

void StepRunner::fail(const ProcessInstance& before, const Plan& plan, nlohmann::json error,
                      std::chrono::steady_clock::time_point started) {
    error["step"] = plan.step;
    spdlog::warn("process {} #{}: step '{}' failed: {}", before.process, before.id, plan.step, error.value("message", ""));
    db_.write([&](storage::Transaction& tx) {
        ProcessInstance next = before;
        next.seq = before.seq + 1;
        next.status = status::kFailed;
        next.step = plan.step;
        next.wake = plan.wake;
        next.clear_wait();
        next.error = error;
        next.updated_at = clock_.now();
        if (!ProcessStore::update(tx.conn(), next, before.seq, before.status)) return;  // moved on meanwhile
        ProcessStore::add_step(tx.conn(), {next.id, next.seq, plan.step, "failed", std::move(error), next.updated_at,
                                           micros_since(started)});
    });
}

lua::RunResult StepRunner::dry_run(const ProcessInstance& draft, const std::string& source, const std::string& step,
                                   const nlohmann::json& wake) {
    const Plan plan{step, wake};
    lua::RunContext context{actor_of(draft), lua_.default_budgets(), draft.record, nullptr, true, {}, entry(draft, plan)};
    return lua_.run(source_of(draft, source), context);
}

}  // namespace orbita::kernel::processes
