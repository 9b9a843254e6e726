// SPDX-License-Identifier: Apache-2.0
// Bounds how many requests run their handlers at once, so a CPU-bound burst queues
// in order instead of time-slicing every connection thread.
#pragma once

#include <chrono>
#include <semaphore>

namespace orbita::kernel::http {

/// Poco serves each keep-alive connection on its own thread. With 32 busy clients on
/// a 2-core machine the scheduler time-slices 32 runnable threads, and an unlucky
/// request waits several full rounds (tens of ms) although it needs 100 us of CPU.
/// The gate lets `slots` handlers run at once and parks the rest on a semaphore, so
/// the wait is the queue ahead of it, not the scheduler's round.
///
/// The gate is soft: a request that waited `patience` runs anyway. A handler that
/// blocks for long (a slow upload, a slow PostgreSQL query) therefore delays others by
/// at most `patience` and can never starve the server.
class AdmissionGate {
public:
    /// `slots` <= 0 disables the gate (every request enters at once).
    AdmissionGate(int slots, std::chrono::milliseconds patience);

    /// Holds a slot (if one was obtained in time) until destroyed.
    class Pass {
    public:
        Pass(Pass&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
        Pass(const Pass&) = delete;
        Pass& operator=(const Pass&) = delete;
        Pass& operator=(Pass&&) = delete;
        ~Pass();

    private:
        friend class AdmissionGate;
        explicit Pass(AdmissionGate* gate) : gate_(gate) {}
        AdmissionGate* gate_;
    };

    /// Waits for a slot for at most `patience`; called on the connection's thread
    /// right before the handler runs.
    Pass enter();
    /// A pass that holds no slot, for requests the gate does not meter.
    Pass bypass() { return Pass(nullptr); }

private:
    static constexpr std::ptrdiff_t kMaxSlots = 4096;
    bool enabled_;
    std::chrono::milliseconds patience_;
    std::counting_semaphore<kMaxSlots> slots_;
};

}  // namespace orbita::kernel::http
