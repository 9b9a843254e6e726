// SPDX-License-Identifier: Apache-2.0
#include "records/list_query.hpp"

#include "core/json_schema.hpp"
#include "core/problem.hpp"
#include "core/resources.hpp"
#include "entity/entity_type_parser.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel;
using namespace orbita::kernel::records;
using nlohmann::json;

namespace {

struct Ticket {
    entity::PhoneNormalizer phones{"RU"};
    entity::ValueCodec codec{phones};
    JsonSchema schema{json::parse(resource("schemas/entity.schema.json"))};
    entity::EntityTypeParser parser{schema, codec};
    entity::EntityTypePtr type = parser.parse(json::parse(resource("kernel/demo/types/ticket.entity.json")), "ticket");
    std::unique_ptr<storage::Dialect> dialect = storage::make_sqlite_dialect(1000);
    RecordLayout layout{*type, *dialect};
};

const Ticket& ticket() {
    static const Ticket instance;
    return instance;
}

// The 400 Problem `fn` must throw.
template <class F>
Problem refused(F&& fn) {
    try {
        fn();
    } catch (const Problem& p) {
        CHECK(p.status() == 400);
        return p;
    }
    FAIL("accepted");
    return Problem(0, "", "", "");
}

ListQuery parse(const QueryParams& params) { return parse_list_query(params, 500); }

}  // namespace

TEST_CASE("list query defaults") {
    auto q = parse({});
    CHECK(q.sort == "-id");
    CHECK(q.limit == 50);
    CHECK(q.cursor.empty());
    CHECK_FALSE(q.count);
    CHECK(q.selection.filter.is_null());
    CHECK(q.selection.archived == ArchiveFilter::Active);
}

TEST_CASE("list parameters are read") {
    auto q = parse({{"sort", "due_date,-id"}, {"limit", "500"}, {"cursor", "abc"}, {"count", "true"},
                    {"q", "счёт"}, {"archived", "all"}});
    CHECK(q.sort == "due_date,-id");
    CHECK(q.limit == 500);
    CHECK(q.cursor == "abc");
    CHECK(q.count);
    CHECK(q.selection.q == "счёт");
    CHECK(q.selection.archived == ArchiveFilter::All);
    CHECK(parse({{"archived", "true"}}).selection.archived == ArchiveFilter::Archived);
    CHECK(parse({{"sort", ""}}).sort == "-id");
}

TEST_CASE("URL filters become one filter tree") {
    auto one = parse({{"filter[status]", "new"}}).selection.filter;
    CHECK(one == json{{"field", "status"}, {"op", "eq"}, {"value", "new"}});
    auto many = parse({{"filter[status][in]", "new,waiting"},
                       {"filter[amount][gt]", "1000"},
                       {"filter", R"({"field":"paid","op":"eq","value":true})"}})
                    .selection.filter;
    REQUIRE(many.contains("and"));
    CHECK(many["and"].size() == 3);
    CHECK(many["and"][0]["value"] == json{"new", "waiting"});
    CHECK(many["and"][1] == json{{"field", "amount"}, {"op", "gt"}, {"value", "1000"}});
    CHECK(parse({{"filter", "{}"}}).selection.filter.is_null());
}

TEST_CASE("bad list parameters are 400 with a precise field") {
    auto unknown = refused([] { parse({{"sotr", "id"}}); });
    CHECK(unknown.detail() == "unknown query parameter 'sotr' (did you mean 'sort'?)");
    REQUIRE(unknown.errors().size() == 1);
    CHECK(unknown.errors()[0].field == "sotr");
    CHECK(unknown.errors()[0].code == "unknown_parameter");
    CHECK(refused([] { parse({{"limti", "5"}, {"fliter", "x"}}); }).errors().size() == 2);
    for (const char* limit : {"0", "501", "-1", "abc", "10abc", "", "99999999999"}) {
        INFO(limit);
        auto p = refused([&] { parse({{"limit", limit}}); });
        CHECK(p.errors().at(0).field == "limit");
    }
    CHECK(refused([] { parse({{"filter", "not json"}}); }).errors().at(0).code == "invalid_json");
    CHECK(refused([] { parse({{"filter", "[1,2]"}}); }).errors().at(0).code == "invalid_json");
    CHECK(refused([] { parse({{"filter[status][in][x]", "a"}}); }).errors().at(0).code == "invalid_filter");
    CHECK(refused([] { parse({{"filter[]", "a"}}); }).errors().at(0).code == "invalid_filter");
    CHECK(refused([] { parse({{"filter[status][EQ]", "a"}}); }).errors().at(0).code == "invalid_filter");
    CHECK(refused([] { parse({{"archived", "yes"}}); }).errors().at(0).field == "archived");
}

TEST_CASE("reject_unknown_params leaves filter[...] to the filter parser") {
    CHECK_NOTHROW(reject_unknown_params({{"filter[x]", "1"}, {"a", "1"}}, {"a"}));
    CHECK_THROWS_AS(reject_unknown_params({{"b", "1"}}, {"a"}), Problem);
}

TEST_CASE("sort keys are resolved against the type, id breaks ties") {
    const auto& layout = ticket().layout;
    auto keys = parse_sort(layout, "-due_date,subject");
    REQUIRE(keys.size() == 3);
    CHECK(keys[0].column == "due_date");
    CHECK(keys[0].descending);
    CHECK(keys[1].column == "subject");
    CHECK_FALSE(keys[1].descending);
    CHECK(keys[2].column == "id");
    CHECK_FALSE(keys[2].descending);  // follows the last key
    CHECK(keys[0].row_index == layout.column_of("due_date"));

    CHECK(parse_sort(layout, "-id").size() == 1);
    CHECK(parse_sort(layout, "+amount")[0].column == "amount");  // money sorts by its amount column

    auto order = order_by(parse_sort(layout, "-due_date"), *ticket().dialect, "t");
    CHECK(order.find("ORDER BY t.\"due_date\" DESC") == 0);
    CHECK(order.find("t.\"id\" DESC") != std::string::npos);
}

TEST_CASE("bad sort keys are 400 naming the problem") {
    const auto& layout = ticket().layout;
    auto unknown = refused([&] { parse_sort(layout, "-subjct"); });
    CHECK(unknown.detail() == "cannot sort by unknown field 'subjct' (did you mean 'subject'?)");
    CHECK(unknown.errors().at(0).field == "sort");
    for (const char* hostile : {"id;DROP TABLE ticket", "id DESC, (SELECT 1)", "\"id\"", "id--", "1"}) {
        INFO(hostile);
        CHECK(refused([&] { parse_sort(layout, hostile); }).errors().at(0).code == "unknown_field");
    }
    CHECK(refused([&] { parse_sort(layout, "description"); }).errors().at(0).code == "not_sortable");
    CHECK(refused([&] { parse_sort(layout, "watchers"); }).errors().at(0).code == "not_sortable");
    CHECK(refused([&] { parse_sort(layout, "subject,-subject"); }).errors().at(0).code == "duplicate");
    CHECK(refused([&] { parse_sort(layout, "a,b,c,d,e"); }).errors().at(0).code == "too_many");
    CHECK(refused([&] { parse_sort(layout, "nope,nada"); }).errors().size() == 2);
}

TEST_CASE("cursors round-trip and refuse tampering") {
    const auto& t = ticket();
    const std::string spec = "due_date";
    auto keys = parse_sort(t.layout, spec);
    storage::Row row(t.layout.kinds().size());
    row[static_cast<std::size_t>(t.layout.column_of("due_date"))] = std::string("2024-03-15");
    row[static_cast<std::size_t>(t.layout.column_of("id"))] = std::int64_t{42};
    const auto cursor = encode_cursor(keys, row, spec);
    CHECK(cursor.find_first_of("+/=") == std::string::npos);  // URL-safe as is

    auto after = keyset_predicate(keys, cursor, spec, *t.dialect, "t");
    CHECK(after.text() == "((t.\"due_date\" > ?) OR (t.\"due_date\" = ? AND t.\"id\" > ?))");
    REQUIRE(after.params().size() == 3);
    CHECK(std::get<std::string>(after.params()[0]) == "2024-03-15");
    CHECK(std::get<std::int64_t>(after.params()[2]) == 42);

    // A NULL sort value: only non-null rows and later ids of null rows follow it.
    row[static_cast<std::size_t>(t.layout.column_of("due_date"))] = storage::SqlValue{};
    auto null_after = keyset_predicate(keys, encode_cursor(keys, row, spec), spec, *t.dialect, "t");
    CHECK(null_after.text() == "((t.\"due_date\" IS NOT NULL) OR (t.\"due_date\" IS NULL AND t.\"id\" > ?))");

    auto invalid = [&](const std::string& c, const std::string& s, const std::string& why) {
        auto p = refused([&] { keyset_predicate(parse_sort(t.layout, s), c, s, *t.dialect, "t"); });
        CHECK(p.slug() == "invalid-cursor");
        CHECK(p.detail().find(why) != std::string::npos);
        CHECK(p.errors().at(0).field == "cursor");
    };
    invalid(cursor, "-due_date", "another sort order");
    invalid("!!!not base64!!!", spec, "");
    invalid("bm90IGpzb24", spec, "malformed");                           // "not json"
    invalid("eyJzIjoiZHVlX2RhdGUiLCJ2IjpbMV19", spec, "sort keys");       // {"s":"due_date","v":[1]}
    invalid("eyJzIjoiZHVlX2RhdGUiLCJ2IjpbW10sMV19", spec, "invalid value");  // {"s":"due_date","v":[[],1]}
}
