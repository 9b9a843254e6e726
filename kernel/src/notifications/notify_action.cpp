// SPDX-License-Identifier: Apache-2.0
#include "notifications/notify_action.hpp"

#include "auth/user_directory.hpp"
#include "core/problem.hpp"
#include "notifications/notifier.hpp"

#include <algorithm>

namespace orbita::kernel::notifications {

namespace {

const std::vector<std::string> kParams = {"user", "users", "text", "title", "link", "source"};

std::optional<RecordLink> link_param(const nlohmann::json& params, const std::optional<lua::RecordRef>& record,
                                     std::vector<FieldError>& errors) {
    if (!params.contains("link")) return record ? std::optional<RecordLink>(RecordLink{record->type, record->id}) : std::nullopt;
    const auto& link = params["link"];
    if (link.is_null()) return std::nullopt;
    if (!link.is_object() || !link.contains("type") || !link["type"].is_string() || !link.contains("id") ||
        !link["id"].is_number_integer() || link["id"].get<std::int64_t>() <= 0) {
        errors.push_back({"link", "invalid_value", "link must be {\"type\": \"deal\", \"id\": 7} or null"});
        return std::nullopt;
    }
    return RecordLink{link["type"].get<std::string>(), link["id"].get<std::int64_t>()};
}

std::string text_param(const nlohmann::json& params, const char* name, bool required, std::vector<FieldError>& errors) {
    if (!params.contains(name) || params[name].is_null()) {
        if (required) errors.push_back({name, "required", std::string(name) + " is required"});
        return {};
    }
    if (!params[name].is_string()) {
        errors.push_back({name, "invalid_type", std::string(name) + " must be a string"});
        return {};
    }
    return params[name].get<std::string>();
}

}  // namespace

nlohmann::json NotifyAction::run(const nlohmann::json& params, const Actor&, const std::optional<lua::RecordRef>& record,
                                 storage::Transaction& tx, bool dry_run, std::vector<std::int64_t>* created) {
    if (!params.is_object()) throw Problem::validation({{"params", "invalid_type", "notify parameters are an object"}});
    std::vector<FieldError> errors;
    for (const auto& [key, value] : params.items()) {
        if (std::find(kParams.begin(), kParams.end(), key) == kParams.end())
            errors.push_back({key, "unknown_parameter", "notify takes user or users, text, title, link and source"});
    }
    nlohmann::json refs = nlohmann::json::array();
    if (params.contains("user") == params.contains("users")) {
        errors.push_back({"user", "required", "name the recipient with user, or several with users"});
    } else if (params.contains("user")) {
        refs.push_back(params["user"]);
    } else if (!params["users"].is_array() || params["users"].empty() || params["users"].size() > kMaxRecipients) {
        errors.push_back({"users", "invalid_value", "users must be a list of 1 to 100 user ids or logins"});
    } else {
        refs = params["users"];
    }
    NotificationMessage message;
    message.body = text_param(params, "text", true, errors);
    message.title = text_param(params, "title", false, errors);
    message.link = link_param(params, record, errors);
    message.source = text_param(params, "source", false, errors);
    if (message.source.empty()) message.source = "robot";
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    Notifier::validate(message);

    nlohmann::json recipients = nlohmann::json::array();
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const auto user = users_.actor(refs[i], params.contains("user") ? "user" : "users[" + std::to_string(i) + "]");
        recipients.push_back({{"id", user.user_id}, {"login", user.login}});
        if (dry_run) continue;
        const auto n = notifier_.notify(tx, user.user_id, message);
        if (created) created->push_back(n.id);
    }
    nlohmann::json link = nullptr;
    if (message.link) link = {{"type", message.link->type}, {"id", message.link->id}};
    return {{"kind", "notification"}, {"recipients", std::move(recipients)}, {"title", message.title},
            {"text", message.body}, {"link", std::move(link)}};
}

}  // namespace orbita::kernel::notifications
