// SPDX-License-Identifier: Apache-2.0
#include "core/thread_context.hpp"

namespace orbita::kernel::core {

namespace {

// A function-local static: carriers register from other translation units' static
// initialisers, whose order relative to this file's is unspecified.
std::vector<ThreadContext::Capture>& carriers() {
    static std::vector<ThreadContext::Capture> all;
    return all;
}

}  // namespace

bool ThreadContext::add_carrier(Capture capture) {
    carriers().push_back(std::move(capture));
    return true;
}

ThreadContext ThreadContext::capture() {
    ThreadContext context;
    context.installs_.reserve(carriers().size());
    for (const auto& carrier : carriers()) context.installs_.push_back(carrier());
    return context;
}

ThreadContext::Scope::Scope(const ThreadContext& context) {
    undo_.reserve(context.installs_.size());
    for (const auto& install : context.installs_) undo_.push_back(install());
}

ThreadContext::Scope::~Scope() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) (*it)();
}

}  // namespace orbita::kernel::core
