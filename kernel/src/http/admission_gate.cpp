// SPDX-License-Identifier: Apache-2.0
#include "http/admission_gate.hpp"

#include <algorithm>

namespace orbita::kernel::http {

AdmissionGate::AdmissionGate(int slots, std::chrono::milliseconds patience)
    : enabled_(slots > 0), patience_(patience), free_slots_(std::max(slots, 0)) {}

AdmissionGate::Pass AdmissionGate::enter() {
    if (!enabled_) return Pass(nullptr);
    std::unique_lock<std::mutex> lock(mutex_);
    if (free_slots_ > 0 && line_.empty()) {
        --free_slots_;
        return Pass(this);
    }
    Waiter me;
    line_.push_back(&me);
    if (me.wake.wait_for(lock, patience_, [&] { return me.granted; })) return Pass(this);
    // Patience ran out before a slot was handed over (a hand-over sets `granted` under
    // this lock, so it cannot happen after the check above): leave the line, run anyway.
    line_.erase(std::find(line_.begin(), line_.end(), &me));
    return Pass(nullptr);
}

void AdmissionGate::release() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (line_.empty()) {
        ++free_slots_;
        return;
    }
    Waiter* next = line_.front();
    line_.pop_front();
    next->granted = true;
    // Notified under the lock: once unlocked, the waiter may return and its condition
    // variable (on its stack) be gone.
    next->wake.notify_one();
}

int AdmissionGate::waiting() {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<int>(line_.size());
}

AdmissionGate::Pass::~Pass() {
    if (gate_) gate_->release();
}

}  // namespace orbita::kernel::http
