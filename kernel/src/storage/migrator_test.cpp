// SPDX-License-Identifier: Apache-2.0
#include "storage/migrator.hpp"

#include "storage/kernel_migrations.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel::storage;

TEST_CASE("migration ids carry an owner and a number") {
    CHECK(migration_owner("kernel/0001_core") == "kernel");
    CHECK(migration_number("kernel/0001_core") == 1);
    CHECK(migration_number("kernel/0042_more") == 42);
    CHECK(migration_owner("type:ticket/create") == "type:ticket");
    CHECK(migration_number("type:ticket/create") == -1);
    CHECK(migration_owner("no-slash").empty());
    CHECK(migration_number("no-slash") == -1);
}

TEST_CASE("kernel migrations are numbered in order and unique") {
    int last = 0;
    for (const auto& m : kernel_migrations()) {
        INFO(m.id);
        CHECK(migration_owner(m.id) == "kernel");
        CHECK(migration_number(m.id) > last);
        last = migration_number(m.id);
        CHECK_FALSE(m.description.empty());
    }
    CHECK(last >= 1);
}
