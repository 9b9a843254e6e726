// SPDX-License-Identifier: Apache-2.0
#include "automation/templates.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel;
using namespace orbita::kernel::automation;
using nlohmann::json;

namespace {

Templates sample() {
    json scope = {{"record", {{"id", 7}, {"title", "Поставка"}, {"amount", {{"amount", 1500.5}, {"currency", "RUB"}}}, {"client", 42},
                              {"note", nullptr}}},
                  {"now", "2025-03-12T09:00:00.000Z"},
                  {"actor", {{"id", 1}, {"login", "admin"}}}};
    return Templates(scope, [](const std::string& name) -> std::optional<json> {
        if (name == "BillTheme") return json("Счёт на оплату");
        return std::nullopt;
    });
}

}  // namespace

TEST_CASE("a sole template keeps the value's type; embedded ones become text", "[automation]") {
    const auto t = sample();
    CHECK(t.render("{{record.client}}") == 42);
    CHECK(t.render("{{ record.amount }}") == json{{"amount", 1500.5}, {"currency", "RUB"}});
    CHECK(t.render("{{record.amount.amount}}") == 1500.5);
    CHECK(t.render("Сделка #{{record.id}}: {{record.title}}") == "Сделка #7: Поставка");
    CHECK(t.render("Сумма {{record.amount}}") == "Сумма 1500.5 RUB");
    CHECK(t.render("[{{record.note}}][{{record.missing}}]") == "[][]");
    CHECK(t.render("{{const.BillTheme}} ({{actor.login}}, {{now}})") == "Счёт на оплату (admin, 2025-03-12T09:00:00.000Z)");
    CHECK(t.render("{{const.Nothing}}").is_null());
    CHECK(t.render(json{{"fields", {{"title", "Копия: {{record.title}}"}, {"n", {1, "{{record.id}}"}}}}}) ==
          json{{"fields", {{"title", "Копия: Поставка"}, {"n", {1, 7}}}}});
    CHECK(t.render("no templates {here}") == "no templates {here}");
    CHECK_THROWS_WITH(t.render("{{recrod.title}}"), Catch::Contains("unknown name 'recrod'"));
}

TEST_CASE("templates naming unknown things are found before the robot is saved", "[automation]") {
    std::vector<FieldError> errors;
    Templates::check(json{{"fields", {{"title", "{{record.titel}}"}, {"x", "{{recrod.id}} {{record.id}} {{now}}"}}}},
                     {"id", "title"}, "params", errors);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == "params.fields.title");
    CHECK(errors[0].code == "unknown_field");
    CHECK(errors[0].message.find("did you mean 'title'") != std::string::npos);
    CHECK(errors[1].field == "params.fields.x");
    CHECK(errors[1].code == "unknown_template");
}
