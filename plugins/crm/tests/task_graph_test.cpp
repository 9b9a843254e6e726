// SPDX-License-Identifier: Apache-2.0
#include "task_graph.hpp"

#include <catch2/catch.hpp>

#include <map>

using orbita::plugins::crm::find_dependency_cycle;

namespace {

// Tasks and what each depends on.
auto graph(std::map<std::int64_t, std::vector<std::int64_t>> deps) {
    return [deps](std::int64_t id) {
        auto it = deps.find(id);
        return it == deps.end() ? std::vector<std::int64_t>{} : it->second;
    };
}

}  // namespace

TEST_CASE("a task depending on itself is a cycle of one") {
    CHECK(find_dependency_cycle(5, {5}, graph({})) == std::vector<std::int64_t>{5, 5});
}

TEST_CASE("a cycle through other tasks is found and shown in depends-on order") {
    // 7 depends on 9, 9 depends on 5: 5 depending on 7 closes the circle.
    auto deps = graph({{7, {9}}, {9, {5}}});
    CHECK(find_dependency_cycle(5, {7}, deps) == std::vector<std::int64_t>{5, 7, 9, 5});
    CHECK(find_dependency_cycle(5, {1, 7}, deps) == std::vector<std::int64_t>{5, 7, 9, 5});
}

TEST_CASE("chains and diamonds without a way back are accepted") {
    auto deps = graph({{2, {3, 4}}, {3, {4}}, {4, {}}});
    CHECK(find_dependency_cycle(1, {2, 3}, deps).empty());
    CHECK(find_dependency_cycle(1, {}, deps).empty());
}

TEST_CASE("each task is looked up once, even with a cycle elsewhere in the graph") {
    int lookups = 0;
    std::map<std::int64_t, std::vector<std::int64_t>> deps = {{2, {3}}, {3, {2}}};
    auto counting = [&](std::int64_t id) {
        ++lookups;
        return deps[id];
    };
    CHECK(find_dependency_cycle(1, {2}, counting).empty());
    CHECK(lookups == 2);
}
