// SPDX-License-Identifier: Apache-2.0
// The request id of the request the current thread serves, for every log line.
#pragma once

#include <string>

namespace orbita::kernel::log {

/// The request id bound to this thread, empty outside requests.
const std::string& current_request_id();

/// Binds a request id to the current thread for the scope's lifetime.
class RequestScope {
public:
    explicit RequestScope(const std::string& request_id);
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;

private:
    std::string previous_;
};

}  // namespace orbita::kernel::log
