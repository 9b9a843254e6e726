// SPDX-License-Identifier: Apache-2.0
// set_field, move_to_stage, create_record.
#include "automation/action_registry.hpp"
#include "automation/kernel_actions.hpp"
#include "automation/record_mover.hpp"
#include "records/record_repository.hpp"

namespace orbita::kernel::automation {

namespace {

nlohmann::json object_schema(nlohmann::json properties, nlohmann::json required) {
    return {{"type", "object"}, {"additionalProperties", false}, {"required", std::move(required)}, {"properties", std::move(properties)}};
}

const nlohmann::json kFields = {{"type", "object"}, {"minProperties", 1},
                                {"description", "Field values as in the records API; strings may hold {{record.field}} templates."}};

// [{field, old, new}] for the fields whose value changed.
nlohmann::json changes_between(const nlohmann::json& before, const nlohmann::json& after, const nlohmann::json& fields) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [name, _] : fields.items()) {
        const auto old_value = before.value(name, nlohmann::json());
        const auto new_value = after.value(name, nlohmann::json());
        if (old_value != new_value) out.push_back({{"field", name}, {"old", old_value}, {"new", new_value}});
    }
    return out;
}

}  // namespace

void add_record_actions(ActionRegistry& registry, records::RecordRepository& records, RecordMover& mover) {
    registry.add({.id = "set_field",
                  .description = "Set fields of the record",
                  .input_schema = object_schema({{"fields", kFields}}, {"fields"}),
                  .run = [&records](const nlohmann::json& input, ActionContext& ctx) -> nlohmann::json {
                      const auto& fields = input["fields"];
                      auto after = records.update(ctx.actor, ctx.type, ctx.record_id, fields, std::nullopt, true);
                      ctx.effects.add({{"kind", "record.updated"}, {"type", ctx.type}, {"id", ctx.record_id},
                                       {"changes", changes_between(ctx.record, after, fields)}});
                      return nullptr;
                  }});
    registry.add({.id = "move_to_stage",
                  .description = "Move the record to a stage (of another pipeline too)",
                  .input_schema = object_schema({{"stage", {{"type", "string"}}}, {"pipeline", {{"type", "string"}}}}, {"stage"}),
                  .run = [&mover](const nlohmann::json& input, ActionContext& ctx) -> nlohmann::json {
                      auto pipeline = input.contains("pipeline") ? std::optional<std::string>(input["pipeline"].get<std::string>()) : std::nullopt;
                      auto moved = mover.move(ctx.actor, ctx.type, ctx.record_id, input["stage"].get<std::string>(), pipeline);
                      ctx.effects.add(moved.effect(ctx.type));
                      return nullptr;
                  }});
    registry.add({.id = "create_record",
                  .description = "Create a record of any type, with values taken from this one",
                  .input_schema = object_schema({{"type", {{"type", "string"}}}, {"fields", kFields}}, {"type", "fields"}),
                  .run = [&records](const nlohmann::json& input, ActionContext& ctx) -> nlohmann::json {
                      const auto type = input["type"].get<std::string>();
                      auto created = records.create(ctx.actor, type, input["fields"]);
                      const auto id = created.value("id", std::int64_t{0});
                      ctx.effects.add({{"kind", "record.created"}, {"type", type}, {"id", id}, {"record", created}});
                      return {{"id", id}};
                  }});
}

}  // namespace orbita::kernel::automation
