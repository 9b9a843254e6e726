// SPDX-License-Identifier: Apache-2.0
#include "event_task.hpp"

#include <catch2/catch.hpp>

using namespace orbita::plugins::crm;
using nlohmann::json;

TEST_CASE("a task made from an event copies its requisites; the caller's fields win") {
    const json event = {{"id", 12}, {"subject", "Звонок Иванову"}, {"content", "Перезвонить после 15:00"}, {"client", 3},
                        {"project", nullptr}, {"deal", 7}, {"responsible", 5}, {"event_type", 2}};
    CHECK(task_from_event(event, json::object()) ==
          json{{"event", 12}, {"name", "Звонок Иванову"}, {"content", "Перезвонить после 15:00"}, {"client", 3}, {"deal", 7},
               {"executors", {5}}});
    auto task = task_from_event(event, {{"name", "Подготовить договор"}, {"end_at", "2026-12-01T12:00:00Z"}});
    CHECK(task["name"] == "Подготовить договор");
    CHECK(task["end_at"] == "2026-12-01T12:00:00Z");
    CHECK(task["client"] == 3);
    CHECK(task_from_event({{"id", 4}}, nullptr) == json{{"event", 4}, {"name", "Задача по событию #4"}});
}
