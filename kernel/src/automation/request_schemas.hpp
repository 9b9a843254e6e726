// SPDX-License-Identifier: Apache-2.0
// The request bodies of the automation admin API, checked against schemas/automation.schema.json.
#pragma once

#include "core/json_schema.hpp"

#include <map>
#include <string>

namespace orbita::kernel::automation {

/// Compiles every definition of schemas/automation.schema.json once; `check` turns the
/// violations of a body into one 422 listing each field (with "did you mean" hints for
/// unknown keys).
class RequestSchemas {
public:
    RequestSchemas();

    /// Throws a 422 Problem with one error per violation when `body` does not match
    /// definition `name` (errors about the whole body are under "(body)").
    void check(const std::string& name, const nlohmann::json& body) const;

private:
    std::map<std::string, JsonSchema> compiled_;
};

}  // namespace orbita::kernel::automation
