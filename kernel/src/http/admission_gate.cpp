// SPDX-License-Identifier: Apache-2.0
#include "http/admission_gate.hpp"

#include <algorithm>

namespace orbita::kernel::http {

AdmissionGate::AdmissionGate(int slots, std::chrono::milliseconds patience)
    : enabled_(slots > 0), patience_(patience), slots_(std::clamp<std::ptrdiff_t>(slots, 0, kMaxSlots)) {}

AdmissionGate::Pass AdmissionGate::enter() {
    if (!enabled_) return Pass(nullptr);
    return Pass(slots_.try_acquire_for(patience_) ? this : nullptr);
}

AdmissionGate::Pass::~Pass() {
    if (gate_) gate_->slots_.release();
}

}  // namespace orbita::kernel::http
