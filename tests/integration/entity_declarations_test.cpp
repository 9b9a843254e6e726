// SPDX-License-Identifier: Apache-2.0
// Entity type declarations from fixture files: every good file loads and serves records;
// every broken file is refused with its precise error, all errors of all files at once.
#include "app/cli.hpp"
#include "core/json_schema.hpp"
#include "core/resources.hpp"
#include "entity/entity_type_parser.hpp"
#include "entity/type_registry.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace orbita::kernel;

namespace {

const fs::path kGood = fs::path(ORBITA_FIXTURES_DIR) / "types" / "good";
const fs::path kBad = fs::path(ORBITA_FIXTURES_DIR) / "types" / "bad";

// What each broken fixture must be refused with (every fragment must appear).
const std::map<std::string, std::vector<std::string>> kExpected = {
    {"autonumber_default", {"fields[0].default: an autonumber field takes no default"}},
    {"autonumber_scope_not_ref", {"fields.number.scope: 'title' must be a ref or user field"}},
    {"bad_enum_default", {"fields[0].default: 'closed' is not one of: open"}},
    {"bad_field_type", {"fields[0].type: 'strng' is not one of: string, text,", "(did you mean 'string'?)"}},
    {"bad_int_default", {"fields[0].default: must be an integer, not a string"}},
    {"bad_names", {"bad_names.entity.json: name:", "fields[0].name:"}},
    {"computed_required", {"fields[0]: a computed field cannot be required"}},
    {"default_out_of_range", {"fields[0].default: must be at most 5"}},
    {"department_role_target", {"roles.department: field 'team' has the wrong type for this role"}},
    {"duplicate_enum_value", {"fields[0].values: 'a' is listed twice"}},
    {"duplicate_field", {"fields[1].name: 'title' is declared twice"}},
    {"duplicate_type_name", {"entity type 'user' of ", "is already declared by kernel"}},
    {"enum_without_values", {"fields[0]: an enum field needs 'values'"}},
    {"index_many_valued", {"indexes.idx_multi_tags_idx: 'tags' is many-valued and cannot be indexed"}},
    {"index_unknown_field", {"indexes.idx_unknown_title_ttle_idx: unknown field 'ttle' (did you mean 'title'?)"}},
    {"list_columns_unknown", {"list_columns: unknown field 'nmae' (did you mean 'name'?)"}},
    {"many_errors",
     {"fields[0].name: 'id' is a system field", "fields[1].default: must be an integer",
      "fields[2].name: 'a' is declared twice", "fields[3]: an enum field needs 'values'",
      "indexes.many_zzz_idx: unknown field 'zzz'", "roles.owner: unknown field 'a'"}},
    {"min_greater_than_max", {"fields[0]: min is greater than max"}},
    {"missing_required_keys", {"(document): ", "'label'", "fields[0]: ", "'type'"}},
    {"money_column_clash", {"field 'price_currency' needs column 'price_currency', which another field already uses"}},
    {"not_json", {"not_json.entity.json: is not valid JSON"}},
    {"phone_column_clash", {"field 'mobile' needs column 'mobile_raw', which another field already uses"}},
    {"ref_without_target", {"fields[0]: a ref field needs a 'target' entity type"}},
    {"reserved_type_name", {"name: 'files' is reserved by the kernel"}},
    {"role_unknown_field", {"roles.amount: unknown field 'amont' (did you mean 'amount'?)"}},
    {"scale_on_int", {"fields[0].scale: does not apply to an int field", "fields[1].max_length: does not apply to a money field"}},
    {"search_non_text", {"search: 'n' is not a text field", "search: unknown field 'missing'"}},
    {"stage_role_type", {"roles.stage: field 'stage' has the wrong type for this role"}},
    {"system_field", {"fields[1].name: 'created_at' is a system field and is added by the kernel"}},
    {"target_on_string", {"fields[0].target: does not apply to a string field"}},
    {"title_unknown_field", {"title: unknown field 'surname'"}},
    {"unique_json", {"fields[0].unique: a json field cannot be unique", "fields[1].indexed: a text field cannot be indexed"}},
    {"unknown_keys", {"fields[0].lable: unknown key 'lable' (did you mean 'label'?)"}},
    {"unknown_ref_target", {"entity type 'ref_target', field 'dept': target type 'deparment' is not declared (did you mean 'department'?)"}},
    {"unknown_role", {"roles.ownr: unknown key 'ownr' (did you mean 'owner'?)"}},
    {"values_on_string", {"fields[0].values: does not apply to a string field"}},
    {"wrong_role_type", {"roles.owner: field 'owner_name' has the wrong type for this role"}},
};

// The parser and a registry holding the kernel's own types, as Kernel::open builds them.
struct Loader {
    entity::PhoneNormalizer phones{"RU"};
    entity::ValueCodec codec{phones};
    JsonSchema schema{json::parse(resource("schemas/entity.schema.json"))};
    entity::EntityTypeParser parser{schema, codec};
    entity::TypeRegistry registry;

    Loader() {
        for (const auto& name : resource_names("kernel/types/")) {
            auto type = parser.parse(json::parse(resource(name)), name);
            std::const_pointer_cast<entity::EntityType>(type)->owner = "kernel";
            registry.add(type);
        }
    }

    // Loads one file like the kernel does; answers every problem found.
    std::vector<std::string> load(const fs::path& file) {
        std::vector<std::string> errors;
        try {
            auto type = parser.parse_file(file.string());
            std::const_pointer_cast<entity::EntityType>(type)->owner = file.parent_path().string();
            registry.add(type);
        } catch (const entity::DeclarationError& e) {
            errors = e.errors();
        } catch (const std::invalid_argument& e) {
            errors.push_back(e.what());
        }
        for (const auto& p : registry.check_references()) errors.push_back(p);
        return errors;
    }
};

std::vector<fs::path> fixtures(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir)) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string stem_of(const fs::path& file) {
    const std::string name = file.filename().string();
    return name.substr(0, name.find(".entity.json"));
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

}  // namespace

TEST_CASE("every good fixture parses into a usable type") {
    Loader loader;
    for (const auto& file : fixtures(kGood)) {
        INFO(file.filename().string());
        CHECK(loader.load(file).empty());
    }
    auto company = loader.registry.find("company");
    REQUIRE(company);
    CHECK(company->field("inn")->unique);
    REQUIRE(company->field("kind")->default_value);
    CHECK(*company->field("kind")->default_value == "client");
    CHECK(company->roles.at("owner") == "manager");
    CHECK(company->indexes.size() == 2);
    CHECK(company->indexes[0].name == "company_kind_name_idx");
    auto deal = loader.registry.find("deal");
    REQUIRE(deal);
    CHECK(deal->field("code")->computed);  // autonumbers are maintained by the server
    CHECK(deal->field("price")->currency == "USD");
    CHECK(loader.registry.find("note")->plural == json{{"ru", "Заметка"}, {"en", "Note"}, {"uk", "Нотатка"}});
}

TEST_CASE("every broken fixture is refused with its precise errors") {
    std::set<std::string> seen;
    for (const auto& file : fixtures(kBad)) {
        const std::string stem = stem_of(file);
        seen.insert(stem);
        INFO(file.filename().string());
        auto expected = kExpected.find(stem);
        REQUIRE(expected != kExpected.end());  // a new fixture needs its expectation here
        Loader loader;  // fresh: one fixture's type must not affect the next
        const auto errors = loader.load(file);
        INFO(joined(errors));
        REQUIRE_FALSE(errors.empty());
        for (const auto& fragment : expected->second) {
            INFO("expected: " << fragment);
            CHECK(joined(errors).find(fragment) != std::string::npos);
        }
        // Every error names where it comes from: the file, or for problems between types
        // (found once all are loaded) the type.
        for (const auto& e : errors) CHECK((e.find(stem) != std::string::npos || e.find("entity type '") != std::string::npos));
    }
    CHECK(seen.size() == kExpected.size());
}

TEST_CASE("good declarations from entities.directories become tables with a records API") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            orbita::test::TestServer server(backend, {{"entities", {{"directories", {kGood.string()}}}}});
            auto http = server.client();
            auto company = http.post("/api/v1/records/company", {{"name", "ООО «Ромашка»"}, {"inn", "7701234567"}, {"rating", 8.5}});
            INFO(company.body);
            REQUIRE(company.status == 201);
            CHECK(company.json()["kind"] == "client");
            CHECK(company.json()["employees"] == 1);
            CHECK(company.json()["active"] == true);
            const auto company_id = company.json()["id"];
            auto deal = http.post("/api/v1/records/deal",
                                  {{"title", "Поставка"}, {"company", company_id}, {"price", {{"amount", 1500.25}}}});
            INFO(deal.body);
            REQUIRE(deal.status == 201);
            CHECK(deal.json()["code"] == "D-00001");
            CHECK(deal.json()["price"] == json{{"amount", 1500.25}, {"currency", "USD"}});
            CHECK(deal.json()["call_time"] == "10:00:00");
            // The declared unique index holds.
            CHECK(http.post("/api/v1/records/company", {{"name", "Дубль"}, {"inn", "7701234567"}}).status == 409);
            CHECK(http.post("/api/v1/records/note", {{"body", "текст"}}).status == 201);
        }
    }
}

TEST_CASE("broken declarations stop the start, every problem of every file listed at once") {
    orbita::test::TempDir dir;
    orbita::test::TestDatabase db("sqlite", dir.path());
    auto config = orbita::test::test_config(dir.path(), db.url(), {{"entities", {{"directories", {kBad.string()}}}}});
    {
        Kernel kernel(config);
        try {
            kernel.open();
            FAIL("broken declarations were accepted");
        } catch (const entity::DeclarationError& e) {
            const std::string all = joined(e.errors());
            INFO(all);
            for (const auto& [stem, fragments] : kExpected) {
                for (const auto& fragment : fragments) {
                    INFO(stem << ": " << fragment);
                    CHECK(all.find(fragment) != std::string::npos);
                }
            }
        }
    }
    // `orbita migrate` exits 2 and lists them; no entity table was created.
    std::ostringstream err;
    auto* old = std::cerr.rdbuf(err.rdbuf());
    const int code = run_cli({"--config", (dir.path() / "orbita.json").string(), "migrate"});
    std::cerr.rdbuf(old);
    CHECK(code == 2);
    CHECK(err.str().find("entity declarations are invalid:") != std::string::npos);
    CHECK(err.str().find("  - ") != std::string::npos);
    CHECK(err.str().find("money_column_clash.entity.json") != std::string::npos);
    CHECK(err.str().find("wrong_role_type.entity.json") != std::string::npos);
}
