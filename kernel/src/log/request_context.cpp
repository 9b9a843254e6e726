// SPDX-License-Identifier: Apache-2.0
#include "log/request_context.hpp"

#include "core/thread_context.hpp"

#include <utility>

namespace orbita::kernel::log {

namespace {
thread_local std::string t_request_id;
thread_local std::string t_client_address;

// A write transaction runs on the database writer thread: its audit entries and log
// lines carry the request id of the request that asked for it.
[[maybe_unused]] const bool kCarried = core::ThreadContext::add_carrier([] {
    return core::ThreadContext::Install([id = t_request_id, address = t_client_address] {
        return core::ThreadContext::Undo([previous_id = std::exchange(t_request_id, id),
                                          previous_address = std::exchange(t_client_address, address)]() mutable {
            t_request_id = std::move(previous_id);
            t_client_address = std::move(previous_address);
        });
    });
});
}  // namespace

const std::string& current_request_id() { return t_request_id; }
const std::string& current_client_address() { return t_client_address; }

RequestScope::RequestScope(const std::string& request_id, const std::string& client_address)
    : previous_(t_request_id), previous_address_(t_client_address) {
    t_request_id = request_id;
    t_client_address = client_address;
}

RequestScope::~RequestScope() {
    t_request_id = previous_;
    t_client_address = previous_address_;
}

}  // namespace orbita::kernel::log
