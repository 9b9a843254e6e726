// SPDX-License-Identifier: Apache-2.0
// Schema migrations on every backend: recorded in schema_migrations, applied once and
// atomically, and a database whose schema is newer than the binary is refused.
#include "app/cli.hpp"
#include "storage/database.hpp"
#include "storage/kernel_migrations.hpp"
#include "storage/migrator.hpp"
#include "acl/access_admin.hpp"
#include "acl/profile_cache.hpp"
#include "auth/auth_service.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

using nlohmann::json;
using orbita::kernel::Kernel;
using orbita::kernel::storage::Connection;
using orbita::kernel::storage::Database;
using orbita::kernel::storage::DatabaseUrl;
using orbita::kernel::storage::Migration;
using orbita::kernel::storage::Migrator;
using orbita::kernel::storage::ReadKind;
using orbita::kernel::storage::SqlFragment;
using orbita::test::TempDir;
using orbita::test::TestDatabase;

namespace {

// id -> owner of every recorded migration.
std::map<std::string, std::string> recorded(Database& db) {
    std::map<std::string, std::string> out;
    db.read([&](Connection& c) {
        for (auto& row : c.query(SqlFragment("SELECT id, owner FROM schema_migrations"), {ReadKind::Text, ReadKind::Text}))
            out[std::get<std::string>(row[0])] = std::get<std::string>(row[1]);
    });
    return out;
}

bool table_exists(Database& db, const std::string& table) {
    return db.read([&](Connection& c) { return !c.dialect().table_columns(c, table).empty(); });
}

Migration create_table(const std::string& id, const std::string& table, bool then_fail = false) {
    return {id, "test table " + table, [table, then_fail](const orbita::kernel::storage::Dialect&) {
                std::vector<std::string> out = {"CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v TEXT)",
                                                "INSERT INTO " + table + " (id, v) VALUES (1, 'x')"};
                if (then_fail) out.push_back("INSERT INTO no_such_table_anywhere VALUES (1)");
                return out;
            }};
}

}  // namespace

TEST_CASE("kernel and entity type migrations are recorded once") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TempDir dir;
            TestDatabase tdb(backend, dir.path());
            const auto config = orbita::test::test_config(dir.path(), tdb.url(), json::object());
            std::map<std::string, std::string> first;
            {
                Kernel kernel(config);
                kernel.open();
                first = recorded(kernel.database());
                for (const auto& m : orbita::kernel::storage::kernel_migrations()) {
                    INFO(m.id);
                    CHECK(first[m.id] == "kernel");
                }
                CHECK(first.count("type:user/create") == 1);
                CHECK(first.count("type:department/create") == 1);
                CHECK(first["type:user/create"] == "type:user");
                // Every row says what it did and when.
                kernel.database().read([](Connection& c) {
                    auto blank = c.query_int(SqlFragment("SELECT COUNT(*) FROM schema_migrations WHERE description = '' "
                                                         "OR applied_at IS NULL"));
                    CHECK(blank == std::optional<std::int64_t>(0));
                });
            }
            {
                // A second start applies nothing and records nothing.
                Kernel kernel(config);
                kernel.open();
                CHECK(recorded(kernel.database()) == first);
                // A custom field is a recorded migration too.
                kernel.start_http();
                const auto admin = kernel.access_admin().create_user(
                    orbita::kernel::Actor::system_actor("test"),
                    {{"login", "admin"}, {"full_name", "Admin"}, {"password", "admin-password-1"}, {"roles", {"administrator"}}});
                const auto admin_id = admin["id"].get<std::int64_t>();
                const auto token = kernel.auth().create_token({admin_id, "admin", false, kernel.profiles().get(admin_id)}, "t", 0);
                orbita::test::HttpClient http(kernel.http_port(), token.token);
                auto added = http.post("/api/v1/types/department/fields",
                                       {{"name", "region"}, {"type", "string"}, {"label", {{"ru", "Регион"}, {"en", "Region"}}}});
                REQUIRE(added.status == 201);
                auto now = recorded(kernel.database());
                CHECK(now.size() == first.size() + 1);
                CHECK(now.count("type:department/column/region") == 1);
                kernel.stop();
            }
        }
    }
}

TEST_CASE("a migration is applied with its record or not at all") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TempDir dir;
            TestDatabase tdb(backend, dir.path());
            Database db(DatabaseUrl::parse(tdb.url()), {});
            Migrator migrator(db);
            migrator.ensure_table();
            migrator.ensure_table();  // idempotent

            const std::vector<Migration> good = {create_table("test/0001_a", "mig_a")};
            CHECK(migrator.apply(good) == 1);
            CHECK(migrator.apply(good) == 0);
            CHECK(migrator.applied().count("test/0001_a") == 1);

            // The second statement of 0002 fails: its table and its record are both absent.
            const std::vector<Migration> broken = {create_table("test/0001_a", "mig_a"),
                                                   create_table("test/0002_b", "mig_b", true),
                                                   create_table("test/0003_c", "mig_c")};
            CHECK_THROWS(migrator.apply(broken));
            CHECK(migrator.applied().count("test/0002_b") == 0);
            CHECK_FALSE(table_exists(db, "mig_b"));
            CHECK_FALSE(table_exists(db, "mig_c"));  // later migrations do not run past a failure
            CHECK(table_exists(db, "mig_a"));

            // Fixed, the same list applies the rest in order.
            const std::vector<Migration> fixed = {create_table("test/0001_a", "mig_a"),
                                                  create_table("test/0002_b", "mig_b"),
                                                  create_table("test/0003_c", "mig_c")};
            CHECK(migrator.apply(fixed) == 2);
            CHECK(table_exists(db, "mig_c"));
            CHECK_NOTHROW(migrator.refuse_newer("test", fixed));
            CHECK_THROWS_WITH(migrator.refuse_newer("test", good), Catch::Contains("knows migrations up to 1"));
            CHECK_NOTHROW(migrator.refuse_newer("other", good));  // owners are independent
        }
    }
}

TEST_CASE("a database whose schema is newer than the binary is refused") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TempDir dir;
            TestDatabase tdb(backend, dir.path());
            const auto config = orbita::test::test_config(dir.path(), tdb.url(), json::object());
            std::map<std::string, std::string> before;
            {
                Kernel kernel(config);
                kernel.open();
                // A newer Orbita left a migration this build does not know.
                kernel.database().write([](orbita::kernel::storage::Transaction& tx) {
                    Migrator::record(tx.conn(), "kernel/9999_from_the_future", "a column this binary cannot know");
                });
                before = recorded(kernel.database());
            }
            {
                Kernel kernel(config);
                CHECK_THROWS_WITH(kernel.open(), Catch::Contains("newer than this binary") &&
                                                     Catch::Contains("kernel/9999_from_the_future"));
            }
            // The CLI refuses with exit code 1 and the same reason, before touching anything.
            const auto file = dir.path() / "orbita.json";
            std::ostringstream err;
            auto* old = std::cerr.rdbuf(err.rdbuf());
            const int code = orbita::kernel::run_cli({"--config", file.string(), "migrate"});
            std::cerr.rdbuf(old);
            CHECK(code == 1);
            CHECK(err.str().find("upgrade Orbita") != std::string::npos);

            Database db(DatabaseUrl::parse(tdb.url()), {});
            CHECK(recorded(db) == before);
        }
    }
}
