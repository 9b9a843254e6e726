// SPDX-License-Identifier: Apache-2.0
#include "automation/effect_sink.hpp"

#include "core/thread_context.hpp"

#include <utility>

namespace orbita::kernel::automation {

namespace {
thread_local EffectSink* t_sink = nullptr;

// A dry run's effects inside its write transaction are reported from the database
// writer thread while the dry run's own thread waits for it.
[[maybe_unused]] const bool kCarried = core::ThreadContext::add_carrier([] {
    return core::ThreadContext::Install([sink = t_sink] {
        return core::ThreadContext::Undo([previous = std::exchange(t_sink, sink)] { t_sink = previous; });
    });
});
}  // namespace

void EffectSink::add(nlohmann::json effect) {
    if (effects_.size() < kMaxEffects) {
        effects_.push_back(std::move(effect));
        return;
    }
    if (++dropped_ == 1) effects_.push_back({{"kind", "effects.truncated"}, {"limit", kMaxEffects}});
}

void EffectSink::add_all(const nlohmann::json& effects) {
    if (!effects.is_array()) return;
    for (const auto& e : effects) add(e);
}

EffectSink* EffectSink::current() { return t_sink; }

void EffectSink::report(nlohmann::json effect) {
    if (t_sink) t_sink->add(std::move(effect));
}

EffectSink::Scope::Scope(EffectSink& sink) : previous_(t_sink) { t_sink = &sink; }

EffectSink::Scope::~Scope() { t_sink = previous_; }

}  // namespace orbita::kernel::automation
