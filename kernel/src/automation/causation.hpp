// SPDX-License-Identifier: Apache-2.0
// The causal chain of automated changes: how robots and triggers that keep moving a
// record back and forth are detected and stopped.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace orbita::kernel::automation {

/// How many automated hops led to the change being made now. A person's change has
/// depth 0; a robot run or trigger fired by a change of depth d acts at depth d + 1,
/// and the depth travels with the work: in the record.stage_changed payload and in the
/// payload of every robot and trigger job. A chain that reaches the configured limit
/// (automation.max_chain_depth) is stopped with a visible error instead of looping
/// forever (A moves to B, B's robot moves back to A, ...).
///
/// The chain of the code running now is thread-local: the engine sets it (Scope) around
/// a robot run or trigger firing, and every event raised meanwhile on this thread reads it.
class Causation {
public:
    int depth = 0;
    /// The latest hops ("robot:3 deal#7", "trigger:2 deal#7"), oldest first, at most kMaxTrail.
    std::vector<std::string> trail;

    /// The chain one hop further.
    Causation next(const std::string& hop) const;
    /// "robot:3 deal#7 -> trigger:2 deal#7 -> ...".
    std::string describe() const;
    nlohmann::json to_json() const;
    /// Reads what to_json wrote; anything else is depth 0.
    static Causation from_json(const nlohmann::json& j);

    /// The chain of the code running on this thread (depth 0 outside the engine).
    static const Causation& current();

    /// Makes a chain current on this thread until destroyed.
    class Scope;

    static constexpr std::size_t kMaxTrail = 12;
};

class Causation::Scope {
public:
    explicit Scope(Causation chain);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

private:
    Causation previous_;
};

}  // namespace orbita::kernel::automation
