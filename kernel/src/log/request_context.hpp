// SPDX-License-Identifier: Apache-2.0
// The request id of the request the current thread serves, for every log line.
#pragma once

#include <string>

namespace orbita::kernel::log {

/// The request id bound to this thread, empty outside requests.
const std::string& current_request_id();
/// The client address of the request this thread serves, empty outside requests.
const std::string& current_client_address();

/// Binds a request id (and the client address) to the current thread for the scope's
/// lifetime, so log lines and audit entries carry them without being passed around.
class RequestScope {
public:
    explicit RequestScope(const std::string& request_id, const std::string& client_address = {});
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;

private:
    std::string previous_;
    std::string previous_address_;
};

}  // namespace orbita::kernel::log
