// SPDX-License-Identifier: Apache-2.0
#include "log/request_context.hpp"

namespace orbita::kernel::log {

namespace {
thread_local std::string t_request_id;
}

const std::string& current_request_id() { return t_request_id; }

RequestScope::RequestScope(const std::string& request_id) : previous_(t_request_id) { t_request_id = request_id; }

RequestScope::~RequestScope() { t_request_id = previous_; }

}  // namespace orbita::kernel::log
