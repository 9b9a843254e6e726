// SPDX-License-Identifier: Apache-2.0
// Bounds how many requests run their handlers at once, so a CPU-bound burst queues
// in order instead of time-slicing every connection thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace orbita::kernel::http {

/// Poco serves each keep-alive connection on its own thread. With 32 busy clients on
/// a 2-core machine the scheduler time-slices 32 runnable threads, and an unlucky
/// request waits several full rounds (tens of ms) although it needs 100 us of CPU.
/// The gate lets `slots` handlers run at once and parks the rest in a line, so the
/// wait is the queue ahead of it, not the scheduler's round.
///
/// The line is first come, first served: a released slot goes straight to the
/// longest waiter, and a newcomer never overtakes the line. (A counting semaphore
/// wakes an arbitrary waiter and lets newcomers barge in, so some requests were
/// passed over again and again: the p99 latency stayed at the patience-scale tail
/// although the median was 1 ms.) Each waiter sleeps on its own condition variable,
/// so a release wakes exactly one thread.
///
/// The gate is soft: a request that waited `patience` runs anyway. A handler that
/// blocks for long (a slow upload, a slow PostgreSQL query) therefore delays others by
/// at most `patience` and can never starve the server.
class AdmissionGate {
public:
    /// `slots` <= 0 disables the gate (every request enters at once).
    AdmissionGate(int slots, std::chrono::milliseconds patience);
    AdmissionGate(const AdmissionGate&) = delete;
    AdmissionGate& operator=(const AdmissionGate&) = delete;

    /// Holds a slot (if one was obtained in time) until destroyed.
    class Pass {
    public:
        Pass(Pass&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
        Pass(const Pass&) = delete;
        Pass& operator=(const Pass&) = delete;
        Pass& operator=(Pass&&) = delete;
        ~Pass();
        /// True if this pass holds a slot (false: bypass, disabled gate, or patience ran out).
        bool holds_slot() const { return gate_ != nullptr; }

    private:
        friend class AdmissionGate;
        explicit Pass(AdmissionGate* gate) : gate_(gate) {}
        AdmissionGate* gate_;
    };

    /// Waits in line for a slot for at most `patience`; called on the connection's
    /// thread right before the handler runs.
    Pass enter();
    /// A pass that holds no slot, for requests the gate does not meter.
    Pass bypass() { return Pass(nullptr); }
    /// Requests waiting in line now (for tests and diagnostics).
    int waiting();

private:
    /// One parked request; lives on its thread's stack while it waits.
    struct Waiter {
        std::condition_variable wake;
        bool granted = false;
    };

    /// Hands the slot to the longest waiter, or puts it back when nobody waits.
    void release();

    bool enabled_;
    std::chrono::milliseconds patience_;
    std::mutex mutex_;
    int free_slots_;
    std::deque<Waiter*> line_;
};

}  // namespace orbita::kernel::http
