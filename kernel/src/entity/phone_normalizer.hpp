// SPDX-License-Identifier: Apache-2.0
// Phone numbers in any common format -> E.164, with Google's libphonenumber.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace orbita::kernel::entity {

/// Normalises phone numbers written by people ("8 (916) 123-45-67", "+7 916 1234567",
/// "9161234567") to E.164 ("+79161234567"). Numbers without a country code are read in
/// the configured default region (RU unless configured). Thread-safe.
class PhoneNormalizer {
public:
    explicit PhoneNormalizer(std::string default_region = "RU");

    /// The E.164 form, or empty if the text cannot be a phone number.
    std::optional<std::string> to_e164(std::string_view text) const;
    const std::string& default_region() const { return region_; }

private:
    std::string region_;
};

}  // namespace orbita::kernel::entity
