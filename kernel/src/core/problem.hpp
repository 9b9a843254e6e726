// SPDX-License-Identifier: Apache-2.0
// Expected failures that reach an API caller, shaped as RFC 9457 problem details.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace orbita::kernel {

/// One invalid input value: where it was (a field name or a JSON pointer-like path),
/// a stable machine code the UI can translate, and an English message.
struct FieldError {
    std::string field;
    std::string code;
    std::string message;
};

/// A failure the caller can act on. Thrown by the data layer and turned into an
/// `application/problem+json` answer by the HTTP layer; never used for bugs.
class Problem : public std::runtime_error {
public:
    Problem(int status, std::string slug, std::string title, std::string detail,
            std::vector<FieldError> errors = {}, nlohmann::json extra = nlohmann::json::object());

    int status() const { return status_; }
    const std::string& slug() const { return slug_; }
    const std::string& title() const { return title_; }
    const std::string& detail() const { return detail_; }
    const std::vector<FieldError>& errors() const { return errors_; }
    const nlohmann::json& extra() const { return extra_; }

    /// The problem document; `instance` is the request path, `request_id` the log key.
    nlohmann::json to_json(const std::string& instance, const std::string& request_id) const;

    static Problem bad_request(std::string detail, std::vector<FieldError> errors = {});
    static Problem validation(std::vector<FieldError> errors);
    static Problem not_found(std::string detail);
    static Problem conflict(std::string slug, std::string detail, nlohmann::json extra = nlohmann::json::object());
    static Problem payload_too_large(std::string detail);
    static Problem unsupported_media_type(std::string detail);
    static Problem forbidden(std::string detail);
    static Problem unauthorized(std::string detail);
    static Problem precondition_required(std::string detail);

private:
    int status_;
    std::string slug_;
    std::string title_;
    std::string detail_;
    std::vector<FieldError> errors_;
    nlohmann::json extra_;
};

}  // namespace orbita::kernel
