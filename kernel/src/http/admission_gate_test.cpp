// SPDX-License-Identifier: Apache-2.0
#include "http/admission_gate.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace orbita::kernel::http;
using namespace std::chrono_literals;

TEST_CASE("a disabled gate lets every request in at once") {
    AdmissionGate gate(-1, 10s);
    auto a = gate.enter();
    auto b = gate.enter();
    auto c = gate.enter();
    SUCCEED("three passes without waiting");
}

TEST_CASE("a full gate holds the next request until a slot is released") {
    AdmissionGate gate(1, 60s);
    std::optional<AdmissionGate::Pass> first(gate.enter());
    std::atomic<bool> entered{false};
    std::thread second([&] {
        auto pass = gate.enter();
        entered = true;
    });
    // The second request may not enter while the only slot is taken; the short wait
    // gives it the chance to (wrongly) do so, it can never make the test fail spuriously.
    std::this_thread::sleep_for(50ms);
    CHECK_FALSE(entered.load());
    first.reset();  // releases the slot
    second.join();
    CHECK(entered.load());
}

TEST_CASE("a bypass pass holds no slot, and an impatient request runs anyway") {
    AdmissionGate gate(1, 1ms);
    auto writer = gate.bypass();
    auto reader = gate.enter();  // the slot is still free: the bypass took none
    auto late = gate.enter();    // no slot left: runs after its patience, holding none
    auto after = gate.enter();   // `late` released nothing it did not hold
    SUCCEED("nobody waited longer than the patience");
}

namespace {

void wait_for_line(AdmissionGate& gate, int length) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (gate.waiting() < length && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    REQUIRE(gate.waiting() == length);
}

}  // namespace

TEST_CASE("waiting requests enter in the order they arrived") {
    AdmissionGate gate(1, 60s);
    std::optional<AdmissionGate::Pass> first(gate.enter());
    std::mutex order_mutex;
    std::vector<int> order;
    std::vector<std::thread> waiters;
    for (int n = 0; n < 4; ++n) {
        waiters.emplace_back([&, n] {
            auto pass = gate.enter();
            CHECK(pass.holds_slot());
            std::lock_guard<std::mutex> lock(order_mutex);
            order.push_back(n);
        });
        wait_for_line(gate, n + 1);  // the next one arrives after this one is in line
    }
    first.reset();
    for (auto& w : waiters) w.join();
    CHECK(order == std::vector<int>{0, 1, 2, 3});
    CHECK(gate.waiting() == 0);
}

TEST_CASE("a released slot goes to the waiter, not to a newcomer") {
    AdmissionGate gate(1, 60s);
    std::optional<AdmissionGate::Pass> first(gate.enter());
    std::mutex order_mutex;
    std::vector<std::string> order;
    std::thread waiter([&] {
        auto pass = gate.enter();
        std::this_thread::sleep_for(20ms);  // holds the slot a while: the newcomer must wait for it
        std::lock_guard<std::mutex> lock(order_mutex);
        order.push_back("waiter");
    });
    wait_for_line(gate, 1);
    first.reset();  // the slot is handed to the waiter here
    {
        auto newcomer = gate.enter();
        CHECK(newcomer.holds_slot());
        std::lock_guard<std::mutex> lock(order_mutex);
        order.push_back("newcomer");
    }
    waiter.join();
    CHECK(order == std::vector<std::string>{"waiter", "newcomer"});
}

TEST_CASE("a request that runs out of patience leaves the line and holds no slot") {
    AdmissionGate gate(1, 20ms);
    auto held = gate.enter();
    CHECK(held.holds_slot());
    auto late = gate.enter();
    CHECK_FALSE(late.holds_slot());
    CHECK(gate.waiting() == 0);
}
