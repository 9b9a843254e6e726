// SPDX-License-Identifier: Apache-2.0
// send_email and call_webhook through the transactional outbox.
#include "automation/action_registry.hpp"
#include "automation/kernel_actions.hpp"
#include "outbox/outbox.hpp"

#include <stdexcept>

namespace orbita::kernel::automation {

namespace {

// "a@x.ru" or ["a@x.ru", "b@x.ru"] -> the non-empty addresses.
nlohmann::json recipients(const nlohmann::json& to) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : to.is_array() ? to : nlohmann::json::array({to})) {
        if (a.is_string() && !a.get<std::string>().empty()) out.push_back(a);
    }
    if (out.empty()) throw std::invalid_argument("no recipient: 'to' is empty for this record");
    return out;
}

}  // namespace

void add_message_actions(ActionRegistry& registry, outbox::Outbox& outbox) {
    registry.add({.id = "send_email",
                  .description = "Send an e-mail (subject and text may use templates) through the outbox",
                  .input_schema = {{"type", "object"},
                                   {"additionalProperties", false},
                                   {"required", {"to", "subject", "text"}},
                                   {"properties",
                                    {{"to", {{"type", {"string", "array"}}, {"items", {{"type", "string"}}},
                                             {"description", "Address(es); e.g. {{record.email}}"}}},
                                     {"subject", {{"type", "string"}}},
                                     {"text", {{"type", "string"}}},
                                     {"from", {{"type", "string"}}}}}},
                  .run = [&outbox](const nlohmann::json& input, ActionContext& ctx) -> nlohmann::json {
                      nlohmann::json payload = {{"to", recipients(input["to"])}, {"subject", input["subject"]}, {"text", input["text"]}};
                      if (input.contains("from")) payload["from"] = input["from"];
                      const auto sent = outbox.enqueue(ctx.tx, "email", payload, ctx.run_key + ":email");
                      ctx.effects.add({{"kind", "outbox.message"}, {"channel", "email"}, {"id", sent.id},
                                       {"to", payload["to"]}, {"subject", payload["subject"]}});
                      return nullptr;
                  }});
    registry.add({.id = "call_webhook",
                  .description = "POST to a configured webhook target (outbox.webhooks.targets) through the outbox",
                  .input_schema = {{"type", "object"},
                                   {"additionalProperties", false},
                                   {"required", {"target"}},
                                   {"properties",
                                    {{"target", {{"type", "string"}, {"description", "A target name from outbox.webhooks.targets"}}},
                                     {"body", {{"type", "object"}, {"description", "Default: {event, type, id, record}"}}}}}},
                  .run = [&outbox](const nlohmann::json& input, ActionContext& ctx) -> nlohmann::json {
                      nlohmann::json body = input.contains("body") ? input["body"]
                                                                   : nlohmann::json{{"event", "robot"}, {"type", ctx.type},
                                                                                    {"id", ctx.record_id}, {"record", ctx.record}};
                      const auto sent = outbox.enqueue(ctx.tx, "webhook", {{"target", input["target"]}, {"body", body}},
                                                       ctx.run_key + ":webhook");
                      ctx.effects.add({{"kind", "outbox.message"}, {"channel", "webhook"}, {"id", sent.id}, {"target", input["target"]}});
                      return nullptr;
                  }});
}

}  // namespace orbita::kernel::automation
