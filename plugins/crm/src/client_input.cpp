// SPDX-License-Identifier: Apache-2.0
#include "client_input.hpp"

#include "party_rules.hpp"

#include <algorithm>
#include <cctype>

namespace orbita::plugins::crm {

namespace {

constexpr std::size_t kMaxContacts = 20;

sdk::Error invalid(const std::string& why) { return sdk::fail("invalid-input", why, 422); }

// Reads `key` (absent or null: empty) as a list of non-blank strings.
sdk::Result<std::vector<std::string>> strings_of(const nlohmann::json& body, const std::string& key) {
    std::vector<std::string> out;
    if (!body.contains(key) || body[key].is_null()) return out;
    const auto& list = body[key];
    if (!list.is_array()) return invalid(key + " must be an array of strings");
    if (list.size() > kMaxContacts) return invalid(key + " holds at most " + std::to_string(kMaxContacts) + " entries");
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string() || trimmed(list[i].get<std::string>()).empty())
            return invalid(key + "[" + std::to_string(i) + "] must be a non-empty string");
        out.push_back(trimmed(list[i].get<std::string>()));
    }
    return out;
}

}  // namespace

std::string trimmed(const std::string& text) {
    auto first = std::find_if_not(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
    auto last = std::find_if_not(text.rbegin(), text.rend(), [](unsigned char c) { return std::isspace(c); }).base();
    return first < last ? std::string(first, last) : std::string();
}

sdk::Result<ClientDraft> read_client_draft(const nlohmann::json& body) {
    if (!body.is_object()) return invalid("the body must be a JSON object with the client's fields");
    ClientDraft draft;
    for (const auto& [key, value] : body.items()) {
        if (key == "phones" || key == "emails" || key == "allow_duplicates") continue;
        draft.fields[key] = value.is_string() ? nlohmann::json(trimmed(value.get<std::string>())) : value;
    }
    if (auto named = check_client_name(draft.fields); !named.ok()) return named.error();
    auto phones = strings_of(body, "phones");
    if (!phones.ok()) return phones.error();
    auto emails = strings_of(body, "emails");
    if (!emails.ok()) return emails.error();
    draft.phones = std::move(phones).value();
    for (auto e : emails.value()) {
        std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        draft.emails.push_back(std::move(e));
    }
    if (body.contains("allow_duplicates")) {
        if (!body["allow_duplicates"].is_boolean()) return invalid("allow_duplicates must be true or false");
        draft.allow_duplicates = body["allow_duplicates"].get<bool>();
    }
    return draft;
}

}  // namespace orbita::plugins::crm
