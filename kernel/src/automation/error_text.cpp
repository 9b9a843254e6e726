// SPDX-License-Identifier: Apache-2.0
#include "automation/error_text.hpp"

#include "core/problem.hpp"

namespace orbita::kernel::automation {

std::string current_error_text() {
    try {
        throw;
    } catch (const Problem& p) {
        std::string message = p.detail();
        for (const auto& e : p.errors()) {
            if (message.find(e.message) == std::string::npos) message += "; " + e.field + ": " + e.message;
        }
        return message;
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown error";
    }
}

}  // namespace orbita::kernel::automation
