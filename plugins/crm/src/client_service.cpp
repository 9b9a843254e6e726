// SPDX-License-Identifier: Apache-2.0
#include "client_service.hpp"

#include "client_input.hpp"
#include "record_query.hpp"

#include <algorithm>
#include <set>

namespace orbita::plugins::crm {

namespace {

// Records that point at a client, by type and field: re-pointed when clients merge.
const std::vector<std::pair<const char*, const char*>> kClientReferences = {
    {"deal", "client"}, {"task", "client"}, {"event", "client"}, {"request", "client"}, {"project", "customer"},
    {"contact_person", "client"}};

// Client fields a merge fills in on the kept client when it has none.
const std::vector<const char*> kMergeFillFields = {"first_name", "last_name", "middle_name", "birth_date", "address",
                                                   "organization"};

sdk::Result<void> add_contacts(sdk::Records& records, std::int64_t client, const ClientDraft& draft) {
    for (std::size_t i = 0; i < draft.phones.size(); ++i) {
        CRM_CHECK(records.create("client_phone", {{"client", client}, {"phone", draft.phones[i]}, {"position", i}}));
    }
    for (std::size_t i = 0; i < draft.emails.size(); ++i) {
        CRM_CHECK(records.create("client_email", {{"client", client}, {"email", draft.emails[i]}, {"position", i}}));
    }
    return {};
}

// "Иванов Иван Иванович": the names a client has, for the merge note.
std::string display_name(const nlohmann::json& client) {
    std::string out;
    for (const char* f : {"last_name", "first_name", "middle_name"}) {
        const auto name = client.value(f, nlohmann::json());
        if (name.is_string() && !name.get<std::string>().empty()) out += (out.empty() ? "" : " ") + name.get<std::string>();
    }
    return out;
}

bool empty_value(const nlohmann::json& v) { return v.is_null() || (v.is_string() && v.get<std::string>().empty()); }

}  // namespace

sdk::Result<std::vector<std::int64_t>> ClientService::clients_with(sdk::Records& records, const std::vector<std::string>& phones,
                                                                   const std::vector<std::string>& emails) const {
    std::set<std::int64_t> ids;
    // The kernel reads each filter value as its field's type: a phone in any format is
    // compared in E.164, and a value that is no phone (or e-mail) is refused.
    const auto collect = [&](const char* type, const char* field, const char* list, const std::vector<std::string>& values,
                             const char* code, const char* what) -> sdk::Result<void> {
        for (std::size_t i = 0; i < values.size(); ++i) {
            auto found = list_all(records, type, {{std::string("filter[") + field + "]", values[i]}});
            if (!found.ok()) {
                if (found.error().status != 400 && found.error().status != 422) return found.error();
                return sdk::fail(code, std::string(list) + "[" + std::to_string(i) + "]: '" + values[i].substr(0, 64) +
                                           "' is not " + what, 422);
            }
            for (const auto& r : found.value()) ids.insert(r["client"].get<std::int64_t>());
        }
        return {};
    };
    CRM_CHECK(collect("client_phone", "phone", "phones", phones, "invalid-phone", "a phone number"));
    CRM_CHECK(collect("client_email", "email", "emails", emails, "invalid-email", "an e-mail address"));
    return std::vector<std::int64_t>(ids.begin(), ids.end());
}

sdk::Result<nlohmann::json> ClientService::clients_by_id(sdk::Records& records, const std::vector<std::int64_t>& ids) const {
    nlohmann::json out = nlohmann::json::array();
    if (ids.empty()) return out;
    auto found = list_all(records, "client", {{"filter[id][in]", id_list(ids)}, {"sort", "id"}});
    if (!found.ok()) return found.error();
    for (const auto& client : found.value()) {
        auto full = get(records, id_of(client));
        if (!full.ok()) return full.error();
        out.push_back(full.value());
    }
    return out;
}

sdk::Response ClientService::create(sdk::Records& records, const nlohmann::json& body) const {
    auto draft = read_client_draft(body);
    if (!draft.ok()) return sdk::Response::from_error(draft.error());
    auto existing = clients_with(records, draft.value().phones, draft.value().emails);
    if (!existing.ok()) return sdk::Response::from_error(existing.error());
    if (!existing.value().empty() && !draft.value().allow_duplicates) {
        auto candidates = clients_by_id(records, existing.value());
        if (!candidates.ok()) return sdk::Response::from_error(candidates.error());
        auto answer = sdk::Response::problem(409, "duplicate-client",
                                             "a client with the same phone or e-mail exists; merge into it, or create with "
                                             "\"allow_duplicates\": true");
        answer.body["candidates"] = candidates.value();
        return answer;
    }
    std::int64_t id = 0;
    auto written = records.transaction([&]() -> sdk::Result<void> {
        auto stored = store(records, draft.value());
        if (!stored.ok()) return stored.error();
        id = stored.value();
        return {};
    });
    if (!written.ok()) return sdk::Response::from_error(written.error());
    auto full = get(records, id);
    if (!full.ok()) return sdk::Response::from_error(full.error());
    return sdk::Response::json(full.value(), 201);
}

sdk::Result<std::int64_t> ClientService::store(sdk::Records& records, const ClientDraft& draft) const {
    auto client = records.create("client", draft.fields);
    if (!client.ok()) return client.error();
    CRM_CHECK(add_contacts(records, id_of(client.value()), draft));
    return id_of(client.value());
}

sdk::Result<nlohmann::json> ClientService::get(sdk::Records& records, std::int64_t id) const {
    auto client = records.get("client", id);
    if (!client.ok()) return client.error();
    nlohmann::json out = client.value();
    const nlohmann::json by_client = {{"filter[client]", std::to_string(id)}, {"sort", "position"}};
    auto phones = list_all(records, "client_phone", by_client);
    if (!phones.ok()) return phones.error();
    auto emails = list_all(records, "client_email", by_client);
    if (!emails.ok()) return emails.error();
    out["phones"] = nlohmann::json::array();
    for (const auto& p : phones.value())
        out["phones"].push_back({{"id", p["id"]}, {"e164", p["phone"]["e164"]}, {"raw", p["phone"]["raw"]}});
    out["emails"] = nlohmann::json::array();
    for (const auto& e : emails.value()) out["emails"].push_back({{"id", e["id"]}, {"email", e["email"]}});
    return out;
}

sdk::Result<nlohmann::json> ClientService::merge(sdk::Records& records, std::int64_t keep, std::int64_t from) const {
    if (keep == from) return sdk::fail("invalid-merge", "a client cannot be merged into itself", 422);
    auto kept = get(records, keep);
    if (!kept.ok()) return kept.error();
    auto gone = get(records, from);
    if (!gone.ok()) return gone.error();
    if (!gone.value().value("archived_at", nlohmann::json()).is_null())
        return sdk::fail("invalid-merge", "client " + std::to_string(from) + " is archived (already merged?)", 409);

    auto work = [&]() -> sdk::Result<void> {
        std::set<std::string> kept_phones, kept_emails;
        for (const auto& p : kept.value()["phones"]) kept_phones.insert(p["e164"].get<std::string>());
        for (const auto& e : kept.value()["emails"]) kept_emails.insert(e["email"].get<std::string>());
        for (const auto& p : gone.value()["phones"]) {
            auto moved = kept_phones.count(p["e164"].get<std::string>()) ? records.archive("client_phone", p["id"].get<std::int64_t>())
                                                                           : records.update("client_phone", p["id"].get<std::int64_t>(), {{"client", keep}}, 0);
            CRM_CHECK(moved);
        }
        for (const auto& e : gone.value()["emails"]) {
            auto moved = kept_emails.count(e["email"].get<std::string>()) ? records.archive("client_email", e["id"].get<std::int64_t>())
                                                                           : records.update("client_email", e["id"].get<std::int64_t>(), {{"client", keep}}, 0);
            CRM_CHECK(moved);
        }
        for (const auto& [type, field] : kClientReferences) {
            auto pointing = list_all(records, type, {{std::string("filter[") + field + "]", std::to_string(from)}, {"archived", "all"}});
            if (!pointing.ok()) return pointing.error();
            for (const auto& r : pointing.value()) CRM_CHECK(records.update(type, id_of(r), {{field, keep}}, 0));
        }
        nlohmann::json fill = nlohmann::json::object();
        for (const char* f : kMergeFillFields) {
            auto mine = kept.value().value(f, nlohmann::json()), theirs = gone.value().value(f, nlohmann::json());
            if (empty_value(mine) && !empty_value(theirs)) fill[f] = theirs;
        }
        if (!fill.empty()) CRM_CHECK(records.update("client", keep, fill, 0));
        CRM_CHECK(records.update("client", from, {{"merged_into", keep}}, 0));
        CRM_CHECK(records.archive("client", from));
        auto note = records.create("note", {{"about_type", "client"}, {"about_id", keep},
                                            {"text", "Merged client #" + std::to_string(from) + " (" +
                                                         display_name(gone.value()) + ") into this client"}});
        if (!note.ok()) return note.error();
        return {};
    };
    CRM_CHECK(records.transaction(work));
    return get(records, keep);
}

sdk::Result<nlohmann::json> ClientService::create_organization(sdk::Records& records, const nlohmann::json& body) const {
    if (!body.is_object()) return sdk::fail("invalid-input", "the body must be a JSON object with the organization's fields", 422);
    return records.create("organization", body);  // the organization write hook checks name, INN and checksum
}

}  // namespace orbita::plugins::crm
