// SPDX-License-Identifier: Apache-2.0
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

namespace orbita::test {

std::string query_string(const Params& params) {
    std::string out;
    for (const auto& [key, value] : params) {
        out += out.empty() ? "?" : "&";
        out += HttpClient::encode(key) + "=" + HttpClient::encode(value);
    }
    return out;
}

std::string records_url(const std::string& type, const Params& params) {
    return "/api/v1/records/" + type + query_string(params);
}

nlohmann::json create_record(HttpClient& http, const std::string& type, const nlohmann::json& body) {
    auto res = http.post(records_url(type), body);
    INFO("POST " << type << " " << body.dump() << " -> " << res.status << " " << res.body);
    REQUIRE(res.status == 201);
    return res.json();
}

nlohmann::json list_page(HttpClient& http, const std::string& type, const Params& params) {
    auto res = http.get(records_url(type, params));
    INFO("GET " << records_url(type, params) << " -> " << res.status << " " << res.body);
    REQUIRE(res.status == 200);
    return res.json();
}

std::vector<nlohmann::json> list_all(HttpClient& http, const std::string& type, const Params& params) {
    std::vector<nlohmann::json> out;
    std::string cursor;
    for (int page = 0;; ++page) {
        REQUIRE(page < 10000);
        Params p = params;
        if (!cursor.empty()) p.emplace_back("cursor", cursor);
        auto body = list_page(http, type, p);
        REQUIRE(body["items"].is_array());
        REQUIRE(body["items"].size() <= static_cast<std::size_t>(body["limit"].get<int>()));
        for (const auto& item : body["items"]) out.push_back(item);
        if (body["next_cursor"].is_null()) break;
        // A page that announces more must have been full.
        REQUIRE(body["items"].size() == static_cast<std::size_t>(body["limit"].get<int>()));
        cursor = body["next_cursor"].get<std::string>();
    }
    return out;
}

std::set<std::string> field_set(const nlohmann::json& items, const std::string& field) {
    std::set<std::string> out;
    for (const auto& item : items) out.insert(item.at(field).get<std::string>());
    return out;
}

std::set<std::string> field_set(const std::vector<nlohmann::json>& items, const std::string& field) {
    return field_set(nlohmann::json(items), field);
}

std::vector<std::int64_t> ids_of(const std::vector<nlohmann::json>& items) {
    std::vector<std::int64_t> out;
    for (const auto& item : items) out.push_back(item.at("id").get<std::int64_t>());
    return out;
}

nlohmann::json project_type() {
    return nlohmann::json::parse(R"({
      "name": "project",
      "label": {"ru": "Проект", "en": "Project"},
      "plural": {"ru": "Проекты", "en": "Projects"},
      "fields": [
        {"name": "name", "type": "string", "label": {"ru": "Название", "en": "Name"}, "required": true},
        {"name": "manager", "type": "user", "label": {"ru": "Руководитель", "en": "Manager"}}
      ],
      "title": "{name}",
      "search": ["name"]
    })");
}

nlohmann::json task_type() {
    return nlohmann::json::parse(R"({
      "name": "task",
      "label": {"ru": "Задача", "en": "Task"},
      "plural": {"ru": "Задачи", "en": "Tasks"},
      "fields": [
        {"name": "project", "type": "ref", "target": "project", "label": {"ru": "Проект", "en": "Project"},
         "required": true},
        {"name": "code", "type": "autonumber", "label": {"ru": "Код", "en": "Code"}, "prefix": "P-", "pad": 4,
         "scope": "project"},
        {"name": "title", "type": "string", "label": {"ru": "Название", "en": "Title"}, "required": true}
      ],
      "title": "{code} {title}",
      "search": ["code", "title"]
    })");
}

}  // namespace orbita::test
