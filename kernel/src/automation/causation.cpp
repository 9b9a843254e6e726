// SPDX-License-Identifier: Apache-2.0
#include "automation/causation.hpp"

#include "core/thread_context.hpp"

#include <utility>

namespace orbita::kernel::automation {

namespace {
thread_local Causation t_current;

// Events raised inside a write transaction (run by the database writer thread) carry
// the chain of the thread that asked for the write.
[[maybe_unused]] const bool kCarried = core::ThreadContext::add_carrier([] {
    return core::ThreadContext::Install([chain = t_current] {
        return core::ThreadContext::Undo(
            [previous = std::exchange(t_current, chain)]() mutable { t_current = std::move(previous); });
    });
});
}  // namespace

Causation Causation::next(const std::string& hop) const {
    Causation out{depth + 1, trail};
    out.trail.push_back(hop);
    if (out.trail.size() > kMaxTrail) out.trail.erase(out.trail.begin());
    return out;
}

std::string Causation::describe() const {
    std::string out;
    for (const auto& hop : trail) out += (out.empty() ? "" : " -> ") + hop;
    return out.empty() ? "(no automated steps)" : out;
}

nlohmann::json Causation::to_json() const { return {{"depth", depth}, {"trail", trail}}; }

Causation Causation::from_json(const nlohmann::json& j) {
    Causation c;
    if (!j.is_object()) return c;
    if (j.contains("depth") && j["depth"].is_number_integer()) c.depth = j["depth"].get<int>();
    if (j.contains("trail") && j["trail"].is_array()) {
        for (const auto& hop : j["trail"]) {
            if (hop.is_string()) c.trail.push_back(hop.get<std::string>());
        }
    }
    return c;
}

const Causation& Causation::current() { return t_current; }

Causation::Scope::Scope(Causation chain) : previous_(std::move(t_current)) { t_current = std::move(chain); }

Causation::Scope::~Scope() { t_current = std::move(previous_); }

}  // namespace orbita::kernel::automation
