// SPDX-License-Identifier: Apache-2.0
#include "core/problem.hpp"

namespace orbita::kernel {

Problem::Problem(int status, std::string slug, std::string title, std::string detail,
                 std::vector<FieldError> errors, nlohmann::json extra)
    : std::runtime_error(detail),
      status_(status),
      slug_(std::move(slug)),
      title_(std::move(title)),
      detail_(std::move(detail)),
      errors_(std::move(errors)),
      extra_(std::move(extra)) {}

nlohmann::json Problem::to_json(const std::string& instance, const std::string& request_id) const {
    nlohmann::json doc = {
        {"type", "/problems/" + slug_},
        {"title", title_},
        {"status", status_},
        {"detail", detail_},
        {"instance", instance},
        {"request_id", request_id},
    };
    if (!errors_.empty()) {
        auto list = nlohmann::json::array();
        for (const auto& e : errors_) {
            list.push_back({{"field", e.field}, {"code", e.code}, {"message", e.message}});
        }
        doc["errors"] = std::move(list);
    }
    if (extra_.is_object()) {
        for (const auto& [key, value] : extra_.items()) doc[key] = value;
    }
    return doc;
}

Problem Problem::bad_request(std::string detail, std::vector<FieldError> errors) {
    return Problem(400, "bad-request", "Bad request", std::move(detail), std::move(errors));
}

Problem Problem::validation(std::vector<FieldError> errors) {
    std::string detail = errors.size() == 1 ? errors.front().field + ": " + errors.front().message
                                            : std::to_string(errors.size()) + " fields are invalid";
    return Problem(422, "validation-failed", "Validation failed", std::move(detail), std::move(errors));
}

Problem Problem::not_found(std::string detail) {
    return Problem(404, "not-found", "Not found", std::move(detail));
}

Problem Problem::conflict(std::string slug, std::string detail, nlohmann::json extra) {
    return Problem(409, std::move(slug), "Conflict", std::move(detail), {}, std::move(extra));
}

Problem Problem::payload_too_large(std::string detail) {
    return Problem(413, "payload-too-large", "Payload too large", std::move(detail));
}

Problem Problem::unsupported_media_type(std::string detail) {
    return Problem(415, "unsupported-media-type", "Unsupported media type", std::move(detail));
}

Problem Problem::forbidden(std::string detail) {
    return Problem(403, "forbidden", "Forbidden", std::move(detail));
}

Problem Problem::unauthorized(std::string detail) {
    return Problem(401, "unauthorized", "Unauthorized", std::move(detail));
}

Problem Problem::precondition_required(std::string detail) {
    return Problem(428, "precondition-required", "Precondition required", std::move(detail));
}

}  // namespace orbita::kernel
