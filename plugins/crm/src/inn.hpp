// SPDX-License-Identifier: Apache-2.0
// Russian taxpayer numbers (INN): the check digits of 10- and 12-digit INNs.
#pragma once

#include <orbita/sdk/result.hpp>

#include <string>

namespace orbita::plugins::crm {

/// Checks an INN as written: exactly 10 digits (organisations) or 12 digits
/// (individuals and sole traders), with the check digits of the tax service's
/// algorithm. Answers the INN, or an "invalid-inn" Error (422) that says what is wrong.
sdk::Result<std::string> validate_inn(const std::string& text);

}  // namespace orbita::plugins::crm
