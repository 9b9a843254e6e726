// SPDX-License-Identifier: Apache-2.0
// Sorting and keyset pagination over HTTP on every backend: walking every page finds
// each record exactly once and in the order of a single big page, including sorts on
// fields with empty values (which sort as the smallest value) in both directions.
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using nlohmann::json;
using orbita::test::create_record;
using orbita::test::ids_of;
using orbita::test::list_all;
using orbita::test::list_page;
using orbita::test::TestServer;

namespace {

constexpr int kRecords = 41;

/// Tickets whose sortable fields repeat and are often empty, so that ties and NULLs
/// land on page boundaries.
void seed(orbita::test::HttpClient& http) {
    const char* statuses[] = {"new", "in_progress", "waiting", "done", "rejected"};
    for (int i = 0; i < kRecords; ++i) {
        json body = {{"subject", "s" + std::to_string(100 + (i * 7) % kRecords)}, {"status", statuses[i % 5]}};
        if (i % 3 != 0) body["rating"] = 1 + i % 5;
        if (i % 4 != 0) body["due_date"] = "2024-03-" + std::to_string(10 + i % 6);
        if (i % 5 != 1) body["amount"] = (i * 37) % 500;
        if (i % 2 == 0) body["client_name"] = i % 4 == 0 ? "Альфа" : "Бета";
        body["paid"] = i % 3 == 1;
        if (i % 3 != 2) body["resolved_at"] = "2024-03-0" + std::to_string(1 + i % 4) + "T1" + std::to_string(i % 3) + ":00:00Z";
        create_record(http, "ticket", body);
    }
}

/// Compares two values of a sort key where NULL is the smallest value.
int compare(const json& a, const json& b) {
    if (a.is_null() || b.is_null()) return a.is_null() == b.is_null() ? 0 : (a.is_null() ? -1 : 1);
    if (a.is_object()) return compare(a["amount"], b["amount"]);
    if (a < b) return -1;
    return b < a ? 1 : 0;
}

/// Checks that `items` are in the order of `spec` ("-rating,due_date"), with `id` as the
/// final tie-breaker in the direction of the last key.
void check_sorted(const std::vector<json>& items, const std::string& spec) {
    std::vector<std::pair<std::string, bool>> keys;
    std::size_t start = 0;
    for (;;) {
        auto comma = spec.find(',', start);
        std::string part = spec.substr(start, comma - start);
        const bool desc = part[0] == '-';
        keys.emplace_back(desc ? part.substr(1) : part, desc);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (keys.back().first != "id") keys.emplace_back("id", keys.back().second);
    for (std::size_t i = 1; i < items.size(); ++i) {
        int order = 0;
        for (const auto& [field, desc] : keys) {
            int c = compare(items[i - 1][field], items[i][field]);
            if (c != 0) {
                order = desc ? -c : c;
                break;
            }
        }
        INFO(spec << " at " << i << ": " << items[i - 1].dump() << " then " << items[i].dump());
        CHECK(order < 0);
    }
}

}  // namespace

TEST_CASE("walking every page returns each record once, in sort order") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            const auto all_ids = ids_of(list_all(http, "ticket", {{"limit", "500"}}));
            REQUIRE(all_ids.size() == kRecords);

            for (const std::string spec :
                 {"-id", "id", "rating", "-rating", "due_date", "-due_date", "due_date,-rating", "-rating,due_date",
                  "status,rating", "-status,-amount", "amount", "-amount", "client_name", "-client_name", "subject",
                  "-created_at", "paid,-id", "-paid,rating", "number", "resolved_at", "-resolved_at,rating"}) {
                for (const int limit : {1, 4, 7}) {
                    INFO("sort=" << spec << " limit=" << limit);
                    auto paged = list_all(http, "ticket", {{"sort", spec}, {"limit", std::to_string(limit)}});
                    auto whole = list_page(http, "ticket", {{"sort", spec}, {"limit", "500"}})["items"];
                    REQUIRE(paged.size() == kRecords);
                    CHECK(ids_of(paged) == ids_of(std::vector<json>(whole.begin(), whole.end())));
                    auto ids = ids_of(paged);
                    std::sort(ids.begin(), ids.end());
                    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
                    auto expected = all_ids;
                    std::sort(expected.begin(), expected.end());
                    CHECK(ids == expected);
                    if (limit == 7) check_sorted(paged, spec);
                }
            }
        }
    }
}

TEST_CASE("NULL sorts as the smallest value on both backends") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            create_record(http, "ticket", {{"subject", "a"}, {"rating", 3}});
            create_record(http, "ticket", {{"subject", "b"}});
            create_record(http, "ticket", {{"subject", "c"}, {"rating", 1}});
            create_record(http, "ticket", {{"subject", "d"}});
            auto subjects = [&](const std::string& sort) {
                std::vector<std::string> out;
                const auto page = list_page(http, "ticket", {{"sort", sort}});
                for (const auto& item : page["items"])
                    out.push_back(item["subject"].get<std::string>());
                return out;
            };
            CHECK(subjects("rating") == std::vector<std::string>{"b", "d", "c", "a"});
            CHECK(subjects("-rating") == std::vector<std::string>{"a", "c", "d", "b"});
            CHECK(subjects("rating,-id") == std::vector<std::string>{"d", "b", "c", "a"});
            CHECK(subjects("-id") == std::vector<std::string>{"d", "c", "b", "a"});
            CHECK(subjects("") == std::vector<std::string>{"d", "c", "b", "a"});
        }
    }
}

TEST_CASE("pages combine with filters, search and counts") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            auto expected = list_page(http, "ticket", {{"filter[status][in]", "new,done"}, {"limit", "500"},
                                                       {"sort", "-rating"}})["items"];
            REQUIRE(expected.size() == 17);
            auto first = list_page(http, "ticket", {{"filter[status][in]", "new,done"}, {"limit", "5"},
                                                    {"sort", "-rating"}, {"count", "true"}});
            CHECK(first["total"] == 17);
            CHECK(first["limit"] == 5);
            CHECK(first["items"].size() == 5);
            auto walked = list_all(http, "ticket", {{"filter[status][in]", "new,done"}, {"limit", "5"}, {"sort", "-rating"}});
            CHECK(ids_of(walked) == ids_of(std::vector<json>(expected.begin(), expected.end())));

            // The total counts the whole selection on every page.
            auto second = list_page(http, "ticket", {{"filter[status][in]", "new,done"}, {"limit", "5"},
                                                     {"sort", "-rating"}, {"count", "true"},
                                                     {"cursor", first["next_cursor"].get<std::string>()}});
            CHECK(second["total"] == 17);
            CHECK(second["items"][0]["id"] == expected[5]["id"]);

            // The last page says so.
            auto last = list_page(http, "ticket", {{"limit", std::to_string(kRecords)}});
            CHECK(last["items"].size() == kRecords);
            CHECK(last["next_cursor"].is_null());
        }
    }
}

TEST_CASE("a cursor is bound to its sort order") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            auto first = list_page(http, "ticket", {{"sort", "rating"}, {"limit", "3"}});
            const auto cursor = first["next_cursor"].get<std::string>();
            auto res = http.get(orbita::test::records_url("ticket", {{"sort", "-rating"}, {"limit", "3"}, {"cursor", cursor}}));
            CHECK(res.status == 400);
            // Neither a cursor nor a sort key may be made up.
            CHECK(http.get(orbita::test::records_url("ticket", {{"sort", "rating"}, {"cursor", "bm9wZQ"}})).status == 400);
            CHECK(http.get(orbita::test::records_url("ticket", {{"sort", "ratng"}})).status == 400);
            res = http.get(orbita::test::records_url("ticket", {{"sort", "rating"}, {"limit", "3"}, {"cursor", cursor}}));
            REQUIRE(res.status == 200);
            CHECK(res.json()["items"][0]["id"] != first["items"][0]["id"]);
        }
    }
}

TEST_CASE("records created while paging after the cursor position are not skipped") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            for (int i = 0; i < 6; ++i) create_record(http, "ticket", {{"subject", "old" + std::to_string(i)}});
            // Ascending by id: a record created mid-walk lands after the cursor.
            auto first = list_page(http, "ticket", {{"sort", "id"}, {"limit", "4"}});
            create_record(http, "ticket", {{"subject", "new"}});
            auto rest = list_page(http, "ticket",
                                  {{"sort", "id"}, {"limit", "4"}, {"cursor", first["next_cursor"].get<std::string>()}});
            std::set<std::string> seen = orbita::test::field_set(first["items"], "subject");
            for (const auto& s : orbita::test::field_set(rest["items"], "subject")) CHECK(seen.insert(s).second);
            CHECK(seen.size() == 7);
            CHECK(rest["next_cursor"].is_null());
        }
    }
}
