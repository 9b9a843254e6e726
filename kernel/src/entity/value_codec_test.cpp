// SPDX-License-Identifier: Apache-2.0
#include "entity/value_codec.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel;
using namespace orbita::kernel::entity;
using nlohmann::json;
using storage::SqlValue;

namespace {

const ValueCodec& codec() {
    static const PhoneNormalizer phones("RU");
    static const ValueCodec instance(phones);
    return instance;
}

FieldDef field(FieldType type, const std::string& name = "f") {
    FieldDef f;
    f.name = name;
    f.type = type;
    return f;
}

// The decoded columns of a value that must be accepted.
std::vector<SqlValue> ok(const FieldDef& f, const json& value) {
    std::vector<FieldError> errors;
    auto decoded = codec().decode(f, value, f.name, errors);
    INFO(value.dump() << " -> " << (errors.empty() ? "" : errors.front().message));
    REQUIRE(decoded);
    CHECK(errors.empty());
    return decoded->columns;
}

// The one error of a value that must be refused.
FieldError bad(const FieldDef& f, const json& value) {
    std::vector<FieldError> errors;
    auto decoded = codec().decode(f, value, f.name, errors);
    INFO(value.dump());
    CHECK_FALSE(decoded);
    REQUIRE(errors.size() == 1);
    CHECK(errors.front().field.rfind(f.name, 0) == 0);
    return errors.front();
}

std::int64_t int_of(const SqlValue& v) { return std::get<std::int64_t>(v); }
std::string text_of(const SqlValue& v) { return std::get<std::string>(v); }

// Encodes stored columns back to API JSON.
json encode(const FieldDef& f, std::vector<SqlValue> row) { return codec().encode(f, row, 0); }

}  // namespace

TEST_CASE("null clears every column of a field") {
    std::vector<FieldError> errors;
    auto money = codec().decode(field(FieldType::Money), nullptr, "f", errors);
    REQUIRE(money);
    CHECK(money->is_null);
    CHECK(money->columns.size() == 2);
    CHECK(encode(field(FieldType::String), {SqlValue{}}).is_null());
}

TEST_CASE("string and text: length in characters, control characters") {
    auto s = field(FieldType::String);
    CHECK(text_of(ok(s, "Нет счёта")[0]) == "Нет счёта");
    CHECK(bad(s, 5).code == "wrong_type");
    CHECK(bad(s, std::string(256, 'x')).code == "too_long");
    CHECK(ok(s, std::string(255, 'x')).size() == 1);
    s.max_length = 5;
    CHECK(ok(s, "приве").size() == 1);  // 5 characters, 10 bytes
    auto too_long = bad(s, "привет");
    CHECK(too_long.code == "too_long");
    CHECK(too_long.message == "must be at most 5 characters");
    CHECK(bad(field(FieldType::String), "line\nbreak").code == "invalid_characters");
    CHECK(bad(field(FieldType::String), std::string("nul\0byte", 8)).code == "invalid_characters");
    auto t = field(FieldType::Text);
    CHECK(ok(t, "line one\nline two\ttab").size() == 1);
    CHECK(bad(t, "bell\a").code == "invalid_characters");
    CHECK(bad(t, std::string(100001, 'x')).code == "too_long");
}

TEST_CASE("int: whole numbers within range and JavaScript-safe") {
    auto f = field(FieldType::Int);
    CHECK(int_of(ok(f, 42)[0]) == 42);
    CHECK(int_of(ok(f, -7)[0]) == -7);
    CHECK(int_of(ok(f, 9007199254740991LL)[0]) == 9007199254740991LL);
    CHECK(bad(f, 9007199254740992ULL).code == "out_of_range");
    CHECK(bad(f, 1.5).code == "wrong_type");
    CHECK(bad(f, "5").code == "wrong_type");
    CHECK(bad(f, true).code == "wrong_type");
    f.minimum = 1;
    f.maximum = 5;
    CHECK(bad(f, 0).message == "must be at least 1");
    CHECK(bad(f, 6).message == "must be at most 5");
    f.maximum = 2.5;
    CHECK(bad(f, 3).message == "must be at most 2.5");
    CHECK(bad(f, 6).code == "out_of_range");
}

TEST_CASE("decimal: exact scaled integers, no binary rounding") {
    auto f = field(FieldType::Decimal);  // scale 2
    CHECK(int_of(ok(f, "12.34")[0]) == 1234);
    CHECK(int_of(ok(f, 12.34)[0]) == 1234);
    CHECK(int_of(ok(f, 0.29)[0]) == 29);  // 0.29 * 100 is 28.999999999999996 in binary
    CHECK(int_of(ok(f, "1.500")[0]) == 150);
    CHECK(int_of(ok(f, 100)[0]) == 10000);
    CHECK(int_of(ok(f, "-0.5")[0]) == -50);
    CHECK(bad(f, "1.005").message == "has more than 2 digits after the point");
    CHECK(bad(f, 0.1 + 0.2).code == "invalid_number");  // 0.30000000000000004
    CHECK(bad(f, "1e5").message == "must be a decimal number like 1234.50");
    CHECK(bad(f, "12,34").code == "invalid_number");
    CHECK(bad(f, 1e300).message == "is out of range");
    CHECK(bad(f, "99999999999999999.99").message == "is too large");
    CHECK(bad(f, true).message == "must be a number");
    CHECK(encode(f, {SqlValue{std::int64_t{1234}}}) == json(12.34));
    CHECK(encode(f, {SqlValue{std::int64_t{-50}}}) == json(-0.5));
    f.scale = 0;
    CHECK(int_of(ok(f, "5.0")[0]) == 5);
    CHECK(bad(f, "5.5").code == "invalid_number");
    f.scale = 4;
    f.minimum = 0;
    CHECK(int_of(ok(f, "0.0001")[0]) == 1);
    CHECK(bad(f, "-0.0001").code == "out_of_range");
}

TEST_CASE("parse_scaled and helpers") {
    std::string error;
    CHECK(parse_scaled("92233720368547758.07", 2, error) == std::optional<std::int64_t>(9223372036854775807LL));
    CHECK_FALSE(parse_scaled("92233720368547758.08", 2, error));
    CHECK(error == "is too large");
    CHECK(parse_scaled(json(7), 3, error) == std::optional<std::int64_t>(7000));
    CHECK_FALSE(parse_scaled(json::array(), 2, error));
    CHECK(error == "must be a number");
    CHECK(currency_exponent("RUB") == 2);
    CHECK(currency_exponent("JPY") == 0);
    CHECK(currency_exponent("KWD") == 3);
    CHECK(currency_exponent("XYZ") == 2);
    CHECK(pow10(0) == 1);
    CHECK(pow10(8) == 100000000);
    CHECK(utf8_length("ёжик") == 4);
    CHECK(utf8_length("abc") == 3);
}

TEST_CASE("money: minor units per currency, object or bare amount") {
    auto f = field(FieldType::Money, "amount");
    auto rub = ok(f, {{"amount", 1234.5}, {"currency", "RUB"}});
    CHECK(int_of(rub[0]) == 123450);
    CHECK(text_of(rub[1]) == "RUB");
    CHECK(int_of(ok(f, 1234.5)[0]) == 123450);
    CHECK(text_of(ok(f, 10)[1]) == "RUB");
    CHECK(int_of(ok(f, {{"amount", "0.29"}, {"currency", "USD"}})[0]) == 29);
    CHECK(int_of(ok(f, {{"amount", 0.29}})[0]) == 29);
    CHECK(int_of(ok(f, {{"amount", 100}, {"currency", "JPY"}})[0]) == 100);
    CHECK(int_of(ok(f, {{"amount", 1.234}, {"currency", "KWD"}})[0]) == 1234);
    CHECK(int_of(ok(f, {{"amount", "92233720368547758.07"}})[0]) == 9223372036854775807LL);
    CHECK(bad(f, {{"amount", 100.5}, {"currency", "JPY"}}).message == "amount has more than 0 digits after the point");
    CHECK(bad(f, {{"amount", 0.1 + 0.2}}).code == "invalid_amount");
    CHECK(bad(f, {{"amount", "92233720368547758.08"}}).code == "invalid_amount");
    CHECK(bad(f, {{"amount", 1}, {"currency", "rub"}}).code == "invalid_currency");
    CHECK(bad(f, {{"amount", 1}, {"currency", 643}}).code == "invalid_currency");
    CHECK(bad(f, {{"amount", 1}, {"curency", "RUB"}}).code == "unknown_key");
    CHECK(bad(f, {{"currency", "RUB"}}).code == "required");
    CHECK(bad(f, "abc").code == "invalid_amount");
    CHECK(bad(f, true).code == "invalid_amount");
    f.currency = "USD";
    CHECK(text_of(ok(f, 5)[1]) == "USD");
    f.minimum = 0;
    CHECK(bad(f, {{"amount", -0.01}}).code == "out_of_range");

    CHECK(encode(f, {SqlValue{std::int64_t{123450}}, SqlValue{std::string("RUB")}}) ==
          json{{"amount", 1234.5}, {"currency", "RUB"}});
    CHECK(encode(f, {SqlValue{std::int64_t{1234}}, SqlValue{std::string("KWD")}})["amount"] == json(1.234));
    CHECK(encode(f, {SqlValue{std::int64_t{100}}, SqlValue{std::string("JPY")}})["amount"] == json(100));
    // A row without a currency falls back to the field's default currency.
    CHECK(encode(f, {SqlValue{std::int64_t{100}}, SqlValue{}})["currency"] == "USD");
}

TEST_CASE("bool, date, datetime, time, duration") {
    auto b = field(FieldType::Bool);
    CHECK(int_of(ok(b, true)[0]) == 1);
    CHECK(int_of(ok(b, false)[0]) == 0);
    CHECK(bad(b, "true").code == "wrong_type");
    CHECK(bad(b, 1).code == "wrong_type");
    CHECK(encode(b, {SqlValue{std::int64_t{1}}}) == json(true));

    auto d = field(FieldType::Date);
    CHECK(text_of(ok(d, "2024-02-29")[0]) == "2024-02-29");
    CHECK(bad(d, "2024-02-30").code == "invalid_date");
    CHECK(bad(d, "29.02.2024").code == "invalid_date");
    CHECK(bad(d, 20240229).code == "invalid_date");

    auto dt = field(FieldType::DateTime);
    CHECK(text_of(ok(dt, "2024-03-15T12:30:00+03:00")[0]) == "2024-03-15T09:30:00.000Z");
    CHECK(bad(dt, "2024-03-15T12:30:00").code == "invalid_datetime");
    CHECK(bad(dt, 1710495000).code == "wrong_type");

    auto t = field(FieldType::Time);
    CHECK(text_of(ok(t, "09:30")[0]) == "09:30:00");
    CHECK(bad(t, "9:30").code == "invalid_time");
    CHECK(bad(t, 930).code == "invalid_time");

    auto dur = field(FieldType::Duration);
    CHECK(int_of(ok(dur, 3600)[0]) == 3600);
    CHECK(bad(dur, -1).code == "invalid_duration");
    CHECK(bad(dur, 1.5).code == "invalid_duration");
    CHECK(bad(dur, "PT1H").code == "invalid_duration");
    dur.maximum = 60;
    CHECK(bad(dur, 61).code == "out_of_range");
}

TEST_CASE("enum: listed values only, with a hint") {
    auto f = field(FieldType::Enum, "status");
    f.values = {{"new", json::object(), ""}, {"in_progress", json::object(), ""}};
    CHECK(text_of(ok(f, "new")[0]) == "new");
    auto e = bad(f, "nwe");
    CHECK(e.code == "invalid_choice");
    CHECK(e.message == "'nwe' is not one of: new, in_progress (did you mean 'new'?)");
    CHECK(bad(f, "NEW' OR '1'='1").code == "invalid_choice");
    CHECK(bad(f, 1).code == "wrong_type");
}

TEST_CASE("references: positive ids; lists deduplicated and bounded") {
    for (auto type : {FieldType::Ref, FieldType::User, FieldType::File}) {
        auto f = field(type);
        CHECK(int_of(ok(f, 5)[0]) == 5);
        CHECK(bad(f, 0).code == "wrong_type");
        CHECK(bad(f, -1).code == "wrong_type");
        CHECK(bad(f, "5").code == "wrong_type");
        CHECK(bad(f, 1.5).code == "wrong_type");
    }
    for (auto type : {FieldType::Refs, FieldType::Files}) {
        auto f = field(type);
        std::vector<FieldError> errors;
        auto v = codec().decode(f, json{3, 1, 3}, "f", errors);
        REQUIRE(v);
        CHECK(v->links == std::vector<std::int64_t>{3, 1});
        CHECK(v->columns.empty());
        CHECK(ok(f, json::array()).empty());
        CHECK(bad(f, 3).code == "wrong_type");
        CHECK(bad(f, json{1, 0}).field == "f[1]");
        CHECK(bad(f, json{"1"}).field == "f[0]");
        CHECK(bad(f, json(std::vector<int>(1001, 1))).code == "too_many");
    }
}

TEST_CASE("phone: any common format becomes E.164, the original is kept") {
    auto f = field(FieldType::Phone, "phone");
    for (const char* written : {"8 (916) 123-45-67", "+7 916 1234567", "9161234567", "+7(916)123-45-67",
                                "8-916-123-45-67", "79161234567"}) {
        INFO(written);
        auto columns = ok(f, written);
        CHECK(text_of(columns[0]) == "+79161234567");
        CHECK(text_of(columns[1]) == written);
    }
    CHECK(text_of(ok(f, "+44 20 7946 0958")[0]) == "+442079460958");
    CHECK(text_of(ok(f, {{"raw", "8 916 123-45-67"}})[1]) == "8 916 123-45-67");
    CHECK(text_of(ok(f, {{"e164", "+79161234567"}})[0]) == "+79161234567");
    for (const char* garbage : {"garbage", "123", "+7 916", "8 (916) 123-45-67-89-01-23", "", "phone: none"}) {
        INFO(garbage);
        CHECK(bad(f, garbage).code == "invalid_phone");
    }
    CHECK(bad(f, std::string(100, '9')).code == "invalid_phone");
    CHECK(bad(f, 9161234567LL).code == "wrong_type");
    CHECK(bad(f, json::object()).code == "wrong_type");
    CHECK(encode(f, {SqlValue{std::string("+79161234567")}, SqlValue{std::string("8 916")}}) ==
          json{{"e164", "+79161234567"}, {"raw", "8 916"}});
}

TEST_CASE("email: checked and lower-cased") {
    auto f = field(FieldType::Email);
    CHECK(text_of(ok(f, "Ivan.Petrov@Example.RU")[0]) == "ivan.petrov@example.ru");
    for (const char* bad_email : {"ivan@", "ivan@example", "a b@example.ru", "@example.ru", "ivan@@example.ru"}) {
        INFO(bad_email);
        CHECK(bad(f, bad_email).code == "invalid_email");
    }
    CHECK(bad(f, std::string(250, 'a') + "@example.ru").code == "invalid_email");
    CHECK(bad(f, 5).code == "wrong_type");
}

TEST_CASE("json and autonumber") {
    auto j = field(FieldType::Json);
    CHECK(text_of(ok(j, {{"a", {1, 2}}})[0]) == R"({"a":[1,2]})");
    CHECK(text_of(ok(j, "x")[0]) == R"("x")");
    CHECK(bad(j, std::string(300000, 'x')).code == "too_long");
    CHECK(encode(j, {SqlValue{std::string(R"({"a":1})")}}) == json{{"a", 1}});
    CHECK(encode(j, {SqlValue{std::string("not json")}}) == json("not json"));

    // Autonumbers are text for filters; record input refuses them as computed fields.
    auto a = field(FieldType::Autonumber);
    CHECK(text_of(ok(a, "T-000000001")[0]) == "T-000000001");
    CHECK(bad(a, 1).code == "wrong_type");
}
