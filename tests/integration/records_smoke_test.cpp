// SPDX-License-Identifier: Apache-2.0
// The records API end to end on each backend: create, read back, list.
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using orbita::test::TestServer;

TEST_CASE("a ticket round-trips through the records API on every backend") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto created = http.post("/api/v1/records/ticket", {{"subject", "Нет счёта"}, {"phone", "8 (916) 123-45-67"}});
            REQUIRE(created.status == 201);
            auto id = created.json()["id"].get<long long>();
            auto fetched = http.get("/api/v1/records/ticket/" + std::to_string(id));
            REQUIRE(fetched.status == 200);
            CHECK(fetched.json()["subject"] == "Нет счёта");
            CHECK(fetched.json()["phone"]["e164"] == "+79161234567");
            CHECK(fetched.json()["number"] == "T-000000001");
            auto list = http.get("/api/v1/records/ticket?q=%D0%BD%D0%B5%D1%82");
            REQUIRE(list.status == 200);
            CHECK(list.json()["items"].size() == 1);
        }
    }
}
