// SPDX-License-Identifier: Apache-2.0
#include "automation/plugin_actions.hpp"

#include "automation/action_registry.hpp"
#include "plugins/plugin_host.hpp"
#include "plugins/sdk_records.hpp"

#include <stdexcept>

namespace orbita::kernel::automation {

namespace {

/// sdk::Records as the run-as user that also reports each successful write.
class RecordingRecords final : public sdk::Records {
public:
    RecordingRecords(records::RecordRepository& repo, const Actor& actor, EffectSink& effects) : inner_(repo, actor), effects_(effects) {}

    sdk::Result<nlohmann::json> get(const std::string& type, std::int64_t id) override { return inner_.get(type, id); }
    sdk::Result<nlohmann::json> list(const std::string& type, const nlohmann::json& query) override { return inner_.list(type, query); }
    sdk::Result<nlohmann::json> create(const std::string& type, const nlohmann::json& fields) override {
        auto r = inner_.create(type, fields);
        if (r.ok()) effects_.add({{"kind", "record.created"}, {"type", type}, {"id", r.value().value("id", std::int64_t{0})}, {"record", r.value()}});
        return r;
    }
    sdk::Result<nlohmann::json> update(const std::string& type, std::int64_t id, const nlohmann::json& fields,
                                       std::int64_t version) override {
        auto r = inner_.update(type, id, fields, version);
        if (r.ok()) effects_.add({{"kind", "record.updated"}, {"type", type}, {"id", id}, {"fields", fields}});
        return r;
    }
    sdk::Result<nlohmann::json> archive(const std::string& type, std::int64_t id) override {
        auto r = inner_.archive(type, id);
        if (r.ok()) effects_.add({{"kind", "record.archived"}, {"type", type}, {"id", id}});
        return r;
    }
    sdk::Result<void> transaction(const std::function<sdk::Result<void>()>& work) override { return inner_.transaction(work); }

private:
    plugins::SdkRecords inner_;
    EffectSink& effects_;
};

}  // namespace

void adopt_plugin_actions(ActionRegistry& registry, plugins::PluginHost& host, records::RecordRepository& records) {
    for (const auto& owned : host.catalog().actions()) {
        const auto id = owned.item.id;
        registry.add({.id = id,
                      .description = owned.item.description,
                      .input_schema = owned.item.input_schema,
                      .run = [&host, &records, id](const nlohmann::json& input, ActionContext& ctx) -> nlohmann::json {
                          RecordingRecords access(records, ctx.actor, ctx.effects);
                          auto result = host.run_action(id, input, ctx.actor, access);
                          if (!result.ok()) throw std::runtime_error(id + ": " + result.error().code + ": " + result.error().message);
                          return result.value();
                      },
                      .owner = owned.owner});
    }
}

}  // namespace orbita::kernel::automation
