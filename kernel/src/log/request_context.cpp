// SPDX-License-Identifier: Apache-2.0
#include "log/request_context.hpp"

namespace orbita::kernel::log {

namespace {
thread_local std::string t_request_id;
thread_local std::string t_client_address;
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
