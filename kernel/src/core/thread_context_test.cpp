// SPDX-License-Identifier: Apache-2.0
#include "core/thread_context.hpp"

#include <catch2/catch.hpp>

#include <thread>
#include <utility>

using orbita::kernel::core::ThreadContext;

namespace {

thread_local int t_value = 0;

[[maybe_unused]] const bool kCarried = ThreadContext::add_carrier([] {
    return ThreadContext::Install([value = t_value] {
        return ThreadContext::Undo([previous = std::exchange(t_value, value)] { t_value = previous; });
    });
});

}  // namespace

TEST_CASE("a captured context is current on another thread for the scope, then that thread's own again") {
    t_value = 7;
    const ThreadContext context = ThreadContext::capture();
    t_value = 8;  // a later change on the caller's thread is not part of the snapshot
    int inside = -1, after = -1;
    std::thread other([&] {
        t_value = 1;
        {
            const ThreadContext::Scope scope(context);
            inside = t_value;
        }
        after = t_value;
    });
    other.join();
    CHECK(inside == 7);
    CHECK(after == 1);
    CHECK(t_value == 8);
    t_value = 0;
}
