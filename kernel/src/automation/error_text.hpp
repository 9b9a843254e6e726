// SPDX-License-Identifier: Apache-2.0
// The message of a failed robot run or trigger firing, as the run history shows it.
#pragma once

#include "core/problem.hpp"

#include <string>
#include <vector>

namespace orbita::kernel::automation {

/// The exception in flight as one line: a Problem's detail followed by those of its
/// field errors the detail does not already say, or what() of any other exception.
/// Call only inside a catch block.
std::string current_error_text();

/// Runs `check`; when it throws a 422 Problem, adds its field errors to `errors`
/// instead, so a save can report every problem at once. Other failures propagate.
template <class F>
void collect_validation_errors(std::vector<FieldError>& errors, F&& check) {
    try {
        check();
    } catch (const Problem& p) {
        if (p.status() != 422) throw;
        errors.insert(errors.end(), p.errors().begin(), p.errors().end());
    }
}

}  // namespace orbita::kernel::automation
