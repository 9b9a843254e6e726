// SPDX-License-Identifier: Apache-2.0
#include "entity/entity_type.hpp"

namespace orbita::kernel::entity {

namespace {

FieldDef system_field(const char* name, FieldType type, const char* ru, const char* en) {
    FieldDef f;
    f.name = name;
    f.type = type;
    f.system = true;
    f.computed = true;
    f.indexed = true;
    f.label = {{"ru", ru}, {"en", en}};
    return f;
}

std::vector<FieldDef> make_system_fields() {
    return {
        system_field("id", FieldType::Int, "ID", "ID"),
        system_field("version", FieldType::Int, "Версия", "Version"),
        system_field("created_at", FieldType::DateTime, "Создано", "Created at"),
        system_field("created_by", FieldType::User, "Создал", "Created by"),
        system_field("updated_at", FieldType::DateTime, "Изменено", "Updated at"),
        system_field("updated_by", FieldType::User, "Изменил", "Updated by"),
        system_field("archived_at", FieldType::DateTime, "В архиве с", "Archived at"),
    };
}

}  // namespace

const std::vector<std::string>& system_field_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& f : make_system_fields()) out.push_back(f.name);
        return out;
    }();
    return names;
}

EntityType::EntityType(std::string name, std::vector<FieldDef> declared_fields) : name_(std::move(name)) {
    fields_ = make_system_fields();
    for (auto& f : declared_fields) fields_.push_back(std::move(f));
    index_fields();
}

void EntityType::index_fields() {
    by_name_.clear();
    for (std::size_t i = 0; i < fields_.size(); ++i) by_name_[fields_[i].name] = i;
}

const FieldDef* EntityType::field(std::string_view name) const {
    auto it = by_name_.find(std::string(name));
    return it == by_name_.end() ? nullptr : &fields_[it->second];
}

std::vector<std::string> EntityType::field_names() const {
    std::vector<std::string> names;
    names.reserve(fields_.size());
    for (const auto& f : fields_) names.push_back(f.name);
    return names;
}

std::shared_ptr<EntityType> EntityType::with_field(FieldDef field) const {
    auto copy = std::make_shared<EntityType>(*this);
    copy->fields_.push_back(std::move(field));
    copy->index_fields();
    return copy;
}

nlohmann::json EntityType::field_to_json(const FieldDef& f) {
    nlohmann::json j = {{"name", f.name},         {"type", to_string(f.type)}, {"label", f.label},
                        {"required", f.required}, {"unique", f.unique},        {"indexed", f.indexed},
                        {"readonly", f.readonly}, {"computed", f.computed},    {"system", f.system},
                        {"custom", f.custom}};
    if (!f.description.empty()) j["description"] = f.description;
    if (f.default_value) j["default"] = *f.default_value;
    switch (f.type) {
        case FieldType::Decimal: j["scale"] = f.scale; break;
        case FieldType::Money: j["currency"] = f.currency; break;
        case FieldType::Ref:
        case FieldType::Refs: j["target"] = f.target; break;
        case FieldType::User: j["target"] = "user"; break;
        case FieldType::Enum: {
            auto values = nlohmann::json::array();
            for (const auto& v : f.values) {
                nlohmann::json e = {{"value", v.value}, {"label", v.label}};
                if (!v.color.empty()) e["color"] = v.color;
                values.push_back(std::move(e));
            }
            j["values"] = std::move(values);
            break;
        }
        case FieldType::Autonumber:
            j["prefix"] = f.prefix;
            j["pad"] = f.pad;
            if (!f.scope_field.empty()) j["scope"] = f.scope_field;
            break;
        default: break;
    }
    if (f.max_length) j["max_length"] = *f.max_length;
    if (f.minimum) j["min"] = *f.minimum;
    if (f.maximum) j["max"] = *f.maximum;
    return j;
}

nlohmann::json EntityType::to_json() const {
    auto fields = nlohmann::json::array();
    for (const auto& f : fields_) fields.push_back(field_to_json(f));
    auto indexes_json = nlohmann::json::array();
    for (const auto& idx : indexes) {
        indexes_json.push_back({{"name", idx.name}, {"fields", idx.fields}, {"unique", idx.unique}});
    }
    nlohmann::json j = {{"name", name_},
                        {"label", label},
                        {"plural", plural},
                        {"owner", owner},
                        {"fields", std::move(fields)},
                        {"indexes", std::move(indexes_json)},
                        {"title", title_template},
                        {"search", search_fields},
                        {"list_columns", list_columns},
                        {"roles", roles}};
    if (!description.empty()) j["description"] = description;
    return j;
}

}  // namespace orbita::kernel::entity
