// SPDX-License-Identifier: Apache-2.0
// Phone numbers in any common format -> E.164, with Google's libphonenumber.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace orbita::kernel::entity {

/// Normalises phone numbers written by people ("8 (916) 123-45-67", "+7 916 1234567",
/// "9161234567") to E.164 ("+79161234567"). Numbers without a country code are read in
/// the configured default region (RU unless configured). Thread-safe.
///
/// libphonenumber builds its metadata of every region on first use, a visible share of
/// the kernel's start; the constructor has that done on a thread of its own, and the
/// first to_e164() waits for it if it comes sooner.
class PhoneNormalizer {
public:
    explicit PhoneNormalizer(std::string default_region = "RU");
    /// Waits for the warm-up thread.
    ~PhoneNormalizer();
    PhoneNormalizer(const PhoneNormalizer&) = delete;
    PhoneNormalizer& operator=(const PhoneNormalizer&) = delete;

    /// The E.164 form, or empty if the text cannot be a phone number.
    std::optional<std::string> to_e164(std::string_view text) const;
    const std::string& default_region() const { return region_; }

private:
    std::string region_;
    std::thread warm_up_;
};

}  // namespace orbita::kernel::entity
