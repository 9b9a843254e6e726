// SPDX-License-Identifier: Apache-2.0
// Thread-local state that follows work handed to another thread.
#pragma once

#include <functional>
#include <vector>

namespace orbita::kernel::core {

/// Some state is bound to the thread that serves a request: the request id of log
/// lines and audit entries, the causal chain of an automation run, the effect sink of a
/// robot's dry run. Work that one thread hands to another to run on its behalf (a write
/// transaction run by the database writer thread) must see that state as if it ran on
/// the caller's thread. Each owner of such state registers a carrier once, at static
/// initialisation: `capture()` snapshots every carrier on the caller's thread, and a
/// `Scope` on the executing thread installs the snapshot and puts the executing
/// thread's own state back when it ends.
///
/// Thread-local state that code inside a write transaction reads must register a
/// carrier, or it reads the writer thread's (empty) state instead of the caller's.
class ThreadContext {
public:
    /// Puts the executing thread's previous state back.
    using Undo = std::function<void()>;
    /// Installs a captured state on the executing thread.
    using Install = std::function<Undo()>;
    /// Snapshots the calling thread's state.
    using Capture = std::function<Install()>;

    /// Registers a carrier for every later capture(); returns true so it can
    /// initialise a namespace-scope constant. Call during static initialisation only.
    static bool add_carrier(Capture capture);

    /// Snapshots the calling thread's state of every registered carrier.
    static ThreadContext capture();

    /// Makes a snapshot current on this thread until destroyed.
    class Scope {
    public:
        explicit Scope(const ThreadContext& context);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        std::vector<Undo> undo_;
    };

private:
    std::vector<Install> installs_;
};

}  // namespace orbita::kernel::core
