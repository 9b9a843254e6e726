// SPDX-License-Identifier: Apache-2.0
// Periodic background work.
#pragma once

#include "orbita/sdk/records.hpp"
#include "orbita/sdk/result.hpp"

#include <functional>
#include <string>

namespace orbita::sdk {

/// @brief A periodic job: `run` is called about every `interval_seconds` on the
/// kernel's job thread, as the system actor "system:<id>", never twice at once. The
/// first run happens one interval after the server started serving.
struct Job {
    std::string id;  ///< "<plugin id>.<name>"
    std::string description;
    int interval_seconds = 60;
    std::function<Result<void>(Records& records)> run;
};

/// @brief Adds jobs. Use only inside Plugin::initialize.
class JobRegistrar {
public:
    virtual ~JobRegistrar() = default;
    /// @brief Stages one job; a duplicate id or an interval below 1 s returns an Error.
    virtual Result<void> add(Job job) = 0;
};

}  // namespace orbita::sdk
