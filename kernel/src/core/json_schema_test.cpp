// SPDX-License-Identifier: Apache-2.0
#include "core/json_schema.hpp"

#include "core/resources.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace orbita::kernel;
using nlohmann::json;

namespace {

const JsonSchema& small_schema() {
    static const JsonSchema schema(json::parse(R"({
      "type": "object", "additionalProperties": false, "required": ["name"],
      "properties": {
        "name": {"type": "string", "minLength": 1},
        "port": {"type": "integer", "minimum": 1, "maximum": 65535},
        "mode": {"enum": ["fast", "safe"]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "nested": {"type": "object", "additionalProperties": false,
                   "properties": {"timeout": {"type": "integer"}}}
      }
    })"));
    return schema;
}

bool has_error(const std::vector<SchemaError>& errors, const std::string& path, const std::string& fragment) {
    return std::any_of(errors.begin(), errors.end(), [&](const SchemaError& e) {
        return e.path == path && e.message.find(fragment) != std::string::npos;
    });
}

std::string dump(const std::vector<SchemaError>& errors) { return format_schema_errors(errors); }

}  // namespace

TEST_CASE("a valid document has no errors") {
    CHECK(small_schema().validate({{"name", "x"}, {"port", 80}, {"tags", {"a"}}, {"nested", {{"timeout", 1}}}}).empty());
}

TEST_CASE("every violation is reported at once, with dotted paths") {
    json doc = {{"port", 70000}, {"mode", "slow"}, {"tags", {"ok", 5}}, {"nested", {{"timeout", "x"}}}};
    auto errors = small_schema().validate(doc);
    INFO(dump(errors));
    CHECK(has_error(errors, "(document)", "name"));  // missing required property
    CHECK(has_error(errors, "port", ""));
    CHECK(has_error(errors, "mode", ""));
    CHECK(has_error(errors, "tags[1]", ""));
    CHECK(has_error(errors, "nested.timeout", ""));
    CHECK(errors.size() >= 5);
}

TEST_CASE("unknown keys get a nearest-name hint, at any depth, once each") {
    json doc = {{"name", "x"}, {"prot", 1}, {"nested", {{"timout", 5}}}, {"zzzzzzzz", true}};
    auto errors = small_schema().validate(doc);
    INFO(dump(errors));
    CHECK(has_error(errors, "prot", "unknown key 'prot' (did you mean 'port'?)"));
    CHECK(has_error(errors, "nested.timout", "unknown key 'timout' (did you mean 'timeout'?)"));
    CHECK(has_error(errors, "zzzzzzzz", "unknown key 'zzzzzzzz'"));
    CHECK_FALSE(has_error(errors, "zzzzzzzz", "did you mean"));
    // Each unknown key is one error, not one per enclosing schema.
    CHECK(std::count_if(errors.begin(), errors.end(), [](const SchemaError& e) { return e.path == "prot"; }) == 1);
}

TEST_CASE("a value outside an enum names the allowed values and the nearest one") {
    auto errors = small_schema().validate({{"name", "x"}, {"mode", "saef"}});
    INFO(dump(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].path == "mode");
    CHECK(errors[0].message == "'saef' is not one of: fast, safe (did you mean 'safe'?)");
    auto number = small_schema().validate({{"name", "x"}, {"mode", 5}});
    REQUIRE(number.size() == 1);
    CHECK(number[0].message == "'5' is not one of: fast, safe");
}

TEST_CASE("the configuration schema reports all problems of a broken orbita.json") {
    JsonSchema schema(json::parse(resource("schemas/config.schema.json")));
    json doc = {{"htp", {{"port", 1}}},
                {"http", {{"port", "eighty"}, {"max_thread", 8}}},
                {"database", {{"pool_size", 0}}},
                {"log", {{"level", "verbose"}}}};
    auto errors = schema.validate(doc);
    INFO(dump(errors));
    CHECK(has_error(errors, "htp", "did you mean 'http'?"));
    CHECK(has_error(errors, "http.max_thread", "did you mean 'max_threads'?"));
    CHECK(has_error(errors, "http.port", ""));
    CHECK(has_error(errors, "database.pool_size", ""));
    CHECK(has_error(errors, "log.level", ""));
    CHECK(schema.validate(json::object()).empty());
}

TEST_CASE("the entity schema is usable and rejects a bare declaration") {
    JsonSchema schema(json::parse(resource("schemas/entity.schema.json")));
    auto errors = schema.validate({{"name", "Bad Name"}});
    INFO(dump(errors));
    CHECK(has_error(errors, "name", ""));
    CHECK(has_error(errors, "(document)", "label"));
    CHECK(has_error(errors, "(document)", "fields"));
}

TEST_CASE("from_file names the file it cannot read") {
    CHECK_THROWS_WITH(JsonSchema::from_file("/nonexistent/schema.json"),
                      Catch::Contains("/nonexistent/schema.json"));
}

TEST_CASE("format_schema_errors writes one line per error") {
    CHECK(format_schema_errors({{"a.b", "is wrong"}, {"c", "is missing"}}, "file: ") ==
          "file: a.b: is wrong\nfile: c: is missing\n");
}
