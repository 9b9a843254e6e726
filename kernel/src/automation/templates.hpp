// SPDX-License-Identifier: Apache-2.0
// {{record.field}} substitution in robot parameters.
#pragma once

#include "core/problem.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::automation {

/// Fills templates in action parameters from the robot's record. Names:
///
///   {{record.title}}          a field of the record (as its run-as user reads it)
///   {{record.client.id}}      a key inside a field's value (money amount, phone e164, ...)
///   {{record.id}}, {{record.created_at}}, ...   system fields too
///   {{now}}                   the run's time, ISO 8601 UTC
///   {{actor.login}}, {{actor.id}}   the run-as user
///   {{const.BillTheme}}       a global constant
///
/// A string that is exactly one template becomes the value itself (a number stays a
/// number, a ref stays an id); templates inside longer text become text (null and
/// missing values become empty, money "1234.5 RUB"). Objects and arrays are walked.
class Templates {
public:
    using ConstantLookup = std::function<std::optional<nlohmann::json>(const std::string& name)>;

    /// `scope` is {"record": {...}, "now": "...", "actor": {"id", "login"}}.
    Templates(nlohmann::json scope, ConstantLookup constants) : scope_(std::move(scope)), constants_(std::move(constants)) {}

    /// `value` with every template filled in. Throws std::invalid_argument for an
    /// unknown name (check() refuses those when the robot is saved).
    nlohmann::json render(const nlohmann::json& value) const;

    /// True when a string anywhere in `value` holds a template.
    static bool has_templates(const nlohmann::json& value);

    /// Appends an error under `path` for every template in `value` that names something
    /// unknown: a root other than record/now/actor/const, or a field `fields` lacks.
    static void check(const nlohmann::json& value, const std::vector<std::string>& fields, const std::string& path,
                      std::vector<FieldError>& errors);

private:
    nlohmann::json lookup(const std::string& path) const;
    std::string render_text(const std::string& text) const;

    nlohmann::json scope_;
    ConstantLookup constants_;
};

}  // namespace orbita::kernel::automation
