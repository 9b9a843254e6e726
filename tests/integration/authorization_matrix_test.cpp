// SPDX-License-Identifier: Apache-2.0
// The authorization matrix of issue 3, over HTTP on every backend:
//   {role with scope none/own/subordinates/department/all, roles combined, personal
//    overrides granting or denying} x {list, get, aggregate, search, create, update,
//    hand-over, archive/restore, history, export} x {own record, colleague's record in
//    the department, subordinate's record, other department's record}.
// The expected outcome of every cell is derived from the nested-scope model below, so
// the table reads as the specification; every refusal must be audited as access.denied
// and must leave the record exactly as it was.
#include "support/auth_helpers.hpp"
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <functional>
#include <map>
#include <set>

using nlohmann::json;
using orbita::test::HttpClient;
using orbita::test::HttpResponse;
using orbita::test::Params;
using orbita::test::records_url;
using orbita::test::TestServer;

namespace {

enum class Cat { Own, Colleague, Sub, Other };
constexpr std::array<Cat, 4> kCats = {Cat::Own, Cat::Colleague, Cat::Sub, Cat::Other};

const char* name(Cat c) {
    switch (c) {
        case Cat::Own: return "own record";
        case Cat::Colleague: return "colleague's record in the department";
        case Cat::Sub: return "subordinate's record";
        case Cat::Other: return "other department's record";
    }
    return "";
}

// A search word unique to each category's ticket.
const char* word(Cat c) {
    switch (c) {
        case Cat::Own: return "Alpha";
        case Cat::Colleague: return "Bravo";
        case Cat::Sub: return "Charlie";
        case Cat::Other: return "Delta";
    }
    return "";
}

std::string subject(Cat c) { return std::string("Matrix ") + word(c); }

// The model. The organisation: departments D1 > D1a and D2; boss (D1); me (D1, manager
// boss); colleague (D1, manager boss); sub (D1a, manager me); other (D2). So the
// colleague's ticket is reached by `department` only (same department, not below me),
// the subordinate's by `subordinates` and wider (D1a is also inside D1), the other
// department's only by `all`.
bool reaches(const std::string& scope, Cat c) {
    if (scope == "all") return true;
    if (scope == "none") return false;
    switch (c) {
        case Cat::Own: return true;
        case Cat::Sub: return scope != "own";
        case Cat::Colleague: return scope == "department";
        case Cat::Other: return false;
    }
    return false;
}

using Scopes = std::map<std::string, std::string>;  // operation -> effective scope

Scopes uniform(const std::string& scope) {
    return {{"read", scope}, {"create", scope}, {"update", scope}, {"delete", scope}, {"export", scope}};
}

Scopes with(Scopes s, const std::vector<std::string>& ops, const std::string& scope) {
    for (const auto& op : ops) s[op] = scope;
    return s;
}

struct Config {
    std::string name;
    std::vector<std::string> roles;
    json overrides;
    Scopes scope;
};

std::vector<Config> configurations() {
    using orbita::test::grants;
    std::vector<Config> out;
    for (const std::string s : {"none", "own", "subordinates", "department", "all"})
        out.push_back({"role with scope " + s, {"tickets_" + s}, json::array(), uniform(s)});
    out.push_back({"roles own + department combine to department", {"tickets_own", "tickets_department"}, json::array(),
                   uniform("department")});
    out.push_back({"role all + personal deny of read", {"tickets_all"}, grants("ticket", "none", {"read"}),
                   with(uniform("all"), {"read"}, "none")});
    out.push_back({"role all + personal deny of create, delete, export", {"tickets_all"},
                   grants("ticket", "none", {"create", "delete", "export"}),
                   with(uniform("all"), {"create", "delete", "export"}, "none")});
    out.push_back({"role none + personal grant of department", {"tickets_none"}, grants("ticket", "department"),
                   uniform("department")});
    out.push_back({"no role + personal grant of subordinates", {}, grants("ticket", "subordinates"),
                   uniform("subordinates")});
    out.push_back({"role department + personal update/delete own", {"tickets_department"},
                   grants("ticket", "own", {"update", "delete"}), with(uniform("department"), {"update", "delete"}, "own")});
    out.push_back({"role own + personal read/export all", {"tickets_own"}, grants("ticket", "all", {"read", "export"}),
                   with(uniform("own"), {"read", "export"}, "all")});
    out.push_back({"role subordinates + personal export own", {"tickets_subordinates"}, grants("ticket", "own", {"export"}),
                   with(uniform("subordinates"), {"export"}, "own")});
    return out;
}

struct Org {
    std::int64_t me = 0;
    std::map<Cat, std::int64_t> owner, department, ticket;
    std::int64_t d1 = 0;
};

Org build_org(TestServer& server, HttpClient& admin) {
    using orbita::test::create_record;
    Org org;
    org.d1 = create_record(admin, "department", {{"name", "D1"}})["id"].get<std::int64_t>();
    const auto d1a = create_record(admin, "department", {{"name", "D1a"}, {"parent", org.d1}})["id"].get<std::int64_t>();
    const auto d2 = create_record(admin, "department", {{"name", "D2"}})["id"].get<std::int64_t>();
    const auto boss = server.create_user("boss", {}, {{"department", org.d1}});
    org.me = server.create_user("me", {}, {{"department", org.d1}, {"manager", boss}});
    org.owner[Cat::Own] = org.me;
    org.owner[Cat::Colleague] = server.create_user("colleague", {}, {{"department", org.d1}, {"manager", boss}});
    org.owner[Cat::Sub] = server.create_user("sub", {}, {{"department", d1a}, {"manager", org.me}});
    org.owner[Cat::Other] = server.create_user("other", {}, {{"department", d2}});
    org.department = {{Cat::Own, org.d1}, {Cat::Colleague, org.d1}, {Cat::Sub, d1a}, {Cat::Other, d2}};
    for (Cat c : kCats) {
        org.ticket[c] = create_record(admin, "ticket", {{"subject", subject(c)}, {"assignee", org.owner[c]},
                                                        {"department", org.department[c]}})["id"].get<std::int64_t>();
    }
    for (const std::string s : {"none", "own", "subordinates", "department", "all"})
        orbita::test::create_role(admin, "tickets_" + s, orbita::test::grants("ticket", s));
    return org;
}

std::string ticket_url(std::int64_t id) { return "/api/v1/records/ticket/" + std::to_string(id); }

json admin_view(HttpClient& admin, std::int64_t id) {
    auto r = admin.get(ticket_url(id));
    REQUIRE(r.status == 200);
    return r.json();
}

std::int64_t ticket_count(HttpClient& admin) {
    auto r = admin.get("/api/v1/records/ticket/aggregate?metrics=count&archived=all");
    REQUIRE(r.status == 200);
    return r.json()["rows"][0]["values"]["count"].get<std::int64_t>();
}

// Runs every operation on every category for one configuration.
class MatrixRun {
public:
    MatrixRun(HttpClient& admin, HttpClient& me, const Org& org, const Config& config)
        : admin_(admin), me_(me), org_(org), config_(config),
          denied_({{"user", std::to_string(org.me)}, {"action", "access.denied"}}) {}

    bool in(const std::string& op, Cat c) const { return reaches(config_.scope.at(op), c); }
    bool may(const std::string& op) const { return config_.scope.at(op) != "none"; }

    // Sends a request and checks its status; refusals must leave an access.denied entry.
    HttpResponse expect(int status, const std::function<HttpResponse()>& send) {
        const auto mark = orbita::test::newest_audit_id(admin_, denied_);
        auto r = send();
        INFO("answer: " << r.status << " " << r.body.substr(0, 300));
        CHECK(r.status == status);
        if (status >= 400) CHECK(orbita::test::audited_since(admin_, mark, denied_));
        return r;
    }

    void run() {
        list_aggregate_search();
        for (Cat c : kCats) {
            INFO("record: " << name(c));
            get_and_history(c);
            create(c);
            update(c);
            hand_over(c);
            archive_and_restore(c);
        }
        export_csv();
    }

private:
    void list_aggregate_search() {
        std::set<std::string> visible;
        for (Cat c : kCats) {
            if (in("read", c)) visible.insert(subject(c));
        }
        const int status = may("read") ? 200 : 403;
        {
            INFO("list");
            auto r = expect(status, [&] { return me_.get(records_url("ticket")); });
            if (r.status == 200) CHECK(orbita::test::field_set(r.json()["items"], "subject") == visible);
        }
        {
            INFO("aggregate");
            auto r = expect(status, [&] { return me_.get("/api/v1/records/ticket/aggregate?metrics=count"); });
            if (r.status == 200) CHECK(r.json()["rows"][0]["values"]["count"] == visible.size());
        }
        for (Cat c : kCats) {
            INFO("search for the word of the " << name(c));
            auto r = expect(status, [&] { return me_.get(records_url("ticket", {{"q", word(c)}})); });
            if (r.status == 200) CHECK(r.json()["items"].size() == (in("read", c) ? 1u : 0u));
        }
    }

    void get_and_history(Cat c) {
        const int status = in("read", c) ? 200 : 404;
        {
            INFO("get");
            auto r = expect(status, [&] { return me_.get(ticket_url(org_.ticket.at(c))); });
            if (r.status == 200) CHECK(r.json()["subject"] == subject(c));
            // Out of reach answers exactly like a record that does not exist.
            if (r.status == 404) CHECK(orbita::test::problem_slug(r) == "not-found");
        }
        {
            INFO("history");
            auto r = expect(status, [&] { return me_.get(ticket_url(org_.ticket.at(c)) + "/history"); });
            if (r.status == 200) CHECK_FALSE(r.json()["items"].empty());
        }
    }

    void create(Cat c) {
        INFO("create assigned to the owner of the " << name(c));
        const auto before = ticket_count(admin_);
        const json body = {{"subject", std::string("Created for ") + word(c)},
                           {"assignee", org_.owner.at(c)},
                           {"department", org_.department.at(c)}};
        auto r = expect(in("create", c) ? 201 : 403, [&] { return me_.post(records_url("ticket"), body); });
        if (r.status == 201) {
            CHECK(r.json()["assignee"] == org_.owner.at(c));
            // Out of the way of the list and search checks of later configurations.
            CHECK(admin_.del(ticket_url(r.json()["id"].get<std::int64_t>())).status == 200);
            CHECK(ticket_count(admin_) == before + 1);
        } else {
            CHECK(ticket_count(admin_) == before);
        }
    }

    int write_status(const std::string& op, Cat c) const {
        if (!in("read", c)) return 404;
        return in(op, c) ? 200 : 403;
    }

    void update(Cat c) {
        INFO("update");
        const auto id = org_.ticket.at(c);
        const auto before = admin_view(admin_, id);
        const std::string priority = before["priority"] == "high" ? "low" : "high";
        auto r = expect(write_status("update", c),
                        [&] { return me_.patch(ticket_url(id), {{"priority", priority}}, {{"If-Match", "*"}}); });
        if (r.status == 200) {
            CHECK(admin_view(admin_, id)["priority"] == priority);
        } else {
            CHECK(admin_view(admin_, id) == before);
        }
    }

    // Handing my own ticket to the owner and department of another category: allowed
    // only when the result stays within my update scope.
    void hand_over(Cat c) {
        INFO("hand my ticket over to the owner of the " << name(c));
        const auto id = org_.ticket.at(Cat::Own);
        const auto before = admin_view(admin_, id);
        int status = write_status("update", Cat::Own);
        if (status == 200 && !in("update", c)) status = 403;
        auto r = expect(status, [&] {
            return me_.patch(ticket_url(id), {{"assignee", org_.owner.at(c)}, {"department", org_.department.at(c)}},
                             {{"If-Match", "*"}});
        });
        if (r.status == 200) {
            CHECK(admin_view(admin_, id)["assignee"] == org_.owner.at(c));
            auto back = admin_.patch(ticket_url(id), {{"assignee", org_.me}, {"department", org_.d1}}, {{"If-Match", "*"}});
            CHECK(back.status == 200);
        } else {
            CHECK(admin_view(admin_, id) == before);
        }
    }

    void archive_and_restore(Cat c) {
        const auto id = org_.ticket.at(c);
        const auto before = admin_view(admin_, id);
        const int status = write_status("delete", c);
        {
            INFO("archive");
            auto r = expect(status, [&] { return me_.del(ticket_url(id)); });
            if (r.status == 200) {
                CHECK_FALSE(admin_view(admin_, id)["archived_at"].is_null());
            } else {
                CHECK(admin_view(admin_, id) == before);
            }
        }
        {
            INFO("restore");
            auto r = expect(status, [&] { return me_.request("POST", ticket_url(id) + "/restore"); });
            CHECK(admin_view(admin_, id)["archived_at"].is_null());
            if (r.status != 200) CHECK(admin_view(admin_, id) == before);
        }
    }

    void export_csv() {
        INFO("export");
        // Exporting is reading: only records within both the read and the export scope.
        const int status = may("read") && may("export") ? 200 : 403;
        auto r = expect(status, [&] { return me_.get("/api/v1/records/ticket/export?format=csv"); });
        if (r.status != 200) return;
        std::size_t rows = 0;
        for (Cat c : kCats) {
            INFO("export row of the " << name(c));
            const bool expected = in("read", c) && in("export", c);
            CHECK((r.body.find(subject(c)) != std::string::npos) == expected);
            rows += expected ? 1 : 0;
        }
        CHECK(r.header("X-Export-Rows") == std::to_string(rows));
    }

    HttpClient& admin_;
    HttpClient& me_;
    const Org& org_;
    const Config& config_;
    Params denied_;
};

}  // namespace

TEST_CASE("authorization matrix: scopes and overrides x operations x whose record") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin = server.client();
            const Org org = build_org(server, admin);
            auto me = server.client_with_token(server.token_for("me"));
            for (const auto& config : configurations()) {
                INFO("configuration: " << config.name);
                orbita::test::set_roles(admin, org.me, config.roles);
                orbita::test::set_overrides(admin, org.me, config.overrides);
                MatrixRun(admin, me, org, config).run();
            }
            // The base tickets still belong where they started.
            for (Cat c : kCats) {
                auto t = admin_view(admin, org.ticket.at(c));
                CHECK(t["assignee"] == org.owner.at(c));
                CHECK(t["subject"] == subject(c));
                CHECK(t["archived_at"].is_null());
            }
        }
    }
}

TEST_CASE("a record out of reach answers exactly like a record that does not exist") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin = server.client();
            const Org org = build_org(server, admin);
            orbita::test::set_roles(admin, org.me, {"tickets_own"});
            auto me = server.client_with_token(server.token_for("me"));
            const auto hidden = org.ticket.at(Cat::Other);
            const std::int64_t missing = hidden + 1000;
            for (const std::string suffix : {"", "/history"}) {
                auto a = me.get(ticket_url(hidden) + suffix);
                auto b = me.get(ticket_url(missing) + suffix);
                REQUIRE(a.status == 404);
                REQUIRE(b.status == 404);
                auto ja = a.json(), jb = b.json();
                CHECK(ja["type"] == jb["type"]);
                CHECK(ja["title"] == jb["title"]);
                CHECK(ja["detail"].get<std::string>().find(std::to_string(hidden)) != std::string::npos);
                // Same words around a different number.
                std::string da = ja["detail"], db = jb["detail"];
                da.replace(da.find(std::to_string(hidden)), std::to_string(hidden).size(), "N");
                db.replace(db.find(std::to_string(missing)), std::to_string(missing).size(), "N");
                CHECK(da == db);
            }
            for (const std::string method : {"PATCH", "DELETE"}) {
                auto a = me.request(method, ticket_url(hidden), method == "PATCH" ? R"({"priority":"low"})" : "",
                                    {{"If-Match", "*"}});
                auto b = me.request(method, ticket_url(missing), method == "PATCH" ? R"({"priority":"low"})" : "",
                                    {{"If-Match", "*"}});
                CHECK(a.status == 404);
                CHECK(b.status == 404);
                CHECK(a.json()["type"] == b.json()["type"]);
            }
        }
    }
}
