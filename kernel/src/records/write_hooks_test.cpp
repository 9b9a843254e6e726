// SPDX-License-Identifier: Apache-2.0
#include "records/write_hooks.hpp"

#include "core/problem.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel;
using namespace orbita::kernel::records;
using nlohmann::json;

TEST_CASE("write hooks run per type, in order, each seeing what the previous one left") {
    WriteHooks hooks;
    hooks.add("client", [](const Actor&, HookedWrite& w) { w.body["name"] = w.body.value("name", "") + "+first"; });
    hooks.add("client", [](const Actor&, HookedWrite& w) { w.body["name"] = w.body.value("name", "") + "+second"; });
    hooks.add("deal", [](const Actor&, HookedWrite&) { throw Problem(422, "refused", "Refused", "deals are refused"); });
    CHECK(hooks.has("client"));
    CHECK_FALSE(hooks.has("ticket"));

    const auto actor = Actor::system_actor("test");
    const std::string client = "client", deal = "deal", ticket = "ticket";
    const json none;
    json body = {{"name", "x"}};
    HookedWrite write{client, std::nullopt, none, body};
    hooks.run(actor, write);
    CHECK(body["name"] == "x+first+second");

    json untouched = {{"name", "y"}};
    HookedWrite other{ticket, std::int64_t{3}, none, untouched};
    hooks.run(actor, other);
    CHECK(untouched["name"] == "y");

    json refused = json::object();
    HookedWrite refused_write{deal, std::nullopt, none, refused};
    CHECK_THROWS_AS(hooks.run(actor, refused_write), Problem);
}
