// SPDX-License-Identifier: Apache-2.0
// Where the effects of a robot run go, including those of code it triggers indirectly.
#pragma once

#include <nlohmann/json.hpp>

namespace orbita::kernel::automation {

/// Collects what a robot run or dry run did ({"kind": "record.updated", ...}). Actions
/// append to their context's sink directly; work that happens further away on the same
/// thread and transaction (robots scheduled because the action moved the record) reports
/// to `current()`, so a dry run can show every job it would have written.
class EffectSink {
public:
    /// Appends an effect (at most kMaxEffects; later ones are counted, not kept).
    void add(nlohmann::json effect);
    /// Appends every element of an array of effects.
    void add_all(const nlohmann::json& effects);
    const nlohmann::json& effects() const { return effects_; }

    /// The sink of the robot run in progress on this thread, or nullptr.
    static EffectSink* current();
    /// Reports to current() when there is one.
    static void report(nlohmann::json effect);

    /// Makes `sink` current on this thread until destroyed.
    class Scope {
    public:
        explicit Scope(EffectSink& sink);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        EffectSink* previous_;
    };

    static constexpr std::size_t kMaxEffects = 1000;

private:
    nlohmann::json effects_ = nlohmann::json::array();
    std::size_t dropped_ = 0;
};

}  // namespace orbita::kernel::automation
