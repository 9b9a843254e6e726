// SPDX-License-Identifier: Apache-2.0
#include "entity/phone_normalizer.hpp"

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <mutex>

namespace orbita::kernel::entity {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

PhoneNumberUtil& util() {
    static std::once_flag once;
    std::call_once(once, [] {
        // The library would otherwise log parse failures of user input to stdout.
        PhoneNumberUtil::GetInstance()->SetLogger(new i18n::phonenumbers::NullLogger());
    });
    return *PhoneNumberUtil::GetInstance();
}

}  // namespace

PhoneNormalizer::PhoneNormalizer(std::string default_region)
    : region_(std::move(default_region)), warm_up_([] { util(); }) {}

PhoneNormalizer::~PhoneNormalizer() { warm_up_.join(); }

std::optional<std::string> PhoneNormalizer::to_e164(std::string_view text) const {
    if (text.empty() || text.size() > 64) return std::nullopt;
    std::size_t digits = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9') ++digits;
    }
    if (digits < 5) return std::nullopt;
    PhoneNumber number;
    if (util().Parse(std::string(text), region_, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
    // Possible (right length for the country) rather than valid (known range): a CRM
    // must not refuse a real customer's number because the metadata is a year old.
    if (!util().IsPossibleNumber(number)) return std::nullopt;
    std::string out;
    util().Format(number, PhoneNumberUtil::E164, &out);
    return out;
}

}  // namespace orbita::kernel::entity
