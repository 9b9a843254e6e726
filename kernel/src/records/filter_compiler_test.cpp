// SPDX-License-Identifier: Apache-2.0
#include "records/filter_compiler.hpp"

#include "core/json_schema.hpp"
#include "core/resources.hpp"
#include "entity/entity_type_parser.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel;
using namespace orbita::kernel::records;
using nlohmann::json;
using storage::SqlFragment;

namespace {

// user, department and the demo ticket type, parsed as the kernel parses them.
struct Types {
    entity::PhoneNormalizer phones{"RU"};
    entity::ValueCodec codec{phones};
    JsonSchema schema{json::parse(resource("schemas/entity.schema.json"))};
    entity::EntityTypeParser parser{schema, codec};
    entity::TypeRegistry registry;
    std::unique_ptr<storage::Dialect> dialect = storage::make_sqlite_dialect(1000);

    Types() {
        for (const char* name : {"kernel/types/user.entity.json", "kernel/types/department.entity.json",
                                 "kernel/demo/types/ticket.entity.json"}) {
            registry.add(parser.parse(json::parse(resource(name)), name));
        }
    }
    const entity::EntityType& ticket() const { return *registry.find("ticket"); }
};

const Types& types() {
    static const Types instance;
    return instance;
}

SqlFragment compile(const json& tree, FieldGate gate = nullptr) {
    FilterCompiler compiler(types().registry, types().codec, *types().dialect, std::move(gate));
    return compiler.compile(types().ticket(), tree, "t");
}

// The 400 Problem a tree must produce.
Problem refused(const json& tree) {
    try {
        compile(tree);
    } catch (const Problem& p) {
        CHECK(p.status() == 400);
        CHECK(p.slug() == "invalid-filter");
        return p;
    }
    FAIL("filter was accepted: " << tree.dump());
    return Problem(0, "", "", "");
}

bool has_error(const Problem& p, const std::string& path, const std::string& code, const std::string& fragment = "") {
    for (const auto& e : p.errors()) {
        if (e.field == path && e.code == code && e.message.find(fragment) != std::string::npos) return true;
    }
    return false;
}

std::string errors_of(const Problem& p) {
    std::string out;
    for (const auto& e : p.errors()) out += e.field + " " + e.code + " " + e.message + "\n";
    return out;
}

json cond(const std::string& field, const std::string& op, const json& value) {
    return {{"field", field}, {"op", op}, {"value", value}};
}

}  // namespace

TEST_CASE("an empty filter compiles to nothing") {
    CHECK(compile(nullptr).empty());
    CHECK(compile(json::object()).empty());
}

TEST_CASE("conditions compile to bound parameters") {
    auto eq = compile(cond("status", "eq", "new"));
    CHECK(eq.text() == "t.\"status\" = ?");
    REQUIRE(eq.params().size() == 1);
    CHECK(std::get<std::string>(eq.params()[0]) == "new");

    auto tree = compile({{"and", {cond("rating", "ge", "3"), {{"not", cond("paid", "eq", true)}}}}});
    CHECK(tree.text().rfind("(t.\"rating\" >= ? AND ", 0) == 0);
    CHECK(tree.text().find("t.\"paid\" = ?") != std::string::npos);
    CHECK(tree.params().size() == 2);
    CHECK(std::get<std::int64_t>(tree.params()[0]) == 3);  // URL text coerced to the field type

    auto money = compile(cond("amount", "gt", 1000.5));
    CHECK(money.text() == "t.\"amount\" > ?");
    CHECK(std::get<std::int64_t>(money.params()[0]) == 100050);  // major units -> minor units

    auto phone = compile(cond("phone", "eq", "8 (916) 123-45-67"));
    CHECK(std::get<std::string>(phone.params()[0]) == "+79161234567");

    auto ne = compile(cond("status", "ne", "done"));
    CHECK(ne.text() == "(t.\"status\" <> ? OR t.\"status\" IS NULL)");
    auto in = compile(cond("status", "in", {"new", "waiting"}));
    CHECK(in.text() == "t.\"status\" IN (?, ?)");
    auto between = compile(cond("due_date", "between", {"2024-01-01", "2024-01-31"}));
    CHECK(between.params().size() == 2);
    CHECK(compile(cond("resolved_at", "is_null", "true")).text() == "t.\"resolved_at\" IS NULL");
    CHECK(compile(cond("watchers", "contains", 5)).text().find("EXISTS (SELECT 1 FROM \"ticket__watchers\"") == 0);
}

TEST_CASE("reference paths become subqueries") {
    auto path = compile(cond("department.name", "eq", "Продажи"));
    CHECK(path.text() == "t.\"department\" IN (SELECT f1.\"id\" FROM \"department\" AS f1 WHERE f1.\"name\" = ?)");
    CHECK(compile(cond("assignee.department.head.login", "eq", "admin")).params().size() == 1);
    auto p = refused(cond("assignee.department.head.department.name", "eq", "x"));
    CHECK(has_error(p, "filter.field", "too_deep"));
    CHECK(has_error(refused(cond("subject.length", "eq", 1)), "filter.field", "not_a_reference"));
    CHECK(has_error(refused(cond("department.nmae", "eq", "x")), "filter.field", "unknown_field",
                    "unknown field 'nmae' of department (did you mean 'name'?)"));
}

TEST_CASE("SQL-looking values are bound, never spliced") {
    const std::string hostile = "x'; DROP TABLE ticket; --";
    auto eq = compile(cond("subject", "eq", hostile));
    CHECK(eq.text() == "t.\"subject\" = ?");
    CHECK(std::get<std::string>(eq.params()[0]) == hostile);
    auto like = compile(cond("subject", "contains", "50%_off\\"));
    CHECK(like.text().find("DROP") == std::string::npos);
    CHECK(like.text().find(" LIKE ? ESCAPE '\\'") != std::string::npos);
    CHECK(std::get<std::string>(like.params()[0]) == "%50\\%\\_off\\\\%");
    CHECK(std::get<std::string>(compile(cond("client_name", "starts", "ИВАН")).params()[0]) == "иван%");
    CHECK(std::get<std::string>(compile(cond("phone", "contains", "+7 (916)")).params()[0]) == "%7916%");
}

TEST_CASE("SQL-looking field names and operators are unknown names") {
    for (const char* name : {"subject\"; DROP TABLE ticket; --", "subject) OR (1=1", "1=1", "*", "\"id\"", ""}) {
        INFO(name);
        CHECK(has_error(refused(cond(name, "eq", "x")), "filter.field", "unknown_field"));
    }
    CHECK(has_error(refused(cond("subject", "= 1 OR 1=1 --", "x")), "filter.op", "unknown_operator"));
}

TEST_CASE("malformed trees are refused with paths and hints") {
    CHECK(has_error(refused(json::array()), "filter", "wrong_type"));
    CHECK(has_error(refused(json(5)), "filter", "wrong_type"));
    CHECK(has_error(refused({{"and", 5}}), "filter.and", "wrong_type"));
    CHECK(has_error(refused({{"or", json::array()}}), "filter.or", "wrong_type"));
    CHECK(has_error(refused({{"and", {cond("status", "eq", "new")}}, {"field", "x"}}), "filter", "mixed_node"));
    CHECK(has_error(refused({{"not", cond("status", "eq", "new")}, {"op", "eq"}}), "filter", "mixed_node"));
    CHECK(has_error(refused({{"feild", "status"}, {"op", "eq"}, {"value", "new"}}), "filter.feild", "unknown_key",
                    "did you mean 'field'?"));
    CHECK(has_error(refused({{"op", "eq"}, {"value", "new"}}), "filter.field", "required"));
    CHECK(has_error(refused({{"field", "status"}, {"value", "new"}}), "filter.op", "required"));
    CHECK(has_error(refused(cond("status", "eqq", "new")), "filter.op", "unknown_operator", "did you mean 'eq'?"));
    CHECK(has_error(refused(cond("stauts", "eq", "new")), "filter.field", "unknown_field", "did you mean 'status'?"));
}

TEST_CASE("every problem of a tree is reported at once") {
    auto p = refused({{"and", {cond("status", "eqq", "new"), cond("nosuch", "eq", 1), cond("rating", "eq", "five")}}});
    INFO(errors_of(p));
    CHECK(p.errors().size() == 3);
    CHECK(has_error(p, "filter.and[0].op", "unknown_operator"));
    CHECK(has_error(p, "filter.and[1].field", "unknown_field"));
    CHECK(has_error(p, "filter.and[2].value", "wrong_type"));
    CHECK(p.detail().find("invalid filter: filter.and[0].op") == 0);
}

TEST_CASE("values are checked with the field's own rules") {
    CHECK(has_error(refused(cond("status", "eq", "nwe")), "filter.value", "invalid_choice", "did you mean 'new'?"));
    CHECK(has_error(refused(cond("due_date", "gt", "yesterday")), "filter.value", "invalid_date"));
    CHECK(has_error(refused(cond("phone", "eq", "garbage")), "filter.value", "invalid_phone"));
    CHECK(has_error(refused(cond("status", "eq", nullptr)), "filter.value", "null_value"));
    CHECK(has_error(refused(cond("status", "in", json::array())), "filter.value", "wrong_type"));
    CHECK(has_error(refused(cond("status", "in", json(std::vector<std::string>(501, "new")))), "filter.value",
                    "wrong_type"));
    CHECK(has_error(refused(cond("status", "in", {"new", "bogus"})), "filter.value[1]", "invalid_choice"));
    CHECK(has_error(refused(cond("due_date", "between", {"2024-01-01"})), "filter.value", "wrong_type"));
    CHECK(has_error(refused(cond("resolved_at", "is_null", "maybe")), "filter.value", "wrong_type"));
    // Range limits of writes do not apply to filters: rating 0..100 may be compared.
    CHECK(compile(cond("rating", "lt", 100)).params().size() == 1);
}

TEST_CASE("operators must suit the field type") {
    CHECK(has_error(refused(cond("rating", "contains", "5")), "filter.op", "unsupported_operator"));
    CHECK(has_error(refused(cond("subject", "contains", "")), "filter.value", "wrong_type"));
    CHECK(has_error(refused(cond("subject", "contains", std::string(201, 'x'))), "filter.value", "wrong_type"));
    CHECK(has_error(refused(cond("phone", "contains", "abc")), "filter.value", "invalid_phone"));
    CHECK(has_error(refused(cond("extra", "eq", "x")), "filter.op", "unsupported_operator"));
    CHECK(has_error(refused(cond("description", "gt", "x")), "filter.op", "unsupported_operator"));
    CHECK(has_error(refused(cond("watchers", "eq", 1)), "filter.op", "unsupported_operator"));
    CHECK(has_error(refused(cond("watchers", "contains", "x")), "filter.value", "wrong_type"));
    CHECK(has_error(refused(cond("attachments", "in", {1, -2})), "filter.value[1]", "wrong_type"));
}

TEST_CASE("size limits: nodes and depth") {
    json deep = cond("status", "eq", "new");
    std::string path = "filter";
    for (int i = 0; i < FilterCompiler::kMaxDepth; ++i) {
        deep = {{"not", deep}};
        path += ".not";
    }
    auto too_deep = refused(deep);
    INFO(errors_of(too_deep));
    CHECK(has_error(too_deep, path, "too_deep"));

    json wide = json::array();
    for (int i = 0; i < FilterCompiler::kMaxNodes; ++i) wide.push_back(cond("rating", "eq", i));
    auto too_complex = refused({{"and", wide}});
    CHECK(too_complex.errors().size() == 1);  // reported once, not once per extra node
    CHECK(has_error(too_complex, "filter.and[199]", "too_complex"));
    wide.erase(wide.size() - 1);
    CHECK(compile({{"and", wide}}).params().size() == 199);
}

TEST_CASE("a field gate hides fields from filters") {
    auto gate = [](const entity::EntityType&, const entity::FieldDef& f) { return f.name != "amount"; };
    CHECK_THROWS_AS(compile(cond("amount", "gt", 1), gate), Problem);
    CHECK_FALSE(compile(cond("rating", "gt", 1), gate).empty());
}

TEST_CASE("utf8_lower and like_escape") {
    CHECK(utf8_lower("ПРИВЕТ Ёж ABC") == "привет ёж abc");
    CHECK(like_escape("100%_a\\b") == "100\\%\\_a\\\\b");
}
