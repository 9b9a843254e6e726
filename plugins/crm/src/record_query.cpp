// SPDX-License-Identifier: Apache-2.0
#include "record_query.hpp"

namespace orbita::plugins::crm {

sdk::Result<std::vector<nlohmann::json>> list_all(sdk::Records& records, const std::string& type, nlohmann::json query) {
    std::vector<nlohmann::json> out;
    query["limit"] = "500";
    for (;;) {
        auto page = records.list(type, query);
        if (!page.ok()) return page.error();
        for (auto& item : page.value()["items"]) out.push_back(item);
        const auto& cursor = page.value()["next_cursor"];
        if (!cursor.is_string()) return out;
        query["cursor"] = cursor.get<std::string>();
    }
}

sdk::Result<nlohmann::json> find_one(sdk::Records& records, const std::string& type, nlohmann::json query) {
    query["limit"] = "1";
    auto page = records.list(type, query);
    if (!page.ok()) return page.error();
    if (page.value()["items"].empty()) return nlohmann::json(nullptr);
    return page.value()["items"][0];
}

std::string id_list(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}

std::int64_t id_of(const nlohmann::json& record) { return record.at("id").get<std::int64_t>(); }

}  // namespace orbita::plugins::crm
