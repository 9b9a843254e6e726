// SPDX-License-Identifier: Apache-2.0
#include "core/json_schema.hpp"

#include "core/nearest_name.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <stdexcept>

namespace orbita::kernel {

struct JsonSchema::Compiled {
    valijson::Schema schema;
};

namespace {

// "<root>", "[http]", "[port]", "[2]" -> "http.port[2]"
std::string path_of(const std::vector<std::string>& context) {
    std::string path;
    for (const auto& part : context) {
        if (part == "<root>") continue;
        if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
            std::string inner = part.substr(1, part.size() - 2);
            bool numeric = !inner.empty() && inner.find_first_not_of("0123456789") == std::string::npos;
            if (numeric) {
                path += "[" + inner + "]";
            } else {
                if (!path.empty()) path += '.';
                path += inner;
            }
        } else {
            if (!path.empty()) path += '.';
            path += part;
        }
    }
    return path.empty() ? "(document)" : path;
}

// Follows a local "$ref" ("#/definitions/x" or "#/$defs/x").
const nlohmann::json& resolve(const nlohmann::json& root, const nlohmann::json& node) {
    if (node.is_object() && node.contains("$ref") && node["$ref"].is_string()) {
        std::string ref = node["$ref"];
        if (ref.rfind("#", 0) == 0) {
            try {
                return root.at(nlohmann::json::json_pointer(ref.substr(1)));
            } catch (const std::exception&) {
                return node;
            }
        }
    }
    return node;
}

// A value as shown in a message, cut short.
std::string shown(const nlohmann::json& value) {
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    return text.size() > 64 ? text.substr(0, 64) + "..." : text;
}

// Reports unknown keys and values outside an enum, with hints; valijson's own messages
// for them name neither the allowed values nor the nearest one.
void unknown_keys(const nlohmann::json& root, const nlohmann::json& schema_node, const nlohmann::json& doc,
                  const std::string& path, std::vector<SchemaError>& out) {
    const nlohmann::json& schema = resolve(root, schema_node);
    if (!schema.is_object()) return;
    if (schema.contains("enum") && schema["enum"].is_array()) {
        const auto& values = schema["enum"];
        if (std::find(values.begin(), values.end(), doc) == values.end()) {
            std::vector<std::string> names;
            std::string list;
            for (const auto& v : values) {
                names.push_back(shown(v));
                list += (list.empty() ? "" : ", ") + names.back();
            }
            out.push_back({path.empty() ? "(document)" : path,
                           "'" + shown(doc) + "' is not one of: " + list +
                               (doc.is_string() ? did_you_mean(doc.get<std::string>(), names) : "")});
        }
    }
    if (doc.is_object() && schema.contains("properties")) {
        const auto& props = schema["properties"];
        std::vector<std::string> names;
        for (const auto& [k, v] : props.items()) names.push_back(k);
        const bool closed = schema.contains("additionalProperties") && schema["additionalProperties"] == false;
        for (const auto& [key, value] : doc.items()) {
            std::string child = path.empty() ? key : path + "." + key;
            if (props.contains(key)) {
                unknown_keys(root, props[key], value, child, out);
            } else if (closed) {
                out.push_back({child, "unknown key '" + key + "'" + did_you_mean(key, names)});
            } else if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()) {
                unknown_keys(root, schema["additionalProperties"], value, child, out);
            }
        }
    } else if (doc.is_object() && schema.contains("additionalProperties") &&
               schema["additionalProperties"].is_object()) {
        for (const auto& [key, value] : doc.items()) {
            unknown_keys(root, schema["additionalProperties"], value, path.empty() ? key : path + "." + key, out);
        }
    }
    if (doc.is_array() && schema.contains("items") && schema["items"].is_object()) {
        for (std::size_t i = 0; i < doc.size(); ++i) {
            unknown_keys(root, schema["items"], doc[i], path + "[" + std::to_string(i) + "]", out);
        }
    }
}

bool is_wrapper_message(const std::string& description) {
    // valijson reports each failing leaf and then every enclosing schema again.
    static const char* kWrappers[] = {
        "Failed to validate against schema associated with property name",
        "Failed to validate item #",
        "Failed to validate against child schema",
        "could not be validated using 'properties' or 'additionalProperties'",
        "Failed to validate against additional properties schema",
        "Failed to match against any enum values",
        "Failed to validate against schema",
    };
    for (const char* w : kWrappers) {
        if (description.find(w) != std::string::npos && description.find("enum") == std::string::npos) return true;
    }
    return false;
}

}  // namespace

JsonSchema::JsonSchema(nlohmann::json schema) : schema_(std::move(schema)), compiled_(std::make_unique<Compiled>()) {
    try {
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(schema_);
        parser.populateSchema(adapter, compiled_->schema);
    } catch (const std::exception& e) {
        throw std::invalid_argument(std::string("invalid JSON schema: ") + e.what());
    }
}

JsonSchema::~JsonSchema() = default;
JsonSchema::JsonSchema(JsonSchema&&) noexcept = default;
JsonSchema& JsonSchema::operator=(JsonSchema&&) noexcept = default;

JsonSchema JsonSchema::from_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read schema file " + path);
    try {
        return JsonSchema(nlohmann::json::parse(in));
    } catch (const std::exception& e) {
        throw std::runtime_error("schema file " + path + ": " + e.what());
    }
}

std::vector<SchemaError> JsonSchema::validate(const nlohmann::json& document) const {
    std::vector<SchemaError> errors;
    unknown_keys(schema_, schema_, document, "", errors);
    std::set<std::string> hinted;
    for (const auto& e : errors) hinted.insert(e.path);

    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(document);
    if (!validator.validate(compiled_->schema, target, &results)) {
        std::set<std::string> seen;
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            if (is_wrapper_message(error.description)) continue;
            std::string path = path_of(error.context);
            // Already reported above with the allowed values.
            if (error.description.find("any enum values") != std::string::npos && hinted.count(path)) continue;
            if (!seen.insert(path + "\n" + error.description).second) continue;
            errors.push_back({path, error.description});
        }
        if (errors.empty()) errors.push_back({"(document)", "does not match the schema"});
    }
    return errors;
}

std::string format_schema_errors(const std::vector<SchemaError>& errors, const std::string& prefix) {
    std::string out;
    for (const auto& e : errors) out += prefix + e.path + ": " + e.message + "\n";
    return out;
}

}  // namespace orbita::kernel
