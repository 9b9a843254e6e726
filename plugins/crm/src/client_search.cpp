// SPDX-License-Identifier: Apache-2.0
#include "client_search.hpp"

#include "client_input.hpp"
#include "record_query.hpp"

#include <algorithm>
#include <cctype>

namespace orbita::plugins::crm {

namespace {

const char* const kNamePage = "50";

std::string digits_of(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c >= '0' && c <= '9') out += c;
    }
    return out;
}

bool phone_like(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isdigit(c) || c == ' ' || c == '(' || c == ')' || c == '-' || c == '+' || c == '.';
    });
}

}  // namespace

sdk::Result<nlohmann::json> ClientSearch::search(sdk::Records& records, const std::string& raw) const {
    const std::string query = trimmed(raw);
    if (query.size() < 2) return sdk::fail("invalid-query", "q needs at least 2 characters", 422);
    nlohmann::json out = {{"clients", nlohmann::json::array()}, {"organizations", nlohmann::json::array()}};
    std::vector<std::int64_t> ids;

    if (query.find('@') != std::string::npos) {
        std::string email = query;
        std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        auto found = list_all(records, "client_email", {{"filter[email]", email}});
        if (!found.ok()) return found.error();
        for (const auto& e : found.value()) ids.push_back(e["client"].get<std::int64_t>());
    } else if (phone_like(query) && digits_of(query).size() >= 5) {
        const auto digits = digits_of(query);
        if ((digits.size() == 10 || digits.size() == 12) && digits == query) {
            auto orgs = list_all(records, "organization", {{"filter[inn]", query}});
            if (!orgs.ok()) return orgs.error();
            for (const auto& o : orgs.value()) out["organizations"].push_back(o);
        }
        // A whole number is compared in E.164 (any way it is written); a part of one
        // matches the digits it contains.
        auto found = list_all(records, "client_phone", {{"filter[phone]", query}});
        if (!found.ok()) found = list_all(records, "client_phone", {{"filter[phone][contains]", query}});
        if (!found.ok()) return found.error();
        for (const auto& p : found.value()) ids.push_back(p["client"].get<std::int64_t>());
    } else {
        // Names match many: the first page of each is the answer.
        auto found = records.list("client", {{"q", query}, {"sort", "id"}, {"limit", kNamePage}});
        if (!found.ok()) return found.error();
        for (const auto& c : found.value()["items"]) ids.push_back(id_of(c));
        auto orgs = records.list("organization", {{"q", query}, {"sort", "id"}, {"limit", kNamePage}});
        if (!orgs.ok()) return orgs.error();
        out["organizations"] = orgs.value()["items"];
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto clients = clients_.clients_by_id(records, ids);
    if (!clients.ok()) return clients.error();
    out["clients"] = clients.value();
    return out;
}

}  // namespace orbita::plugins::crm
