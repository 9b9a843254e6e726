// SPDX-License-Identifier: Apache-2.0
#include "lists/saved_lists_api.hpp"

#include "core/problem.hpp"
#include "http/router.hpp"
#include "lists/saved_lists.hpp"

namespace orbita::kernel::lists {

using http::Request;
using http::Response;

void register_saved_lists_api(http::Router& router, storage::Database& db, records::RecordRepository& records,
                              const Clock& clock) {
    auto lists = std::make_shared<SavedLists>(db, records, clock);
    const std::string base = "/api/v1/saved-lists";
    auto add = [&](const char* method, std::string pattern, http::Handler handler, const char* summary) {
        router.add({.method = method, .pattern = std::move(pattern), .handler = std::move(handler), .summary = summary,
                    .tag = "saved-lists"});
    };
    add("GET", base, [lists](Request& r) {
            const auto type = r.query_param("type");
            if (!type || type->empty())
                throw Problem::bad_request("name the entity type: ?type=", {{"type", "required", "the entity type is required"}});
            auto items = nlohmann::json::array();
            for (const auto& l : lists->visible(r.actor(), *type)) items.push_back(l.to_json(r.actor().user_id));
            return Response::json({{"items", items}});
        }, "Saved lists of a type: one's own and those shared with one's roles (?type=)");
    add("POST", base, [lists](Request& r) {
            return Response::json(201, lists->create(r.actor(), r.json_body()).to_json(r.actor().user_id));
        }, "Save a list view: type, name, columns, filter tree, sort, shared_with_role");
    add("PUT", base + "/{id}", [lists](Request& r) {
            return Response::json(lists->update(r.actor(), r.id_param("id"), r.json_body()).to_json(r.actor().user_id));
        }, "Replace one's own saved list");
    add("DELETE", base + "/{id}", [lists](Request& r) {
            lists->remove(r.actor(), r.id_param("id"));
            return Response::no_content();
        }, "Delete one's own saved list");
}

}  // namespace orbita::kernel::lists
