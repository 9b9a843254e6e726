// SPDX-License-Identifier: Apache-2.0
#include "entity/entity_type_parser.hpp"

#include "core/nearest_name.hpp"

#include <fstream>
#include <regex>
#include <set>

namespace orbita::kernel::entity {

namespace {

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
    return out;
}

// Which declaration keys make sense for which type: a key given to the wrong type is a
// mistake worth reporting (e.g. "values" on a string field).
bool key_applies(const std::string& key, FieldType t) {
    if (key == "scale") return t == FieldType::Decimal;
    if (key == "currency") return t == FieldType::Money;
    if (key == "target") return t == FieldType::Ref || t == FieldType::Refs;
    if (key == "values") return t == FieldType::Enum;
    if (key == "max_length") return t == FieldType::String || t == FieldType::Text;
    if (key == "min" || key == "max")
        return t == FieldType::Int || t == FieldType::Decimal || t == FieldType::Money || t == FieldType::Duration;
    if (key == "prefix" || key == "pad" || key == "scope") return t == FieldType::Autonumber;
    return true;
}

// "a string field", "an int field".
std::string a_field(FieldType t) {
    const std::string name(to_string(t));
    return (std::string("aeiou").find(name.front()) == std::string::npos ? "a " : "an ") + name + " field";
}

const std::set<std::string> kRoleNames = {"owner", "department", "stage", "pipeline", "amount", "date"};

}  // namespace

DeclarationError::DeclarationError(std::vector<std::string> errors)
    : std::runtime_error(join(errors)), errors_(std::move(errors)) {}

bool is_reserved_type_name(const std::string& name) {
    static const std::set<std::string> reserved = {
        "schema_migrations", "record_history", "autonumber_counters", "entity_custom_fields", "files",
        "jobs", "outbox", "audit_log", "sessions", "api_tokens", "roles", "permissions", "role_permissions",
        "user_roles", "user_overrides", "notifications", "scripts", "script_versions", "script_runs",
        "constants", "pipelines", "stages", "robots", "triggers", "processes", "process_instances",
        "calendar", "plugins", "types", "records", "admin", "auth", "health", "metrics"};
    return reserved.count(name) > 0;
}

std::optional<FieldDef> EntityTypeParser::parse_field(const nlohmann::json& j, const std::string& path,
                                                      std::vector<std::string>& errors) const {
    const std::size_t before = errors.size();
    FieldDef f;
    f.declaration = j;
    f.name = j.at("name").get<std::string>();
    f.type = *parse_field_type(j.at("type").get<std::string>());
    f.label = j.at("label");
    f.description = j.value("description", "");
    f.required = j.value("required", false);
    f.unique = j.value("unique", false);
    f.indexed = j.value("indexed", false) || f.unique;
    f.readonly = j.value("readonly", false);
    f.computed = j.value("computed", false);
    f.scale = j.value("scale", 2);
    f.currency = j.value("currency", "RUB");
    f.target = j.value("target", "");
    f.prefix = j.value("prefix", "");
    f.pad = j.value("pad", 0);
    f.scope_field = j.value("scope", "");
    if (j.contains("max_length")) f.max_length = j["max_length"].get<std::int64_t>();
    if (j.contains("min")) f.minimum = j["min"].get<double>();
    if (j.contains("max")) f.maximum = j["max"].get<double>();

    for (const auto& [key, value] : j.items()) {
        if (!key_applies(key, f.type))
            errors.push_back(path + "." + key + ": does not apply to " + a_field(f.type));
    }
    if (f.type == FieldType::Enum) {
        if (!j.contains("values")) errors.push_back(path + ": an enum field needs 'values'");
        std::set<std::string> seen;
        for (const auto& v : j.value("values", nlohmann::json::array())) {
            EnumValue e{v.at("value").get<std::string>(), v.at("label"), v.value("color", "")};
            if (!seen.insert(e.value).second) errors.push_back(path + ".values: '" + e.value + "' is listed twice");
            f.values.push_back(std::move(e));
        }
    }
    if ((f.type == FieldType::Ref || f.type == FieldType::Refs) && f.target.empty())
        errors.push_back(path + ": a " + std::string(to_string(f.type)) + " field needs a 'target' entity type");
    if (f.unique && (is_multi_valued(f.type) || f.type == FieldType::Json || f.type == FieldType::Text ||
                     f.type == FieldType::Bool))
        errors.push_back(path + ".unique: a " + std::string(to_string(f.type)) + " field cannot be unique");
    if (f.indexed && (is_multi_valued(f.type) || f.type == FieldType::Json || f.type == FieldType::Text))
        errors.push_back(path + ".indexed: a " + std::string(to_string(f.type)) +
                         " field cannot be indexed (use search for text)");
    if (f.computed && f.required)
        errors.push_back(path + ": a computed field cannot be required (the API never writes it)");
    if (f.minimum && f.maximum && *f.minimum > *f.maximum) errors.push_back(path + ": min is greater than max");
    if (f.type == FieldType::Autonumber) {
        f.computed = true;
        f.indexed = true;
    }
    if (j.contains("default")) {
        const auto& d = j["default"];
        const bool special = d.is_string() && ((f.type == FieldType::DateTime && d == "now") ||
                                               (f.type == FieldType::Date && d == "today") ||
                                               (f.type == FieldType::User && d == "current_user"));
        if (f.type == FieldType::Autonumber) {
            errors.push_back(path + ".default: an autonumber field takes no default");
        } else if (!special) {
            std::vector<FieldError> value_errors;
            if (!codec_.decode(f, d, path + ".default", value_errors)) {
                for (const auto& e : value_errors) errors.push_back(e.field + ": " + e.message);
            }
        }
        f.default_value = d;
    }
    if (errors.size() != before) return std::nullopt;
    return f;
}

void EntityTypeParser::check_type_rules(const EntityType& type, const std::string& source,
                                        std::vector<std::string>& errors) const {
    // Every physical column must be unique: "price" (money) also owns "price_currency".
    std::set<std::string> columns;
    for (const auto& f : type.fields()) {
        for (const auto& c : columns_of(f.name, f.type)) {
            if (!columns.insert(c.name).second)
                errors.push_back(source + ": field '" + f.name + "' needs column '" + c.name +
                                 "', which another field already uses");
        }
    }
    const auto names = type.field_names();
    auto require_field = [&](const std::string& where, const std::string& name) -> const FieldDef* {
        const FieldDef* f = type.field(name);
        if (!f) errors.push_back(source + ": " + where + ": unknown field '" + name + "'" + did_you_mean(name, names));
        return f;
    };
    for (const auto& f : type.fields()) {
        if (f.type == FieldType::Autonumber && !f.scope_field.empty()) {
            const FieldDef* scope = require_field("fields." + f.name + ".scope", f.scope_field);
            if (scope && !is_reference(scope->type))
                errors.push_back(source + ": fields." + f.name + ".scope: '" + f.scope_field +
                                 "' must be a ref or user field");
        }
    }
    for (const auto& idx : type.indexes) {
        for (const auto& name : idx.fields) {
            const FieldDef* f = require_field("indexes." + idx.name, name);
            if (f && columns_of(f->name, f->type).empty())
                errors.push_back(source + ": indexes." + idx.name + ": '" + name + "' is many-valued and cannot be indexed");
        }
    }
    for (const auto& name : type.search_fields) {
        const FieldDef* f = require_field("search", name);
        if (f && !is_textual(f->type))
            errors.push_back(source + ": search: '" + name + "' is not a text field");
    }
    for (const auto& name : type.list_columns) require_field("list_columns", name);
    static const std::regex placeholder(R"(\{([a-z0-9_]+)\})");
    for (auto it = std::sregex_iterator(type.title_template.begin(), type.title_template.end(), placeholder);
         it != std::sregex_iterator(); ++it) {
        require_field("title", (*it)[1].str());
    }
    for (const auto& [role, name] : type.roles) {
        const FieldDef* f = require_field("roles." + role, name);
        if (!f) continue;
        bool ok = true;
        if (role == "owner") ok = f->type == FieldType::User;
        if (role == "department") ok = f->type == FieldType::Ref && f->target == "department";
        if (role == "amount") ok = f->type == FieldType::Money || f->type == FieldType::Decimal || f->type == FieldType::Int;
        if (role == "date") ok = f->type == FieldType::Date || f->type == FieldType::DateTime;
        // Stages and pipelines are administered at run time, so their fields hold the
        // stage and pipeline keys as text (see kernel/src/automation/README.md).
        if (role == "stage" || role == "pipeline") ok = f->type == FieldType::String;
        if (!ok) errors.push_back(source + ": roles." + role + ": field '" + name + "' has the wrong type for this role");
    }
}

EntityTypePtr EntityTypeParser::parse(const nlohmann::json& declaration, const std::string& source) const {
    std::vector<std::string> errors;
    for (const auto& e : schema_.validate(declaration)) errors.push_back(source + ": " + e.path + ": " + e.message);
    if (!errors.empty()) throw DeclarationError(errors);

    const std::string name = declaration["name"].get<std::string>();
    if (is_reserved_type_name(name)) errors.push_back(source + ": name: '" + name + "' is reserved by the kernel");

    std::vector<FieldDef> fields;
    std::set<std::string> seen;
    const auto& system = system_field_names();
    const auto& declared = declaration["fields"];
    for (std::size_t i = 0; i < declared.size(); ++i) {
        const std::string path = source + ": fields[" + std::to_string(i) + "]";
        const std::string field_name = declared[i]["name"].get<std::string>();
        if (std::find(system.begin(), system.end(), field_name) != system.end()) {
            errors.push_back(path + ".name: '" + field_name + "' is a system field and is added by the kernel");
            continue;
        }
        if (!seen.insert(field_name).second) {
            errors.push_back(path + ".name: '" + field_name + "' is declared twice");
            continue;
        }
        if (auto f = parse_field(declared[i], path, errors)) fields.push_back(std::move(*f));
    }
    auto type = std::make_shared<EntityType>(name, std::move(fields));
    type->label = declaration["label"];
    type->plural = declaration.value("plural", declaration["label"]);
    type->description = declaration.value("description", "");
    type->title_template = declaration.value("title", "");
    type->search_fields = declaration.value("search", std::vector<std::string>{});
    type->list_columns = declaration.value("list_columns", std::vector<std::string>{});
    const auto roles = declaration.value("roles", nlohmann::json::object());
    for (const auto& [role, field] : roles.items()) {
        type->roles[role] = field.get<std::string>();
    }
    for (const auto& idx : declaration.value("indexes", nlohmann::json::array())) {
        IndexDef def;
        def.fields = idx["fields"].get<std::vector<std::string>>();
        def.unique = idx.value("unique", false);
        std::string derived = name;
        for (const auto& f : def.fields) derived += "_" + f;
        def.name = idx.value("name", derived + "_idx");
        type->indexes.push_back(std::move(def));
    }
    check_type_rules(*type, source, errors);
    if (!errors.empty()) throw DeclarationError(errors);
    return type;
}

EntityTypePtr EntityTypeParser::parse_file(const std::string& path) const {
    std::ifstream in(path);
    if (!in) throw DeclarationError({path + ": cannot be read"});
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) throw DeclarationError({path + ": is not valid JSON"});
    auto slash = path.find_last_of('/');
    return parse(doc, slash == std::string::npos ? path : path.substr(slash + 1));
}

std::optional<FieldDef> EntityTypeParser::parse_custom_field(const EntityType& type, const nlohmann::json& declaration,
                                                             std::vector<std::string>& errors) const {
    const std::size_t before = errors.size();
    // Validate the field against the field definition of the entity schema.
    nlohmann::json wrapper = {{"name", "custom_field_check"},
                              {"label", {{"ru", "x"}, {"en", "x"}}},
                              {"fields", nlohmann::json::array({declaration})}};
    for (const auto& e : schema_.validate(wrapper)) {
        std::string path = e.path;
        const std::string prefix = "fields[0]";
        if (path.rfind(prefix, 0) == 0) path = path.substr(prefix.size());
        if (!path.empty() && path.front() == '.') path = path.substr(1);
        errors.push_back((path.empty() ? std::string("(field)") : path) + ": " + e.message);
    }
    if (errors.size() != before) return std::nullopt;
    const std::string name = declaration["name"].get<std::string>();
    const auto& system = system_field_names();
    if (std::find(system.begin(), system.end(), name) != system.end()) {
        errors.push_back("name: '" + name + "' is a system field");
    } else if (type.field(name)) {
        errors.push_back("name: the type already has a field named '" + name + "'");
    }
    auto field = parse_field(declaration, "field", errors);
    if (!field) return std::nullopt;
    for (const auto& f : type.fields()) {
        for (const auto& existing : columns_of(f.name, f.type)) {
            for (const auto& added : columns_of(field->name, field->type)) {
                if (existing.name == added.name)
                    errors.push_back("name: column '" + added.name + "' is already used by field '" + f.name + "'");
            }
        }
    }
    if (field->type == FieldType::Autonumber && !field->scope_field.empty()) {
        const FieldDef* scope = type.field(field->scope_field);
        if (!scope || !is_reference(scope->type)) errors.push_back("scope: must name a ref or user field of the type");
    }
    if (errors.size() != before) return std::nullopt;
    field->custom = true;
    return field;
}

}  // namespace orbita::kernel::entity
