// SPDX-License-Identifier: Apache-2.0
// GET /api/v1/records/{type}/aggregate over HTTP on every backend: metrics, groups by
// field and by date bucket in a time zone, money split by currency, totals, and the
// same selection rules as lists (filters, search, archive state).
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <map>

using nlohmann::json;
using orbita::test::create_record;
using orbita::test::Params;
using orbita::test::TestServer;

namespace {

void seed(orbita::test::HttpClient& http) {
    create_record(http, "ticket", {{"subject", "a1"}, {"status", "new"}, {"rating", 4}, {"amount", 100},
                                   {"due_date", "2024-03-04"}, {"resolved_at", "2024-03-15T22:30:00Z"}});
    create_record(http, "ticket", {{"subject", "a2"}, {"status", "new"}, {"rating", 2}, {"amount", 50.25},
                                   {"due_date", "2024-03-10"}, {"resolved_at", "2024-03-15T10:00:00Z"}});
    create_record(http, "ticket", {{"subject", "a3"}, {"status", "done"}, {"rating", 5},
                                   {"amount", {{"amount", 10}, {"currency", "USD"}}}, {"due_date", "2024-03-11"},
                                   {"resolved_at", "2024-03-31T21:30:00Z"}});
    create_record(http, "ticket", {{"subject", "a4"}, {"status", "done"},
                                   {"amount", {{"amount", 20.5}, {"currency", "USD"}}}, {"due_date", "2024-04-01"}});
    create_record(http, "ticket", {{"subject", "a5"}, {"status", "waiting"}, {"rating", 3}});
    create_record(http, "ticket", {{"subject", "a6"}, {"status", "new"}, {"rating", 1},
                                   {"amount", {{"amount", 1000}, {"currency", "JPY"}}}, {"due_date", "2024-03-05"}});
    auto gone = create_record(http, "ticket", {{"subject", "a7"}, {"status", "new"}, {"rating", 5}, {"amount", 999},
                                               {"due_date", "2024-03-04"}, {"resolved_at", "2024-03-15T10:00:00Z"}});
    REQUIRE(http.del("/api/v1/records/ticket/" + std::to_string(gone["id"].get<std::int64_t>())).status == 200);
}

json aggregate(orbita::test::HttpClient& http, const Params& params) {
    auto res = http.get("/api/v1/records/ticket/aggregate" + orbita::test::query_string(params));
    INFO(res.body);
    REQUIRE(res.status == 200);
    return res.json();
}

/// rows keyed by their key object (dumped), so the order of groups does not matter.
std::map<std::string, json> by_key(const json& rows) {
    std::map<std::string, json> out;
    for (const auto& row : rows) {
        CHECK(out.emplace(row["key"].dump(), row["values"]).second);
    }
    return out;
}

/// {label: count} of rows grouped by one key.
std::map<std::string, std::int64_t> counts(const json& result, const std::string& key) {
    std::map<std::string, std::int64_t> out;
    for (const auto& row : result["rows"]) {
        const auto& k = row["key"][key];
        out[k.is_null() ? "null" : k.get<std::string>()] = row["values"]["count"].get<std::int64_t>();
    }
    return out;
}

using Counts = std::map<std::string, std::int64_t>;

}  // namespace

TEST_CASE("count, sum, avg, min and max overall and grouped by an enum") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);

            auto all = aggregate(http, {});
            REQUIRE(all["rows"].size() == 1);
            CHECK(all["metrics"] == json({"count"}));
            CHECK(all["rows"][0]["values"]["count"] == 6);
            CHECK(all["truncated"] == false);

            auto r = aggregate(http, {{"metrics", "count,sum:rating,avg:rating,min:rating,max:rating"},
                                      {"group_by", "status"}});
            CHECK(r["group_by"] == json({"status"}));
            CHECK(r["metrics"] == json({"count", "sum:rating", "avg:rating", "min:rating", "max:rating"}));
            REQUIRE(r["rows"].size() == 3);
            // Groups come in key order.
            CHECK(r["rows"][0]["key"] == json({{"status", "done"}}));
            CHECK(r["rows"][1]["key"] == json({{"status", "new"}}));
            CHECK(r["rows"][2]["key"] == json({{"status", "waiting"}}));
            CHECK(r["rows"][0]["values"] ==
                  json({{"count", 2}, {"sum:rating", 5}, {"avg:rating", 5.0}, {"min:rating", 5}, {"max:rating", 5}}));
            const auto& fresh = r["rows"][1]["values"];
            CHECK(fresh["count"] == 3);
            CHECK(fresh["sum:rating"] == 7);
            CHECK(fresh["avg:rating"].get<double>() == Approx(7.0 / 3.0));
            CHECK(fresh["min:rating"] == 1);
            CHECK(fresh["max:rating"] == 4);
            CHECK(r["rows"][2]["values"]["count"] == 1);
            REQUIRE(r["totals"].size() == 1);
            CHECK(r["totals"][0]["values"] ==
                  json({{"count", 6}, {"sum:rating", 15}, {"avg:rating", 3.0}, {"min:rating", 1}, {"max:rating", 5}}));

            auto dates = aggregate(http, {{"metrics", "min:due_date,max:due_date,max:resolved_at"}});
            CHECK(dates["rows"][0]["values"] == json({{"min:due_date", "2024-03-04"},
                                                       {"max:due_date", "2024-04-01"},
                                                       {"max:resolved_at", "2024-03-31T21:30:00.000Z"}}));
        }
    }
}

TEST_CASE("money metrics are split by currency, in groups and in totals") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);

            auto r = aggregate(http, {{"metrics", "count,sum:amount,avg:amount,max:amount"}});
            CHECK(r["group_by"] == json({"amount.currency"}));
            CHECK(!r.contains("totals"));
            auto rows = by_key(r["rows"]);
            REQUIRE(rows.size() == 4);
            const auto rub = rows.at(json({{"amount.currency", "RUB"}}).dump());
            CHECK(rub["count"] == 2);
            CHECK(rub["sum:amount"].get<double>() == Approx(150.25));
            CHECK(rub["avg:amount"].get<double>() == Approx(75.125));
            CHECK(rub["max:amount"].get<double>() == Approx(100));
            const auto usd = rows.at(json({{"amount.currency", "USD"}}).dump());
            CHECK(usd["count"] == 2);
            CHECK(usd["sum:amount"].get<double>() == Approx(30.5));
            // JPY has no minor unit: 1000 yen stay 1000.
            CHECK(rows.at(json({{"amount.currency", "JPY"}}).dump())["sum:amount"].get<double>() == Approx(1000));
            const auto none = rows.at(json({{"amount.currency", nullptr}}).dump());
            CHECK(none["count"] == 1);
            CHECK(none["sum:amount"].is_null());

            auto g = aggregate(http, {{"metrics", "count,sum:amount"}, {"group_by", "status"}});
            CHECK(g["group_by"] == json({"status", "amount.currency"}));
            auto grouped = by_key(g["rows"]);
            CHECK(grouped.size() == 4);
            CHECK(grouped.at(json({{"status", "new"}, {"amount.currency", "RUB"}}).dump())["sum:amount"].get<double>() ==
                  Approx(150.25));
            CHECK(grouped.at(json({{"status", "new"}, {"amount.currency", "JPY"}}).dump())["count"] == 1);
            CHECK(grouped.at(json({{"status", "done"}, {"amount.currency", "USD"}}).dump())["sum:amount"].get<double>() ==
                  Approx(30.5));
            CHECK(grouped.at(json({{"status", "waiting"}, {"amount.currency", nullptr}}).dump())["count"] == 1);
            // Totals add up groups but never across currencies.
            auto totals = by_key(g["totals"]);
            REQUIRE(totals.size() == 4);
            CHECK(totals.at(json({{"amount.currency", "RUB"}}).dump())["sum:amount"].get<double>() == Approx(150.25));
            CHECK(totals.at(json({{"amount.currency", "USD"}}).dump())["count"] == 2);
        }
    }
}

TEST_CASE("date fields group by day, week and month") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            auto month = aggregate(http, {{"group_by", "due_date:month"}});
            CHECK(month["group_by"] == json({"due_date:month"}));
            CHECK(counts(month, "due_date:month") == Counts{{"2024-03", 4}, {"2024-04", 1}, {"null", 1}});
            // Groups come in key order on both backends, the empty key first (as in sorted lists).
            REQUIRE(month["rows"].size() == 3);
            CHECK(month["rows"][0]["key"]["due_date:month"].is_null());
            CHECK(month["rows"][1]["key"]["due_date:month"] == "2024-03");
            CHECK(month["rows"][2]["key"]["due_date:month"] == "2024-04");
            REQUIRE(month["totals"].size() == 1);
            CHECK(month["totals"][0]["values"]["count"] == 6);
            // Weeks are labelled by their Monday; Sunday 10 March belongs to the week of the 4th.
            CHECK(counts(aggregate(http, {{"group_by", "due_date:week"}}), "due_date:week") ==
                  Counts{{"2024-03-04", 3}, {"2024-03-11", 1}, {"2024-04-01", 1}, {"null", 1}});
            CHECK(counts(aggregate(http, {{"group_by", "due_date:day"}}), "due_date:day") ==
                  Counts{{"2024-03-04", 1}, {"2024-03-05", 1}, {"2024-03-10", 1}, {"2024-03-11", 1}, {"2024-04-01", 1},
                         {"null", 1}});
            CHECK(counts(aggregate(http, {{"group_by", "due_date:year"}}), "due_date:year") ==
                  Counts{{"2024", 5}, {"null", 1}});
            // A plain date field also groups by its value.
            CHECK(counts(aggregate(http, {{"group_by", "due_date"}, {"filter[status]", "done"}}), "due_date") ==
                  Counts{{"2024-03-11", 1}, {"2024-04-01", 1}});
        }
    }
}

TEST_CASE("datetime buckets are cut in the requested time zone") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            const std::string day = "resolved_at:day", month = "resolved_at:month";
            CHECK(counts(aggregate(http, {{"group_by", day}, {"tz", "UTC"}}), day) ==
                  Counts{{"2024-03-15", 2}, {"2024-03-31", 1}, {"null", 3}});
            // 22:30 UTC on the 15th is already the 16th in Moscow; 21:30 UTC on 31 March is April there.
            CHECK(counts(aggregate(http, {{"group_by", day}, {"tz", "Europe/Moscow"}}), day) ==
                  Counts{{"2024-03-15", 1}, {"2024-03-16", 1}, {"2024-04-01", 1}, {"null", 3}});
            CHECK(counts(aggregate(http, {{"group_by", month}, {"tz", "UTC"}}), month) ==
                  Counts{{"2024-03", 3}, {"null", 3}});
            CHECK(counts(aggregate(http, {{"group_by", month}, {"tz", "Europe/Moscow"}}), month) ==
                  Counts{{"2024-03", 2}, {"2024-04", 1}, {"null", 3}});
            // The configured zone (Europe/Moscow) applies when none is given.
            CHECK(counts(aggregate(http, {{"group_by", month}}), month) == Counts{{"2024-03", 2}, {"2024-04", 1}, {"null", 3}});
            // West of UTC the evening of the 15th stays the 15th; 31 March 21:30 UTC is 17:30 in New York.
            CHECK(counts(aggregate(http, {{"group_by", day}, {"tz", "America/New_York"}}), day) ==
                  Counts{{"2024-03-15", 2}, {"2024-03-31", 1}, {"null", 3}});
            CHECK(counts(aggregate(http, {{"group_by", "resolved_at:week"}, {"tz", "Europe/Moscow"}}), "resolved_at:week") ==
                  Counts{{"2024-03-11", 2}, {"2024-04-01", 1}, {"null", 3}});
            CHECK(http.get("/api/v1/records/ticket/aggregate?group_by=resolved_at:day&tz=Mars/Olympus").status == 400);
        }
    }
}

TEST_CASE("aggregates select records like lists do and group by two keys") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            auto only_new = aggregate(http, {{"filter[status]", "new"}, {"metrics", "count,sum:rating"}});
            CHECK(only_new["rows"][0]["values"] == json({{"count", 3}, {"sum:rating", 7}}));
            auto tree = aggregate(
                http, {{"filter", json({{"field", "rating"}, {"op", "ge"}, {"value", 3}}).dump()}, {"group_by", "status"}});
            CHECK(counts(tree, "status") == Counts{{"done", 1}, {"new", 1}, {"waiting", 1}});
            // Archived records count only when asked for.
            CHECK(aggregate(http, {{"archived", "all"}})["rows"][0]["values"]["count"] == 7);
            CHECK(aggregate(http, {{"archived", "true"}, {"metrics", "sum:rating"}})["rows"][0]["values"]["sum:rating"] == 5);
            // Full-text search narrows the set as well.
            CHECK(aggregate(http, {{"q", "a3"}})["rows"][0]["values"]["count"] == 1);

            auto two = aggregate(http, {{"group_by", "status,due_date:month"}, {"filter[due_date][is_null]", "false"}});
            CHECK(two["group_by"] == json({"status", "due_date:month"}));
            auto rows = by_key(two["rows"]);
            CHECK(rows.size() == 3);
            CHECK(rows.at(json({{"status", "new"}, {"due_date:month", "2024-03"}}).dump())["count"] == 3);
            CHECK(rows.at(json({{"status", "done"}, {"due_date:month", "2024-03"}}).dump())["count"] == 1);
            CHECK(rows.at(json({{"status", "done"}, {"due_date:month", "2024-04"}}).dump())["count"] == 1);
        }
    }
}
