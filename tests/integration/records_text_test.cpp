// SPDX-License-Identifier: Apache-2.0
// GET by id and GET list serialise records directly instead of building a JSON tree.
// This checks, on every backend and for every field type of the demo ticket, that the
// direct text is byte for byte what the tree path (used by exports, events and the
// write endpoints) gives, for an administrator and for a user with hidden fields, and
// that a hidden field does not leak through the record title.
#include "support/auth_helpers.hpp"
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include "acl/profile_cache.hpp"
#include "records/record_repository.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::test::create_record;
using orbita::test::TestServer;

namespace {

orbita::kernel::Actor actor_of(TestServer& server, std::int64_t user_id, const std::string& login) {
    orbita::kernel::Actor a;
    a.user_id = user_id;
    a.login = login;
    a.access = server.kernel().profiles().get(user_id);
    REQUIRE(a.access);
    return a;
}

std::string tree_text(const json& document) { return document.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

TEST_CASE("direct record text equals the JSON tree, hidden fields and titles included") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin_http = server.client();
            // The title ("{number} {subject}") shows the subject, which the clerk may not see.
            const json rules = json::array({{{"entity_type", "ticket"}, {"field", "subject"}, {"access", "hidden"}},
                                            {{"entity_type", "ticket"}, {"field", "amount"}, {"access", "hidden"}}});
            orbita::test::create_role(admin_http, "clerk", orbita::test::grants("ticket", "all"), rules);
            const auto clerk_id = server.create_user("clerk", {"clerk"});
            const auto dept = create_record(admin_http, "department", {{"name", "Отдел «Ромашка»"}})["id"];
            for (int i = 0; i < 7; ++i) {
                json body = {{"subject", "Тема \"" + std::to_string(i) + "\" \\ / ёжик"},
                             {"description", "line one\nline two\t\"quoted\""},
                             {"client_name", "ООО «Секрет» " + std::to_string(i)},
                             {"department", dept}, {"watchers", json::array({server.admin_id()})},
                             {"rating", 1 + i % 5}, {"paid", i % 2 == 0}, {"due_date", "2026-12-0" + std::to_string(1 + i)}};
                if (i % 2) {
                    body["amount"] = 1234.5 + i;
                    body["phone"] = "+7 912 345-67-8" + std::to_string(i);
                    body["email"] = "c" + std::to_string(i) + "@example.com";
                    body["extra"] = {{"nested", {{"list", {1, 2.5, "три", nullptr}}}}};
                    body["resolved_at"] = "2026-11-22T10:00:00Z";
                }
                create_record(admin_http, "ticket", body);
            }

            auto& repo = server.kernel().records();
            const auto admin = actor_of(server, server.admin_id(), "admin");
            const auto clerk = actor_of(server, clerk_id, "clerk");
            for (const auto* who : {&admin, &clerk}) {
                INFO("as " << who->login);
                orbita::kernel::records::ListQuery query;
                query.limit = 3;
                query.count = true;
                for (int page = 0; page < 4; ++page) {
                    const auto tree = repo.list(*who, "ticket", query);
                    json doc = {{"items", tree.items}, {"limit", query.limit},
                                {"next_cursor", tree.next_cursor ? json(*tree.next_cursor) : json(nullptr)}};
                    if (tree.total) doc["total"] = *tree.total;
                    CHECK(repo.list_text(*who, "ticket", query) == tree_text(doc));
                    for (const auto& item : tree.items) {
                        const auto id = item["id"].get<std::int64_t>();
                        const auto text = repo.get_text(*who, "ticket", id);
                        CHECK(text.json == tree_text(repo.get(*who, "ticket", id)));
                        CHECK(text.version == item["version"].get<std::int64_t>());
                        if (who == &clerk) {
                            CHECK_FALSE(item.contains("subject"));
                            CHECK_FALSE(item.contains("amount"));
                            CHECK(item["_title"].get<std::string>().rfind("T-", 0) == 0);
                            CHECK(text.json.find("ёжик") == std::string::npos);
                        }
                    }
                    if (!tree.next_cursor) break;
                    query.cursor = *tree.next_cursor;
                }
            }
        }
    }
}
