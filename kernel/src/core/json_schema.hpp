// SPDX-License-Identifier: Apache-2.0
// JSON Schema (draft 7) validation with every error reported at once.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace orbita::kernel {

/// One schema violation: `path` is dotted ("http.port", "fields[2].type").
struct SchemaError {
    std::string path;
    std::string message;
};

/// A compiled JSON Schema. Validation lists every violation; unknown keys of objects
/// declared `additionalProperties: false` get a nearest-name hint ("did you mean").
class JsonSchema {
public:
    /// Compiles `schema`; throws std::invalid_argument if it is not a usable schema.
    explicit JsonSchema(nlohmann::json schema);
    ~JsonSchema();
    JsonSchema(JsonSchema&&) noexcept;
    JsonSchema& operator=(JsonSchema&&) noexcept;

    /// Loads and compiles a schema file; throws std::runtime_error naming the file.
    static JsonSchema from_file(const std::string& path);

    /// Every violation of `document`, empty when valid.
    std::vector<SchemaError> validate(const nlohmann::json& document) const;
    const nlohmann::json& document() const { return schema_; }

private:
    struct Compiled;
    nlohmann::json schema_;
    std::unique_ptr<Compiled> compiled_;
};

/// "path: message" lines, one per error.
std::string format_schema_errors(const std::vector<SchemaError>& errors, const std::string& prefix = "");

}  // namespace orbita::kernel
