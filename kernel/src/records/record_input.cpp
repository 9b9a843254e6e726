// SPDX-License-Identifier: Apache-2.0
#include "records/record_input.hpp"

#include "core/nearest_name.hpp"
#include "acl/access_profile.hpp"
#include "core/problem.hpp"

#include <set>

namespace orbita::kernel::records {

using entity::FieldDef;
using entity::FieldType;

namespace {

// Special defaults resolve at write time.
nlohmann::json resolve_default(const FieldDef& f, const Actor& actor, const Clock& clock) {
    const auto& d = *f.default_value;
    if (d.is_string()) {
        if (f.type == FieldType::DateTime && d == "now") return format_utc(clock.now());
        if (f.type == FieldType::Date && d == "today") return format_utc(clock.now()).substr(0, 10);
        if (f.type == FieldType::User && d == "current_user")
            return actor.user_id > 0 ? nlohmann::json(actor.user_id) : nlohmann::json(nullptr);
    }
    return d;
}

}  // namespace

RecordInput validate_record_input(const entity::EntityType& type, const nlohmann::json& body, InputMode mode,
                                  const entity::ValueCodec& codec, const Actor& actor, const Clock& clock) {
    if (!body.is_object()) throw Problem::bad_request("the request body must be a JSON object of field values");
    RecordInput input;
    std::vector<FieldError> errors;
    // Fields hidden from the actor behave exactly like fields that do not exist.
    auto hidden = [&](const FieldDef& f) {
        return actor.access && !actor.access->field_readable(type.name(), f.name);
    };
    std::vector<std::string> names;
    for (const auto& f : type.fields()) {
        if (!hidden(f)) names.push_back(f.name);
    }
    std::set<std::string> given;

    for (const auto& [key, value] : body.items()) {
        if (key == "version" && mode == InputMode::Update) {
            if (!value.is_number_integer()) {
                errors.push_back({key, "wrong_type", "must be the integer version the change is based on"});
            } else {
                input.version = value.get<std::int64_t>();
            }
            continue;
        }
        const FieldDef* f = type.field(key);
        if (!f || hidden(*f)) {
            errors.push_back({key, "unknown_field", "unknown field '" + key + "' of " + type.name() + did_you_mean(key, names)});
            continue;
        }
        if (f->system || f->computed) {
            errors.push_back({key, "read_only", "is maintained by the server and cannot be written"});
            continue;
        }
        if (f->readonly && mode == InputMode::Update) {
            errors.push_back({key, "read_only", "can be set only when the record is created"});
            continue;
        }
        if (value.is_null() && f->required) {
            errors.push_back({key, "required", "is required and cannot be empty"});
            continue;
        }
        given.insert(key);
        if (auto decoded = codec.decode(*f, value, key, errors)) input.writes.push_back({f, std::move(*decoded)});
    }

    if (mode == InputMode::Create) {
        for (const auto& f : type.fields()) {
            if (f.system || f.computed || given.count(f.name)) continue;
            if (f.default_value) {
                auto value = resolve_default(f, actor, clock);
                if (value.is_null() && f.required) {
                    errors.push_back({f.name, "required", "is required"});
                } else if (auto decoded = codec.decode(f, value, f.name, errors)) {
                    input.writes.push_back({&f, std::move(*decoded)});
                }
            } else if (f.required) {
                errors.push_back({f.name, "required", "is required"});
            }
        }
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    return input;
}

}  // namespace orbita::kernel::records
