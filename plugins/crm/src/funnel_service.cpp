// SPDX-License-Identifier: Apache-2.0
#include "funnel_service.hpp"

#include "record_query.hpp"

namespace orbita::plugins::crm {

namespace {

sdk::Result<FunnelDraft> read_funnel(const nlohmann::json& body) {
    if (!body.is_object() || !body.value("name", nlohmann::json()).is_string() || !body.value("key", nlohmann::json()).is_string())
        return sdk::fail("invalid-input", "a funnel needs a name and a key (strings)", 422);
    FunnelDraft draft{body["key"].get<std::string>(), body["name"].get<std::string>(), default_funnel().stages};
    CRM_CHECK(check_key("funnel key", draft.key));
    if (body.contains("stages")) {
        if (!body["stages"].is_array() || body["stages"].empty())
            return sdk::fail("invalid-input", "stages must be a non-empty array of {key, name}", 422);
        draft.stages.clear();
        for (const auto& s : body["stages"]) {
            if (!s.is_object() || !s.value("key", nlohmann::json()).is_string() || !s.value("name", nlohmann::json()).is_string())
                return sdk::fail("invalid-input", "each stage needs a key and a name (strings)", 422);
            draft.stages.push_back({s["key"].get<std::string>(), s["name"].get<std::string>()});
        }
    }
    return draft;
}

}  // namespace

sdk::Result<nlohmann::json> FunnelService::with_stages(sdk::Records& records, nlohmann::json funnel) const {
    auto stages = list_all(records, "stage", {{"filter[funnel]", std::to_string(id_of(funnel))}, {"sort", "position"}});
    if (!stages.ok()) return stages.error();
    funnel["stages"] = stages.value();
    return funnel;
}

sdk::Result<nlohmann::json> FunnelService::create(sdk::Records& records, const nlohmann::json& body) const {
    auto draft = read_funnel(body);
    if (!draft.ok()) return draft.error();
    CRM_CHECK(check_stage_count(draft.value().stages.size(), stage_limit_));
    for (std::size_t i = 0; i < draft.value().stages.size(); ++i) {
        CRM_CHECK(check_key("stage key", draft.value().stages[i].key));
        for (std::size_t j = 0; j < i; ++j) {
            if (draft.value().stages[j].key == draft.value().stages[i].key)
                return sdk::fail("duplicate-key", "stage key '" + draft.value().stages[i].key + "' is given twice", 422);
        }
    }
    auto any = find_one(records, "funnel", {});
    if (!any.ok()) return any.error();
    if (auto same = find_one(records, "funnel", {{"filter[key]", draft.value().key}, {"archived", "all"}}); !same.ok() || !same.value().is_null())
        return same.ok() ? sdk::fail("duplicate-key", "a funnel with key '" + draft.value().key + "' exists", 409) : same.error();
    nlohmann::json fields = {{"name", draft.value().name}, {"key", draft.value().key}, {"is_default", any.value().is_null()}};
    if (body.contains("company")) fields["company"] = body["company"];
    nlohmann::json funnel;
    CRM_CHECK(records.transaction([&]() -> sdk::Result<void> {
        auto created = records.create("funnel", fields);
        if (!created.ok()) return created.error();
        funnel = created.value();
        for (std::size_t i = 0; i < draft.value().stages.size(); ++i) {
            const auto& s = draft.value().stages[i];
            CRM_CHECK(records.create("stage", {{"funnel", id_of(funnel)}, {"key", s.key}, {"name", s.name}, {"position", i}}));
        }
        return {};
    }));
    return with_stages(records, funnel);
}

sdk::Result<nlohmann::json> FunnelService::add_stage(sdk::Records& records, std::int64_t funnel_id, const nlohmann::json& body) const {
    auto funnel = records.get("funnel", funnel_id);
    if (!funnel.ok()) return funnel.error();
    if (!body.is_object() || !body.value("key", nlohmann::json()).is_string() || !body.value("name", nlohmann::json()).is_string())
        return sdk::fail("invalid-input", "a stage needs a key and a name (strings)", 422);
    const auto key = body["key"].get<std::string>();
    CRM_CHECK(check_key("stage key", key));
    auto full = with_stages(records, funnel.value());
    if (!full.ok()) return full.error();
    const auto& stages = full.value()["stages"];
    CRM_CHECK(check_stage_count(stages.size() + 1, stage_limit_));
    for (const auto& s : stages) {
        if (s["key"] == key) return sdk::fail("duplicate-key", "the funnel has a stage with key '" + key + "'", 409);
    }
    return records.create("stage", {{"funnel", funnel_id}, {"key", key}, {"name", body["name"]}, {"position", stages.size()}});
}

sdk::Result<void> FunnelService::remove(sdk::Records& records, std::int64_t funnel_id) const {
    auto funnel = records.get("funnel", funnel_id);
    if (!funnel.ok()) return funnel.error();
    auto deals = records.list("deal", {{"filter[pipeline]", funnel.value()["key"]}, {"archived", "all"}, {"limit", "1"}, {"count", "true"}});
    if (!deals.ok()) return deals.error();
    if (!deals.value()["items"].empty()) {
        const auto count = deals.value().value("total", nlohmann::json(1)).dump();
        return sdk::fail("funnel-not-empty", "the funnel holds " + count + " deal(s); move or close them first", 409);
    }
    auto full = with_stages(records, funnel.value());
    if (!full.ok()) return full.error();
    return records.transaction([&]() -> sdk::Result<void> {
        for (const auto& s : full.value()["stages"]) CRM_CHECK(records.archive("stage", id_of(s)));
        CRM_CHECK(records.archive("funnel", funnel_id));
        return {};
    });
}

sdk::Result<nlohmann::json> FunnelService::ensure_default(sdk::Records& records) const {
    auto current = find_one(records, "funnel", {{"filter[is_default]", "true"}});
    if (!current.ok()) return current.error();
    if (!current.value().is_null()) return with_stages(records, current.value());
    auto any = find_one(records, "funnel", {{"sort", "id"}});
    if (!any.ok()) return any.error();
    if (!any.value().is_null()) return with_stages(records, any.value());
    const auto d = default_funnel();
    nlohmann::json stages = nlohmann::json::array();
    for (const auto& s : d.stages) stages.push_back({{"key", s.key}, {"name", s.name}});
    return create(records, {{"key", d.key}, {"name", d.name}, {"stages", stages}});
}

sdk::Result<nlohmann::json> FunnelService::by_key(sdk::Records& records, const std::string& key) const {
    auto funnel = find_one(records, "funnel", {{"filter[key]", key}});
    if (!funnel.ok()) return funnel.error();
    if (funnel.value().is_null()) return sdk::fail("unknown-funnel", "there is no funnel with key '" + key + "'", 422);
    return with_stages(records, funnel.value());
}

}  // namespace orbita::plugins::crm
